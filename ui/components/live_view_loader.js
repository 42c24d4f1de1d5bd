// What each frame of the live view carries: a loader. The drawing code is a static file the
// browser fetches once from this app (app/static/, server.enableStaticServing) and caches.
const view = import(new URL("app/static/live_view.js", document.baseURI).href);
export default function (component) { view.then(m => m.mount(component)); }

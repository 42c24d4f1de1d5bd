// The live network view: inputs, hidden units and output as a diagram, and the prediction
// map, drawn on canvases from compact bytes (see ui/live_view.py for the layout of `bin`).
const ORANGE = [245, 147, 34], GREY = [232, 234, 235], BLUE = [8, 119, 189];
const CLASSES = [[245, 147, 34], [8, 119, 189], [56, 161, 105], [155, 89, 182], [214, 39, 40],
                 [140, 86, 75]];

const POINTS = new Map();  // point-set id -> its bytes, as last sent

function mix(a, b, t) { return [0, 1, 2].map(i => a[i] + (b[i] - a[i]) * t); }
function diverging(t) { return t < 0.5 ? mix(ORANGE, GREY, 2 * t) : mix(GREY, BLUE, 2 * t - 1); }
// colours by byte, computed once: a frame paints tens of thousands of pixels
const table = f => Array.from({length: 256}, (_, v) => f(v).map(Math.round));
const DIVERGING = table(v => diverging(v / 255)), SPLIT = table(v => v < 128 ? ORANGE : BLUE);
const SHADES = CLASSES.map(c => table(v => mix(GREY, c, v / 255)));
function css(c, a = 1) { return `rgba(${c[0] | 0},${c[1] | 0},${c[2] | 0},${a})`; }

async function unpack(b64) {
  const raw = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
  const stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// a side x side byte grid (rows along x2, row 0 lowest) as an image, top row = highest x2
function image(bytes, side, colour) {
  const img = new ImageData(side, side);
  for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) {
    const rgb = colour(bytes[r * side + c], r * side + c), o = ((side - 1 - r) * side + c) * 4;
    img.data[o] = rgb[0]; img.data[o + 1] = rgb[1]; img.data[o + 2] = rgb[2]; img.data[o + 3] = 255;
  }
  const cv = new OffscreenCanvas(side, side);
  cv.getContext("2d").putImageData(img, 0, 0);
  return cv;
}

function mapColour(d, bin) {
  const res = d.res, n = res * res, conf = bin.subarray(n, 2 * n);
  if (d.diverged) return () => GREY;  // NaN outputs: no prediction to colour
  if (d.task === "multiclass")
    return (v, i) => SHADES[v % CLASSES.length][d.discrete ? 255 : conf[i]];
  return v => (d.discrete ? SPLIT : DIVERGING)[v];
}

function layout(d, width, room) {
  const cols = 2 + d.widths.length, stacked = width < 620;
  // beside the diagram, the map also fits in what is left of the first screen (presenter
  // mode's larger text pushes it down)
  const mapSide = Math.min(stacked ? width : width * 0.42, 300 * d.scale,
                           stacked ? Infinity : Math.max(220, room));
  const netW = stacked ? width : width - mapSide - 16 * d.scale;
  const rows = Math.max(d.feat.length, ...d.shown, 1);
  const top = 18 * d.scale, foot = 36 * d.scale;
  // beside the map, the diagram is no taller than it; stacked, it has its own height
  const fit = stacked ? Infinity : (mapSide - top - foot) / (rows * 1.35);
  const node = Math.max(12, Math.min(40 * d.scale, (netW / cols) * 0.42, fit));
  const gapY = node * 0.35;
  const netH = top + rows * (node + gapY) + foot;
  return {stacked, mapSide, netW, node, gapY, top, cols, colW: netW / cols,
          height: stacked ? netH + mapSide + 8 : Math.max(netH, mapSide)};
}

// undo the server's row differences (ui/live_view.py `sub`) on every grid, in place, and keep
// the points the frame brings (later frames come without them)
function unfilter(d, bin) {
  const rows = [[d.res, d.res * (d.task === "multiclass" ? 2 : 1)],
                [d.thumb, d.thumb * (d.feat.length + d.shown.reduce((a, b) => a + b, 0))]];
  let o = 0;
  for (const [side, count] of rows)
    for (let r = 0; r < count; r++, o += side)
      for (let i = 1; i < side; i++) bin[o + i] = (bin[o + i] + bin[o + i - 1]) & 255;
  // then the drawn weights and biases, int16 in units of their layer's max / 32767
  const cols = [d.feat.length, ...d.shown, d.out], L = cols.length - 1, view = new DataView(bin.buffer);
  const read = (k, n) => Array.from({length: n}, () => {
    const q = view.getInt16(o, true); o += 2;
    return q === -32768 ? NaN : q * d.wmax[k] / 32767;
  });
  d.w = cols.slice(1).map((n, l) => Array.from({length: n}, () => read(l, cols[l])));
  d.b = cols.slice(1).map((n, l) => read(L + l, n));
  if (d.has_pts) POINTS.set(d.pts, bin.slice(o));
  return bin;
}

function draw(el, d, bin) {
  const room = window.innerHeight - el.getBoundingClientRect().top - 24;
  const width = el.clientWidth || 700, L = layout(d, width, room), dpr = window.devicePixelRatio || 1;
  const cv = el.querySelector("canvas");
  cv.style.width = width + "px"; cv.style.height = L.height + "px";
  cv.width = Math.round(width * dpr); cv.height = Math.round(L.height * dpr);
  const g = cv.getContext("2d"), ink = getComputedStyle(el).color;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.font = `${11 * d.scale}px sans-serif`; g.textAlign = "center"; g.fillStyle = ink;
  const res = d.res, t2 = d.thumb * d.thumb, boxes = [], links = [];
  let off = res * res * (d.task === "multiclass" ? 2 : 1);
  // on a narrow screen the map comes first (next to Play), the diagram under it
  const dy = L.stacked ? L.mapSide + 8 : 0;
  const node = (col, row) => [col * L.colW + (L.colW - L.node) / 2, dy + L.top + row * (L.node + L.gapY)];
  // nodes: inputs, hidden layers, output; thumbnails on a diverging scale around 0
  const columns = [d.feat.length, ...d.shown, 1];
  const grids = [];
  for (let col = 0; col < columns.length - 1; col++)
    for (let u = 0; u < columns[col]; u++) { grids.push([col, u, bin.subarray(off, off + t2)]); off += t2; }
  // links first, under the nodes: width grows with |w|, colour gives the sign
  d.w.forEach((W, l) => W.forEach((row, o) => row.forEach((w, i) => {
    const [x0, y0] = node(l, i), [x1, y1] = node(l + 1, o);
    const a = [x0 + L.node, y0 + L.node / 2], b = [x1, y1 + L.node / 2];
    g.strokeStyle = css(w < 0 ? ORANGE : BLUE, 0.85);
    g.lineWidth = Math.min(8, 0.5 + 2.5 * Math.abs(w)) * d.scale;
    g.beginPath(); g.moveTo(...a);
    g.bezierCurveTo((a[0] + b[0]) / 2, a[1], (a[0] + b[0]) / 2, b[1], ...b); g.stroke();
    links.push({a, b, text: `${d.labels.weight} ${w.toPrecision(3)}`});
  })));
  g.imageSmoothingEnabled = true;
  for (const [col, u, bytes] of grids) {
    const [x, y] = node(col, u);
    g.drawImage(image(bytes, d.thumb, v => DIVERGING[v]), x, y, L.node, L.node);
    g.strokeStyle = ink; g.lineWidth = 0.5; g.strokeRect(x, y, L.node, L.node);
    const text = col === 0 ? d.feat[u]
      : `${d.labels.layer} ${col}, ${d.labels.unit} ${u + 1}: ${d.labels.bias} ${d.b[col - 1][u].toPrecision(3)}`;
    boxes.push({x, y, s: L.node, text});
    if (col === 0) { g.textAlign = "right"; g.fillText(d.feat[u], x - 3, y + L.node / 2 + 4); g.textAlign = "center"; }
  }
  const [ox, oy] = node(columns.length - 1, 0), map = image(bin.subarray(0, res * res), res, mapColour(d, bin));
  g.drawImage(map, ox, oy, L.node, L.node);
  g.strokeRect(ox, oy, L.node, L.node);
  boxes.push({x: ox, y: oy, s: L.node, text: d.labels.output});
  // per column: its name, "+N more", and (hidden layers) the gradient reaching its weights
  const base = dy + L.top + Math.max(...columns) * (L.node + L.gapY) + 4 * d.scale;
  columns.forEach((_, col) => {
    const cx = col * L.colW + L.colW / 2, hidden = col > 0 && col < columns.length - 1;
    g.fillText(col === 0 ? d.labels.input : hidden ? `${d.labels.layer} ${col}` : d.labels.output, cx, dy + 12 * d.scale);
    if (hidden && d.widths[col - 1] > d.shown[col - 1])
      g.fillText(`+${d.widths[col - 1] - d.shown[col - 1]} ${d.labels.more}`, cx, base + 2 * d.scale);
    if (hidden) {
      const gn = d.g[col - 1], bar = gn > 0 ? Math.max(0, Math.min(1, (Math.log10(gn) + 6) / 6)) : 0;
      g.fillStyle = css(BLUE, 0.25); g.fillRect(cx - L.node / 2, base + 8 * d.scale, L.node, 5 * d.scale);
      g.fillStyle = css(BLUE); g.fillRect(cx - L.node / 2, base + 8 * d.scale, L.node * bar, 5 * d.scale);
      g.fillStyle = ink;
      g.fillText(gn == null ? "–" : `‖g‖ ${gn.toExponential(1)}`, cx, base + 24 * d.scale);
    }
  });
  // the map: prediction, then training (white ring) and test (dark ring) points
  const mx = L.stacked ? 0 : width - L.mapSide, my = 0, s = L.mapSide;
  g.drawImage(map, mx, my, s, s);
  const [x0, x1, y0, y1] = d.ext, pts = POINTS.get(d.pts) || new Uint8Array(0);
  for (let p = 0; p + 2 < pts.length; p += 3) {
    const px = mx + (pts[p] + 0.5) / 256 * s, py = my + s - (pts[p + 1] + 0.5) / 256 * s;
    const code = pts[p + 2], test = code >= 128, v = code & 127;
    g.fillStyle = css(d.task === "multiclass" ? CLASSES[v % CLASSES.length]
                      : d.task === "binary" ? (v ? BLUE : ORANGE) : diverging(v / 127));
    g.strokeStyle = test ? "#000" : "#fff"; g.lineWidth = 1;
    g.beginPath(); g.arc(px, py, 3 * d.scale, 0, 7); g.fill(); g.stroke();
  }
  g.strokeStyle = ink; g.strokeRect(mx, my, s, s);
  if (d.diverged) { g.font = `${16 * d.scale}px sans-serif`; g.fillText(d.labels.diverged, mx + s / 2, my + s / 2); }
  el.__lv = {boxes, links, map: [mx, my, s], ext: [x0, x1, y0, y1], data: d};
}

function near(p, a, b) {  // distance to the segment a-b, a stand-in for the curve
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

// Loaded once per page by ui/components/live_view_loader.js, which each frame carries.
export function mount(component) {
  const {data, parentElement, setTriggerValue} = component;
  let el = parentElement.querySelector(".lv");
  if (!el) {
    el = document.createElement("div"); el.className = "lv";
    el.innerHTML = '<canvas></canvas><div class="tip"></div><a class="save" href="#">PNG</a>';
    parentElement.appendChild(el);
    const cv = el.querySelector("canvas"), tip = el.querySelector(".tip");
    const at = e => { const r = cv.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
    cv.addEventListener("mousemove", e => {
      const p = at(e), s = el.__lv; if (!s) return;
      const box = s.boxes.find(b => p[0] >= b.x && p[0] <= b.x + b.s && p[1] >= b.y && p[1] <= b.y + b.s);
      const link = box ? null : s.links.find(l => near(p, l.a, l.b) < 4);
      const text = box ? box.text : link ? link.text : "";
      tip.textContent = text; tip.style.display = text ? "block" : "none";
      tip.style.left = p[0] + 12 + "px"; tip.style.top = p[1] + 12 + "px";
    });
    cv.addEventListener("mouseleave", () => { tip.style.display = "none"; });
    cv.addEventListener("click", e => {
      const s = el.__lv, p = at(e); if (!s || !s.data.adding) return;
      const [mx, my, side] = s.map, u = (p[0] - mx) / side, v = 1 - (p[1] - my) / side;
      if (u < 0 || u > 1 || v < 0 || v > 1) return;
      const [x0, x1, y0, y1] = s.ext;
      setTriggerValue("add", [x0 + u * (x1 - x0), y0 + v * (y1 - y0)]);
    });
    el.querySelector(".save").addEventListener("click", e => {
      e.preventDefault();
      const a = document.createElement("a");
      a.href = cv.toDataURL("image/png"); a.download = "network.png"; a.click();
    });
    new ResizeObserver(() => { if (el.__lv) draw(el, el.__lv.data, el.__bin); }).observe(el);
  }
  // an update brings a few frames taken `gap` ms apart: they join a queue the view plays one
  // every `gap` ms, so an update that comes a little early or late does not skip a frame; a
  // queue that grows (the view falls behind) keeps only the newest update's frames
  el.style.cursor = data.adding ? "crosshair" : "default";
  const frames = data.frames.map(f => ({...data, ...f}));
  Promise.all(frames.map(d => unpack(d.bin))).then(bins => {
    const fresh = frames.filter(d => d.frame > (el.__last ?? -1));
    if (!fresh.length) return;  // an older update, decoded after a newer one
    el.__last = fresh[fresh.length - 1].frame;
    frames.forEach((d, i) => { if (fresh.includes(d)) d.bin = unfilter(d, bins[i]); });
    const queue = el.__queue || (el.__queue = []);
    queue.push(...fresh);
    if (queue.length > 2 * frames.length) queue.splice(0, queue.length - frames.length);
    el.dataset.update = el.__last;
    const play = () => {  // each frame `gap` ms after the last was due, not after it was drawn
      const d = queue.shift();
      if (!d) { el.__timer = null; return; }
      el.__bin = d.bin; draw(el, d, d.bin); el.dataset.frame = d.frame;
      el.__due += data.gap;
      el.__timer = setTimeout(play, Math.max(0, el.__due - performance.now()));
    };
    if (!el.__timer) { el.__due = performance.now(); play(); }
  });
}
"""A class of students on ONE `streamlit run` process, without a browser.

Each visitor is one websocket session at /_stcore/stream, as a browser tab: it speaks
Streamlit's own protocol (BackMsg `rerun_script` with a ClientState out; ForwardMsg deltas,
`navigation`, `page_info_changed`, `auto_rerun` and `script_finished` in). It sends every
widget value it has set with each rerun (the server keeps the others from the last run),
rewrites the URL of widgets bound to the query string as the browser does, and reruns a
fragment with `run_every` (the Training page while playing) on a timer that does not wait
for the last update, like the browser's setInterval. It draws nothing: the figures are the
server's side of a class, with this client's own CPU use printed for reference.

Scenarios (figures are printed at the end):
  alone        one visitor moves Gradient flow's depth slider every 3 s: rerun latency
  sliders N    N visitors do the same, staggered over the 3 s
  trainer      one visitor plays the Training page (the baseline): how long Play takes to
               answer, epochs/s read off the Epoch metric, fragment updates/s
  trainers N   N visitors press Play at once (a few ms apart) and watch, plus one visitor
               moving depth on Gradient flow; also GET /_stcore/health latency (once a
               second), the server's CPU %, RSS and threads, and how long it takes to go
               idle (under 5 % CPU) after everyone leaves

    python bench/bench_class.py --scenario sliders --visitors 30 --seconds 60
    python bench/bench_class.py --scenario trainers --visitors 30 --seconds 60
    python bench/bench_class.py --scenario trainer --seconds 20
    python bench/bench_class.py --scenario alone --url http://127.0.0.1:8501 --pid 1234

--url targets a server that is already running (CPU/RSS only with --pid, which takes
several comma-separated ids); otherwise bench/common.py's `serve()` starts one, with the
file watcher off unless --watch (someone saving a file would reload modules mid-run).
"""
import argparse
import asyncio
import collections
import json
import os
import statistics
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from common import p95, serve

FULL, FRAGMENT = ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
MOVE_EVERY = 3.0  # seconds between two slider moves of one visitor
EPOCH = "Epoch"   # the Training page's metric label (English)
SPEED = "0"       # Training's playback speed (--speed)
QUERY = ""        # more of the Training link (--query), e.g. "&layers=6&neurons=8"
BYTES = collections.Counter()  # what the trainers received while watching, by message kind
ERRORS: list[str] = []  # exceptions any page showed to any visitor


class Visitor:
    """One browser tab: a websocket session that opens a page, sets widgets and reruns."""

    def __init__(self, url: str):
        self.ws_url = url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
        self.page, self.query, self.page_hash = "", "", ""
        self.widgets: dict[str, tuple] = {}  # id -> (kind, key, label, URL parameter, default)
        self.states: dict[str, WidgetState] = {}            # what this tab has set
        self.done = {FULL: 0, FRAGMENT: 0}                  # runs finished, by kind
        self.views = 0                                      # network-view updates received
        self.frames = 0                                     # the frames they brought
        self.received = collections.Counter()               # bytes received, by message kind
        self.changed = asyncio.Event()
        self.timers: dict[str, asyncio.Task] = {}           # fragment id -> its auto-rerun timer
        self.epochs: list[tuple[float, float]] = []         # (time, value of the Epoch metric)
        self.ws = self.reader = None

    async def open(self, page: str, query: str = "", timeout: float = 120) -> float:
        """Connect and load `page` with `query` (what a browser does for /page?query)."""
        self.page, self.query = page, query
        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"],
                                           max_size=None, compression=None, open_timeout=60,
                                           ping_interval=None)  # a browser sends no pings
        self.reader = asyncio.create_task(self._read())
        return await self.rerun(timeout=timeout)

    async def close(self) -> None:
        for task in [*self.timers.values(), self.reader]:
            task.cancel()
        await self.ws.close()

    def find(self, key: str = "", label: str = "") -> str:
        """The id of the widget with user key `key` (ids end in "-key") or label `label`."""
        for wid, (_, k, lab, *_) in self.widgets.items():
            if (key and k == key) or (label and lab == label):
                return wid
        raise KeyError(key or label)

    def set(self, key: str, value) -> None:
        """Set widget `key` as a person would: a number, a bool, or None to press a button."""
        wid = self.find(key)
        (kind, _, _, param, default), state = self.widgets[wid], WidgetState(id=wid)
        if param:  # bound to the URL: the browser rewrites it, dropping a default value
            q = [(k, v) for k, v in parse_qsl(self.query, keep_blank_values=True) if k != param]
            text = str(int(value)) if float(value).is_integer() else repr(value)
            self.query = urlencode(q + ([] if value == default else [(param, text)]))
        if value is None:
            state.trigger_value = True  # sent once, like a click
        elif kind in ("slider", "select_slider"):
            state.double_array_value.data[:] = [value]
        else:
            field = {bool: "bool_value", int: "int_value", float: "double_value"}[type(value)]
            setattr(state, field, value)
        self.states[wid] = state

    async def rerun(self, fragment: str = "", wait: bool = True, timeout: float = 60) -> float:
        """Send a rerun with all widget states; seconds until it finished (a whole-page run:
        also one that reran itself with st.rerun), inf if it did not within `timeout`."""
        kind = FRAGMENT if fragment else FULL
        before, t = self.done[kind], time.perf_counter()
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string, cs.page_script_hash = self.query, self.page_hash
        cs.page_name = "" if self.page_hash else self.page  # the browser's first request
        cs.fragment_id, cs.is_auto_rerun = fragment, bool(fragment)
        cs.widget_states.widgets.extend(self.states.values())
        cs.context_info.timezone, cs.context_info.locale = "UTC", "en-US"
        cs.context_info.url = f"http://127.0.0.1/{self.page}?{self.query}"
        self.states = {i: s for i, s in self.states.items() if not s.HasField("trigger_value")}
        await self.ws.send(msg.SerializeToString())
        if not wait:
            return 0.0
        try:
            async with asyncio.timeout(timeout):
                while self.done[kind] == before:
                    self.changed.clear()
                    await self.changed.wait()
            return time.perf_counter() - t
        except TimeoutError:
            return float("inf")

    async def _read(self) -> None:
        async for raw in self.ws:
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            part = msg.delta.new_element.WhichOneof("type") if kind == "delta" else None
            self.received[part or kind] += len(raw)
            if kind == "new_session" and not msg.metadata.run.fragment_ids:
                self._stop_timers(list(self.timers))  # a whole-page run drops the timers
            elif kind == "navigation":  # st.navigation says which page this URL ran
                self.page_hash = msg.navigation.page_script_hash
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                self._element(msg.delta.new_element)
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "auto_rerun":
                fid, every = msg.auto_rerun.fragment_id, msg.auto_rerun.interval
                if fid not in self.timers:
                    self.timers[fid] = asyncio.create_task(self._tick(fid, every))
            elif kind == "stop_auto_rerun":
                self._stop_timers(msg.stop_auto_rerun.fragment_ids)
            elif kind == "script_finished" and msg.script_finished in self.done:
                self.done[msg.script_finished] += 1
                self.changed.set()

    def _element(self, el) -> None:
        kind = el.WhichOneof("type") or "empty"
        sub = getattr(el, kind)
        if kind == "exception":
            ERRORS.append(f"{self.page}: {sub.type}: {sub.message}")
        if kind == "bidi_component":  # a network-view update (one or two frames) arrived
            self.views += 1
            self.frames += len(json.loads(sub.json).get("frames", [None]))
        if kind == "metric" and sub.label == EPOCH and sub.body.replace(".", "").isdigit():
            self.epochs.append((time.perf_counter(), float(sub.body)))
        wid = getattr(sub, "id", "")
        if wid and isinstance(wid, str):
            key = wid.split("-", 2)[2] if wid.startswith("$$ID-") else ""  # $$ID-hash-key
            default = getattr(sub, "default", None)
            if not isinstance(default, (bool, int, float, str, type(None))):  # repeated
                default = default[0] if len(default) == 1 else list(default)
            self.widgets[wid] = (kind, key, getattr(sub, "label", ""),
                                 getattr(sub, "query_param_key", ""), default)

    async def _tick(self, fragment: str, every: float) -> None:
        """The browser's setInterval: a fragment rerun every `every` seconds, unawaited."""
        due = time.perf_counter()
        while True:
            due += every
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            await self.rerun(fragment, wait=False)

    def _stop_timers(self, ids) -> None:
        for fid in ids:
            if (task := self.timers.pop(fid, None)) is not None:
                task.cancel()


def figures(name: str, xs: list[float], unit: str = "ms", scale: float = 1000) -> None:
    ok = [scale * x for x in xs if x != float("inf")]
    lost = f"   ({len(xs) - len(ok)} timed out)" if len(ok) < len(xs) else ""
    if not ok:
        print(f"{name:<34} no figures{lost}")
        return
    print(f"{name:<34} median {statistics.median(ok):8.1f} {unit}   p95 "
          f"{p95(ok) if len(ok) > 1 else ok[0]:8.1f} {unit}   max {max(ok):8.1f} {unit}"
          f"   (n={len(ok)}){lost}")


async def crowd(visitors: list, start: asyncio.Event, ready: list) -> list:
    """Runs the visitors' coroutines; `start` is set once all of them have loaded their page
    (each appends itself to `ready`). Their results."""
    tasks = [asyncio.create_task(v) for v in visitors]
    t = time.perf_counter()
    while len(ready) < len(tasks):
        if failed := [task for task in tasks if task.done() and task.exception()]:
            raise failed[0].exception()
        await asyncio.sleep(0.05)
    print(f"{len(ready)} tab(s) loaded their page in {time.perf_counter() - t:.1f} s")
    start.set()
    return await asyncio.gather(*tasks)


async def slider_visitor(url: str, ready: list, start: asyncio.Event, delay: float,
                         seconds: float, seed: int | None = None) -> list[float]:
    """Opens Gradient flow, and from `delay` s after `start` to `seconds` after it moves depth
    every MOVE_EVERY s, from 10 up to 20 and back: the seconds of each move's rerun."""
    v = Visitor(url)
    await v.open("gradient_flow", "depth=10" + ("" if seed is None else f"&seed={seed}"))
    ready.append(v)
    await start.wait()
    end = time.perf_counter() + seconds
    await asyncio.sleep(delay)
    times, depth, step = [], 10, 1
    while time.perf_counter() < end:
        t = time.perf_counter()
        step = -1 if depth >= 20 else 1 if depth <= 10 else step
        depth += step
        v.set("depth", depth)
        times.append(await v.rerun())
        await asyncio.sleep(max(0.0, min(t + MOVE_EVERY, end) - time.perf_counter()))
    await v.close()
    return times


async def sliders(url: str, n: int, seconds: float, own_seed: bool, server=None) -> None:
    start, ready = asyncio.Event(), []
    runs = await crowd([slider_visitor(url, ready, start, i * MOVE_EVERY / n, seconds,
                                       i if own_seed else None) for i in range(n)], start, ready)
    figures(f"depth move, {n} visitor(s)", [t for ts in runs for t in ts])


async def trainer_visitor(url: str, ready: list, start: asyncio.Event, delay: float,
                          seconds: float) -> tuple[float, float, float, float]:
    """Opens Training, presses Play `delay` s after `start`, and watches until `seconds`
    after `start`: (seconds until Play was answered, epochs/s read off the Epoch metric,
    network-view frames and updates received per second)."""
    v = Visitor(url)
    await v.open("training", f"speed={SPEED}" + QUERY)
    ready.append(v)
    await start.wait()
    end = time.perf_counter() + seconds
    await asyncio.sleep(delay)
    v.set("tr_play_btn", None)
    answer = await v.rerun(timeout=seconds)
    v.epochs.clear()  # from the first update after playing began
    t, updates, frames, got = time.perf_counter(), v.views, v.frames, v.received.copy()
    await asyncio.sleep(max(0.0, end - time.perf_counter()))
    wall = time.perf_counter() - t
    marks, updates, frames = v.epochs, v.views - updates, v.frames - frames
    BYTES.update(v.received - got)
    BYTES["updates"] += updates
    BYTES["seconds"] += wall
    await v.close()
    if len(marks) < 2:
        return answer, 0.0, frames / wall, updates / wall
    (t0, e0), (t1, e1) = marks[0], marks[-1]
    return answer, (e1 - e0) / max(t1 - t0, 1e-9), frames / wall, updates / wall


class Server:
    """CPU % and RSS of the server's processes, from /proc."""

    def __init__(self, pids: list[int]):
        self.pids, self.tick = pids, os.sysconf("SC_CLK_TCK")

    def cpu_seconds(self) -> float:
        stats = [Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                 for pid in self.pids]
        return sum(int(f[11]) + int(f[12]) for f in stats) / self.tick  # utime + stime

    def status(self, field: str) -> int:
        """A number of /proc/PID/status (VmRSS in kB, Threads), summed over the processes."""
        return sum(int(line.split()[1]) for pid in self.pids for line in Path(
            f"/proc/{pid}/status").read_text().splitlines() if line.startswith(field + ":"))

    async def sample(self, start: asyncio.Event, stop: asyncio.Event, cpu: list, rss: list,
                     every: float = 1) -> None:
        """Every `every` s from `start` to `stop`: CPU % into `cpu`, (MB, threads) into `rss`."""
        await start.wait()
        rss.append((self.status("VmRSS") / 1024, self.status("Threads")))
        last, t = self.cpu_seconds(), time.perf_counter()
        while not stop.is_set():
            await asyncio.sleep(every)
            now, t_now = self.cpu_seconds(), time.perf_counter()
            cpu.append(100 * (now - last) / (t_now - t))
            rss.append((self.status("VmRSS") / 1024, self.status("Threads")))
            last, t = now, t_now

    async def idle_after(self, limit: float = 20, below: float = 5) -> float:
        """Seconds until a half-second of CPU use stays under `below` %, up to `limit`."""
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < limit:
            c0, t = self.cpu_seconds(), time.perf_counter()
            await asyncio.sleep(0.5)
            if 100 * (self.cpu_seconds() - c0) / (time.perf_counter() - t) < below:
                return time.perf_counter() - t0
        return float("inf")


async def health(url: str, start: asyncio.Event, stop: asyncio.Event, out: list) -> None:
    """GET /_stcore/health once a second from `start` to `stop`: the seconds of each."""
    await start.wait()
    while not stop.is_set():
        t = time.perf_counter()
        try:
            await asyncio.to_thread(lambda: urllib.request.urlopen(
                url + "/_stcore/health", timeout=30).close())
            out.append(time.perf_counter() - t)
        except OSError:
            out.append(float("inf"))
        await asyncio.sleep(max(0.0, t + 1 - time.perf_counter()))


async def trainers(url: str, n: int, seconds: float, own_seed: bool, server=None,
                   slider: bool = True) -> None:
    start, stop, ready, cpu, rss, pings = asyncio.Event(), asyncio.Event(), [], [], [], []
    tabs = [trainer_visitor(url, ready, start, 0.005 * i, seconds) for i in range(n)]
    if slider:
        tabs.append(slider_visitor(url, ready, start, 1.0, seconds))
    side = [health(url, start, stop, pings)]
    if server:
        side.append(server.sample(start, stop, cpu, rss))
    side = [asyncio.create_task(s) for s in side]
    runs = await crowd(tabs, start, ready)
    results, moves = (runs[:-1], runs[-1]) if slider else (runs, [])
    stop.set()  # everyone has left
    idle = await server.idle_after() if server else None
    await asyncio.gather(*side)
    answers, rates, frames, updates = zip(*results)
    print(f"Play presses answered: {sum(a != float('inf') for a in answers)}/{n}")
    figures("Play answer", answers)
    for name, xs in (("epochs/s", sorted(rates)), ("view frames/s", sorted(frames)),
                     ("updates/s", sorted(updates))):
        print(f"{name} per trainer: min {xs[0]:.1f}   median {statistics.median(xs):.1f}"
              f"   max {xs[-1]:.1f}   all {sum(xs):.1f}")
    seconds_in_all, updates = BYTES.pop("seconds"), BYTES.pop("updates")
    total = sum(BYTES.values())
    print(f"received per trainer: {total / 1000 / seconds_in_all:.0f} KB/s, "
          f"{total / 1000 / max(updates, 1):.1f} KB per view update; by kind (KB/s): "
          + ", ".join(f"{k} {b / 1000 / seconds_in_all:.1f}" for k, b in BYTES.most_common(6)))
    if slider:
        figures("depth move (1 visitor, meanwhile)", moves)
    figures("GET /_stcore/health", pings)
    if server:
        figures("server CPU", cpu, "%", 1)
        (mb0, th0), (mb1, th1) = rss[0], rss[-1]
        print(f"server RSS: before {mb0:.0f} MB   max {max(m for m, _ in rss):.0f} MB   end "
              f"{mb1:.0f} MB;  threads: before {th0}   max {max(t for _, t in rss)}   end {th1}")
        print(f"idle (< 5 % CPU) after everyone left: {idle:.1f} s")


SCENARIOS = {"alone": lambda url, n, *rest: sliders(url, 1, *rest), "sliders": sliders,
             "trainer": lambda url, n, *rest: trainers(url, 1, *rest, slider=False),
             "trainers": trainers}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scenario", choices=SCENARIOS, required=True)
    ap.add_argument("--visitors", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--own-seed", action="store_true",
                    help="slider visitors: each its own seed in the link (no shared cache)")
    ap.add_argument("--speed", type=float, default=0,
                    help="Training's playback speed in epochs/s (0, the default: full speed)")
    ap.add_argument("--query", default="", help="more of the Training link, e.g. "
                    "'&layers=6&neurons=8'")
    ap.add_argument("--url", help="a running server, e.g. http://127.0.0.1:8501")
    ap.add_argument("--pid", help="its process ids (comma-separated), for CPU %% and RSS")
    ap.add_argument("--watch", action="store_true", help="keep the file watcher on (off by "
                    "default: edits made during a run would reload modules mid-run)")
    a = ap.parse_args()
    global SPEED, QUERY
    SPEED, QUERY = f"{a.speed:g}", a.query
    proc, cpu0 = None, time.process_time()
    if a.url:
        url, pids = a.url.rstrip("/"), [int(p) for p in a.pid.split(",")] if a.pid else []
    else:
        proc, url = serve(env={} if a.watch else {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"})
        pids = [proc.pid]
    print(f"{time.strftime('%H:%M:%S')} {a.scenario} visitors={a.visitors} "
          f"seconds={a.seconds:g} url={url} load={os.getloadavg()[0]:.2f}")
    try:
        asyncio.run(SCENARIOS[a.scenario](url, a.visitors, a.seconds, a.own_seed,
                                          Server(pids) if pids else None))
        for error in sorted(set(ERRORS)):
            print(f"shown {ERRORS.count(error)}x: {error}")
        print(f"(this client used {time.process_time() - cpu0:.1f} s of CPU)")
    finally:
        if proc:
            proc.terminate()
            proc.wait()


if __name__ == "__main__":
    main()

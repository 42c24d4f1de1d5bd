"""What the page benchmarks share: driving a page through AppTest and printing figures."""
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

APP = str(ROOT / "app.py")


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20, method="inclusive")[18]


def moves(page: str, params: dict, widget: str, key: str, values) -> list[float]:
    """Seconds of each page rerun after setting widget `key` to each of `values` in turn."""
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v if isinstance(v, list) else str(v)
    at.run()
    at.switch_page(page).run()
    times = []
    for v in values:
        getattr(at, widget)(key=key).set_value(v)
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
        assert not at.exception, at.exception
    return times


def report(name: str, times: list[float]) -> None:
    ms = [1000 * t for t in times]
    print(f"{name:<58} median {statistics.median(ms):7.1f} ms   p95 {p95(ms):7.1f} ms"
          f"   (n={len(ms)})")


def serve(launcher: tuple[str, ...] = ("-m", "streamlit"), env: dict | None = None,
          cpus: str | None = None) -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` on a free port of 127.0.0.1 (through `launcher`, e.g. a script
    that wraps streamlit's command line), on CPUs `cpus` ("0") if given; returns the process
    and its URL once healthy."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    pin = ["taskset", "-c", cpus] if cpus else []
    proc = subprocess.Popen([*pin, sys.executable, *launcher, "run", "app.py", "--server.port",
                             str(port), "--server.address", "127.0.0.1"],
                            cwd=ROOT, env=os.environ | (env or {}),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("streamlit did not start")


def keep_off_cpu0() -> None:
    """This process, and what it starts next (Playwright's driver, Chromium), on CPU 1 only:
    the server, started before, keeps CPU 0 to itself. Left free to roam, the bench and the
    driver also ran on CPU 0 and preempted the server."""
    os.sched_setaffinity(0, {1})


def chromium(playwright):
    """Debian's Chromium, headless (on the CPUs this process may use: see `keep_off_cpu0`)."""
    return playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
        "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"])


def timed_server(log: Path, cpus: str | None = None):
    """`streamlit run app.py` through bench/timed_server.py, which logs its runs' durations."""
    return serve((str(ROOT / "bench" / "timed_server.py"),), {"RUN_LOG": str(log)}, cpus)


def logged_runs(log: Path, fragments: bool) -> list[float]:
    """Seconds of each fragment run (or whole-page run) logged so far."""
    rows = [line.split() for line in log.read_text().splitlines()] if log.exists() else []
    return [float(ms) / 1000 for ms, fragment in rows if fragment == str(int(fragments))]


def browser_moves(path: str, sliders: dict[str, str], n: int, fragments: bool = False,
                  query: str = "", apart: bool = False
                  ) -> dict[str, tuple[list[float], list[float]]]:
    """Debian's Chromium opens page `path` of `streamlit run` (with the link's `query`) and
    moves each slider (key -> name) `n` times with the arrow keys, back and forth between its
    ends. Per slider: (the server's seconds per rerun, whole page or fragment as `fragments`
    says; the seconds from each rerun request leaving the page to "script finished" arriving,
    read off the websocket, which also holds the wait while Chromium redraws the last charts).

    apart: the server on CPU 0 and Chromium (with this process and Playwright's driver) on
    CPU 1, as when the browser is on the visitor's own machine, and each move waits until
    Chromium has drawn the last one: the two CPUs share a cache and memory (a
    memory-heavy process on CPU 1 slowed the torch steps on CPU 0 by about a quarter),
    which a server never shares with a browser elsewhere."""
    from playwright.sync_api import sync_playwright
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    asked, done = [], []

    def sent(payload):
        msg = BackMsg()
        if isinstance(payload, bytes) and msg.ParseFromString(payload) is not None and \
                msg.WhichOneof("type") == "rerun_script":
            asked.append(time.perf_counter())

    def received(payload):
        msg = ForwardMsg()
        if isinstance(payload, bytes):
            msg.ParseFromString(payload)
            if msg.WhichOneof("type") == "script_finished" and len(done) < len(asked):
                done.append(time.perf_counter() - asked[len(done)])

    log = Path(tempfile.mkdtemp()) / "runs.log"
    proc, url = timed_server(log, "0" if apart else None)
    if apart:
        keep_off_cpu0()
    out = {}
    try:
        with sync_playwright() as p:
            browser = chromium(p)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("websocket", lambda ws: (ws.on("framesent", sent),
                                             ws.on("framereceived", received)))
            page.goto(f"{url}/{path}?{query}")
            page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=120_000)
            page.wait_for_function("() => !document.querySelector("
                                   "'[data-testid=\"stStatusWidget\"]')", timeout=120_000)
            page.wait_for_timeout(2000)
            for key, name in sliders.items():
                thumb = page.locator(f".st-key-{key} input[type=range]")
                thumb.scroll_into_view_if_needed()
                thumb.focus()
                start, ran, step = len(done), len(logged_runs(log, fragments)), "ArrowRight"
                for _ in range(n):
                    now, low, top = thumb.evaluate("e => [e.valueAsNumber, +e.min, +e.max]")
                    if now >= top:
                        step = "ArrowLeft"
                    elif now <= low:
                        step = "ArrowRight"
                    waiting = len(done)
                    thumb.press(step)
                    for _ in range(500):  # up to 10 s for the rerun to finish
                        if len(done) > waiting and len(done) == len(asked):
                            break
                        page.wait_for_timeout(20)
                    if apart:  # the drawing is done before the next move, as on its own machine
                        page.evaluate("() => new Promise(r => requestIdleCallback(r, "
                                      "{timeout: 2000}))")
                page.wait_for_timeout(300)  # the last run's line reaches the log
                out[name] = logged_runs(log, fragments)[ran:], done[start:]
            browser.close()
    finally:
        proc.terminate()
    return out

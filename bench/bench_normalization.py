"""Server-side time of a rerun of the Normalization page after a widget move.

    python bench/bench_normalization.py [--moves 20]

The epoch, batch-size and group sliders need no training: the runs are cached and the
rest is numpy. The feature-scaling sliders recompute one small least-squares problem per
map on a value not seen before (the first pass over their levels), then hit the cache. The
train-vs-eval sliders retrain one 3-layer network (up to 500 steps) per new value.

AppTest compiles the page script afresh on every run (a server compiles it once): the last
line prints that share of each figure. AppTest also reruns the whole page, while in the
browser each section is a fragment and a section's slider reruns that section alone: these
figures are the whole page's cost, an upper bound on what a slider move costs there.

    python bench/bench_normalization.py --browser [--moves 20]

measures that in the browser instead: Debian's Chromium moves each section's slider with the
arrow keys against `streamlit run` on 127.0.0.1 (through bench/timed_server.py). Two figures
per slider: the server's own time for each fragment rerun, and the time from the rerun
request leaving the page to "script finished" arriving, read off the websocket; the second
also holds the wait while Chromium, on the same two cores, redraws the previous charts.
"""
import argparse
import itertools
import statistics
import tempfile
import time
from pathlib import Path

from common import ROOT, moves, report, serve
from streamlit.runtime.scriptrunner.script_cache import ScriptCache

NM = "pages/normalization.py"


def cycle(values, n: int) -> list:
    """n moves through `values`, never setting the value the widget already holds."""
    return list(itertools.islice(itertools.cycle(values), n))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--moves", type=int, default=20)
    ap.add_argument("--browser", action="store_true", help="time fragment reruns in Chromium")
    args = ap.parse_args()
    n = args.moves
    if args.browser:
        for name, (server, seen) in in_browser(n).items():
            report(f"Normalization, {name}: server", server)
            report(f"Normalization, {name}: request to finish", seen)
        return
    report("Normalization: epoch moves (no training)",
           moves(NM, {}, "slider", "nm_ep", [i % 20 for i in range(n)]))
    report("Normalization: batch size moves (no training)",
           moves(NM, {}, "select_slider", "nm_b", cycle((16, 32, 64, 128, 256, 2, 4, 8), n)))
    report("Normalization: group moves (batch noise per new value)",
           moves(NM, {}, "select_slider", "nm_g", cycle((4, 8, 1, 2), n)))
    report("Normalization: feature scale moves (maps per new value)",
           moves(NM, {}, "select_slider", "nm_sc", cycle((30, 100, 1, 3, 10), n)))
    report("Normalization: GD steps moves (paths per new value)",
           moves(NM, {}, "select_slider", "nm_gd", cycle((50, 100, 200, 5, 10, 20), n)))
    report("Normalization: training-step moves (retrains, first pass)",
           moves(NM, {}, "select_slider", "nm_k", cycle((100, 200, 500, 0, 1, 2, 5, 10, 20), n)))
    print(f"{'  of which compiling the page script (AppTest, every run)':<58} median "
          f"{compile_ms():7.1f} ms")


def compile_ms() -> float:
    """Median time to read, rewrite (Streamlit's magic) and compile the page script."""
    times = []
    for _ in range(9):
        t = time.perf_counter()
        ScriptCache().get_bytecode(str(ROOT / NM))
        times.append(1000 * (time.perf_counter() - t))
    return statistics.median(times)

SECTIONS = {"nm_ep": "epoch", "nm_b": "batch size", "nm_g": "groups", "nm_sc": "feature scale",
            "nm_gd": "GD steps"}


def timed_server(log: Path):
    """`streamlit run app.py` that logs its runs' durations to `log`."""
    return serve((str(ROOT / "bench" / "timed_server.py"),), {"RUN_LOG": str(log)})


def fragment_runs(log: Path) -> list[float]:
    """Seconds of each fragment run logged so far."""
    rows = [line.split() for line in log.read_text().splitlines()] if log.exists() else []
    return [float(ms) / 1000 for ms, fragment in rows if fragment == "1"]


def in_browser(n: int) -> dict[str, tuple[list[float], list[float]]]:
    """Per section slider, `n` arrow-key moves: (the server's seconds per fragment rerun, the
    seconds from each rerun request to its end as the page sees them)."""
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
    proc, url = timed_server(log)
    out = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("websocket", lambda ws: (ws.on("framesent", sent),
                                             ws.on("framereceived", received)))
            page.goto(f"{url}/normalization")
            page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=120_000)
            page.wait_for_function("() => !document.querySelector("
                                   "'[data-testid=\"stStatusWidget\"]')", timeout=120_000)
            page.wait_for_timeout(2000)
            for key, name in SECTIONS.items():
                thumb = page.locator(f".st-key-{key} input[type=range]")
                thumb.scroll_into_view_if_needed()
                thumb.focus()
                start, ran, step = len(done), len(fragment_runs(log)), "ArrowRight"
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
                page.wait_for_timeout(300)  # the last run's line reaches the log
                out[name] = fragment_runs(log)[ran:], done[start:]
            browser.close()
    finally:
        proc.terminate()
    return out


if __name__ == "__main__":
    main()

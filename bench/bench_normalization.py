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

    python bench/bench_normalization.py --browser [--moves 20] [--apart]

measures that in the browser instead: Debian's Chromium moves each section's slider with the
arrow keys against `streamlit run` on 127.0.0.1 (through bench/timed_server.py). Two figures
per slider: the server's own time for each fragment rerun, and the time from the rerun
request leaving the page to "script finished" arriving, read off the websocket; the second
also holds the wait while Chromium, on the same two cores, redraws the previous charts.
--apart puts the server on CPU 0 and Chromium on CPU 1 instead.
"""
import argparse
import itertools
import statistics
import time

from common import ROOT, browser_moves, moves, report
from streamlit.runtime.scriptrunner.script_cache import ScriptCache

NM = "pages/normalization.py"


def cycle(values, n: int) -> list:
    """n moves through `values`, never setting the value the widget already holds."""
    return list(itertools.islice(itertools.cycle(values), n))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--moves", type=int, default=20)
    ap.add_argument("--browser", action="store_true", help="time fragment reruns in Chromium")
    ap.add_argument("--apart", action="store_true", help="--browser, with the server and "
                    "Chromium each on its own CPU")
    args = ap.parse_args()
    n = args.moves
    if args.browser or args.apart:
        for name, (server, seen) in browser_moves("normalization", SECTIONS, n, fragments=True,
                                                  apart=args.apart).items():
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


if __name__ == "__main__":
    main()

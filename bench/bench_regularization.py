"""Server-side time of a rerun of the Regularization page after a widget move.

    python bench/bench_regularization.py [--moves 20] [--apart]

λ and the rotation need no training (the geometry is exact, cached per rotation and κ); each
of their moves sets a value not seen before, so no cache hit flatters the figure. The dropout
rate p has six levels: after the first six moves its nn.Dropout run is cached. A training
control (the seed) retrains every network: its one cold rerun is printed separately.

AppTest reruns the whole page and adds its own work (it compiles the page script afresh and
parses every element it receives): an upper bound. In the browser each section is a
fragment with its own sliders, and a move reruns that section alone. --apart times those
fragment runs in `streamlit run` itself, on a CPU of its own, while Debian's Chromium on the
other moves the same sliders with the arrow keys (see common.browser_moves).
"""
import argparse
import time

from common import APP, AppTest, browser_moves, moves, report

RG = "pages/regularization.py"


def cold(key: str, widget: str, value) -> float:
    """Seconds of the rerun after one move that retrains (a value never trained before)."""
    at = AppTest.from_file(APP, default_timeout=300)
    at.run()
    at.switch_page(RG).run()
    getattr(at, widget)(key=key).set_value(value)
    t = time.perf_counter()
    at.run()
    assert not at.exception, at.exception
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--moves", type=int, default=20)
    ap.add_argument("--apart", action="store_true", help="time reruns of streamlit run")
    args = ap.parse_args()
    n = args.moves
    if args.apart:
        sliders = {"rg_lam": "λ moves", "rg_ang": "rotation moves", "rg_p": "dropout p moves"}
        for name, (server, seen) in browser_moves("regularization", sliders, n, fragments=True,
                                                  apart=True).items():
            report(f"Regularization, {name}: server", server)
            report(f"Regularization, {name}: request to finish", seen)
        return
    report("Regularization: λ moves (no training)",
           moves(RG, {}, "slider", "rg_lam", [round(0.05 + 0.07 * i, 2) for i in range(n)]))
    report("Regularization: rotation moves (no training, new geometry)",
           moves(RG, {}, "slider", "rg_ang", [(5 * (i + 7)) % 180 for i in range(n)]))
    report("Regularization: dropout p moves (6 levels, then cached)",
           moves(RG, {}, "select_slider", "rg_p", [(0.1, 0.2, 0.3, 0.5, 0.7, 0.9)[i % 6]
                                                     for i in range(n)]))
    print(f"{'Regularization: seed move, cold (trains 8 networks + a race)':<58} "
          f"{1000 * cold('rg_seed', 'number_input', 7):7.0f} ms")


if __name__ == "__main__":
    main()

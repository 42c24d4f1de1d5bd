"""Server-side time to recompute and redraw six optimizers x 500 steps after a slider move.

    python bench/bench_optimizer_paths.py [--moves 20] [--browser | --apart]

Every move sets a value not seen before, so neither the paths nor the surface come from the
cache unless the move leaves them unchanged (a start-point move keeps the surface).
AppTest adds its own work to each rerun (it compiles the page script afresh and parses every
element it receives); --browser times the reruns of `streamlit run` itself instead, while
Debian's Chromium moves sliders with the arrow keys (see common.browser_moves). The
condition-number, start, learning-rate and step sliders sit in the page's fragment, so the
server's figure is the fragment's rerun (a condition-number move also makes a new surface).
AppTest always reruns the whole page.
"""
import argparse
import itertools
import random
import time

from common import browser_moves, moves as page_moves, report

from playground import functions2d, paths  # noqa: E402

PAGE = "pages/optimizer_paths.py"
SIX = ["sgd", "momentum", "nesterov", "rmsprop", "adam", "newton"]


def moves(params: dict, widget: str, key: str, values) -> list[float]:
    return page_moves(PAGE, params, widget, key, values)


def engine(n: int) -> list[float]:
    """paths.compare alone, for the share of the rerun spent stepping torch.optim."""
    times = []
    for i in range(n):
        s = paths.Setup(optimizers=tuple(SIX), steps=500, start=(-2.5 + 0.01 * i, 1.5))
        t = time.perf_counter()
        paths.compare(s)
        times.append(time.perf_counter() - t)
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--moves", type=int, default=20)
    ap.add_argument("--browser", action="store_true", help="time reruns of streamlit run")
    ap.add_argument("--apart", action="store_true", help="--browser, with the server and "
                    "Chromium each on its own CPU")
    args = ap.parse_args()
    n = args.moves
    six = {"opts": SIX, "psteps": 500}
    if args.browser or args.apart:
        query = "&".join(f"opts={o}" for o in SIX) + "&psteps=500"
        sliders = {"x0": "start-x moves", "y0": "start-y moves", "at": "step scrubber moves"}
        runs = browser_moves("optimizer_paths", sliders, n, fragments=True, query=query,
                             apart=args.apart)
        # Each move below is new to the cache: from the lowest level up, from two starts.
        for key, name, top, low in (
                ("plr", "learning-rate moves", 13, "0.0001"),
                ("kappa", "condition-number moves (+ surface)", 9, "1")):
            server, seen = [], []
            for x0 in (-2.5, -1.5):
                got = browser_moves("optimizer_paths", {key: name}, top, fragments=True,
                                    apart=args.apart, query=f"{query}&{key}={low}&x0={x0}")[name]
                server, seen = server + got[0], seen + got[1]
            runs[name] = server, seen
        for name, (server, seen) in runs.items():
            report(f"6 x 500 steps, {name}: server", server)
            report(f"6 x 500 steps, {name}: request to finish", seen)
        return
    f = functions2d.FUNCTIONS["quadratic"]
    report("6 optimizers x 500 steps: start-x moves (page rerun)",
           moves(six, "slider", "x0", [round(f.start[0] + 0.05 * (i + 1), 2) for i in range(n)]))
    report("6 optimizers x 500 steps: learning-rate moves (page rerun)",
           moves(six, "select_slider", "plr", [0.002, 0.005, 0.01, 0.02, 0.1, 0.2, 0.5, 1.0,
                                                2.0, 0.001, 5e-4, 2e-4, 1e-4]))
    report("6 optimizers x 500 steps: condition-number moves (+ surface)",
           moves(six, "select_slider", "kappa", [1, 2, 5, 20, 50, 100, 200, 500, 1000]))
    sets = [list(c) for c in itertools.combinations(paths.OPTIMIZERS, 6)]
    random.Random(1).shuffle(sets)
    report("6 optimizers x 500 steps: a new set of six (whole page)",
           moves({"psteps": 500}, "multiselect", "opts", sets[:n]))
    report("6 optimizers x 500 steps: step scrubber moves (cache hit)",
           moves(six, "slider", "at", range(10, 10 + 10 * n, 10)))
    report("default page (4 optimizers x 200 steps): start-x moves",
           moves({}, "slider", "x0", [round(f.start[0] + 0.05 * (i + 1), 2) for i in range(n)]))
    report("paths.compare alone (6 x 500 torch.optim steps)", engine(n))


if __name__ == "__main__":
    main()

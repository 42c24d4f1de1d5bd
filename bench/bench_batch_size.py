"""Server-side time of a rerun of the Batch size page after a widget move that needs no
training (everything it shows is then cached, or measured once per dataset and seed).

    python bench/bench_batch_size.py [--moves 40] [--apart]

The first page load trains and measures (behind spinners) and is timed on its own. Each move
is timed as wall time and as CPU time of this process: on a shared machine the wall time also
counts waiting for the other processes, the CPU time is what the rerun itself costs.

--apart times the reruns of `streamlit run` itself, on a CPU of its own, while Debian's
Chromium on the other moves the k and path-epoch sliders with the arrow keys (see
common.browser_moves; the first visit to each path-epoch level runs SGD).
"""
import argparse
import time

from common import APP, AppTest, browser_moves, report

BS = "pages/batch_size.py"


def cold() -> float:
    """Seconds of the first load of the page (a true cold figure only as the first call)."""
    at = AppTest.from_file(APP, default_timeout=300)
    at.run()
    t = time.perf_counter()
    at.switch_page(BS).run()
    assert not at.exception, at.exception
    return time.perf_counter() - t


def moves(widget: str, key: str, values) -> tuple[list[float], list[float]]:
    """(wall, cpu) seconds of each rerun after setting widget `key` to each value in turn."""
    at = AppTest.from_file(APP, default_timeout=300)
    at.run()
    at.switch_page(BS).run()
    wall, cpu = [], []
    for v in values:
        getattr(at, widget)(key=key).set_value(v)
        t, c = time.perf_counter(), time.process_time()
        at.run()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        assert not at.exception, at.exception
    return wall, cpu


def both(name: str, times: tuple[list[float], list[float]]) -> None:
    report(name + " (wall)", times[0])
    report(name + " (cpu)", times[1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--moves", type=int, default=40)
    ap.add_argument("--apart", action="store_true", help="time reruns of streamlit run")
    args = ap.parse_args()
    n = args.moves
    if args.apart:
        sliders = {"bs_k": "k moves", "bs_pep": "path-epoch moves"}
        for name, (server, seen) in browser_moves("batch_size", sliders, n, apart=True).items():
            report(f"Batch size, {name}: server", server)
            report(f"Batch size, {name}: request to finish", seen)
        return
    print(f"{'Batch size: first load (trains, measures)':<58} {cold():7.2f} s")
    steps = [20 * (1 + i % 20) for i in range(n)]  # every checkpoint in turn, then again
    both("Batch size: k slider moves", moves("slider", "bs_k", steps))
    # the first four values run SGD on the 2-parameter model (up to 640 steps), then all hit
    wall, cpu = moves("select_slider", "bs_pep", [(1, 2, 10, 5)[i % 4] for i in range(n)])
    both("Batch size: path epochs, first visits (SGD paths)", (wall[:4], cpu[:4]))
    both("Batch size: path epochs, again (cached)", (wall[4:], cpu[4:]))


if __name__ == "__main__":
    main()

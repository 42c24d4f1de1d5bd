"""Server-side time of a rerun of the RNN vs LSTM page after a slider move.

    python bench/bench_rnn_lstm.py [--moves 20]

Each move sets a value not seen before, so no cache hit flatters the figure (hidden sizes
are few: each hidden move also changes the seed). The budget, p95 <= 150 ms, holds at
T = 100 and 64 hidden units; the largest setting (T = 200, 128 units) is shown too.
"""
import argparse
import time

from common import APP, AppTest, moves, report

RL = "pages/rnn_lstm.py"
BIG = {"rl_t": 100, "rl_h": 64}
HIDDEN = (4, 8, 16, 32, 64)


def hidden_moves(n: int) -> list[float]:
    """Seconds of each rerun after a hidden-size move, with a fresh seed every move."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["rl_t"] = "100"
    at.run()
    at.switch_page(RL).run()
    times = []
    for i in range(n):
        at.number_input(key="rl_seed").set_value(i + 1)
        at.select_slider(key="rl_h").set_value(HIDDEN[i % len(HIDDEN)])
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
        assert not at.exception, at.exception
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--moves", type=int, default=20)
    n = ap.parse_args().moves
    report("T=100 H=64: radius moves (RNN only)",
           moves(RL, BIG, "slider", "rl_rho", [round(0.1 + 0.05 * i, 2) for i in range(1, n + 1)]))
    report("T=100 H=64: forget-bias moves (LSTM only)",
           moves(RL, BIG, "slider", "rl_fb", [-3.0 + 0.5 * i for i in range(n)]))
    report("H=64: length moves up to 100 (three cells + sweep)",
           moves(RL, BIG, "slider", "rl_t", range(100 - n, 100)))
    report("T=100: hidden moves 4..64 (three cells + sweep)", hidden_moves(n))
    report("T=100 H=64: clip threshold moves (no engine call)",
           moves(RL, BIG, "select_slider", "rl_clip",
                 [(0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 1000.0)[i % 8] for i in range(n)]))
    report("T=200 H=128: length moves (largest setting)",
           moves(RL, {"rl_t": 200, "rl_h": 128}, "slider", "rl_t", range(200 - n, 200)))


if __name__ == "__main__":
    main()

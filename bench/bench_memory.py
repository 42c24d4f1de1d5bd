"""Memory of a long Play: RSS while one trainer runs for many epochs (what an hour of Play at
the default 30 epochs/s asks for is 108,000 epochs; --epochs sets how many to run).

    python bench/bench_memory.py [--epochs 20000] [--layers 2] [--neurons 4]

The history keeps at most Trainer.ROWS rows and the trajectory Trainer.SNAPSHOTS parameter
snapshots, so RSS should level off once both are full (after ROWS epochs).
"""
import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playground.nets import NetConfig  # noqa: E402
from playground.train import TrainConfig, Trainer  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=20_000)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--neurons", type=int, default=4)
    a = ap.parse_args()
    tr = Trainer(NetConfig(depth=a.layers, width=a.neurons), TrainConfig())
    print(f"{'epochs':>8}{'history rows':>14}{'snapshots':>11}{'RSS MB':>9}")
    t0, marks = time.perf_counter(), {round(a.epochs * k / 10) for k in range(1, 11)}
    for e in range(1, a.epochs + 1):
        for _ in range(tr.per_epoch):
            tr.step_quietly()
        if e in marks:
            print(f"{e:>8}{len(tr.history):>14}{len(tr.snapshots):>11}{rss_mb():>9.1f}")
    print(f"({a.epochs / (time.perf_counter() - t0):.0f} epochs/s)")


if __name__ == "__main__":
    main()

"""Training throughput: the raw engine, and the pace a person sees while playing.

    python bench/bench_training.py

Reference (TF Playground's own engine, src/nn.ts in node, on these machines): default network
~2,800 epochs/s raw and ~77 frames/s with drawing; [8]*6 ~316 epochs/s raw, ~12 frames/s.
"""
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from playground.nets import NetConfig  # noqa: E402
from playground.train import TrainConfig, Trainer  # noqa: E402

TF = {"default [4, 4]": (2, 4, 2800, 77), "[8] * 6": (6, 8, 316, 12)}


def raw(depth: int, width: int, seconds: float = 3.0) -> float:
    """Epochs per second of Trainer.step on 250 training points, batch 10, grad norms kept."""
    t = Trainer(NetConfig(depth=depth, width=width, activation="tanh"),
                TrainConfig(n=500, train_frac=0.5, lr=0.03, batch_size=10))
    t.step(t.per_epoch)  # warm up
    start, t0 = t.steps, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        t.step(t.per_epoch)
    return (t.steps - start) / t.per_epoch / (time.perf_counter() - t0)


def playing(depth: int, width: int, updates: int = 12) -> tuple[float, float, float]:
    """Server side, while playing: epochs/s and updates/s; then the ms of a paused rerun
    (controls and charts, no training)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["layers"], at.query_params["neurons"] = str(depth), str(width)
    at.run()
    at.switch_page("pages/training.py").run()
    at.button(key="tr_play_btn").click().run()
    trainer = at.session_state["tr_trainer"]
    start, t0 = trainer.steps, time.perf_counter()
    for _ in range(updates):
        at.run()
    wall = time.perf_counter() - t0
    epochs = (trainer.steps - start) / trainer.per_epoch
    at.button(key="tr_play_btn").click().run()
    t1 = time.perf_counter()
    for _ in range(5):
        at.run()
    return epochs / wall, updates / wall, 1000 * (time.perf_counter() - t1) / 5


def main() -> None:
    print(f"{'network':<16}{'raw epochs/s':>14}{'vs TF raw':>11}{'playing epochs/s':>18}"
          f"{'updates/s':>11}{'paused rerun ms':>17}")
    for name, (depth, width, tf_raw, tf_fps) in TF.items():
        r = raw(depth, width)
        e, u, d = playing(depth, width)
        print(f"{name:<16}{r:>14.0f}{r / tf_raw:>10.2f}x{e:>18.0f}{u:>11.1f}{d:>17.0f}"
              f"   (TF Playground: {tf_raw} raw, {tf_fps} frames/s)")


if __name__ == "__main__":
    main()

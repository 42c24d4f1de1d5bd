"""Time of a 41 x 41 loss surface, and the same grid through the loss-landscapes library.

    python bench/bench_loss_surface.py [--repeat 7]

Targets (issue 5): <= 300 ms for 41 x 41 of the default network on its training set, and
>= 3x faster than loss-landscapes (PyPI `loss-landscapes`, a bench-only dependency listed in
requirements-dev.txt), which moves the model's weights in place and runs one forward pass per
grid point. Both evaluate the same model on the same data over the same number of points along
filter-normalized random directions (loss-landscapes draws uniform ones, we draw Gaussians: the
work is the same).
"""
import argparse
import copy
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playground import nets, surface, train  # noqa: E402

STEPS = 41
EPOCHS = 50
# The Training page's default network (its sidebar's defaults), and the engine's NetConfig().
NETWORKS = {"Training page default, 2 x 4 tanh": nets.NetConfig(depth=2, width=4),
            "NetConfig() default, 4 x 16 tanh": nets.NetConfig()}


def trained(net: nets.NetConfig) -> train.Trainer:
    tr = train.Trainer(net, train.TrainConfig())
    tr.step(EPOCHS * tr.per_epoch)
    return tr


def timed(f, repeat: int) -> float:
    """Median wall time in ms (after one warm-up call)."""
    f()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return 1000 * statistics.median(times)


def ours(tr: train.Trainer, kind: str = "filter"):
    trajectory = [v for _, v in tr.snapshots] if kind == "pca" else None
    return lambda: surface.loss_surface(tr.model, tr.Xtr, tr.ytr, kind, STEPS,
                                        trajectory=trajectory, loss=tr.cfg.loss, task=tr.task)


def theirs(tr: train.Trainer):
    """loss-landscapes' random_plane on a copy in eval mode (it mutates the model it gets)."""
    import loss_landscapes
    import loss_landscapes.metrics

    model = copy.deepcopy(tr.model).eval()
    metric = loss_landscapes.metrics.Loss(
        lambda out, y: train.data_loss(out, y, tr.task, tr.cfg.loss), tr.Xtr, tr.ytr)
    return lambda: loss_landscapes.random_plane(model, metric, distance=1, steps=STEPS,
                                                normalization="filter", deepcopy_model=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    print(f"{STEPS} x {STEPS} = {STEPS * STEPS} grid points, networks trained {EPOCHS} epochs "
          f"on the circle data, loss on the 250 training points, median of {args.repeat} runs")
    for name, net in NETWORKS.items():
        tr = trained(net)
        filt, pca = timed(ours(tr), args.repeat), timed(ours(tr, "pca"), args.repeat)
        verdict = "ok" if filt <= 300 else "over the 300 ms target"
        print(f"\n{name}\n  this engine, filter directions {filt:8.1f} ms   ({verdict})"
              f"\n  this engine, pca directions    {pca:8.1f} ms")
        try:
            slow = theirs(tr)
        except ImportError as e:
            print(f"  loss-landscapes not importable ({e}); `pip install -r requirements-dev.txt`"
                  " installs it. Comparison skipped.")
            continue
        lib = timed(slow, max(1, args.repeat // 3))
        ratio = lib / filt
        print(f"  loss-landscapes random_plane   {lib:8.1f} ms"
              f"\n  ratio {ratio:.1f}x faster ({'ok' if ratio >= 3 else 'under the 3x target'})")


if __name__ == "__main__":
    main()

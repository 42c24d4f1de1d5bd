"""Time of a 41 x 41 loss surface, and the same grid through the loss-landscapes library;
with --page, the Loss surface page's response to a Reach or grid move.

    python bench/bench_loss_surface.py [--repeat 7]
    python bench/bench_loss_surface.py --page [--browser [--apart]]

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


def page_moves(browser: bool, apart: bool) -> None:
    """Each move to a Reach or grid not seen before (nothing cached for it): the server's
    whole rerun through AppTest, then, with `browser`, Chromium's wait from the move to the
    end of the run. The deep pair's coarse grid is drawn partway through that wait."""
    sys.path.insert(0, str(ROOT / "bench"))
    from common import moves, report

    page = "pages/loss_surface.py"
    report("Loss surface: Reach moves, new values (server)",
           moves(page, {}, "select_slider", "ls_span", [2.0, 4.0, 0.5, 0.25]))
    report("Loss surface: grid moves, new values (server)",
           moves(page, {}, "select_slider", "ls_grid", [31, 21]))
    if browser:
        first = first_draws(apart)
        for what, times in first.items():
            report(f"Loss surface, Reach moves (browser): move to {what}", times)


def first_draws(apart: bool) -> dict[str, list[float]]:
    """Chromium moves the Reach slider to four values not seen before; for each move, the
    seconds until the first map (Vega-Lite) reaches the page, until both deep surfaces have
    arrived once (the coarse grid, for a view not computed yet), until both have arrived at
    their full grid and until the run ends, read off the websocket's messages as the page
    receives them: while Chromium draws a 3-D surface (in software here), the page receives
    nothing. `apart`: the server on CPU 0, Chromium on CPU 1, as when the
    browser runs on the visitor's own machine (its software WebGL would otherwise take the
    server's CPU)."""
    from playwright.sync_api import sync_playwright
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from common import chromium, keep_off_cpu0, serve
    marks: list[tuple[float, str]] = []

    def sent(payload):
        msg = BackMsg()
        if isinstance(payload, bytes) and msg.ParseFromString(payload) is not None and \
                msg.WhichOneof("type") == "rerun_script":
            marks.append((time.perf_counter(), "asked"))

    def received(payload):
        msg = ForwardMsg()
        if not isinstance(payload, bytes):
            return
        msg.ParseFromString(payload)
        kind = msg.WhichOneof("type")
        if kind == "script_finished":
            marks.append((time.perf_counter(), "finished"))
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element.WhichOneof("type")
            if element in ("vega_lite_chart", "plotly_chart"):
                marks.append((time.perf_counter(), element))

    proc, url = serve(cpus="0" if apart else None)
    if apart:
        keep_off_cpu0()
    out = {"the first map": [], "both deep surfaces": [], "both deep surfaces, full grid": [],
           "the end of the run": []}
    try:
        with sync_playwright() as p:
            page = chromium(p).new_page(viewport={"width": 1280, "height": 900})
            page.on("websocket", lambda ws: (ws.on("framesent", sent),
                                             ws.on("framereceived", received)))
            page.goto(f"{url}/loss_surface")
            page.locator('[data-testid="stPlotlyChart"]').nth(1).wait_for(timeout=300_000)
            page.wait_for_function("() => !document.querySelector("
                                   "'[data-testid=\"stStatusWidget\"]')", timeout=300_000)
            thumb = page.locator(".st-key-ls_span input[type=range]")
            thumb.scroll_into_view_if_needed()
            thumb.focus()
            # 1 -> 2 -> 4 (new), back through 2 and 1 (seen), on to 0.5 and 0.25 (new)
            for i, key in enumerate(["ArrowRight"] * 2 + ["ArrowLeft"] * 4):
                start = len(marks)
                thumb.press(key)
                for _ in range(1000):
                    if any(m == "finished" for _, m in marks[start:]) and any(
                            m == "asked" for _, m in marks[start:]):
                        break
                    page.wait_for_timeout(20)
                # Chromium, still drawing the 3-D surfaces, would report the next move late
                page.wait_for_timeout(3000)
                run = marks[start:]
                if i in (2, 3):  # a value seen before: cached
                    continue
                asked = max(t for t, m in run if m == "asked")
                after = [(t - asked, m) for t, m in run if t >= asked]
                out["the first map"].append(min(t for t, m in after if m == "vega_lite_chart"))
                plots = [t for t, m in after if m == "plotly_chart"] + [float("nan")] * 4
                out["both deep surfaces"].append(plots[1])
                out["both deep surfaces, full grid"].append(plots[3])
                out["the end of the run"].append(max(t for t, m in after if m == "finished"))
    finally:
        proc.terminate()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--page", action="store_true", help="time the page's Reach/grid moves")
    parser.add_argument("--browser", action="store_true", help="with --page: in Chromium too")
    parser.add_argument("--apart", action="store_true",
                        help="with --browser: the server and Chromium on one CPU each")
    args = parser.parse_args()
    if args.page:
        page_moves(args.browser, args.apart)
        return
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

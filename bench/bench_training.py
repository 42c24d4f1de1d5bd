"""Training throughput: the raw engine, and the pace a person sees while playing.

    python bench/bench_training.py [--seconds 10] [--ab] [--apart] [--warm 2]

The playing figures come from a real browser (Debian's Chromium via Playwright) against
`streamlit run` on 127.0.0.1, playing at full speed: epochs/s from the page's epoch counter,
frames/s from the network view's canvas (each redraw), and the bytes the server sent over the
websocket meanwhile, per update (an update brings one or two frames the browser plays in turn)
and per second (the Vega charts' updates included). Reference (TF Playground's own engine, src/nn.ts in node, on
these machines): default network ~2,800 epochs/s raw and ~77 frames/s with its drawing;
[8]*6 ~316 epochs/s raw, ~12 frames/s. Targets: playing >= 60 epochs/s on the default
network, >= 12 on [8]*6; >= 20 view frames/s on the default network and >= 10 on [8]*6;
<= 25 KB per update and <= 250 KB/s per visitor.

--apart runs the server on CPU 0 and Chromium on CPU 1, as when the page is drawn on the
visitor's own machine (otherwise both share the two cores: Chromium's drawing then takes
the CPU time the training thread would use).

--warm 120 measures after two minutes of play instead of two seconds: the pace once the
history holds thousands of rows (the charts draw a thinned copy of it).

--ab adds a row per network with setting B on (a second network, B = A with relu, trained
in the same thread): its epochs/s is A's epoch counter, B keeps the same epoch.
"""
import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import chromium, keep_off_cpu0, serve  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from playground.nets import NetConfig  # noqa: E402
from playground.train import TrainConfig, Trainer  # noqa: E402

# TF Playground's default network is [4, 2]; our layers share one width, so [4, 4] stands in
NETWORKS = {"default [4, 4]": (2, 4, 2800, 77), "[8] * 6": (6, 8, 316, 12)}


def raw(depth: int, width: int, seconds: float) -> float:
    """Epochs per second of Trainer.step: 250 training points, batch 10, tanh, lr 0.03,
    per-layer gradient norms and an evaluation every epoch."""
    t = Trainer(NetConfig(depth=depth, width=width, activation="tanh"),
                TrainConfig(n=500, train_frac=0.5, lr=0.03, batch_size=10))
    t.step(t.per_epoch)  # warm up
    start, t0 = t.steps, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        t.step(t.per_epoch)
    return (t.steps - start) / t.per_epoch / (time.perf_counter() - t0)


AB = "&ab=true&b_act=relu"  # setting B: the same network with another activation


VIEW = """() => [...document.querySelectorAll('*')].map(e => e.shadowRoot && e.shadowRoot
    .querySelector('.lv')).find(Boolean)"""


def playing(browser, url: str, depth: int, width: int, seconds: float,
            ab: bool = False, warm: float = 2.0) -> tuple[float, float, float, float, float]:
    """(epochs/s, network-view frames drawn per second, updates (each bringing one or more
    frames) received per second, KB received per update, KB/s received)
    seen in the page while playing at full speed (with setting B: A's)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    received = []  # (time, bytes) of every websocket message from the server
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda data: received.append((time.perf_counter(), len(data)))))
    page.goto(f"{url}/training?speed=0&layers={depth}&neurons={width}" + (AB if ab else ""))
    page.get_by_role("button", name="Play").wait_for(timeout=60_000)
    page.wait_for_function(f"() => ({VIEW})() && ({VIEW})().dataset.frame", timeout=60_000)
    metric = page.locator('[data-testid="stMetricValue"]').first
    page.get_by_role("button", name="Play").click()
    page.wait_for_timeout(1000 * warm)  # let the first updates settle (or a long play build up)
    page.evaluate(f"""() => {{ window.__frames = 0; window.__updates = 0;
        new MutationObserver(ms => ms.forEach(m => m.attributeName === 'data-frame'
            ? window.__frames++ : window.__updates++))
        .observe(({VIEW})(), {{attributes: true, attributeFilter: ['data-frame', 'data-update']}});
        }}""")
    first, t0 = float(metric.inner_text()), time.perf_counter()
    page.wait_for_timeout(1000 * seconds)
    (frames, updates), last, t1 = page.evaluate("() => [window.__frames, window.__updates]"), \
        float(metric.inner_text()), time.perf_counter()
    page.close()
    wall = t1 - t0
    got = sum(n for t, n in received if t0 <= t <= t1) / 1000
    return (last - first) / wall, frames / wall, updates / wall, got / max(updates, 1), got / wall


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--ab", action="store_true", help="also play with setting B on")
    ap.add_argument("--apart", action="store_true", help="server on CPU 0, Chromium on CPU 1")
    ap.add_argument("--warm", type=float, default=2.0,
                    help="seconds of play before measuring (120: the pace after a long play)")
    args = ap.parse_args()
    seconds = args.seconds
    proc, url = serve(cpus="0" if args.apart else None)
    if args.apart:
        keep_off_cpu0()
    try:
        with sync_playwright() as p:
            browser = chromium(p)
            print(f"{'network':<16}{'raw epochs/s':>13}{'vs TF raw':>11}"
                  f"{'playing epochs/s':>18}{'frames/s':>10}{'updates/s':>11}{'KB/update':>11}"
                  f"{'KB/s':>8}")
            for name, (depth, width, tf_raw, tf_fps) in NETWORKS.items():
                r = raw(depth, width, seconds / 3)
                e, f, u, kb, rate = playing(browser, url, depth, width, seconds, warm=args.warm)
                print(f"{name:<16}{r:>13.0f}{r / tf_raw:>10.2f}x{e:>18.0f}{f:>10.1f}{u:>11.1f}{kb:>11.1f}"
                      f"{rate:>8.0f}   (TF Playground: {tf_raw} raw, {tf_fps} frames/s)")
                if args.ab:
                    e, f, u, kb, rate = playing(browser, url, depth, width, seconds, ab=True,
                                                warm=args.warm)
                    print(f"{'  + B':<16}{'':>13}{'':>11}{e:>18.0f}{f:>10.1f}{u:>11.1f}{kb:>11.1f}"
                          f"{rate:>8.0f}   (A and B, each at this pace)")
            browser.close()
    finally:
        proc.terminate()


if __name__ == "__main__":
    main()

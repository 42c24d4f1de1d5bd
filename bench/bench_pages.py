"""Server-side time of a page rerun after a slider move, the cold start of the app, and how
long the home page takes to open in a browser.

    python bench/bench_pages.py [--moves 20] [--visits 6] [--pictures N] [--home-only]

Each move sets a value not seen before, so no cache hit flatters the figure.
"""
import argparse
import statistics
import subprocess
import sys
import time

from common import APP, ROOT, chromium, moves, report, serve

COLD = """
import time, sys
t = time.perf_counter()
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({app!r}, default_timeout=120).run()
t1 = time.perf_counter()
at.switch_page("pages/gradient_flow.py").run()
t2 = time.perf_counter()
print(f"{{t1 - t:.3f}} {{t2 - t1:.3f}}")
"""


HOME_COLD = """
import time
t = time.perf_counter()
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({app!r}, default_timeout=120)
at.run()
t1 = time.perf_counter()
at.run()
t2 = time.perf_counter()
assert not at.exception, at.exception
print(f"{{t1 - t:.3f}} {{t2 - t1:.3f}}")
"""

# Run in the page from its first script on (ms since navigation, the page's own clock): the
# first animation frame with every card's link on screen, and the first with every card's
# picture drawn as well (an <img> decoded, not the small blank that holds its place, or a Vega
# canvas sized).
WATCH_JS = """
window.__pictures = %d;
(function tick() {
  const links = document.querySelectorAll('[data-testid="stPageLink"]').length;
  if (links >= %d && !window.__cards) window.__cards = performance.now();
  const imgs = [...document.querySelectorAll('[data-testid="stMain"] img')]
    .filter(i => i.complete && i.naturalWidth > 64).length;
  const canvases = [...document.querySelectorAll('[data-testid="stVegaLiteChart"] canvas')]
    .filter(c => c.width > 0).length;
  if (window.__cards && imgs + canvases >= window.__pictures) window.__drawn = performance.now();
  else requestAnimationFrame(tick);
})();
"""


def home_open(visits: int, pictures: int | None) -> None:
    """The home page's first run on the server (AppTest, in a new process), then Chromium
    opening it `visits` times, each in a new session: ms until every card is on screen, until
    the `pictures` card pictures (default: one per experiment) are drawn as well, and until the
    run has finished. The first visit finds the caches of a new server process empty."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from ui.experiments import EXPERIMENTS

    out = subprocess.run([sys.executable, "-c", HOME_COLD.format(app=APP)], capture_output=True,
                         text=True, cwd=ROOT, check=True).stdout.split()
    print(f"home, server side (AppTest): first run in a new process {float(out[0]) * 1000:.0f} ms"
          f" (imports and card pictures included), second run {float(out[1]) * 1000:.0f} ms")
    n = len(EXPERIMENTS)
    proc, url = serve()
    try:
        with sync_playwright() as p:
            browser = chromium(p)
            rows = []
            for _ in range(visits):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                context.add_init_script(WATCH_JS % (n if pictures is None else pictures, n))
                page = context.new_page()
                t = time.perf_counter()
                page.goto(url + "/")
                page.wait_for_function("() => window.__drawn", timeout=120_000)
                page.wait_for_function("() => !document.querySelector("
                                       "'[data-testid=\"stStatusWidget\"]')", timeout=120_000)
                done = 1000 * (time.perf_counter() - t)
                rows.append((page.evaluate("window.__cards"), page.evaluate("window.__drawn"),
                             done))
                context.close()
            browser.close()
    finally:
        proc.terminate()
    first, rest = rows[0], rows[1:]
    print(f"home in Chromium, first visit to a new server: cards {first[0]:.0f} ms, pictures "
          f"{first[1]:.0f} ms, run finished {first[2]:.0f} ms")
    if rest:
        med = [statistics.median(r[i] for r in rest) for i in range(3)]
        print(f"home in Chromium, later visits (median of {len(rest)}): cards {med[0]:.0f} ms, "
              f"pictures {med[1]:.0f} ms, run finished {med[2]:.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--moves", type=int, default=20)
    ap.add_argument("--visits", type=int, default=6)
    ap.add_argument("--pictures", type=int, help="pictures on the home page (default: one a card)")
    ap.add_argument("--home-only", action="store_true")
    args = ap.parse_args()
    home_open(args.visits, args.pictures)
    if args.home_only:
        return
    n = args.moves
    out = subprocess.run([sys.executable, "-c", COLD.format(app=APP)], capture_output=True,
                         text=True, cwd=ROOT, check=True).stdout.split()
    print(f"cold start: first run of app.py {float(out[0]) * 1000:.0f} ms, "
          f"then first Gradient flow run {float(out[1]) * 1000:.0f} ms")
    gf = "pages/gradient_flow.py"
    base = {"depth": 10, "width": 64}
    report("Gradient flow d10 w64: seed moves (cache miss)",
           moves(gf, base, "number_input", "seed", range(1, n + 1)))
    report("Gradient flow w64: depth moves 5..24 (cache miss)",
           moves(gf, base, "slider", "depth", range(5, 5 + n)))
    report("Gradient flow d50 w512: seed moves (cache miss)",
           moves(gf, {"depth": 50, "width": 512}, "number_input", "seed", range(1, 6)))
    report("Home page rerun", moves("pages/home.py", {}, "segmented_control", "lang_choice",
                                    ["zh", "en"] * (n // 2)))


if __name__ == "__main__":
    main()

"""Server-side time of a page rerun after a slider move, and the cold start of the app.

    python bench/bench_pages.py [--moves 20]

Each move sets a value not seen before, so no cache hit flatters the figure.
"""
import argparse
import subprocess
import sys

from common import APP, ROOT, moves, report

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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--moves", type=int, default=20)
    n = ap.parse_args().moves
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

"""What the page benchmarks share: driving a page through AppTest and printing figures."""
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

APP = str(ROOT / "app.py")


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20, method="inclusive")[18]


def moves(page: str, params: dict, widget: str, key: str, values) -> list[float]:
    """Seconds of each page rerun after setting widget `key` to each of `values` in turn."""
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v if isinstance(v, list) else str(v)
    at.run()
    at.switch_page(page).run()
    times = []
    for v in values:
        getattr(at, widget)(key=key).set_value(v)
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
        assert not at.exception, at.exception
    return times


def report(name: str, times: list[float]) -> None:
    ms = [1000 * t for t in times]
    print(f"{name:<58} median {statistics.median(ms):7.1f} ms   p95 {p95(ms):7.1f} ms"
          f"   (n={len(ms)})")


def serve(launcher: tuple[str, ...] = ("-m", "streamlit"), env: dict | None = None
          ) -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` on a free port of 127.0.0.1 (through `launcher`, e.g. a script
    that wraps streamlit's command line); returns the process and its URL once healthy."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, *launcher, "run", "app.py", "--server.port",
                             str(port), "--server.address", "127.0.0.1"],
                            cwd=ROOT, env=os.environ | (env or {}),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("streamlit did not start")

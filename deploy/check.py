"""Checks deploy/serve.sh end to end: 2 processes behind nginx, driven by Debian's Chromium.

    python deploy/check.py [--port 8601] [--shot /tmp/serve-training.png]

Starts `deploy/serve.sh 2 <port>` (streamlit from this Python's environment), then: /training
loads through nginx and the browser gets the st_backend cookie; Play trains (the Epoch metric
advances); a CSV upload (an HTTP PUT beside the session's websocket) reaches the session's own
process ("Using 20 own points."); every request that carried the cookie went to the process
it names, per nginx's log; four more browsers are spread over both processes; a Ctrl-C (SIGINT to
the script's process group, as a terminal sends it) stops nginx and both processes. Needs nginx,
chromium and playwright; prints what it checked and exits non-zero on the first failure.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]


def listening(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).close()
        return True
    except OSError:
        return False


def open_training(browser, url: str):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{url}/training")
    page.get_by_role("button", name="Play").wait_for(timeout=120_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                           timeout=120_000)
    return page


def epoch(page) -> float:
    text = page.locator('[data-testid="stMetric"]').filter(has_text="Epoch").first.inner_text()
    return float(text.split()[-1].replace(",", ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=8601)
    ap.add_argument("--shot", default=str(Path(tempfile.gettempdir()) / "serve-training.png"))
    a = ap.parse_args()
    url = f"http://127.0.0.1:{a.port}"
    run = Path(tempfile.gettempdir()) / f"streamlit-serve-{a.port}"
    busy = [p for p in range(a.port, a.port + 3) if listening(p)]
    assert not busy, f"ports {busy} are taken"
    env = os.environ | {"PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    serve = subprocess.Popen([str(ROOT / "deploy" / "serve.sh"), "2", str(a.port)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             start_new_session=True)
    pids = []
    try:
        for line in serve.stdout:
            print("serve.sh:", line.rstrip())
            if m := re.search(r"pids ([\d ]+) \(nginx (\d+)\)", line):
                pids = [int(p) for p in m[1].split()] + [int(m[2])]
                break
        assert len(pids) == 3, "serve.sh did not start"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = open_training(browser, url)
            key = {c["name"]: c["value"] for c in page.context.cookies()}.get("st_backend")
            assert key, "nginx set no st_backend cookie"
            page.get_by_role("button", name="Play").click()
            page.get_by_role("button", name="Pause").wait_for(timeout=30_000)
            page.wait_for_timeout(1500)
            e0 = epoch(page)
            page.wait_for_timeout(4000)
            e1 = epoch(page)
            assert e1 > e0, f"Epoch did not advance: {e0} -> {e1}"
            print(f"ok: /training through nginx, Play: Epoch {e0:g} -> {e1:g} in 4 s")
            page.screenshot(path=a.shot)
            print(f"ok: screenshot {a.shot}")
            page.get_by_role("button", name="Pause").click()
            csv = Path(tempfile.mkdtemp()) / "points.csv"
            csv.write_text("x1,x2,label\n" + "\n".join(
                f"{i / 10 - 1},{(i % 7) / 7 - 0.5},{i % 2}" for i in range(20)))
            page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
                str(csv))
            page.get_by_text("Using 20 own points.").wait_for(timeout=60_000)
            assert page.locator('[data-testid="stException"]').count() == 0
            print("ok: a CSV upload reached the session's process")
            for _ in range(4):  # each its own context: no cookie yet
                open_training(browser, url)
            browser.close()
        log = (run / "nginx-access.log").read_text().splitlines()
        sent = [re.search(r"cookie=(\S+) upstream=(\S+)$", l).groups() for l in log]
        stray = [(c, u) for c, u in sent if c != "-" and c != u]
        assert not stray, f"requests not sent to the process their cookie names: {stray[:5]}"
        streams = Counter(re.search(r"upstream=(\S+)", l)[1] for l in log if "_stcore/stream" in l)
        print(f"ok: all {sum(c != '-' for c, _ in sent)} requests with a cookie (the first "
              f"browser's: {key}) went to the process it names, uploads and media included; "
              f"the 5 browsers' websockets went to {dict(streams)}")
        assert len(streams) == 2, "5 browsers all landed on one process"
    finally:
        os.killpg(serve.pid, signal.SIGINT)  # Ctrl-C
        t = time.monotonic()
        rest = serve.communicate(timeout=30)[0]
        print("serve.sh:", rest.strip().replace("\n", "\nserve.sh: "))
    alive = [p for p in pids if Path(f"/proc/{p}").exists()]
    assert not alive and not any(listening(p) for p in range(a.port, a.port + 3)), alive
    print(f"ok: Ctrl-C stopped nginx and both processes in {time.monotonic() - t:.1f} s "
          f"(serve.sh exit code {serve.returncode})")


if __name__ == "__main__":
    main()

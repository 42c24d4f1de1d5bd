"""Real browser: Debian's Chromium driven by Playwright against `streamlit run` on 127.0.0.1."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from ui.experiments import EXPERIMENTS
from ui.text import home

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("streamlit did not start:\n" + proc.stdout.read())
    yield url
    proc.terminate()
    output = proc.communicate(timeout=20)[0]
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "streamlit.log").write_text(output)
    # the server log must be clean: no watcher crash, no traceback
    assert "Traceback" not in output and "Error" not in output, output


@pytest.fixture(scope="module")
def browser():
    assert os.path.exists(CHROMIUM), "browser tests need Debian's chromium: apt-get install -y chromium"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def settle(page: Page, title: str) -> None:
    """Wait until the page's title is drawn and the script has finished running."""
    page.get_by_role("heading", name=title, exact=True).wait_for(timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(500)


def no_errors(page: Page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


def url_path(e) -> str:
    return Path(e.file).stem


def open_page(browser, url: str, title: str, width=1280, height=800) -> Page:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    settle(page, title)
    return page


def title(texts, lang: str) -> str:
    return (texts.ZH if lang == "zh" else texts.EN)["title"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_home_opens_and_links_to_every_experiment(server, browser, lang):
    page = open_page(browser, f"{server}/?lang={lang}", title(home, lang))
    no_errors(page)
    page.screenshot(path=SHOTS / f"home-{lang}.png", full_page=True)
    for e in EXPERIMENTS:
        assert page.get_by_text(title(e.text, lang)).count() >= 1
    page.close()


@pytest.mark.parametrize("e", EXPERIMENTS, ids=url_path)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_opens_and_a_slider_changes_the_chart(server, browser, e, lang):
    page = open_page(browser, f"{server}/{url_path(e)}?lang={lang}", title(e.text, lang))
    no_errors(page)
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.wait_for(state="visible", timeout=60_000)  # a deep link's first run reruns once
    chart.scroll_into_view_if_needed()
    before = chart.screenshot()
    page.screenshot(path=SHOTS / f"{url_path(e)}-{lang}.png", full_page=True)
    slider = page.locator('input[type="range"]:enabled').first
    slider.focus()
    for _ in range(3):
        slider.press("ArrowRight")
    # the chart must change: poll its pixels for up to 20 s
    for _ in range(40):
        page.wait_for_timeout(500)
        if chart.screenshot() != before:
            break
    else:
        pytest.fail("moving the slider did not change the chart")
    no_errors(page)
    assert "lang=zh" in page.url if lang == "zh" else "lang=" not in page.url
    page.close()


def test_narrow_screen_and_bad_link(server, browser):
    e = next(e for e in EXPERIMENTS if e.file == "pages/gradient_flow.py")
    page = open_page(browser, f"{server}/{url_path(e)}?depth=-3&init=%3Cb%3Ex%3C/b%3E",
                     title(e.text, "en"), width=420, height=900)
    no_errors(page)
    alerts = page.locator('[data-testid="stAlert"]').all_inner_texts()
    assert any("depth=-3" in a for a in alerts) and any("<b>x</b>" in a for a in alerts)
    page.screenshot(path=SHOTS / f"{url_path(e)}-narrow-badlink.png", full_page=True)
    page.close()


def test_language_survives_navigation(server, browser):
    page = open_page(browser, f"{server}/?lang=zh", title(home, "zh"))
    page.get_by_role("link", name=title(EXPERIMENTS[0].text, "zh")).first.click()
    settle(page, title(EXPERIMENTS[0].text, "zh"))
    assert "lang=zh" in page.url
    page.close()


def test_training_plays_live(server, browser):
    e = next(e for e in EXPERIMENTS if e.file == "pages/training.py")
    page = open_page(browser, f"{server}/{url_path(e)}", title(e.text, "en"))
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    before = chart.screenshot()
    page.get_by_role("button", name="Play").click()
    page.wait_for_timeout(4000)
    epoch = page.locator('[data-testid="stMetric"]').first.inner_text()
    assert float(epoch.split()[-1]) > 1, epoch
    assert chart.screenshot() != before
    page.screenshot(path=SHOTS / "training-playing.png")
    page.get_by_role("button", name="Pause").click()
    no_errors(page)
    page.close()


def test_training_own_points_by_click_and_by_upload(server, browser, tmp_path):
    e = next(e for e in EXPERIMENTS if e.file == "pages/training.py")
    page = open_page(browser, f"{server}/{url_path(e)}", title(e.text, "en"))
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(bad))
    page.get_by_text("The first line must be x1,x2,label").wait_for(timeout=60_000)
    good = tmp_path / "good.csv"
    good.write_text("x1,x2,label\n" + "\n".join(f"{i / 10 - 1},{(i % 7) / 7 - 0.5},{i % 2}"
                                                 for i in range(20)))
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(good))
    page.get_by_text("Using 20 own points.").wait_for(timeout=60_000)
    page.get_by_role("radiogroup", name="Click on the map to add a point of class").get_by_text(
        "1", exact=True).click()
    # choosing a class reruns the page and redraws the map with a click selection on it
    page.wait_for_timeout(1000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(1000)
    box = page.locator('[data-testid="stVegaLiteChart"]').first.locator("canvas, svg").first
    box.scroll_into_view_if_needed()
    box = box.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.4)
    page.get_by_text("Using 21 own points.").wait_for(timeout=60_000)
    page.screenshot(path=SHOTS / "training-own-points.png")
    no_errors(page)
    page.close()


def test_a_lesson_pick_sets_the_page_up_and_reveals_on_click(server, browser):
    from ui.lessons import BY_KEY
    from ui.text import lessons as lesson_text
    e = next(e for e in EXPERIMENTS if e.file == BY_KEY["relu_he"].page)
    page = open_page(browser, f"{server}/{url_path(e)}?width=512&act=sigmoid", title(e.text, "en"))
    page.get_by_text(lesson_text.EN["relu_he"], exact=True).click()
    page.wait_for_function("() => location.search.includes('lesson=relu_he')", timeout=30_000)
    settle(page, title(e.text, "en"))
    assert "init=kaiming_normal" in page.url and "width=512" not in page.url  # others reset
    page.get_by_text(lesson_text.EN["reveal"]).click()
    page.get_by_text(lesson_text.EN["relu_he_answer"][:40]).wait_for(timeout=10_000)
    page.screenshot(path=SHOTS / "lesson-relu_he.png")
    no_errors(page)
    page.close()

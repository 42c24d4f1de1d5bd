"""Real browser: Debian's Chromium driven by Playwright against `streamlit run` on 127.0.0.1."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError, Page, sync_playwright

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
    # .first: while the page changes, the old title and the new one can coexist a moment
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=60_000)
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
    # the chart must change: poll its pixels for up to 20 s (a rerun may replace the element
    # while it is being shot: try again)
    for _ in range(40):
        page.wait_for_timeout(500)
        try:
            if chart.screenshot(timeout=5_000) != before:
                break
        except PlaywrightError:
            continue
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


# The live view's element lives in a shadow root: find it, and read what it drew
VIEW = """() => [...document.querySelectorAll('*')].map(e => e.shadowRoot && e.shadowRoot
    .querySelector('.lv')).find(Boolean)"""
MAP_AT = """([u, v]) => {  // the canvas pixel at (u, v) of the map, 0..1 from its lower left
  const el = (%s)(), [mx, my, s] = el.__lv.map, cv = el.querySelector('canvas');
  const k = cv.width / cv.getBoundingClientRect().width;
  return [...cv.getContext('2d').getImageData(k * (mx + u * s), k * (my + (1 - v) * s), 1, 1).data];
}""" % VIEW
MAP_SUM = """() => {  // all the map's pixel values added up: changes when the map does
  const el = (%s)(), [mx, my, s] = el.__lv.map, cv = el.querySelector('canvas');
  const k = cv.width / cv.getBoundingClientRect().width;
  return cv.getContext('2d').getImageData(k * mx, k * my, k * s, k * s).data.reduce((a, b) => a + b);
}""" % VIEW


def test_training_plays_live_on_the_canvas_at_the_chosen_speed(server, browser):
    e = next(e for e in EXPERIMENTS if e.file == "pages/training.py")
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    hosts = set()
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    page.goto(f"{server}/{url_path(e)}?speed=10")
    settle(page, title(e.text, "en"))
    page.wait_for_function(f"() => ({VIEW})() && ({VIEW})().dataset.frame", timeout=60_000)
    before = page.evaluate(MAP_SUM)
    view = page.locator(".lv canvas").bounding_box()
    assert view["y"] + view["height"] <= 800, view  # the whole view on the first screen
    page.get_by_role("button", name="Play").click()
    page.wait_for_timeout(1500)
    counter = page.locator('[data-testid="stMetric"]').first
    t0, e0 = time.monotonic(), float(counter.inner_text().split()[-1])
    page.wait_for_timeout(6000)
    t1, e1 = time.monotonic(), float(counter.inner_text().split()[-1])
    assert 5 <= (e1 - e0) / (t1 - t0) <= 15, (e0, e1, t1 - t0)  # 10 epochs a second
    page.wait_for_timeout(4000)  # about 110 epochs in all: the circle is learned
    centre, corner = page.evaluate(MAP_AT, [0.5, 0.5]), page.evaluate(MAP_AT, [0.03, 0.03])
    assert page.evaluate(MAP_SUM) != before
    assert centre[2] > centre[0] + 60 and corner[0] > corner[2] + 60, (centre, corner)  # blue, orange
    page.screenshot(path=SHOTS / "training-playing.png")
    page.get_by_role("button", name="Pause").click()
    no_errors(page)
    assert hosts == {server.split("/")[2]}, hosts  # nothing fetched from anywhere else
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
    page.wait_for_function(f"() => ({VIEW})() && ({VIEW})().__lv && ({VIEW})().__lv.data.adding",
                           timeout=60_000)  # (a new element has no drawing until its frame)
    mx, my, side = page.evaluate(f"() => ({VIEW})().__lv.map")
    box = page.locator(".lv canvas").bounding_box()
    page.mouse.click(box["x"] + mx + side * 0.45, box["y"] + my + side * 0.4)
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
    # the select box keeps its label in the link (a link may give either), others reset
    assert "init=He+%28Kaiming%29+normal" in page.url and "width=512" not in page.url
    page.get_by_text(lesson_text.EN["reveal"]).click()
    page.get_by_text(lesson_text.EN["relu_he_answer"][:40]).wait_for(timeout=10_000)
    page.screenshot(path=SHOTS / "lesson-relu_he.png")
    no_errors(page)
    page.close()


def test_gradient_flow_compares_a_with_b(server, browser):
    e = next(e for e in EXPERIMENTS if e.file == "pages/gradient_flow.py")
    page = open_page(browser, f"{server}/{url_path(e)}?ab=true&b_act=relu", title(e.text, "en"))
    page.get_by_text("B differs from A in: Activation ReLU").wait_for(timeout=60_000)
    page.get_by_text("B: Units flat on the whole batch").wait_for(timeout=60_000)
    # the deep link's first run is redrawn once: count when B's four metrics are all there
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stMetricLabel"]')]
                 .filter(m => m.innerText.startsWith('B: ')).length === 4""", timeout=30_000)
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    both = chart.screenshot()
    page.screenshot(path=SHOTS / "ab-gradient_flow-en.png", full_page=True)
    # B's own control, in the browser: its value goes into the link, B's curves move
    page.locator(".st-key-b_depth").click()
    page.keyboard.type("20")  # the list is long: type to filter it, as a person would
    page.get_by_role("option", name="20", exact=True).click()
    page.wait_for_function("() => location.search.includes('b_depth=20')", timeout=30_000)
    settle(page, title(e.text, "en"))
    page.get_by_text("B differs from A in: Depth (hidden layers) 20").wait_for(timeout=30_000)
    for _ in range(40):
        if chart.screenshot() != both:
            break
        page.wait_for_timeout(500)
    else:
        pytest.fail("changing B did not change the chart")
    no_errors(page)
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_presenter_link_folds_the_sidebar_and_enlarges_the_lesson(server, browser, scheme):
    from ui.text import lessons as lesson_text
    e = next(e for e in EXPERIMENTS if e.file == "pages/gradient_flow.py")
    page = browser.new_page(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page.goto(f"{server}/{url_path(e)}?present=1&lesson=vanishing")
    settle(page, title(e.text, "en"))
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(state="visible", timeout=60_000)
    no_errors(page)
    assert page.get_by_text(lesson_text.EN["vanishing_ask"]).is_visible()
    # folded away, not gone: the teacher can still open it
    box = page.locator('[data-testid="stSidebar"]').bounding_box()
    assert box is None or box["x"] + box["width"] <= 0, box
    assert page.locator('[data-testid="stExpandSidebarButton"]').is_visible()
    lead = page.locator('[data-testid="stMain"] [data-testid="stMarkdown"] p').first
    style = lead.evaluate("p => [getComputedStyle(p).fontSize, getComputedStyle(p).color]")
    assert style[0] == "21px", style  # 16 px without presenter mode
    assert style[1] == ("rgb(0, 0, 0)" if scheme == "light" else "rgb(255, 255, 255)"), style
    assert "present=1" in page.url and "lesson=vanishing" in page.url
    page.wait_for_timeout(1000)  # the charts finish drawing
    name = "present-en" if scheme == "light" else "present-dark"
    page.screenshot(path=SHOTS / f"{name}.png")
    page.locator('[data-testid="stVegaLiteChart"]').first.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=SHOTS / f"{name}-charts.png")
    page.close()


def test_presenter_hide_link_from_home_keeps_the_mode_through_a_lesson_link(server, browser):
    from ui.lessons import BY_KEY
    from ui.text import lessons as lesson_text
    e = next(e for e in EXPERIMENTS if e.file == BY_KEY["relu_he"].page)
    page = open_page(browser, f"{server}/?present=hide&lang=zh", title(home, "zh"))
    hidden = [page.locator(f'[data-testid="{t}"]') for t in ("stSidebar", "stExpandSidebarButton")]
    for part in hidden:
        part.wait_for(state="hidden", timeout=10_000)
    page.get_by_role("link", name=lesson_text.ZH["relu_he"]).click()
    # the home page has the same title in its cards: wait for the new page's address
    page.wait_for_function(f"() => location.pathname.endsWith('/{url_path(e)}')",
                           timeout=30_000)
    page.get_by_text(lesson_text.ZH["relu_he_ask"]).wait_for(timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    assert page.locator("h1").first.inner_text() == title(e.text, "zh")
    assert "present=hide" in page.url and "lesson=relu_he" in page.url
    for part in hidden:
        part.wait_for(state="hidden", timeout=10_000)
    page.screenshot(path=SHOTS / "present-hide-zh.png")
    no_errors(page)
    page.close()
    # a phone-sized screen, and a bad value in a deep link: reported, not raised
    page = open_page(browser, f"{server}/{url_path(e)}?present=banana&lang=zh",
                     title(e.text, "zh"), width=420, height=900)
    page.get_by_text("present=banana").first.wait_for(timeout=30_000)
    no_errors(page)
    page.close()
    page = open_page(browser, f"{server}/{url_path(e)}?present=1&lesson=relu_he&lang=zh",
                     title(e.text, "zh"), width=420, height=900)
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(state="visible", timeout=60_000)
    page.screenshot(path=SHOTS / "present-narrow-zh.png")
    no_errors(page)
    page.close()


@pytest.mark.parametrize("which", ["page-1", "maxout_fit-1"])
def test_a_chart_downloads_as_png(server, browser, which):
    """The first chart's menu belongs to the page; maxout's to a section (a fragment), which
    opening it reruns alone: its key must be the one the page's run gave it."""
    import struct

    from ui.charts import export
    e = next(e for e in EXPERIMENTS if e.file == "pages/activations.py")
    page = open_page(browser, f"{server}/{url_path(e)}", title(e.text, "en"))
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(state="visible", timeout=60_000)
    menu = page.locator(f'.st-key-dl-{which}')
    menu.scroll_into_view_if_needed()
    menu.get_by_role("button").click()  # opening it reruns the page, which adds the buttons
    png = page.get_by_role("button", name="PNG image")
    png.wait_for(timeout=30_000)
    page.screenshot(path=SHOTS / f"export-menu-{which}-en.png")
    with page.expect_download(timeout=60_000) as download:
        png.click()
    data = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename.startswith(f"{url_path(e)}-")
    assert download.value.suggested_filename.endswith(".png")
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and 10_000 < len(data) < 5_000_000, len(data)
    width, height = struct.unpack(">II", data[16:24])
    assert width == 2 * export.WIDTH and 200 < height < 2000, (width, height)
    no_errors(page)
    page.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_link_echoed_in_a_notice_is_no_link(server, browser, lang):
    # GFM links http://, www. and e-mail addresses even when their characters are escaped
    e = next(e for e in EXPERIMENTS if e.file == "pages/cnn_arithmetic.py")
    bad = "x](http://e.org),www.e.org,a@b.org,c3p1o64"
    page = open_page(browser, f"{server}/{url_path(e)}?lang={lang}&cnn={bad}", title(e.text, lang))
    alerts = page.locator('[data-testid="stAlert"]')
    assert alerts.count() >= 3
    assert alerts.locator("a").count() == 0, alerts.all_inner_texts()
    assert "http://e.org" in " ".join(alerts.all_inner_texts()).replace("\u200b", "")
    page.close()


# The chart that answers a page's question is the page's first chart (the pages are laid out
# so): the Vega charts, or the Training page's live network view.
# A chart hidden in a tab not shown is no candidate; the first shown one, while still flat
# (being laid out for a new width), means "not yet": a later chart would stand in for it.
KEY_CHART = """() => {
  const all = [...document.querySelectorAll(
      '[data-testid="stMain"] :is([data-testid="stVegaLiteChart"], .st-key-tr_view)')]
    .filter(e => e.offsetParent !== null);
  if (!all.length) return null;
  const r = all[0].getBoundingClientRect();
  return r.height > 40 ? [r.top + window.scrollY, r.height] : null;
}"""
SEEN = 250  # px of the key chart (or all of it, if smaller) that must be on the first screen
# (presenter mode, viewports): presenter mode is checked at 1280 x 800, then the same tab is
# made 1920 x 1080
SCREENS = ((False, ((1280, 800),)), (True, ((1280, 800), (1920, 1080))))
AT_ONCE = 3  # tabs loading at the same time


def first_screen_misses(browser, jobs: list[tuple[str, str, bool]]) -> list[str]:
    """Where the key chart is not on the first screen, for each (url, language, presenter mode)
    of `jobs`, loaded AT_ONCE at a time."""
    misses = []
    for i in range(0, len(jobs), AT_ONCE):
        opened = []
        for url, lang, present in jobs[i:i + AT_ONCE]:
            sizes = dict(SCREENS)[present]
            page = browser.new_page(viewport=dict(zip(("width", "height"), sizes[0])))
            extra = ([f"lang={lang}"] if lang != "en" else []) + (["present=1"] if present else [])
            page.goto(url + ("&" if "?" in url else "?") + "&".join(extra) if extra else url,
                      wait_until="commit")
            opened.append((page, url, lang, present, sizes))
        for page, url, lang, present, sizes in opened:
            page.wait_for_function(f"() => ({KEY_CHART})() && !document.querySelector("
                                   "'[data-testid=\"stStatusWidget\"]')", timeout=90_000)
            page.wait_for_timeout(300)
            no_errors(page)
            for w, h in sizes:
                page.set_viewport_size({"width": w, "height": h})
                page.wait_for_timeout(200)
                # a chart being laid out again for the new width is briefly flat
                page.wait_for_function(f"() => ({KEY_CHART})()", timeout=30_000)
                top, height = page.evaluate(KEY_CHART)
                if top + min(height, SEEN) > h:
                    misses.append(f"{url} {lang} {'presenter ' if present else ''}{w}x{h}: "
                                  f"chart at {top:.0f} px")
            page.close()
    return misses


def test_every_page_and_lesson_shows_its_key_chart_on_the_first_screen(server, browser):
    """Every page and lesson, plain and in presenter mode: each in English one way and in
    Chinese the other."""
    from ui.lessons import LESSONS
    urls = [f"{server}/{url_path(e)}" for e in EXPERIMENTS]
    urls += [f"{server}/{Path(l.page).stem}?lesson={l.key}" for l in LESSONS]
    jobs = [(u, ("en", "zh")[(k + present) % 2], present)
            for k, u in enumerate(urls) for present in (False, True)]
    misses = first_screen_misses(browser, jobs)
    assert not misses, "\n".join(misses)


def test_backprop_steps_back_to_the_first_forward_step(server, browser):
    e = next(e for e in EXPERIMENTS if e.file == "pages/backprop.py")
    page = open_page(browser, f"{server}/{url_path(e)}", title(e.text, "en"))
    assert page.get_by_text("Step 6 of 6: backward through layer 1.").count() == 1
    # the equations, by hand and by autograd (KaTeX typesets them once its script has loaded)
    page.locator(".katex").nth(5).wait_for(timeout=30_000)
    thumb = page.locator(".st-key-bp_step input[type=range]")
    thumb.focus()
    thumb.press("Home")
    page.get_by_text("Step 1 of 6: forward through layer 1.").wait_for(timeout=60_000)
    settle(page, title(e.text, "en"))
    assert page.locator('[data-testid="stVegaLiteChart"] canvas').first.is_visible()
    no_errors(page)
    page.screenshot(path=str(SHOTS / "backprop_step1.png"))


def test_loss_surface_draws_its_3d_surfaces(server, browser):
    e = next(e for e in EXPERIMENTS if e.file == "pages/loss_surface.py")
    page = open_page(browser, f"{server}/{url_path(e)}?ls_3d=true&ls_grid=21&ls_epochs=5",
                     title(e.text, "en"))
    plots = page.locator('[data-testid="stPlotlyChart"]')
    plots.nth(2).wait_for(timeout=60_000)  # the main surface and the deep pair
    assert plots.count() == 3
    for i in range(3):
        assert plots.nth(i).locator("canvas").count() >= 1  # drawn by WebGL
    no_errors(page)
    page.screenshot(path=str(SHOTS / "loss_surface_3d.png"))

"""The home page's card pictures in a real browser: all drawn, lined up in each row of cards,
inside their cards, at a desktop width, in presenter mode and on a phone."""
import pytest

from test_browser import SHOTS, browser, no_errors, open_page, server, title  # noqa: F401
from ui import thumbs
from ui.experiments import EXPERIMENTS
from ui.text import home

BOXES = """() => [...document.querySelectorAll('[data-testid="stMain"] img')]
  .filter(i => i.naturalWidth > 64)
  .map(i => {
    const card = i.closest('[data-testid="stVerticalBlock"]').getBoundingClientRect();
    const r = i.getBoundingClientRect();
    return {w: i.naturalWidth, h: i.naturalHeight, left: r.left, right: r.right, top: r.top,
            height: r.height, width: r.width, card: [card.left, card.right, card.top]};
  })"""


@pytest.mark.parametrize("query,width,height,per_row", [
    ("", 1280, 800, 3), ("?present=1", 1920, 1080, 3), ("?lang=zh", 1280, 800, 3),
    ("", 390, 844, 1)], ids=["desktop", "presenter", "zh", "phone"])
def test_every_card_shows_its_picture_in_line(server, browser, query, width, height, per_row):
    lang = "zh" if "zh" in query else "en"
    page = open_page(browser, f"{server}/{query}", title(home, lang), width, height)
    page.wait_for_function(f"() => ({BOXES})().length >= {len(EXPERIMENTS)}", timeout=120_000)
    no_errors(page)
    boxes = page.evaluate(BOXES)
    assert len(boxes) == len(EXPERIMENTS)
    for b in boxes:
        assert (b["w"], b["h"]) == (thumbs.SIZE[0] * thumbs.SCALE, thumbs.SIZE[1] * thumbs.SCALE)
        assert b["card"][0] <= b["left"] and b["right"] <= b["card"][1]  # nothing cut
        assert b["height"] == pytest.approx(b["width"] * thumbs.SIZE[1] / thumbs.SIZE[0], abs=2)
    for row in range(0, len(boxes), per_row):
        line = boxes[row:row + per_row]
        assert max(b["top"] for b in line) - min(b["top"] for b in line) < 1
        assert max(b["height"] for b in line) - min(b["height"] for b in line) < 1
    page.screenshot(path=SHOTS / f"home-pictures-{width}{query.replace('?', '-')}.png")
    page.close()

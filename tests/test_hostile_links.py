"""Links and files made to hurt, found by fuzzing shared links: Markdown in a value, inf where a
number goes, 10 kB fields, a cut that leaves no distribution, a step beyond the last one, a
CSV with a 900 kB cell. Each is a notice in plain words, never a traceback."""
import re

import pytest

from test_pages import plain, run
from ui.experiments import EXPERIMENTS

LINK = "[click](https://example.org)"
IMAGE = "![x](https://example.org/p.png)"
# What would render as a link, an image or a tag: none may be left unescaped in a notice.
ACTIVE = re.compile(r"(?<!\\)(\]\(|!\[|://|<|www\.)")


def notices(at) -> list[str]:
    return [e.value for kind in ("warning", "error", "info", "success") for e in getattr(at, kind)]


def assert_echoed_as_text(at, *values: str) -> None:
    """No notice holds live Markdown, and each value still reads as itself in one of them."""
    bodies = notices(at)
    assert not any(ACTIVE.search(b) for b in bodies), [b for b in bodies if ACTIVE.search(b)]
    for v in values:
        assert any(v in plain(b) for b in bodies), (v, bodies)


def test_controls_and_b_side_echo_link_values_as_text():
    at = run("pages/gradient_flow.py", depth=LINK, act=IMAGE, ab="true", b_act=IMAGE,
             b_depth=LINK)
    assert_echoed_as_text(at, f"depth={LINK}", f"act={IMAGE}", f"b_act={IMAGE}",
                          f"b_depth={LINK}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_language_presenter_mode_and_lesson_notices_echo_as_text(lang):
    at = run(lang=LINK, present=IMAGE)  # the language and presenter notices come with the home page
    assert_echoed_as_text(at, f"lang={LINK}", f"present={IMAGE}")
    at = run("pages/gradient_flow.py", lesson=IMAGE, **({"lang": lang} if lang == "zh" else {}))
    assert_echoed_as_text(at, IMAGE)


def test_text_fields_echo_their_bad_entries_as_text():
    at = run("pages/cnn_arithmetic.py", cnn=f"c3p1o8,{IMAGE}")
    assert_echoed_as_text(at, IMAGE[:24])  # the engine shortens a token to 24 characters
    at = run("pages/losses_information.py", li_x=f"1,2,{LINK}", li_p="<b>x</b>,1,1")
    assert_echoed_as_text(at, LINK[:24], "<b>x</b>")


def test_a_long_link_value_is_cut_in_its_notice():
    at = run(lang="x" * 10_000)
    [note] = [plain(b) for b in notices(at) if "lang=" in b]
    assert len(note) < 120 and "x" * 40 + "…" in note


@pytest.mark.parametrize("page,key,default", [
    ("pages/cnn_arithmetic.py", "cnn", "c11s4p2o64"),
    ("pages/losses_information.py", "li_p", "5, 3, 1, 1"),
    ("pages/losses_information.py", "li_x", "3, 1, -2"),
])
def test_a_10_kB_field_gives_a_few_notices_not_thousands(page, key, default):
    at = run(page, **{key: ",".join(["x"] * 5000)})
    assert not at.exception
    bodies = [plain(b) for b in notices(at) if "“x”" in b or "more problems" in b
              or default in b]
    assert len(bodies) == 4, bodies  # the fallback, two entries, then the count of the rest
    assert default in bodies[0] and "4998 more problems" in bodies[-1]


SEEDS = {"pages/training.py": "seed", "pages/loss_surface.py": "ls_seed",
         "pages/gradient_flow.py": "seed", "pages/optimizer_paths.py": "pseed",
         "pages/batch_size.py": "bs_seed", "pages/normalization.py": "nm_seed",
         "pages/regularization.py": "rg_seed", "pages/cnn_arithmetic.py": "cnn_seed",
         "pages/activations.py": "ac_seed", "pages/rnn_lstm.py": "rl_seed",
         "pages/backprop.py": "bp_seed", "pages/data_ensembles.py": "de_seed"}


def test_every_page_with_a_seed_is_listed():
    assert set(SEEDS) == {e.file for e in EXPERIMENTS} - {"pages/losses_information.py"}


@pytest.mark.parametrize("page,key", SEEDS.items(), ids=list(SEEDS))
def test_an_infinite_seed_is_ignored_on_every_page_with_a_seed(page, key):
    for bad in ("inf", "-inf", "1e309"):
        at = run(page, **{key: bad})
        assert at.number_input(key=key).value == 0
        assert any(f"{key}={bad}" in plain(b) for b in notices(at))


def test_p_and_q_cut_to_one_length_that_leaves_zeros_fall_back_with_a_notice():
    at = run("pages/losses_information.py", li_p="1,1", li_q="0,0,0,1")
    assert any("first 2 entries of q add up to 0" in b for b in notices(at))
    at = run("pages/losses_information.py", li_p="0,0,1", li_q="1,1")
    assert any("first 2 entries of p add up to 0" in b for b in notices(at))
    at = run("pages/losses_information.py", li_p="1,1", li_q="0,0,0,1", lang="zh")
    assert any("q 的前 2 项总和为 0" in b for b in notices(at))


OP = "pages/optimizer_paths.py"


def test_the_step_shown_stays_within_the_steps_however_both_change():
    at = run(OP, psteps=50, at=400)  # both in one link
    assert at.slider(key="at").value == 50
    at = run(OP, psteps=500)
    at.slider(key="at").set_value(400).run()
    at.select_slider(key="psteps").set_value(50).run()  # the step shown set high, steps lowered
    assert not at.exception and at.slider(key="at").value == 50
    at = run(OP, lesson="zigzag")  # 500 steps: a new lesson resets `at` to that run's 500
    next(b for b in at.get("button_group") if b.key == "lesson_pick").set_value("saddle").run()
    assert not at.exception and at.slider(key="at").value == 200


TR = "pages/training.py"
GOOD = b"x1,x2,label\n0,0,0\n1,1,1\n0,1,1\n1,0,0\n"


@pytest.mark.parametrize("raw,words", [
    (b"[x](https://example.org),![y](https://example.org/p.png),label\n1,1,1\n",
     "[x](https://example.org),![y](https://ex"),
    (b"x1,x2,label\n0,0,0\n1,1," + b"1" * 900_000 + b"\n0,1,1\n1,0,0\n", "131,072 characters"),
    (b"x1,x2,label\n0,0,0.5\n1,1,1e300\n0,1,1\n1,0,0\n", "within ±1000"),
], ids=["markdown", "huge_field", "huge_target"])
def test_a_bad_csv_is_a_clear_message_and_the_page_keeps_working(raw, words):
    at = run(TR)
    at.file_uploader(key="tr_upload").set_value(("points.csv", raw, "text/csv")).run()
    assert not at.exception
    assert_echoed_as_text(at, words)
    assert len(at.session_state["tr_trainer"].y) == 500  # nothing changed
    at.file_uploader(key="tr_upload").set_value(("good.csv", GOOD, "text/csv")).run()
    at.button(key="tr_step_btn").click().run()
    assert not at.exception and len(at.session_state["tr_trainer"].y) == 4


def test_numbers_too_large_for_the_page_are_notices_not_wrong_numbers():
    """1e308 + 1e308 overflows: p read (0, 0); 1e308 × 10,000 is inf: even the stable
    softmax gave NaN."""
    at = run("pages/losses_information.py", li_p="1e308,1e308", li_x="1e308,3,1,-2",
             li_s="10000")
    assert any("p = (0.500, 0.500)" in c.value for c in at.caption)
    assert any("“1e+308” in logits is beyond ±1e+06" in b for b in notices(at))
    stable = next(m.value for m in at.metric if m.label == "log-sum-exp, max subtracted")
    assert stable == "30000"

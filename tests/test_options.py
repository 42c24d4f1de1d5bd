"""Select boxes speak the visitor's language and return the engine's names; a link may give an
option as its value or as its label in either language (issue 22)."""
import pytest

from playground import activations, data, functions2d, inits, nets, optim, paths, surface
from test_pages import GF, plain, run
from ui import train_controls
from ui.controls import Controls, option_value, readings
from ui.experiments import EXPERIMENTS
from ui.text import lessons as lesson_text, options as text

TR, OP = "pages/training.py", "pages/optimizer_paths.py"
# Every registry a page fills a select box from (the pages' own small tuples are caught by
# the spy below, which sees every option set passed to Controls.choice and to B's follow).
REGISTRIES = {
    "datasets": tuple(data.DATASETS), "activations": activations.ACTIVATIONS,
    "initializers": inits.INITIALIZERS, "norms": nets.NORMS,
    "optimizers": tuple(optim.OPTIMIZERS), "schedules": tuple(optim.SCHEDULES),
    "path optimizers": paths.OPTIMIZERS,
    "directions": surface.DIRECTIONS, "functions": tuple(functions2d.FUNCTIONS),
}


def spellings(option: str) -> set[str]:
    return {option, text.EN[option], text.ZH[option]}


def check(options) -> None:
    """Every option has a label in both languages, and no way of writing one option in a link
    names another option of the same set."""
    missing = [o for o in options if o not in text.EN or o not in text.ZH]
    assert not missing, f"options without a label in ui/text/options.py: {missing}"
    for a in options:
        for b in options:
            assert a == b or not spellings(a) & spellings(b), (a, b)
    assert set(readings(options).values()) == set(options)


@pytest.mark.parametrize("name", REGISTRIES)
def test_every_option_of_every_registry_has_a_label_in_both_languages(name):
    check(REGISTRIES[name])


@pytest.fixture(scope="module")
def offered() -> dict[str, tuple]:
    """key -> options of every select box made by Controls.choice or by B's `follow` (string
    options), and of every multiselect but the batch sizes', on every page, with A/B on so B's controls exist too."""
    seen, choice, multi, follow = {}, Controls.choice, Controls.multi, train_controls.follow

    def spy(self, key, label, options, default, **kw):
        seen[key] = tuple(options)
        return choice(self, key, label, options, default, **kw)

    def spy_multi(self, key, label, options, default, **kw):
        if not all(o.isdigit() for o in options):  # batch sizes read alike in every language
            seen[key] = tuple(options)
        return multi(self, key, label, options, default, **kw)

    def spy_b(c, key, label, options, **kw):
        if isinstance(options[0], str):
            seen[key] = tuple(options)
        return follow(c, key, label, options, **kw)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Controls, "choice", spy)
        mp.setattr(Controls, "multi", spy_multi)
        mp.setattr(train_controls, "follow", spy_b)
        for e in EXPERIMENTS:
            run(e.file, ab="true")
    return seen


def test_every_option_of_every_select_box_has_a_label_in_both_languages(offered):
    # a page that stops calling Controls.choice (or the spy that stops seeing it) is a failure
    assert {"act", "init", "norm", "ds", "opt", "sched", "loss", "fn", "psched", "insp",
            "ls_dir", "bs_data", "ac_shade", "li_y", "li_dt", "nm_act", "b_act", "b_init",
            "b_norm", "b_opt", "opts", "ac_fns", "feat"} <= set(offered)
    for key, options in offered.items():
        check(options)


def test_the_table_has_no_label_no_select_box_offers(offered):
    used = {o for options in list(offered.values()) + list(REGISTRIES.values()) for o in options}
    assert set(text.LABELS) - used == set()


def test_chinese_select_boxes_show_chinese_labels_and_return_the_engine_names():
    at = run(GF, lang="zh", act="relu", init="kaiming_normal", norm="batch")
    assert not at.warning, [w.value for w in at.warning]
    assert at.selectbox(key="act").value == "relu"
    assert at.selectbox(key="init").value == "kaiming_normal"
    assert at.selectbox(key="norm").value == "batch"
    assert at.selectbox(key="init").options == [text.ZH[o] for o in inits.INITIALIZERS]
    assert at.selectbox(key="norm").options == ["无", "批归一化", "层归一化"]
    en = run(GF)
    assert en.selectbox(key="init").options == [text.EN[o] for o in inits.INITIALIZERS]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_link_may_give_the_value_or_its_label_in_either_language(lang):
    at = run(TR, lang=lang, ds="螺旋", act="ReLU", init="He（Kaiming）正态", norm="Layer norm",
             opt="adam", sched="Cosine", ab="true", b_act="Sigmoid", b_opt="动量法")
    assert not at.warning, [w.value for w in at.warning]
    got = {k: at.selectbox(key=k).value for k in
           ("ds", "act", "init", "norm", "opt", "sched", "b_act", "b_opt")}
    assert got == {"ds": "spiral", "act": "relu", "init": "kaiming_normal", "norm": "layer",
                   "opt": "adam", "sched": "cosine", "b_act": "sigmoid", "b_opt": "momentum"}
    assert at.session_state["tr_bg"].trainers  # the run uses them: no unknown name reached it


def test_a_bogus_option_is_a_notice_and_the_default():
    at = run(GF, lang="zh", act="swish", init="xavier normal")  # not a value, nor a label
    notes = " ".join(plain(w.value) for w in at.warning)
    assert "act=swish" in notes and "init=xavier normal" in notes and "默认值" in notes
    assert at.selectbox(key="act").value == "sigmoid"
    assert at.selectbox(key="init").value == "xavier_normal"
    at.run()  # reported once: the link no longer says it
    assert not [w for w in at.warning if w.icon == ":material/link_off:"]


def test_the_value_survives_a_language_switch_and_the_labels_follow():
    at = run(GF, act="relu", init="kaiming_normal")
    assert at.selectbox(key="init").options[at.selectbox(key="init").index] == "He (Kaiming) normal"
    at.session_state["lang"] = "zh"  # what the switch's callback does
    at.session_state["lang_choice"] = "zh"
    at.run()
    assert not at.exception and not at.warning
    box = at.selectbox(key="init")
    assert box.value == "kaiming_normal" and box.options[box.index] == "He（Kaiming）正态"
    assert at.selectbox(key="act").value == "relu"
    box.set_value("xavier_uniform").run()  # still a working control in Chinese
    assert at.selectbox(key="init").value == "xavier_uniform" and not at.warning


def test_no_label_names_two_options():
    """ui/lessons.py reads a link's label back through the whole table: one option per word."""
    words = [w for value, pair in text.LABELS.items() for w in {value, *pair}]
    assert len(words) == len(set(words))
    assert all(option_value(w) == v for v, pair in text.LABELS.items() for w in (v, *pair))


def test_a_lesson_sets_engine_names_in_chinese_too():
    at = run(GF, lesson="relu_he", lang="zh")
    assert at.selectbox(key="act").value == "relu"
    assert at.selectbox(key="init").value == "kaiming_normal"
    assert not at.warning and lesson_text.ZH["changed"] not in [m.value for m in at.markdown]


@pytest.mark.parametrize("init", ["He (Kaiming) normal", "He（Kaiming）正态", "kaiming_normal"])
def test_a_lesson_link_copied_with_labels_is_the_lesson_unchanged(init):
    """The URL holds the labels of the language it was copied in: that is no change."""
    at = run(GF, lesson="relu_he", act="ReLU", depth="30", init=init)
    assert at.selectbox(key="init").value == "kaiming_normal"
    assert lesson_text.EN["changed"] not in [m.value for m in at.markdown]
    changed = run(GF, lesson="relu_he", act="ReLU", depth="30", init="Xavier normal")
    assert lesson_text.EN["changed"] in [m.value for m in changed.markdown]


def switch(at, lang: str):
    """What the language switch's callback does, then the rerun."""
    at.session_state["lang"] = at.session_state["lang_choice"] = lang
    return at.run()


def test_a_value_the_link_does_not_hold_survives_a_language_switch():
    """A lesson sets its values in session state: the browser holds only the label, in the
    language it was drawn in, which the select box no longer offers after the switch."""
    at = run(GF, lesson="relu_he", lang="zh")
    switch(at, "en")
    box = at.selectbox(key="init")
    assert box.value == "kaiming_normal" and box.options[box.index] == "He (Kaiming) normal"
    at.selectbox(key="norm").set_value("layer").run()  # the next run keeps it too
    assert at.selectbox(key="init").value == "kaiming_normal"
    switch(at, "zh")
    assert at.selectbox(key="init").value == "kaiming_normal"
    assert at.selectbox(key="norm").value == "layer"


def test_a_link_keeps_its_value_spelled_as_the_select_box_shows_it():
    """Streamlit drops a URL value its select box cannot read (`relu` where it shows `ReLU`):
    the link is respelled first, so a link copied later still holds the setting."""
    at = run(GF, act="relu", init="kaiming_normal", ab="true", b_norm="batch", lang="zh")
    assert at.query_params["act"] in ("ReLU", ["ReLU"])
    assert at.query_params["init"] in ("He（Kaiming）正态", ["He（Kaiming）正态"])
    assert at.query_params["b_norm"] in ("批归一化", ["批归一化"])
    assert at.selectbox(key="b_norm").value == "batch"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_multiselect_shows_labels_takes_any_spelling_and_returns_the_engine_names(lang):
    at = run(OP, lang=lang, opts=["sgd", "动量法", "Adam"])
    assert not at.warning, [w.value for w in at.warning]
    box = at.multiselect(key="opts")
    assert box.value == ["sgd", "momentum", "adam"]
    table = text.ZH if lang == "zh" else text.EN
    assert box.options == [table[o] for o in paths.OPTIMIZERS]
    assert at.query_params["opts"] == [table[o] for o in ("sgd", "momentum", "adam")]
    names = " ".join(m.value for m in at.info) + " ".join(m.value for m in at.success)
    assert table["momentum"] in names and "momentum" not in names.replace(table["momentum"], "")
    switch(at, "en" if lang == "zh" else "zh")  # the choice survives the language switch
    assert at.multiselect(key="opts").value == ["sgd", "momentum", "adam"] and not at.warning


def test_a_multiselect_link_drops_an_unknown_entry_and_keeps_the_rest():
    at = run(OP, opts=["Momentum", "swish"])
    assert at.multiselect(key="opts").value == ["momentum"]
    assert at.query_params["opts"] in ("Momentum", ["Momentum"])  # the link keeps the rest
    assert any("opts=swish" in plain(w.value) for w in at.warning)


def test_a_multiselect_link_with_too_many_entries_keeps_the_first_and_says_so():
    many = list(paths.OPTIMIZERS[:7])
    at = run(OP, opts=many)
    assert at.multiselect(key="opts").value == many[:6]
    assert any("7 entries of opts" in plain(w.value) for w in at.warning)

"""Lessons: named demonstrations from the notes. One click (or one link) sets a page up, and
the lesson asks the visitor to predict what they will see before revealing the answer.

However a lesson opens, it sets every control of its page: its own settings, and every other
control back to its default. A click opens it through its link (the page reloaded with
`?lesson=<key>` alone): Streamlit seeds a widget from the link rather than from session state
whenever the widget is new to the run (a start-point slider whose range follows the function,
a step slider whose end follows the step count), so the old values must leave the link. Once a
control leaves the lesson's settings, the answer is hidden until the lesson is set up again."""
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import i18n, present
from ui.controls import DEFAULTS, option_value, parse_number, spell
from ui.echo import literal
from ui.experiments import link_params
from ui.text import lessons as text

APPLIED = "lesson_applied"  # the lesson whose settings this session last put in place
PICK = "lesson_pick"        # the picker's widget key (not in the URL: `lesson` is)
SEEN = "lesson_seen"        # page -> its last run's _Watch (its controls and their defaults)
OPENED = "lesson_opened"    # how many times a lesson was set up (a new answer opens closed)
# Controls that only choose what is shown of the same result (the step drawn on the map, the
# path inspected, the colour scale): moving them leaves the lesson's answer true.
VIEW = frozenset({"at", "insp", "logc"})


@dataclass(frozen=True)
class Lesson:
    key: str     # ?lesson=<key>; its texts are <key>, <key>_ask and <key>_answer
    page: str    # the file under pages/ that shows it
    settings: tuple[tuple[str, object], ...]  # control key -> value, as the control returns it

    def link(self) -> dict[str, str | list[str]]:
        """The query parameters of a link that opens this lesson."""
        def url(v):
            if isinstance(v, bool):
                return "true" if v else "false"
            return [url(x) for x in v] if isinstance(v, (list, tuple)) else spell(v)
        return {k: url(v) for k, v in self.settings} | {"lesson": self.key}


GF, OP, LI, AC = ("pages/gradient_flow.py", "pages/optimizer_paths.py",
                  "pages/losses_information.py", "pages/activations.py")
TR, LS, CN, BS = ("pages/training.py", "pages/loss_surface.py", "pages/cnn_arithmetic.py",
                  "pages/batch_size.py")
NM, RG, RL = "pages/normalization.py", "pages/regularization.py", "pages/rnn_lstm.py"
BP, DE = "pages/backprop.py", "pages/data_ensembles.py"
LESSONS = (
    Lesson("bp_vanish", BP, (("bp_depth", 3), ("bp_act", "sigmoid"))),
    # seed 4 with weights 4 times Glorot's: the output is 0.001 for a target of 1
    Lesson("bp_confident", BP, (("bp_act", "tanh"), ("bp_scale", 4.0), ("bp_seed", 4),
                                ("bp_out", "sigmoid_se"))),
    # seed 0: every unit of layer 2 gets z < 0 on the default example
    Lesson("bp_dead", BP, (("bp_act", "relu"), ("bp_init", "kaiming_normal"))),
    Lesson("vanishing", GF, (("act", "sigmoid"), ("depth", 10), ("init", "xavier_normal"))),
    Lesson("relu_xavier", GF, (("act", "relu"), ("depth", 30), ("init", "xavier_normal"))),
    Lesson("relu_he", GF, (("act", "relu"), ("depth", 30), ("init", "kaiming_normal"))),
    Lesson("zero_init", GF, (("act", "tanh"), ("depth", 5), ("init", "zeros"))),
    Lesson("zigzag", OP, (("fn", "quadratic"), ("kappa", 100), ("angle", 30),
                          ("opts", ["sgd", "momentum"]), ("plr", 0.01), ("psteps", 500))),
    Lesson("precondition", OP, (("fn", "quadratic"), ("kappa", 100), ("angle", 30),
                                ("pre", True), ("opts", ["sgd"]), ("plr", 0.01),
                                ("psteps", 500))),
    Lesson("saddle", OP, (("fn", "saddle"), ("opts", ["sgd", "adam"]), ("plr", 0.01),
                          ("psteps", 200))),
    Lesson("decay_wins", OP, (("sr_lr", 3.0), ("sr_ep", 50))),
    Lesson("softmax_overflow", LI, (("li_s", 1000), ("li_dt", "float32"))),
    Lesson("ce_vs_mse", LI, (("li_y", "1"), ("li_z", -8))),
    # seed 2: all three train at rate 3 without diverging (with seed 0 leaky ReLU diverges)
    Lesson("dead_relu", AC, (("ac_fns", ["relu", "leaky_relu", "elu"]), ("ac_shade", "relu"),
                             ("ac_seed", 2))),
    Lesson("maxout_abs", AC, (("ac_mp", 1), ("ac_mk", 8))),
    # The Training page plays live: its lessons only set controls; Step shows the claim.
    Lesson("xor_line", TR, (("ds", "xor"), ("layers", 1), ("neurons", 1), ("lr", 0.3))),
    Lesson("xor_product", TR, (("ds", "xor"), ("layers", 1), ("neurons", 1), ("lr", 0.3),
                               ("feat", ["x1", "x2", "x1x2"]))),
    Lesson("lr_diverge", TR, (("ds", "plane"), ("lr", 1.0))),
    Lesson("skips", LS, (("ds", "circle"),)),
    Lesson("plateau", LS, (("ls_log", False),)),
    Lesson("two_3x3", CN, (("cnn", "c3p1o64,c3p1o64"), ("cnn_h", 32), ("cnn_w", 32),
                           ("cnn_c", 64))),
    Lesson("bottleneck", CN, (("cnn", "c1o64,c3p1o256"), ("cnn_h", 28), ("cnn_w", 28),
                              ("cnn_c", 256))),
    Lesson("stem", CN, (("cnn", "c7s2p3o64,m3s2p1"), ("cnn_h", 224), ("cnn_w", 224),
                        ("cnn_c", 3))),
    Lesson("inception_reduce", CN, (("cb_inc", "3a"),)),
    Lesson("se_overhead", CN, (("cb_sc", 256), ("cb_sr", 16), ("cb_ss", 56))),
    Lesson("noise_b", BS, (("bs_k", 0), ("bs_data", "circle"))),
    Lesson("linear_scaling", BS, (("bs_ps", 8), ("bs_pl", 64), ("bs_plr", 0.5),
                                  ("bs_lin", True))),
    Lesson("bn_running_drift", NM, (("nm_rm", 1.0), ("nm_rl", 0.3))),
    Lesson("bn_batch2", NM, (("nm_b", 2),)),
    Lesson("bn_lr", NM, (("nm_lr", 1.0), ("nm_act", "tanh"), ("nm_ep", 20))),
    Lesson("bootstrap_share", DE, (("de_k", 10),)),
    Lesson("augment_moons", DE, (("de_ds", "moons"), ("de_rot", 180), ("de_m", 16))),
    Lesson("l1_sparse", RG, (("rg_l1", 0.01), ("rg_l2", 0.03))),
    Lesson("dropout_scale", RG, (("rg_p", 0.5),)),
    Lesson("early_stop", RG, (("rg_n", 30),)),
    Lesson("rnn_vanish", RL, (("rl_t", 50), ("rl_rho", 0.9))),
    Lesson("forget_bias", RL, (("rl_fb", -3.0),)),
    Lesson("rnn_clip", RL, (("rl_rho", 2.5), ("rl_clip", 10.0))),
)
BY_KEY = {l.key: l for l in LESSONS}


def of_page(page: str) -> list[Lesson]:
    return [l for l in LESSONS if l.page == page]


def same(a, b) -> bool:
    """Whether a control's value is a setting (a multiselect gives a list, a setting a tuple)."""
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return list(a) == list(b)
    return a == b


def _reads_as(raw: list[str], want: str | list[str]) -> bool:
    """Whether a link's value(s) give the setting spelled `want` (`10.0` reads as `10`, a
    select box's label `He (Kaiming) normal` as `kaiming_normal`)."""
    wants = want if isinstance(want, list) else [want]
    return len(raw) == len(wants) and all(
        r == w or r.lower() == w.lower() or option_value(r) == w
        or (parse_number(r) is not None and parse_number(r) == parse_number(w))
        for r, w in zip(raw, wants))


def _fragment_run() -> bool:
    """Whether this run reruns a fragment only (the panel, outside it, is not redrawn)."""
    ctx = get_script_run_ctx()
    return bool(ctx and ctx.fragment_ids_this_run)


class _Watch(dict):
    """The page's controls and their defaults, which ui.controls records here just before it
    makes each widget: the moment to put a just-opened lesson's other controls back to their
    defaults (computed this run: a start point follows the function), and, in a fragment's
    rerun, to notice a control leaving or rejoining the lesson's settings and redraw the panel
    with a full rerun."""

    def __init__(self, recorded: dict, lesson: "Lesson | None", off: set[str], arriving: bool):
        super().__init__(recorded)
        self.lesson, self.off, self.arriving = lesson, set(off), arriving
        self.named = dict(lesson.settings) if lesson else {}
        self.shown = bool(self.off)  # what the panel says on this run
        self.seen: dict[str, object] = {}

    def __setitem__(self, key: str, default) -> None:
        super().__setitem__(key, default)
        if self.lesson is None:
            return
        fragment = _fragment_run()  # this object outlives its full run into fragment reruns
        if self.arriving and not fragment and (key in st.query_params or key not in self.named):
            # A value kept from an earlier visit would win over both: the widget starts anew,
            # from the link's value, else from its default.
            st.session_state.pop(key, None)
        value = st.session_state[key] if key in st.session_state else default
        if not fragment:
            self.seen[key] = value
            return
        if key in VIEW or (key in self.seen and same(self.seen[key], value)):
            return  # not moved by this rerun
        self.seen[key] = value
        if same(value, self.named.get(key, default)):
            self.off.discard(key)
        else:
            self.off.add(key)
        if bool(self.off) != self.shown:
            st.rerun(scope="app")


def _link_off(lesson: Lesson) -> set[str]:
    """The link's parameters that differ from the lesson's own link (a teacher's change)."""
    link = lesson.link()
    return {k for k in st.query_params
            if k not in ("lesson", "lang", present.KEY) and k not in VIEW
            and (k not in link or not _reads_as(st.query_params.get_all(k), link[k]))}


def _moved(lesson: Lesson, seen: dict) -> set[str]:
    """The controls recorded on the page's last run whose value is not the lesson's."""
    named = dict(lesson.settings)
    return {k for k, default in seen.items() if k not in VIEW and k in st.session_state
            and not same(st.session_state[k], named.get(k, default))}


def _go(key: str | None) -> None:
    """A callback: open this lesson through its link, `?lesson=<key>` alone (see the module's
    docstring), in a run that starts over with that link."""
    if key not in BY_KEY:
        return
    st.session_state.pop(APPLIED, None)
    # from_dict drops every parameter, bound ones too (setting or deleting one raises)
    st.query_params.from_dict({"lesson": key} | link_params() | present.link_params())
    st.rerun()


def _picked() -> None:
    """The picker's callback. Clicking the open lesson's highlighted button again (which
    clears the picker) sets that lesson up again rather than closing it."""
    _go(st.session_state.get(PICK) or st.session_state.get(APPLIED))


def _close() -> None:
    st.query_params.pop("lesson", None)
    st.session_state.pop(APPLIED, None)


def _arrive(lesson: Lesson) -> None:
    """The link named the lesson: its settings where the link says nothing (a link shared after
    a change keeps that change); the other controls go back to their defaults as they are made
    (see `_Watch`)."""
    for k, v in lesson.settings:
        if k not in st.query_params:
            st.session_state[k] = list(v) if isinstance(v, (list, tuple)) else v
    st.session_state[APPLIED] = lesson.key
    st.session_state[OPENED] = st.session_state.get(OPENED, 0) + 1


def showing(page: str) -> bool:
    """Whether the link opens one of `page`'s lessons."""
    lesson = BY_KEY.get(st.query_params.get("lesson") or "")
    return lesson is not None and lesson.page == page


def panel(page: str):
    """This page's lessons (call before the page's controls): a picker, and the open lesson's
    question with its answer behind a click. A lesson named in the link is set up once.

    Returns the answer's expander while a lesson is open and its settings hold (else None): a
    page puts there what would otherwise tell the answer right under the question (a verdict,
    a key number)."""
    mine = of_page(page)
    if not mine:
        return None
    T = i18n.translator(text)
    asked = st.query_params.get("lesson")
    lesson = BY_KEY.get(asked) if asked is not None else None
    if asked is not None and (lesson is None or lesson.page != page):
        st.warning(T("unknown", key=literal(asked)), icon=":material/link_off:")
        asked = lesson = None
    arriving = lesson is not None and st.session_state.get(APPLIED) != asked
    if arriving:
        _arrive(lesson)
        off = _link_off(lesson)
    else:
        off = _moved(lesson, st.session_state.get(SEEN, {}).get(page, {})) if lesson else set()
    watch = _Watch(st.session_state.get(DEFAULTS, {}), lesson, off, arriving)
    st.session_state[DEFAULTS] = watch
    st.session_state.setdefault(SEEN, {})[page] = watch
    st.session_state[PICK] = asked  # the picker shows what the link says
    # with a lesson open its question takes the room of the picker's label (the chart below
    # stays on the first screen in presenter mode)
    st.pills(T("pick"), [l.key for l in mine], format_func=T, key=PICK, on_change=_picked,
             help=T("pick_help"), label_visibility="visible" if lesson is None else "collapsed")
    if lesson is None:
        return None
    with st.container(border=True):
        if off:  # one line: what happened, the way back, and the way out
            row = st.container(horizontal=True, vertical_alignment="center")
            row.markdown(T("changed"))
            row.button(T("back"), icon=":material/undo:", on_click=_go, args=(asked,))
            row.button(T("close"), icon=":material/close:", type="tertiary", on_click=_close)
            return None
        st.markdown(f"**{T('ask_label')}** {T(asked + '_ask')}")
        row = st.container(horizontal=True, vertical_alignment="top")
        # a new key each time a lesson is set up: its answer opens closed
        answer = row.expander(T("reveal"), key=f"lesson_reveal_{st.session_state[OPENED]}")
        answer.markdown(T(asked + "_answer"))
        row.button(T("close"), icon=":material/close:", type="tertiary", on_click=_close)
    return answer

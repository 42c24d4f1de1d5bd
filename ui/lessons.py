"""Lessons: named demonstrations from the notes. One click (or one link) sets a page up, and
the lesson asks the visitor to predict what they will see before revealing the answer."""
from dataclasses import dataclass

import streamlit as st

from ui import i18n
from ui.controls import DEFAULTS, spell
from ui.text import lessons as text

APPLIED = "lesson_applied"  # the lesson whose settings this session last put in place
PICK = "lesson_pick"        # the picker's widget key (not in the URL: `lesson` is)


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
LESSONS = (
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
    Lesson("softmax_overflow", LI, (("li_s", 1000), ("li_dt", "float32"))),
    Lesson("ce_vs_mse", LI, (("li_y", "1"), ("li_z", -8))),
    Lesson("dead_relu", AC, (("ac_fns", ["relu", "leaky_relu", "elu"]), ("ac_shade", "relu"))),
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
    Lesson("noise_b", BS, (("bs_k", 0), ("bs_data", "circle"))),
    Lesson("linear_scaling", BS, (("bs_ps", 8), ("bs_pl", 64), ("bs_plr", 0.5),
                                  ("bs_lin", True))),
    Lesson("bn_batch2", NM, (("nm_b", 2),)),
    Lesson("bn_lr", NM, (("nm_lr", 1.0), ("nm_act", "tanh"), ("nm_ep", 20))),
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


def _picked() -> None:
    """The picker's callback, run before the page's widgets exist: every control of the page
    back to its default, then the chosen lesson's settings; the widgets put them in the URL."""
    lesson = BY_KEY.get(st.session_state.get(PICK))
    if lesson is None:  # closed: the settings stay as they are
        st.query_params.pop("lesson", None)
        st.session_state.pop(APPLIED, None)
        return
    for k, default in st.session_state.get(DEFAULTS, {}).items():
        st.session_state[k] = default
    st.session_state.update(dict(lesson.settings))
    st.query_params["lesson"] = lesson.key
    st.session_state[APPLIED] = lesson.key


def _arrived(lesson: Lesson) -> None:
    """A link named the lesson: its settings where the link says nothing (a link shared after
    a change keeps that change)."""
    for k, v in lesson.settings:
        if k not in st.query_params:
            st.session_state[k] = v
    st.session_state[APPLIED] = lesson.key


def panel(page: str):
    """This page's lessons (call before the page's controls): a picker, and the open lesson's
    question with its answer behind a click. A lesson named in the link is set up once.

    Returns the answer's expander while a lesson is open (else None): a page puts there what
    would otherwise tell the answer right under the question (a verdict, a key number)."""
    mine = of_page(page)
    if not mine:
        return None
    T = i18n.translator(text)
    asked = st.query_params.get("lesson")
    if asked is not None and (asked not in BY_KEY or BY_KEY[asked].page != page):
        st.warning(T("unknown", key=asked[:40]), icon=":material/link_off:")
        asked = None
    elif asked is not None and st.session_state.get(APPLIED) != asked:
        _arrived(BY_KEY[asked])
    st.session_state[PICK] = asked  # the picker shows what the link says
    st.pills(T("pick"), [l.key for l in mine], format_func=T, key=PICK, on_change=_picked,
             help=T("pick_help"))
    if asked is None:
        return None
    with st.container(border=True):
        st.markdown(f"**{T('ask_label')}** {T(asked + '_ask')}")
        answer = st.expander(T("reveal"), key=f"lesson_reveal_{asked}")  # a new lesson opens closed
        answer.markdown(T(asked + "_answer"))
    return answer

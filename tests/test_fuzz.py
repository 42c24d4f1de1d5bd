"""Hostile links on every page: each page's own URL keys get huge, non-finite, empty, long,
Markdown, HTML, unicode, negative and repeated values (a seeded generator, three links per page),
and the page shows notices, never a traceback, and no notice carries a live link or image."""
import random
import re

import pytest
from streamlit.testing.v1 import AppTest

from test_pages import APP, TIMEOUT
from ui.controls import DEFAULTS
from ui.experiments import EXPERIMENTS

TRAINING = ["ds", "cls", "noise", "split", "feat", "layers", "neurons", "act", "init", "norm",
            "drop", "res", "opt", "lr", "sched", "bs", "loss", "l1", "l2", "clip", "stop",
            "target", "seed"]
B_SIDE = {"pages/training.py": ["b_layers", "b_neurons", "b_act", "b_init", "b_norm", "b_drop",
                                "b_opt", "b_lr", "b_bs", "b_l2"],
          "pages/gradient_flow.py": ["b_depth", "b_act", "b_init", "b_norm", "b_res", "b_scale"]}
KEYS = {  # a page's own URL keys; test_every_key_of_a_page_is_fuzzed keeps this list whole
    "pages/home.py": [],
    "pages/training.py": TRAINING + ["ab", "speed"],
    "pages/loss_surface.py": TRAINING + ["ls_3d", "ls_dir", "ls_epochs", "ls_grid", "ls_log",
                                         "ls_seed", "ls_span"],
    "pages/backprop.py": ["bp_act", "bp_depth", "bp_init", "bp_out", "bp_scale", "bp_seed",
                          "bp_step", "bp_width", "bp_x1", "bp_x2", "bp_y"],
    "pages/gradient_flow.py": ["ab", "act", "batch", "depth", "init", "norm", "res", "scale",
                               "seed", "width"],
    "pages/optimizer_paths.py": ["angle", "at", "fn", "insp", "kappa", "logc", "opts", "pb2",
                                 "pbs", "plr", "pmom", "pnoise", "pre", "psched", "pseed",
                                 "psteps", "sr_ep", "sr_lr", "x0", "y0"],
    "pages/batch_size.py": ["bs_b", "bs_bn", "bs_data", "bs_ep", "bs_k", "bs_lin", "bs_lr",
                            "bs_pep", "bs_pl", "bs_plr", "bs_ps", "bs_seed"],
    "pages/normalization.py": ["nm_act", "nm_b", "nm_cn", "nm_cs", "nm_ep", "nm_eta", "nm_g",
                               "nm_gb", "nm_gd", "nm_k", "nm_lr", "nm_mom", "nm_rl", "nm_rm",
                               "nm_sc", "nm_seed"],
    "pages/regularization.py": ["rg_ang", "rg_k", "rg_l1", "rg_l2", "rg_lam", "rg_n", "rg_p",
                                "rg_seed", "rg_wd"],
    "pages/data_ensembles.py": ["de_ds", "de_jit", "de_k", "de_m", "de_p", "de_ref", "de_rot",
                                "de_seed", "de_share", "de_t"],
    "pages/losses_information.py": ["li_dt", "li_mix", "li_p", "li_q", "li_s", "li_x", "li_y",
                                    "li_z"],
    "pages/cnn_arithmetic.py": ["cb_db", "cb_dc", "cb_dk", "cb_dl", "cb_ds", "cb_hc", "cb_hn",
                                "cb_hs", "cb_inc", "cb_mc", "cb_mk", "cb_mo", "cb_ms", "cb_sc",
                                "cb_sr", "cb_ss", "cnn", "cnn_c", "cnn_h", "cnn_seed", "cnn_w"],
    "pages/activations.py": ["ac_fns", "ac_k", "ac_mk", "ac_mp", "ac_pa", "ac_pd", "ac_range",
                             "ac_rl", "ac_ru", "ac_seed", "ac_shade"],
    "pages/rnn_lstm.py": ["rl_clip", "rl_fb", "rl_h", "rl_rho", "rl_seed", "rl_t", "rl_x",
                          "rl_zb"],
}
EVERY_PAGE = ["lang", "present", "lesson"]  # read by ui/entry.py, ui/present.py, ui/lessons.py
RUNS = 3

HOSTILE = [
    "1e308", "-1e308", "1e309", "9" * 400, "123456789012345678901234567890", "1e-320",
    "inf", "-inf", "nan", "Infinity", "-NaN",
    "", " ", "0", "-0", "-1", "-3.5", "1.5", "true", "false",
    "x" * 2048, "1," * 1024, "c3p1o8," * 300,
    "1,1", "0,0,0,1", "0,0", "-1,2",
    "[click](https://example.org)", "![x](https://example.org/p.png)", "<https://example.org>",
    "www.example.org", "**bold** _it_ `code` $x^2$ ~~s~~ | a | b |", ":red[x] :material/home:",
    "# heading", "- item", "1. item", "> quote",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "&lt;b&gt;",
    "深度学习", "\u202eevil", "💥" * 50, "e\u0301", "\x00\x01", "line\nbreak\r\n", "\t",
    "%00", "%25%32%35", "'; DROP TABLE x;--", "{lang}", "{0}", "%s",
]
LINKISH = re.compile(r"(?<!\\)(\]\(|!\[|://|www\.)")  # a link or image the browser would open


def hostile(rng: random.Random) -> str | list[str]:
    """One value, or now and then a repeated key (`?k=a&k=b`)."""
    if rng.random() < 0.15:
        return [rng.choice(HOSTILE) for _ in range(rng.randint(2, 4))]
    return rng.choice(HOSTILE)


def link(page: str, i: int) -> dict[str, str | list[str]]:
    """Link number i of a page: every key of the page hostile; the first link switches setting B
    on where there is one, so that B's keys are read too."""
    rng = random.Random(f"{page}#{i}")
    keys = KEYS[page] + EVERY_PAGE + (B_SIDE.get(page, []) if i == 0 else [])
    params = {k: hostile(rng) for k in keys}
    if i == 0 and page in B_SIDE:
        params["ab"] = "true"
    return params


def bodies(at: AppTest) -> list[str]:
    """Every Markdown text on the page."""
    return [e.value for kind in ("title", "markdown", "caption", "warning", "error", "info",
                                 "success") for e in getattr(at, kind)]


PAGES = ["pages/home.py", *(e.file for e in EXPERIMENTS)]


@pytest.mark.parametrize("page", PAGES)
def test_hostile_links_never_raise_and_never_make_links(page):
    for i in range(RUNS):
        params = link(page, i)
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        if page != "pages/home.py":
            at.switch_page(page).run()
        context = f"link {i} of {page}: {str(params)[:300]}"
        assert not at.exception, (context, [e.value for e in at.exception])
        live = [b[:200] for b in bodies(at) if LINKISH.search(b)]
        assert not live, (context, live)
        notices = len(at.warning) + len(at.error)
        assert notices <= 4 * len(params) + 5, (context, notices)
        if page != "pages/home.py":
            known = set(at.session_state[DEFAULTS])
            assert known <= set(KEYS[page]) | set(B_SIDE.get(page, [])), known - set(KEYS[page])


def test_every_page_is_fuzzed():
    assert set(KEYS) == set(PAGES)

"""The Regularization page through app.py: λ moves the first chart only, the numbers shown
are the engine's, bad links are reported."""
import json

from playground import regularize as rg
from test_pages import chart_data, run, texts, warned
from ui import number

RG = "pages/regularization.py"


def test_lambda_is_the_first_slider_and_moves_only_the_geometry_charts():
    at = run(RG)
    assert not at.sidebar.slider and at.slider[0].key == "rg_lam"  # each section has its own
    before = chart_data(at)
    for _ in range(30):  # a cold cache trains the sections' networks over a few runs
        if (now := chart_data(at.run())) == before:
            break
        before = now
    at.slider(key="rg_lam").set_value(0.6).run()
    after = chart_data(at)
    assert after[0] != before[0] and after[1] != before[1] and after[2] != before[2]
    assert after[3:] == before[3:]  # no training chart changes with λ


def test_the_solutions_shown_are_the_engines():
    at = run(RG, rg_lam=0.3, rg_ang=30, rg_k=4)
    metrics = {m.label: m.value for m in at.metric}
    H = rg.hessian(4, 30)
    w1, w2 = rg.l1_solution(H, rg.WSTAR, 0.3)[0], rg.l2_solution(H, rg.WSTAR, 0.3)[0]
    # an exact 0 reads 0: the corner of the diamond the L1 solution sits on
    assert metrics["L1 solution (w₁, w₂)"] == f"({number(w1[0], '.3f')}, {number(w1[1], '.3f')})"
    assert metrics["L1 solution (w₁, w₂)"].endswith(", 0)")
    assert metrics["L2 solution (w₁, w₂)"] == f"({number(w2[0], '.3f')}, {number(w2[1], '.3f')})"
    assert metrics["λ from which the L1 solution is 0"] == f"{rg.lambda_zero(H, rg.WSTAR):.3f}"
    assert any("corner of the diamond" in i.value for i in at.info)


def test_a_large_lambda_puts_l1_at_the_origin():
    at = run(RG, rg_lam=1.5)
    assert any("exactly w = 0" in i.value for i in at.info)
    assert {m.label: m.value for m in at.metric}["L1 solution (w₁, w₂)"] == "(0, 0)"


def test_sparsity_and_overfitting_are_reported_from_real_runs():
    at = run(RG)
    metrics = {m.label: m.value for m in at.metric}
    assert float(metrics["L1: zero weights"].rstrip("%")) > 10 * float(
        metrics["no penalty: zero weights"].rstrip("%"))
    assert any("Early stopping keeps the weights of step" in i.value for i in at.info)
    assert any("The gap at the end shrinks" in i.value for i in at.info)
    assert any("AdamW leaves about" in i.value for i in at.info)


def test_dropout_numbers_follow_p():
    at = run(RG, rg_p=0.2)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["survivor scale (1/(1 − p) = 1.2500)"] == "1.2500"
    assert abs(float(metrics["kept share (expected 0.80)"]) - 0.8) < 0.01
    assert metrics["mean, eval mode"] == metrics["mean of the inputs"]


def test_bad_link_values_are_reported():
    at = run(RG, rg_lam=9, rg_ang="x", rg_k=1000, rg_n=-1, rg_p=1.5, rg_seed=-2)
    warned(at, "rg_lam=9", "rg_ang=x", "rg_k=1000", "rg_n=-1", "rg_p=1.5", "rg_seed=-2")
    assert at.slider(key="rg_lam").value == 1.5
    assert not at.exception
    assert "Regularization" in texts(at)


def test_the_solution_paths_have_four_hues():
    # L1 w₂ and L2 w₂ were an orange and a red-orange 28° of hue apart: one colour to the eye
    from test_charts_paths import hue
    at = run(RG)
    from test_charts import resolve
    spec, color = next((s, l["encoding"]["color"]) for c in at.get("vega_lite_chart")
                       for s in [json.loads(c.proto.spec)] for l in s.get("layer", [])
                       if "encoding" in l
                       if "L1 w₂" in resolve(s, l["encoding"].get("color", {})
                                             .get("scale", {}).get("domain", [])))
    hues = dict(zip(resolve(spec, color["scale"]["domain"]), map(hue, color["scale"]["range"])))
    assert len(hues) == 4
    for a in hues:
        for b in hues:
            gap = abs(hues[a] - hues[b])
            assert a == b or min(gap, 360 - gap) >= 35, (a, b)

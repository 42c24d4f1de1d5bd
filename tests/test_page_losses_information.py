"""The Losses & information page through app.py: widgets change charts, edge cases, bad links."""
from test_pages import chart_data, run, texts, warned

LI = "pages/losses_information.py"


def test_moving_q_toward_p_changes_the_first_chart_and_ends_at_zero_kl():
    at = run(LI)
    before = chart_data(at)
    at.slider(key="li_mix").set_value(50).run()
    after = chart_data(at)
    assert after[0] != before[0] and after[1] != before[1]
    at.slider(key="li_mix").set_value(100).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["KL(p‖q)"] == "0" and metrics["H(p, q)"] == metrics["H(p)"]
    assert any("are equal" in s.value for s in at.success)


def test_the_identity_is_shown_with_its_numbers():
    at = run(LI, li_p="1,1", li_q="3,1")
    # H(p) = log 2, KL(p‖q) = ½ log(½ / ¾) + ½ log(½ / ¼) = ½ log(4/3)
    assert "H(p, q) = H(p) + KL(p‖q):  0.8370 = 0.6931 + 0.1438 nats" in texts(at)


def test_a_certain_distribution_has_entropy_exactly_0_not_minus_0():
    at = run(LI, li_p="1,0,0", li_q="1,1,1")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["H(p)"] == "0"  # −Σ p log p of p = (1, 0, 0) is −0.0: it read "-0.0000"
    assert "H(p, q) = H(p) + KL(p‖q):  1.0986 = 0 + 1.0986 nats" in texts(at)


def test_q_with_a_zero_where_p_has_mass_is_infinite_not_a_crash():
    at = run(LI, li_p="1,1,1", li_q="1,1,0")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["KL(p‖q)"] == "∞" and metrics["H(p, q)"] == "∞"
    assert any("infinite" in w.value for w in at.warning)


def test_confidently_wrong_prediction_shows_the_vanishing_squared_error_gradient():
    at = run(LI, li_y=1, li_z=-8)
    assert any("confidently wrong" in w.value for w in at.warning)
    before = chart_data(at)
    at.slider(key="li_z").set_value(3).run()
    assert any("At z = 3" in i.value for i in at.info)
    assert chart_data(at)[2:4] != before[2:4]


def test_naive_softmax_overflow_is_reported_and_spelled_out():
    at = run(LI, li_x="3,1,-2", li_s=100, li_dt="float32")
    assert any("NaN" in e.value for e in at.error)
    table = at.dataframe[0].value
    assert "NaN" in table.iloc[:, 3].tolist() and "∞" in table.iloc[:, 2].tolist()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["log Σ exp(x), as written"] == "∞"
    assert metrics["log-sum-exp, max subtracted"] == "300"


def test_float64_survives_where_float32_overflows():
    at = run(LI, li_x="3,1,-2", li_s=100, li_dt="float64")
    assert not at.error and any("agree" in i.value for i in at.info)


def test_bad_link_values_are_reported_and_defaults_used():
    at = run(LI, li_p="a,-1,2", li_q="0,0", li_mix=250, li_s="abc", li_x="1,2,3,4,5,6,7,8,9",
             li_dt="float16", li_y=7)
    warned(at, "“a” in p", "“-1” in p", "p needs at least 2", "q adds up to 0",
               "li_mix=250", "li_s=abc", "“9”", "li_dt=float16", "li_y=7")
    assert at.slider(key="li_mix").value == 100
    assert at.selectbox(key="li_dt").value == "float32"


def test_different_lengths_use_the_common_categories():
    at = run(LI, li_p="1,2,3", li_q="1,1")
    assert any("only the first 2" in w.value for w in at.warning)
    assert "p = (0.333, 0.667)" in texts(at)

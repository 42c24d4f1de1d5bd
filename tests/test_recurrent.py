"""Recurrent cells against independent references: hand-written cells with autograd, eigenvalues,
closed forms for the linear regime, and torch.nn.utils.clip_grad_norm_."""
import math
from dataclasses import replace

import numpy as np
import pytest
import torch

from playground import recurrent
from ui import charts
from playground.recurrent import SeqConfig
from test_charts import valid, values

SMALL = SeqConfig(length=20, hidden=8, radius=0.9, forget_bias=1.5, update_bias=-0.5, seed=3)


def by_hand(m, x: torch.Tensor, r: torch.Tensor, cell) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(h_T, ∂L/∂x, ∂L/∂θ in m.parameters() order) of L = mean_b r·h_T, unrolling `cell` with m's
    weights, copied out of the module."""
    w = [p.detach().clone().requires_grad_() for p in m.parameters()]  # W_ih, W_hh, b_ih, b_hh
    x = x.detach().clone().requires_grad_()
    B, T, _ = x.shape
    H = w[1].shape[1]
    h, c = torch.zeros(B, H, dtype=torch.float64), torch.zeros(B, H, dtype=torch.float64)
    for t in range(T):
        h, c = cell(x[:, t], h, c, *w)
    loss = (h @ r).mean()
    grads = torch.autograd.grad(loss, [x] + w)
    return h.detach(), grads[0], torch.cat([g.flatten() for g in grads[1:]])


def rnn_cell(x, h, c, w_ih, w_hh, b_ih, b_hh):
    return torch.tanh(x @ w_ih.T + b_ih + h @ w_hh.T + b_hh), c


def lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh):
    i, f, g, o = (x @ w_ih.T + b_ih + h @ w_hh.T + b_hh).chunk(4, 1)
    c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c), c


def gru_cell(x, h, c, w_ih, w_hh, b_ih, b_hh):
    xr, xz, xn = (x @ w_ih.T + b_ih).chunk(3, 1)
    hr, hz, hn = (h @ w_hh.T + b_hh).chunk(3, 1)
    r, z = torch.sigmoid(xr + hr), torch.sigmoid(xz + hz)
    n = torch.tanh(xn + r * hn)
    return (1 - z) * n + z * h, c


CELLS = {"rnn": rnn_cell, "lstm": lstm_cell, "gru": gru_cell}


@pytest.mark.parametrize("kind", recurrent.CELLS)
def test_gradients_equal_a_hand_written_cell_with_the_same_weights(kind):
    m = recurrent.build(kind, SMALL)
    x, r = recurrent.sequence(SMALL)
    h_T, dx, dtheta = by_hand(m, x, r, CELLS[kind])
    with torch.no_grad():
        out, _ = m(x)
    assert torch.allclose(out[:, -1], h_T, rtol=1e-12, atol=1e-14)  # the module's forward
    b = recurrent.backprop(kind, SMALL)
    assert np.allclose(b.steps, dx.norm(dim=(0, 2)).numpy(), rtol=1e-10, atol=0)
    assert np.allclose(b.grad, dtheta.numpy(), rtol=1e-9, atol=1e-15)
    assert b.reach == pytest.approx((dx[:, 0].norm() / dx[:, -1].norm()).item(), rel=1e-10)


@pytest.mark.parametrize("radius", [0.3, 1.0, 1.75])
@pytest.mark.parametrize("hidden", [4, 64])
def test_the_spectral_radius_is_set_exactly(radius, hidden):
    m = recurrent.build("rnn", replace(SMALL, hidden=hidden, radius=radius))
    eig = np.linalg.eigvals(m.weight_hh_l0.detach().numpy())
    assert np.abs(eig).max() == pytest.approx(radius, rel=1e-12)


@pytest.mark.parametrize("kind,bias", [("lstm", 4.5), ("gru", -1.0)])
def test_the_keep_gate_bias_is_written_in_its_slice_and_nowhere_else(kind, bias):
    cfg = replace(SMALL, forget_bias=bias, update_bias=bias)
    H, k = cfg.hidden, 1 / math.sqrt(cfg.hidden)
    m = recurrent.build(kind, cfg)
    b_ih, b_hh = m.bias_ih_l0.detach(), m.bias_hh_l0.detach()
    # torch orders the gates i, f, g, o (LSTM) and r, z, n (GRU): f and z are rows H .. 2H
    assert (b_ih[H:2 * H] == bias).all() and (b_hh[H:2 * H] == 0).all()
    rest = torch.cat([b_ih[:H], b_ih[2 * H:], b_hh[:H], b_hh[2 * H:]])
    assert rest.abs().max() <= k and rest.abs().max() > k / 2  # the default init, not the bias
    # the gate the module computes at t = 0 (h = 0) is sigmoid(W x + bias): check on the forward
    x = torch.zeros(1, 1, recurrent.FEATURES, dtype=torch.float64)
    with torch.no_grad():
        out, state = m(x)
    gates = b_ih + b_hh  # x = h = 0
    if kind == "lstm":
        i, f, g, o = gates.chunk(4)
        c = torch.sigmoid(i) * torch.tanh(g)
        assert torch.allclose(state[1][0, 0], c, rtol=1e-12)
    else:
        r, z, n = b_ih.chunk(3)
        n = torch.tanh(n + torch.sigmoid(r + b_hh[:H]) * b_hh[2 * H:])
        assert torch.allclose(out[0, 0], (1 - torch.sigmoid(z)) * n, rtol=1e-12)


def test_building_is_seeded_and_leaves_the_global_random_state_alone():
    before = torch.get_rng_state()
    a, b = recurrent.build("lstm", SMALL), recurrent.build("lstm", SMALL)
    c = recurrent.build("lstm", replace(SMALL, seed=4))
    assert torch.equal(torch.get_rng_state(), before)
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    assert not torch.equal(a.weight_hh_l0, c.weight_hh_l0)
    x1, r1 = recurrent.sequence(SMALL)
    x2, r2 = recurrent.sequence(SMALL)
    assert torch.equal(x1, x2) and torch.equal(r1, r2) and r1.norm().item() == pytest.approx(1)
    assert x1.shape == (recurrent.BATCH, SMALL.length, recurrent.FEATURES)


def test_an_rnn_at_radius_half_loses_the_gradient_and_an_lstm_at_forget_bias_5_keeps_it():
    cfg = SeqConfig(length=50, hidden=32, radius=0.5, forget_bias=5.0)
    rnn, lstm = recurrent.backprop("rnn", cfg), recurrent.backprop("lstm", cfg)
    assert rnn.reach < 1e-6 and recurrent.state(rnn.reach) == "vanished"
    assert lstm.reach > 0.1 and recurrent.state(lstm.reach) == "kept"
    # and an LSTM whose forget gate sits near σ(0) = 1/2 loses it like the RNN
    assert recurrent.backprop("lstm", replace(cfg, forget_bias=0.0)).reach < 1e-6


def test_in_the_linear_regime_the_gradient_is_the_matrix_power_and_explodes():
    """No biases and inputs of 1e-9: tanh' = 1 to ~1e-12, so ∂L/∂x_t = W_ihᵀ (W_hhᵀ)^(T-1-t) r / B."""
    cfg = SeqConfig(length=20, hidden=16, radius=1.5, scale=1e-9, seed=2)
    m = recurrent.build("rnn", cfg)
    with torch.no_grad():
        m.bias_ih_l0.zero_()
        m.bias_hh_l0.zero_()
    x, r = recurrent.sequence(cfg)
    b = recurrent.backprop_module(m, x, r)
    w_ih, w_hh = (m.weight_ih_l0.detach().numpy(), m.weight_hh_l0.detach().numpy())
    v = [w_ih.T @ np.linalg.matrix_power(w_hh.T, k) @ r.numpy() for k in range(cfg.length)]
    expected = [math.sqrt(recurrent.BATCH) / recurrent.BATCH * np.linalg.norm(u) for u in v]
    assert np.allclose(b.steps[::-1], expected, rtol=1e-8)
    assert b.reach > 100 and recurrent.state(b.reach) != "vanished"


def test_by_step_counts_back_from_the_last_input():
    runs = {k: recurrent.backprop(k, SMALL) for k in recurrent.CELLS}
    table = recurrent.by_step(runs)
    assert list(table["back"]) == list(range(SMALL.length))
    for k, b in runs.items():
        assert table[k].iloc[0] == b.steps[-1] and table[k].iloc[-1] == b.steps[0]


def test_for_cell_ignores_the_other_cells_knobs():
    a = replace(SMALL, forget_bias=7.0, update_bias=3.0)
    assert recurrent.for_cell(a, "rnn") == recurrent.for_cell(SMALL, "rnn")
    assert recurrent.for_cell(a, "lstm").forget_bias == 7.0
    assert recurrent.for_cell(a, "gru") != recurrent.for_cell(SMALL, "gru")


def test_the_radius_sweep_equals_nn_rnn_at_each_radius():
    cfg = replace(SMALL, length=30, hidden=32)
    radii = (0.5, 1.0, 1.5, 2.25)
    sweep = recurrent.radius_sweep(cfg, radii)
    for rho, norm in zip(radii, sweep["grad_norm"]):
        assert norm == pytest.approx(recurrent.backprop("rnn", replace(cfg, radius=rho)).grad_norm,
                                     rel=1e-9)
    assert sweep["grad_norm"].iloc[-1] > 100 * sweep["grad_norm"].iloc[0]  # it explodes


def test_clipping_matches_clip_grad_norm_and_keeps_the_direction():
    cfg = replace(SMALL, radius=2.0, length=40, hidden=32)
    m = recurrent.build("rnn", cfg)
    b = recurrent.backprop_module(m, *recurrent.sequence(cfg))  # leaves .grad on m
    assert b.grad_norm > 10
    total = torch.nn.utils.clip_grad_norm_(m.parameters(), max_norm=1.0)
    theirs = torch.cat([p.grad.flatten() for p in m.parameters()]).numpy()
    ours = recurrent.clip_by_norm(b.grad, 1.0)
    assert total.item() == pytest.approx(b.grad_norm, rel=1e-12)
    assert np.allclose(ours, theirs, rtol=1e-5)  # torch divides by norm + 1e-6
    assert np.linalg.norm(ours) == pytest.approx(1.0, rel=1e-12)
    assert ours @ b.grad / (np.linalg.norm(ours) * b.grad_norm) == pytest.approx(1.0, rel=1e-12)
    assert np.array_equal(recurrent.clip_by_norm(b.grad, 1e6), b.grad)  # short ones untouched
    sweep = recurrent.with_clipping(recurrent.radius_sweep(cfg, (0.5, 2.0)), 1.0)
    for rho, clipped in zip(sweep["radius"], sweep["clipped"]):
        g = recurrent.backprop("rnn", replace(cfg, radius=rho)).grad
        assert clipped == pytest.approx(np.linalg.norm(recurrent.clip_by_norm(g, 1.0)), rel=1e-9)


def test_a_non_finite_gradient_is_an_outcome_not_an_error():
    m = recurrent.build("rnn", SMALL)
    x, r = recurrent.sequence(SMALL)
    x[0, 0, 0] = math.inf  # tanh(inf) = 1 is fine forward; ∂L/∂W_ih = δ·x is 0·inf = NaN
    b = recurrent.backprop_module(m, x, r)
    assert not np.isfinite(b.grad).all() and np.isfinite(b.steps).all()
    s = recurrent.clipping(b.grad, 1.0)
    assert math.isnan(s.norm) and math.isnan(s.clipped) and math.isnan(s.cosine)
    zero = recurrent.Backprop(np.zeros(3), np.zeros(2))  # everything saturated: no ratio at all
    assert recurrent.state(zero.reach) == "nonfinite"


def test_states_and_bad_arguments():
    assert [recurrent.state(v) for v in (1e-4, 1.0, 1e4, math.nan, math.inf)] == [
        "vanished", "kept", "exploded", "nonfinite", "nonfinite"]
    for bad in ({"length": 0}, {"hidden": 0}, {"radius": 0.0}, {"scale": -1.0}):
        with pytest.raises(ValueError):
            SeqConfig(**bad)
    with pytest.raises(ValueError):
        recurrent.build("transformer", SMALL)
    with pytest.raises(ValueError):
        recurrent.clip_by_norm(np.ones(3), 0.0)


def test_marked_lines_draw_the_rule_and_leave_out_what_a_log_axis_cannot():
    df = recurrent.with_clipping(
        recurrent.radius_sweep(SMALL, (0.5, 1.0)).assign(grad_norm=[0.0, 5.0]), 2.0)
    spec = charts.marked_lines(df, "radius", {"grad_norm": "raw", "clipped": "clipped"},
                               "ρ", "norm", marker=0.9)
    valid(spec)
    rule, lines = values(spec)
    assert rule == [{"radius": 0.9}]
    assert {(r["series"], r["radius"], r["value"]) for r in lines} == {
        ("raw", 1.0, 5.0), ("clipped", 1.0, 2.0)}
    assert spec["layer"][1]["encoding"]["y"]["scale"]["type"] == "log"


def test_the_clipping_summary_against_direct_computation():
    g = np.array([3.0, 4.0, 0.0])  # norm 5
    s = recurrent.clipping(g, 2.0)
    assert (s.norm, s.clipped) == (5.0, pytest.approx(2.0))
    assert s.factor == pytest.approx(0.4) and s.cosine == pytest.approx(1.0)
    t = torch.tensor(g, requires_grad=True)
    t.grad = t.detach().clone()
    torch.nn.utils.clip_grad_norm_([t], 2.0)
    assert np.allclose(s.factor * g, t.grad.numpy(), rtol=1e-6)
    assert recurrent.clipping(g, 10.0) == recurrent.Clipping(5.0, 5.0, 1.0, pytest.approx(1.0))
    assert math.isnan(recurrent.clipping(np.array([np.inf, 1.0]), 1.0).clipped)

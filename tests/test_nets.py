import math

import pytest
import torch
from conftest import forward, weights
from hypothesis import given, settings, strategies as st

from playground.nets import NORMS, Block, MLP, NetConfig, build_mlp

CONFIGS = [
    NetConfig(),
    NetConfig(depth=1, width=3, activation="relu", init="kaiming_normal"),
    NetConfig(depth=5, width=8, activation="relu", norm="batch", residual=True, init="kaiming_uniform"),
    NetConfig(depth=3, width=7, activation="gelu", norm="layer", residual=True, out_dim=3, in_dim=5),
    NetConfig(depth=6, width=2, activation="sigmoid", norm="layer", init="orthogonal", init_scale=2.0),
    NetConfig(depth=4, width=2, activation="elu", residual=True),  # in_dim == width: layer 1 still has no skip
]


def x_for(cfg, n=32, seed=0):
    return torch.randn(n, cfg.in_dim, generator=torch.Generator().manual_seed(seed))


@pytest.mark.parametrize("cfg", CONFIGS)
def test_parameter_count(cfg):
    d, w, i, o = cfg.depth, cfg.width, cfg.in_dim, cfg.out_dim
    expected = (i * w + w) + (d - 1) * (w * w + w) + (w * o + o) + (2 * w * d if cfg.norm != "none" else 0)
    assert sum(p.numel() for p in build_mlp(cfg).parameters()) == expected


@pytest.mark.parametrize("cfg", CONFIGS)
def test_structure(cfg):
    m = build_mlp(cfg)
    assert isinstance(m, MLP) and m.training
    assert len(m.blocks) == cfg.depth and all(isinstance(b, Block) for b in m.blocks)
    dims = [cfg.in_dim] + [cfg.width] * cfg.depth
    norm = {"none": torch.nn.Identity, "batch": torch.nn.BatchNorm1d, "layer": torch.nn.LayerNorm}[cfg.norm]
    for l, b in enumerate(m.blocks):
        assert b.linear.weight.shape == (dims[l + 1], dims[l])
        assert type(b.norm) is norm
        assert b.drop.p == cfg.dropout
        assert b.residual == (cfg.residual and l > 0)
        assert torch.equal(b.linear.bias, torch.zeros(dims[l + 1]))
        if cfg.norm != "none":
            assert torch.equal(b.norm.weight, torch.ones(cfg.width))
            assert torch.equal(b.norm.bias, torch.zeros(cfg.width))
    assert m.head.weight.shape == (cfg.out_dim, cfg.width)
    assert torch.equal(m.head.bias, torch.zeros(cfg.out_dim))


def test_dropout_structure():
    m = build_mlp(NetConfig(dropout=0.3))
    assert all(b.drop.p == 0.3 for b in m.blocks)


@pytest.mark.parametrize("cfg", CONFIGS)
def test_forward_equals_trace_and_reference(cfg):
    m = build_mlp(cfg)
    x = x_for(cfg)
    out, zs, hs = m.trace(x)
    assert len(zs) == len(hs) == cfg.depth
    assert out.shape == (32, cfg.out_dim)
    torch.testing.assert_close(m(x), out, rtol=0, atol=0)
    ref_out, ref_zs, ref_hs = forward(cfg, weights(m), x)
    torch.testing.assert_close(out, ref_out)
    for a, b in zip(zs + hs, ref_zs + ref_hs):
        torch.testing.assert_close(a, b)


def test_trace_follows_grad_mode():
    m = build_mlp(NetConfig())
    with torch.no_grad():
        assert not m.trace(x_for(m.cfg))[2][0].requires_grad
    assert m.trace(x_for(m.cfg))[2][0].requires_grad


def test_dropout_only_in_train_mode():
    m = build_mlp(NetConfig(dropout=0.5, activation="linear"))
    x = x_for(m.cfg)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        assert (m.trace(x)[2][0] == 0).float().mean() > 0.3
    m.eval()
    torch.testing.assert_close(m(x), m(x))
    assert (m.trace(x)[2][0] != 0).all()


def test_seeded_weights():
    state = torch.random.get_rng_state()
    a, b = build_mlp(NetConfig(seed=3)), build_mlp(NetConfig(seed=3))
    c = build_mlp(NetConfig(seed=4))
    assert torch.equal(state, torch.random.get_rng_state())  # global RNG untouched
    for p, q, r in zip(a.parameters(), b.parameters(), c.parameters()):
        assert torch.equal(p, q)
    assert not torch.equal(a.blocks[1].linear.weight, c.blocks[1].linear.weight)
    assert not torch.equal(a.head.weight, c.head.weight)


def test_head_and_hidden_use_the_initializer():
    m = build_mlp(NetConfig(init="constant", init_scale=0.3, out_dim=2))
    for p in [b.linear.weight for b in m.blocks] + [m.head.weight]:
        assert torch.equal(p, torch.full_like(p, 0.3))


def test_leaky_relu_passes_its_slope():
    # same generator draws, He std scaled by 1 / sqrt(1 + a^2)
    relu = build_mlp(NetConfig(activation="relu", init="kaiming_normal"))
    leaky = build_mlp(NetConfig(activation="leaky_relu", init="kaiming_normal"))
    for r, k in zip(relu.parameters(), leaky.parameters()):
        torch.testing.assert_close(k, r / math.sqrt(1 + 0.01**2), rtol=1e-6, atol=0)
    tanh = build_mlp(NetConfig(activation="tanh", init="kaiming_normal"))
    assert all(torch.equal(r, t) for r, t in zip(relu.parameters(), tanh.parameters()))


def test_largest_net_builds_and_runs():
    cfg = NetConfig(depth=50, width=512, activation="relu", init="kaiming_normal", norm="batch", residual=True)
    m = build_mlp(cfg)
    out = m(x_for(cfg, n=64))
    assert out.shape == (64, 1) and torch.isfinite(out).all()


def test_repr_shows_residual():
    assert "residual=True" in repr(build_mlp(NetConfig(residual=True)))


def test_config_is_frozen():
    with pytest.raises(AttributeError):
        NetConfig().depth = 3


BAD = {
    "depth": st.one_of(st.integers(max_value=0), st.integers(min_value=51), st.just(True), st.just(2.0)),
    "width": st.one_of(st.integers(max_value=0), st.integers(min_value=513), st.just(16.0)),
    "activation": st.text().filter(lambda s: s not in ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu",
                                                         "softplus", "hardtanh", "linear")),
    "init": st.sampled_from(["he", "Xavier_normal", "", "glorot"]),
    "init_scale": st.one_of(st.floats(max_value=0), st.floats(min_value=100, exclude_min=True), st.just(math.nan)),
    "norm": st.text().filter(lambda s: s not in NORMS),
    "residual": st.sampled_from([1, 0, "yes", None]),
    "dropout": st.one_of(st.floats(max_value=0, exclude_max=True), st.floats(min_value=1), st.just(math.nan)),
    "in_dim": st.one_of(st.integers(max_value=0), st.just(2.5)),
    "out_dim": st.one_of(st.integers(max_value=0), st.just("1")),
    "seed": st.one_of(st.integers(max_value=-1), st.just(1.5)),
}


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(BAD)).flatmap(lambda k: st.tuples(st.just(k), BAD[k])))
def test_invalid_config(field_value):
    field, value = field_value
    with pytest.raises(ValueError, match=field.replace("_", " ") if field == "init_scale" else field):
        NetConfig(**{field: value})


def test_valid_edges():
    NetConfig(depth=1, width=1, init_scale=100.0, dropout=0.0)
    NetConfig(depth=50, width=512, init_scale=1e-6, dropout=0.99)


def test_build_needs_a_config():
    with pytest.raises(ValueError, match="NetConfig"):
        build_mlp({"depth": 2})

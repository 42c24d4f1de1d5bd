"""Both languages are complete: same keys, same placeholders, nothing empty."""
import pkgutil
import string
from importlib import import_module

import pytest

import ui.text

CATALOGS = [import_module(f"ui.text.{m.name}") for m in pkgutil.iter_modules(ui.text.__path__)]


def fields(s: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(s) if f}


@pytest.mark.parametrize("cat", CATALOGS, ids=lambda c: c.__name__)
def test_catalog_complete_in_both_languages(cat):
    assert cat.EN.keys() == cat.ZH.keys()
    for k in cat.EN:
        assert cat.EN[k].strip() and cat.ZH[k].strip(), k
        assert fields(cat.EN[k]) == fields(cat.ZH[k]), k


@pytest.mark.parametrize("cat", CATALOGS, ids=lambda c: c.__name__)
def test_chinese_texts_are_translated(cat):
    same = [k for k in cat.EN if cat.EN[k] == cat.ZH[k] and any(c.isalpha() for c in cat.EN[k])
            and len(cat.EN[k]) > 12]
    assert not same, same


# Sentences that were wrong once: the wrong phrase is gone, and where the corrected one makes
# a claim about the engine, the engine is asked.

def both(cat, key: str) -> tuple[str, str]:
    return cat.EN[key], cat.ZH[key]


def test_without_filter_normalization_large_weights_look_flat_and_small_ones_sharp():
    """Li et al. 2018: the same step is small next to large weights. A ReLU layer scaled by 10
    (and the next one by 1/10: the same function) changes its loss far less along the same
    raw direction; along filter-normalized directions the two are the same."""
    import copy

    import torch

    from playground import data, nets, surface
    from ui.text import loss_surface as text
    en, zh = (" ".join(t.split()) for t in both(text, "why"))
    assert "small weights looks flat" not in en
    assert "large weights, which then looks flat" in en
    assert "small weights, which then looks sharp" in en
    assert "权重大的层" in zh and "平坦" in zh and "权重小的层" in zh and "陡峭" in zh
    small = nets.build_mlp(nets.NetConfig(depth=1, width=16, activation="relu"))
    large = copy.deepcopy(small)
    with torch.no_grad():
        large.blocks[0].linear.weight.mul_(10)
        large.blocks[0].linear.bias.mul_(10)
        large.head.weight.div_(10)
    X, y = data.make_dataset("circle", 200, noise=0.1)
    X, y = torch.as_tensor(X), torch.as_tensor(y, dtype=torch.float32)
    assert torch.allclose(small(X), large(X), atol=1e-5)
    layer1 = [name == "blocks.0.linear.weight" for name, _ in small.named_parameters()]

    def spread(model, d):  # largest loss change over steps of up to 1 along d
        only = torch.cat([p.reshape(-1) * keep for p, keep
                          in zip(surface.unflatten(model, d), layer1)])
        thetas = surface.flat(model) + torch.linspace(-1, 1, 11)[:, None] * only
        L = surface.losses(model, thetas, X, y)
        return float((L - L[5]).abs().max())

    raw = torch.randn(len(surface.flat(small)), generator=torch.Generator().manual_seed(0))
    assert spread(large, raw) < spread(small, raw) / 5  # the large layer looks flat
    filt = [surface.filter_normalized(m, torch.Generator().manual_seed(0)) for m in (small, large)]
    assert spread(large, filt[1]) == pytest.approx(spread(small, filt[0]), rel=1e-3)


def test_an_rnn_above_radius_one_saturates_instead_of_growing_like_rho_to_the_k():
    from playground import recurrent
    from ui.text import rnn_lstm as text
    en, zh = both(text, "why")
    assert "grows like ρ^k instead" not in en and "按 ρ^k 增长" not in zh
    for t in (en, zh):
        assert "3.7" in t and "ρ^49 ≈ 4·10⁵" in t and "ρ = 2.5" in t
    reach = recurrent.backprop("rnn", recurrent.SeqConfig(radius=1.3, scale=0.01)).reach
    assert f"{reach:.2g}" == "3.7" and 1.3 ** 49 > 1e5 * reach  # far below ρ^k
    assert f"{1.3 ** 49:.0e}" == "4e+05"
    long = recurrent.backprop("rnn", recurrent.SeqConfig(radius=1.1, scale=0.01, length=200))
    assert recurrent.state(long.reach) == "vanished" and long.reach < 1e-4  # 1.1^199 ≈ 2·10⁸
    wild = recurrent.backprop("rnn", recurrent.SeqConfig(radius=2.5))
    assert recurrent.state(wild.reach) == "exploded"


def test_l2_multiplies_each_weight_by_h_over_h_plus_lambda():
    import numpy as np

    from playground import regularize
    from ui.text import regularization as text
    en, zh = both(text, "why")
    assert "divides each weight" not in en and "把每个权重除以" not in zh
    assert "w = h/(h + λ)·w*" in en and "w = h/(h + λ)·w*" in zh
    h, wstar, lam = np.array([2.0, 0.5]), np.array([1.0, -3.0]), 0.7
    w = regularize.l2_solution(np.diag(h), wstar, lam)[0]
    assert w == pytest.approx(h / (h + lam) * wstar)


def test_l1_zeros_hop_up_to_twice_lr_lambda():
    """At the page's largest λ₁ some zeroed weights sit between lr·λ₁ and 2·lr·λ₁ (the old
    bound), few beyond: the density drops there."""
    import numpy as np

    from playground import regularize as rg
    from ui.text import regularization as text
    en, zh = both(text, "w_lead")
    assert "lr·λ₁ ≤ 5·10⁻⁴" not in en + zh
    assert "2·lr·λ₁ ≤ 10⁻³" in en and "2·lr·λ₁ ≤ 10⁻³" in zh
    lam = 0.01  # the largest λ₁ the page offers
    step = rg.PENALTY_TRAIN.lr * lam
    assert 2 * step == pytest.approx(rg.ZERO_TOL)
    w = np.abs(rg.penalised("l1", lam).weights)
    between = np.mean((w >= step) & (w < 2 * step))
    beyond = np.mean((w >= 2 * step) & (w < 3 * step))
    assert between > 0.02  # about 5 % of the weights: lr·λ₁ alone would be wrong
    assert beyond < between / 4


def test_the_laplace_prior_gives_zero_no_probability_the_map_estimate_exact_zeros():
    from playground import regularize
    from ui.text import regularization as text
    en, zh = both(text, "why")
    assert "more belief" not in en and "更相信" not in zh
    assert "MAP" in en and "最大后验估计" in zh
    # the MAP estimate under a Laplace prior: the soft threshold, exactly 0 below λ
    assert regularize.soft_threshold(0.3, 0.5) == 0.0


def test_elu_and_gelu_can_die_by_underflow_leaky_relu_cannot():
    import numpy as np

    from playground.activations import derivative
    from ui.text import activations as text
    en, zh = both(text, "why")
    assert "all keep a non-zero gradient on the left and cannot die" not in en
    assert "在左侧都保留非零梯度" not in zh
    for t in (en, zh):
        assert "−745" in t and "−38.6" in t
    assert derivative("elu", -746.0) == 0 and derivative("elu", -744.0) > 0
    assert derivative("gelu", -38.7) == 0 and derivative("gelu", -38.5) != 0
    assert abs(derivative("gelu", -10.0)) < 1e-20  # GELU′ → 0 as z → −∞
    assert (derivative("leaky_relu", -np.logspace(0, 300, 50)) > 0).all()


def test_a_dead_unit_on_screen_is_what_the_page_counts():
    import torch

    from playground import data, dead, nets
    from ui.text import activations as text
    en, zh = both(text, "dead_lead")
    assert "f′(z) is exactly 0 on every training point" in en and "z ≤ 0 on every point" in en
    assert "f′(z)" in zh and "恰好为 0" in zh
    model = nets.build_mlp(nets.NetConfig(depth=3, width=16, activation="relu", seed=1))
    with torch.no_grad():
        model.blocks[1].linear.bias[:5] = -100.0  # five units below zero everywhere
    X, _ = data.make_dataset("circle", 100)
    _, zs, _ = model.trace(torch.as_tensor(X))
    by_z = sum(float((z <= 0).all(0).float().mean()) for z in zs) / len(zs)
    assert dead.dead_fraction(model, X) == pytest.approx(by_z) and by_z >= 5 / 48


def test_the_scaling_maps_descend_with_numpy_not_torch_optim():
    import inspect

    from playground import norms
    from ui.text import normalization as text
    en, zh = both(text, "feat_lead")
    assert "torch.optim" not in en + zh and "numpy" in en and "numpy" in zh
    assert "torch" not in inspect.getsource(norms.gd_path)

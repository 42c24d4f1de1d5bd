"""playground.cnn against real torch.nn layers, autograd, the notes' worked example and published counts."""
import math

import numpy as np
import pytest
import torch
from hypothesis import assume, given, settings, strategies as st
from torch import nn

from playground import cnn

# torch's conv and pooling layers, fed one zero image; float64 keeps the arithmetic exact
DT = torch.float64


def torch_layer(l: cnn.Layer, c_in: int, flat: int) -> nn.Module:
    c_out = l.channels or c_in
    if l.kind == "conv":
        return nn.Conv2d(c_in, c_out, l.kernel, l.stride, l.padding, l.dilation, bias=l.bias,
                         dtype=DT)
    if l.kind == "transposed":
        return nn.ConvTranspose2d(c_in, c_out, l.kernel, l.stride, l.padding, bias=l.bias,
                                  dilation=l.dilation, dtype=DT)
    if l.kind == "max_pool":
        return nn.MaxPool2d(l.kernel, l.stride, l.padding)
    if l.kind == "avg_pool":
        return nn.AvgPool2d(l.kernel, l.stride, l.padding)
    return nn.Sequential(nn.Flatten(), nn.Linear(flat, l.units, bias=l.bias, dtype=DT))


def run_torch(layers, h, w, c):
    """Shapes and parameter counts of the same stack in torch.nn, up to the first layer torch
    refuses; returns (rows, index of the refused layer or None)."""
    x = torch.zeros(1, c, h, w, dtype=DT)  # (B, C, H, W)
    rows = []
    for i, l in enumerate(layers):
        module = torch_layer(l, x.shape[1], x[0].numel())
        try:
            x = module(x)
        except RuntimeError:
            return rows, i
        if x.numel() == 0:  # a transposed convolution may return an empty image instead
            return rows, i
        if x.dim() == 2:
            x = x[:, :, None, None]  # (B, units) -> (B, units, 1, 1)
        rows.append((x.shape[2], x.shape[3], x.shape[1], sum(p.numel() for p in module.parameters())))
    return rows, None


layer = st.one_of(
    st.builds(cnn.Layer, kind=st.just("conv"), kernel=st.integers(1, 7), stride=st.integers(1, 3),
              padding=st.integers(0, 3), dilation=st.integers(1, 3), channels=st.integers(0, 6),
              bias=st.booleans()),
    st.builds(cnn.Layer, kind=st.just("transposed"), kernel=st.integers(1, 5),
              stride=st.integers(1, 3), padding=st.integers(0, 2), dilation=st.integers(1, 2),
              channels=st.integers(0, 6), bias=st.booleans()),
    st.integers(1, 5).flatmap(lambda k: st.builds(
        cnn.Layer, kind=st.sampled_from(["max_pool", "avg_pool"]), kernel=st.just(k),
        stride=st.integers(1, 4), padding=st.integers(0, k // 2))),
    st.builds(cnn.Layer, kind=st.just("fc"), units=st.integers(1, 12), bias=st.booleans()),
)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 40), k=st.integers(1, 7), s=st.integers(1, 4), p=st.integers(0, 3),
       d=st.integers(1, 3))
def test_conv_output_size_matches_conv2d(n, k, s, p, d):
    size = cnn.conv_output_size(n, k, s, p, d)
    conv = nn.Conv2d(1, 1, k, s, p, d)
    if size < 1:
        with pytest.raises(RuntimeError):
            conv(torch.zeros(1, 1, n, n))
    else:
        assert conv(torch.zeros(1, 1, n, n)).shape[-1] == size


@settings(max_examples=100, deadline=None)
@given(n=st.integers(1, 20), k=st.integers(1, 6), s=st.integers(1, 4), p=st.integers(0, 3),
       d=st.integers(1, 3))
def test_transposed_output_size_matches_convtranspose2d(n, k, s, p, d):
    size = cnn.transposed_output_size(n, k, s, p, d)
    conv = nn.ConvTranspose2d(1, 1, k, s, p, dilation=d)
    if size < 1:  # torch refuses, or returns an empty image
        try:
            assert conv(torch.zeros(1, 1, n, n)).numel() == 0
        except RuntimeError:
            pass
    else:
        assert conv(torch.zeros(1, 1, n, n)).shape[-1] == size


def test_invalid_arguments_raise():
    for args in [(0, 3), (5, 0), (5, 3, 0), (5, 3, 1, -1), (5, 3, 1, 0, 0)]:
        with pytest.raises(ValueError):
            cnn.conv_output_size(*args)
        with pytest.raises(ValueError):
            cnn.transposed_output_size(*args)


@settings(max_examples=150, deadline=None)
@given(layers=st.lists(layer, min_size=1, max_size=5), h=st.integers(1, 40),
       w=st.integers(1, 40), c=st.integers(1, 4))
def test_every_stack_has_the_shapes_and_parameters_of_torch_nn(layers, h, w, c):
    result = cnn.analyze(layers, h, w, c)
    expected, refused = run_torch(layers, h, w, c)
    got = result.table.iloc[1:]
    assert list(zip(got["h"], got["w"], got["c"], got["params"])) == expected
    if refused is None:
        assert result.stopped is None
    else:
        assert result.stopped.token.startswith(f"{refused + 1} (")
        assert result.stopped.reason == "vanishes"


def test_receptive_field_of_the_worked_example_in_the_notes():
    # [kernel, stride, padding] of conv1, pool1, conv2, pool2, conv3 (AlexNet-like)
    net = [(11, 4, 0), (3, 2, 0), (5, 1, 2), (3, 2, 0), (3, 1, 1)]
    assert cnn.receptive_fields(net) == [11, 19, 51, 67, 99]
    layers = cnn.parse_stack("c11s4, m3s2, c5p2, m3s2, c3p1")[0]
    assert cnn.stack_fields(layers) == [11, 19, 51, 67, 99]
    assert cnn.analyze(layers, 227, 227, 3).table["jump"].tolist() == [1, 4, 8, 8, 16, 16]


def test_the_field_exercise_preset_reproduces_the_notes_answer():
    """The notes' [kernel, stride, padding] list, as the preset writes it, through the analyzer."""
    p = cnn.PRESETS["field_exercise"]
    layers = cnn.parse_stack(p.stack)[0]
    assert [(l.kernel, l.stride, l.padding) for l in layers] == [
        (11, 4, 0), (3, 2, 0), (5, 1, 2), (3, 2, 0), (3, 1, 1)]
    table = cnn.analyze(layers, p.height, p.width, p.channels).table
    assert p.fields == (11, 19, 51, 67, 99)
    assert table["field"].iloc[1:].tolist() == list(p.fields)
    assert table["h"].tolist() == [227, 55, 27, 27, 13, 13]  # AlexNet's map sizes
    assert table["c"].iloc[-1] == 384


@pytest.mark.parametrize("name", [n for n, p in cnn.PRESETS.items() if p.fields])
def test_preset_worked_fields_are_what_the_analyzer_gives(name):
    p = cnn.PRESETS[name]
    assert tuple(cnn.stack_fields(cnn.parse_stack(p.stack)[0])) == p.fields


@given(st.lists(st.tuples(st.integers(1, 7), st.integers(1, 3), st.integers(0, 3)),
                min_size=1, max_size=8))
def test_recursive_formula_agrees_with_the_interval_computation(net):
    layers = [cnn.Layer("conv", k, s, p) for k, s, p in net]
    assert cnn.receptive_fields(net) == cnn.stack_fields(layers)


def gradient_support(layers, n, o) -> tuple[int, int] | None:
    """Rows of the input that output pixel (o, o) depends on, from autograd: all-ones weights
    and a positive input cannot cancel, and max pooling is replaced by average pooling (same
    window; max would route the gradient to one pixel)."""
    x = torch.ones(1, 1, n, n, dtype=DT, requires_grad=True)
    y = x
    for l in layers:
        l = cnn.Layer("avg_pool", l.kernel, l.stride, l.padding) if l.kind == "max_pool" else l
        module = torch_layer(l, 1, 0)
        for p in module.parameters():
            nn.init.ones_(p)
        y = module(y)
    if not 0 <= o < y.shape[2]:
        return None
    (g,) = torch.autograd.grad(y[0, 0, o, o], x)
    rows = torch.nonzero(g[0, 0].abs().sum(1)).flatten()
    return (int(rows.min()), int(rows.max())) if len(rows) else (0, -1)


def window_inside(layers, sizes, o) -> bool:
    """Whether output pixel o's window, traced back layer by layer, stays inside every
    layer's input: a tap that falls in the padding (or, for a transposed convolution, off
    its input) adds nothing, so the gradient's support is narrower than the field."""
    lo, hi = o, o
    for l, size in zip(reversed(layers), reversed(sizes[:-1])):
        d = l.dilation if l.kind in ("conv", "transposed") else 1
        if l.kind == "transposed":  # input i feeds outputs i·s - p + d·j, j = 0 .. k-1
            lo, hi = -(-(lo + l.padding - d * (l.kernel - 1)) // l.stride), (hi + l.padding) // l.stride
        else:
            lo, hi = lo * l.stride - l.padding, hi * l.stride - l.padding + d * (l.kernel - 1)
        if lo < 0 or hi > size - 1:
            return False
    return True


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(
    st.builds(cnn.Layer, kind=st.just("conv"), kernel=st.integers(1, 5), stride=st.integers(1, 2),
              padding=st.integers(0, 2), dilation=st.integers(1, 3)),
    st.builds(cnn.Layer, kind=st.just("transposed"), kernel=st.integers(1, 4),
              stride=st.integers(1, 2), padding=st.integers(0, 1), dilation=st.integers(1, 2)),
    st.integers(1, 3).flatmap(lambda k: st.builds(
        cnn.Layer, kind=st.sampled_from(["max_pool", "avg_pool"]), kernel=st.just(k),
        stride=st.integers(1, 2), padding=st.integers(0, k // 2)))), min_size=1, max_size=4))
def test_receptive_field_is_the_support_of_an_output_pixels_gradient(layers):
    n = 72
    fields = cnn.stack_fields(layers)
    assume(cnn.analyze(layers, n, n, 1).stopped is None)
    period = math.prod(l.stride for l in layers if l.kind == "transposed")
    m = cnn.analyze(layers, n, n, 1).table["h"].iloc[-1]
    sizes = cnn.analyze(layers, n, n, 1).table["h"].tolist()  # the input, then each output
    widths = []
    for o in range(m // 2, m // 2 + period):
        support = gradient_support(layers, n, o)
        assume(support is not None)
        assume(window_inside(layers, sizes, o))  # no tap in any layer's padding
        lo, hi = support
        assume(hi < lo or (lo > 0 and hi < n - 1))  # not clipped by the border
        widths.append(hi - lo + 1)
    assert max(widths) == fields[-1]


def test_transposed_convolution_fields_and_jumps():
    layers = cnn.parse_stack("t4s2p1, t4s2p1")[0]
    table = cnn.analyze(layers, 8, 8, 1).table
    assert table["h"].tolist() == [8, 16, 32]
    assert table["jump"].tolist() == [1, 0.5, 0.25]
    assert cnn.stack_fields(layers) == [2, 3]


def test_fc_sees_the_whole_input():
    table = cnn.analyze(cnn.parse_stack("c3, f10, c1")[0], 8, 8, 3).table
    assert table["field"].isna().tolist() == [False, False, True, True]
    assert table["params"].tolist() == [0, 3 * 3 * 3 * 3 + 3, 6 * 6 * 3 * 10 + 10, 10 * 10 + 10]


def test_macs_of_one_layer_by_hand():
    table = cnn.analyze(cnn.parse_stack("c3p1o8, m2, t2s2o4, f5")[0], 10, 10, 3).table
    assert table["macs"].tolist() == [0, 10 * 10 * 9 * 3 * 8, 0, 5 * 5 * 4 * 8 * 4,
                                      10 * 10 * 4 * 5]


@pytest.mark.parametrize("name", list(cnn.PRESETS))
def test_presets_match_torch_and_the_published_parameter_counts(name):
    preset = cnn.PRESETS[name]
    layers, problems = cnn.parse_stack(preset.stack)
    assert not problems
    result = cnn.analyze(layers, preset.height, preset.width, preset.channels)
    assert result.stopped is None
    rows, refused = run_torch(layers, preset.height, preset.width, preset.channels)
    assert refused is None
    assert result.table["params"].sum() == sum(r[3] for r in rows)
    if preset.params is not None:
        assert result.table["params"].sum() == preset.params  # exact, not within a tolerance


# torchvision's model docs: AlexNet 0.71 GFLOPS, VGG-16 15.47 GFLOPS (multiply-adds, 2 decimals)
@pytest.mark.parametrize("name,gmacs", [("alexnet", 0.71), ("vgg16", 15.47)])
def test_preset_multiply_adds_match_published_figures_within_rounding(name, gmacs):
    p = cnn.PRESETS[name]
    macs = cnn.analyze(cnn.parse_stack(p.stack)[0], p.height, p.width, p.channels).table["macs"]
    assert macs.sum() / 1e9 == pytest.approx(gmacs, abs=0.005)


def test_vgg16_shapes_and_fields():
    p = cnn.PRESETS["vgg16"]
    table = cnn.analyze(cnn.parse_stack(p.stack)[0], 224, 224, 3).table
    pools = table[table["kind"] == "max_pool"]
    assert pools["h"].tolist() == [112, 56, 28, 14, 7]
    assert pools["field"].tolist() == [6, 16, 44, 100, 212]


def test_parse_stack_reports_bad_tokens_and_keeps_the_good_ones():
    layers, problems = cnn.parse_stack("C3P1O64, x3, m2p2, c3q1, m40, 3c, f10b0, t4s2p1 ,, a3s2")
    assert [str(l) for l in layers] == ["c3p1o64", "f10b0", "t4s2p1", "a3s2"]
    assert problems == [cnn.Problem("x3", "unknown_kind"), cnn.Problem("m2p2", "pool_padding"),
                        cnn.Problem("c3q1", "option"), cnn.Problem("m40", "range"),
                        cnn.Problem("3c", "syntax")]
    assert cnn.parse_stack(",".join(["c1"] * 50))[1] == [cnn.Problem("c1", "too_many")]
    assert cnn.parse_stack("m3")[0][0].stride == 3  # pooling strides default to the kernel


@settings(max_examples=300)
@given(st.text())
def test_parse_stack_never_raises(text):
    layers, _ = cnn.parse_stack(text)
    assert len(layers) <= cnn.MAX_LAYERS


@given(st.lists(layer, max_size=6))
def test_format_and_parse_are_inverse(layers):
    assert cnn.parse_stack(cnn.format_stack(layers)) == (layers, [])


def manual_correlation(x, k, dilation=1):
    """Cross-correlation by explicit loops, independent of torch."""
    span = dilation * (k.shape[0] - 1) + 1
    n = x.shape[0] - span + 1
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            patch = x[i:i + span:dilation, j:j + span:dilation]
            out[i, j] = (patch * k).sum()
    return out


def test_conv_and_dilated_demos_match_explicit_loops():
    d = cnn.conv_demo(3)
    assert d.x.shape == (6, 6) and d.y.shape == (4, 4)
    np.testing.assert_array_equal(d.y, manual_correlation(d.x, d.kernel))
    d = cnn.dilated_demo(3)
    assert d.y.shape == (3, 3) and d.kernel.shape == (5, 5)
    np.testing.assert_array_equal(d.y, manual_correlation(d.x, d.kernel))


def test_transposed_demo_stamps_the_kernel_stride_apart():
    d = cnn.transposed_demo(5)
    out = np.zeros((7, 7))
    for i in range(3):
        for j in range(3):
            out[2 * i:2 * i + 3, 2 * j:2 * j + 3] += d.x[i, j] * d.kernel
    np.testing.assert_array_equal(d.y, out)


@pytest.mark.parametrize("seed", range(5))
def test_max_pool_routes_each_gradient_to_its_window_maximum(seed):
    d = cnn.pool_demo(seed, "max")
    for i in range(3):
        for j in range(3):
            window = d.x[2 * i:2 * i + 2, 2 * j:2 * j + 2]
            g = d.grad_x[2 * i:2 * i + 2, 2 * j:2 * j + 2]
            assert d.y[i, j] == window.max()
            assert g.sum() == d.grad_y[i, j] and np.count_nonzero(g) == 1
            assert window[np.unravel_index(np.argmax(g), g.shape)] == window.max()


def test_avg_pool_spreads_each_gradient_evenly():
    d = cnn.pool_demo(0, "avg")
    np.testing.assert_array_equal(d.grad_x, np.kron(d.grad_y, np.ones((2, 2))) / 4)

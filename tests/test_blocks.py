"""playground.blocks against real torch.nn modules: parameters counted by torch, shapes from a
forward pass, multiply-adds from torch's own FLOP counter (2 FLOPs per MAC); closed forms and
published totals (DenseNet-121, ResNet-50, SE-ResNet-50) where they apply."""
import pytest
import torch
from hypothesis import given, settings, strategies as st
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from playground import blocks

DT = torch.float64


def measured(module: nn.Module, c: int, h: int, w: int) -> blocks.Cost:
    """What torch says: parameters, MACs (its FLOP count / 2) and the output's (C, H, W)."""
    x = torch.zeros(1, c, h, w, dtype=DT)  # (B, C, H, W)
    with torch.no_grad(), FlopCounterMode(display=False) as flops:
        y = module.to(DT).eval()(x)
    y = y.reshape(1, -1, 1, 1) if y.dim() == 2 else y  # a head's (B, classes) as (B, classes, 1, 1)
    assert flops.get_total_flops() % 2 == 0
    return blocks.Cost(sum(p.numel() for p in module.parameters()),
                       flops.get_total_flops() // 2, tuple(y.shape[1:]))


def conv(c_in, c_out, k, bias=True):
    return nn.Conv2d(c_in, c_out, k, padding="same", bias=bias)


class Concat(nn.Module):
    """Parallel branches stacked along the channels."""

    def __init__(self, *branches):
        super().__init__()
        self.branches = nn.ModuleList(branches)

    def forward(self, x):
        return torch.cat([b(x) for b in self.branches], dim=1)


def torch_inception(m: blocks.InceptionSpec, reduce: bool, bias: bool) -> nn.Module:
    if reduce:
        b3 = nn.Sequential(conv(m.c, m.r3, 1, bias), nn.ReLU(), conv(m.r3, m.n3, 3, bias))
        b5 = nn.Sequential(conv(m.c, m.r5, 1, bias), nn.ReLU(), conv(m.r5, m.n5, 5, bias))
    else:
        b3, b5 = conv(m.c, m.n3, 3, bias), conv(m.c, m.n5, 5, bias)
    pool = nn.Sequential(nn.MaxPool2d(3, stride=1, padding=1), conv(m.c, m.pool, 1, bias))
    return Concat(conv(m.c, m.n1, 1, bias), b3, b5, pool)


class SE(nn.Module):
    """Squeeze (global average pooling), excite (FC, ReLU, FC, sigmoid), rescale."""

    def __init__(self, c, hidden, bias=True):
        super().__init__()
        self.fc = nn.Sequential(nn.Linear(c, hidden, bias=bias), nn.ReLU(),
                                nn.Linear(hidden, c, bias=bias), nn.Sigmoid())

    def forward(self, x):
        s = self.fc(x.mean(dim=(2, 3)))  # (B, C)
        return x * s[:, :, None, None]


class Dense(nn.Module):
    """A dense block: each layer reads every earlier output, concatenated with the input."""

    def __init__(self, c0, layers, growth, bottleneck=4):
        super().__init__()
        self.layers = nn.ModuleList()
        for l in range(layers):
            c = c0 + l * growth
            if bottleneck:
                mid = bottleneck * growth
                body = [nn.BatchNorm2d(c), nn.ReLU(), nn.Conv2d(c, mid, 1, bias=False),
                        nn.BatchNorm2d(mid), nn.ReLU(), nn.Conv2d(mid, growth, 3, padding=1,
                                                                   bias=False)]
            else:
                body = [nn.BatchNorm2d(c), nn.ReLU(), nn.Conv2d(c, growth, 3, padding=1,
                                                                bias=False)]
            self.layers.append(nn.Sequential(*body))

    def forward(self, x):
        for layer in self.layers:
            x = torch.cat([x, layer(x)], dim=1)
        return x


class Merge(nn.Module):
    def __init__(self, how, c, c_out, k, bias=True):
        super().__init__()
        self.how, self.conv = how, conv(c * (2 if how == "concat" else 1), c_out, k, bias)

    def forward(self, x):  # the two branches: here two halves of the same input
        a, b = x.chunk(2, dim=1)
        return self.conv(a + b if self.how == "add" else torch.cat([a, b], dim=1))


sizes = st.integers(1, 9)
widths = st.integers(1, 12)


@settings(max_examples=40)
@given(c_in=widths, c_out=widths, k=st.sampled_from([1, 3, 5]), h=sizes, w=sizes,
       bias=st.booleans())
def test_conv_matches_conv2d(c_in, c_out, k, h, w, bias):
    assert blocks.conv(c_in, c_out, k, h, w, bias) == measured(conv(c_in, c_out, k, bias),
                                                               c_in, h, w)


@settings(max_examples=40)
@given(m=st.builds(blocks.InceptionSpec, widths, st.integers(1, 8), *[widths] * 6),
       reduce=st.booleans(), bias=st.booleans())
def test_inception_matches_torch(m, reduce, bias):
    got = blocks.inception(m, reduce, bias)
    assert got == measured(torch_inception(m, reduce, bias), m.c, m.size, m.size)
    assert got.shape == (m.n1 + m.n3 + m.n5 + m.pool, m.size, m.size)


@pytest.mark.parametrize("name", list(blocks.GOOGLENET))
def test_googlenet_modules_match_torch_with_and_without_reductions(name):
    m = blocks.GOOGLENET[name]
    for reduce in (True, False):
        got = blocks.inception(m, reduce)
        assert got == measured(torch_inception(m, reduce, True), m.c, m.size, m.size)
    assert blocks.inception(m).shape == blocks.inception(m, reduce=False).shape
    assert blocks.inception(m).params < blocks.inception(m, reduce=False).params  # the page's
    assert blocks.inception(m).macs < blocks.inception(m, reduce=False).macs      # "cut … ×"


def test_inception_3a_by_hand():
    m = blocks.GOOGLENET["3a"]
    weights = 192 * 64 + 192 * 96 + 9 * 96 * 128 + 192 * 16 + 25 * 16 * 32 + 192 * 32
    assert weights == 163_328
    got = blocks.inception(m, bias=False)
    assert got == blocks.Cost(163_328, 28 * 28 * 163_328, (256, 28, 28))
    naive = 192 * 64 + 9 * 192 * 128 + 25 * 192 * 32 + 192 * 32
    assert blocks.inception(m, reduce=False, bias=False).params == naive == 393_216
    assert got.macs == 128_049_152  # Szegedy et al. 2015, Table 1: 128M ops


def test_googlenet_modules_chain():
    """Each module reads what the one before puts out (pooling between keeps channels)."""
    specs = list(blocks.GOOGLENET.values())
    for before, after in zip(specs, specs[1:]):
        assert blocks.inception(before).shape[0] == after.c
    assert blocks.inception(specs[-1]).shape == (1024, 7, 7)  # into GoogLeNet's pooled head


@settings(max_examples=40)
@given(c=st.integers(1, 40), r=st.integers(1, 20), h=sizes, w=sizes, bias=st.booleans())
def test_squeeze_excitation_matches_torch(c, r, h, w, bias):
    got = blocks.squeeze_excitation(c, h, w, r, bias)
    assert got == measured(SE(c, blocks.se_hidden(c, r), bias), c, h, w)


@given(c=st.integers(1, 64), r=st.integers(1, 16))
def test_squeeze_excitation_adds_2c2_over_r_when_r_divides_c(c, r):
    c *= r
    assert blocks.squeeze_excitation(c, 7, 7, r, bias=False).params * r == 2 * c * c
    assert blocks.squeeze_excitation(c, 7, 7, r).params == 2 * c * c // r + c // r + c


class Bottleneck(nn.Module):
    """ResNet-50's block (He et al. 2016, torchvision's layout), optionally with SE."""

    def __init__(self, c_in, planes, stride, r=0):
        super().__init__()
        out = 4 * planes
        self.body = nn.Sequential(
            nn.Conv2d(c_in, planes, 1, bias=False), nn.BatchNorm2d(planes), nn.ReLU(),
            nn.Conv2d(planes, planes, 3, stride, 1, bias=False), nn.BatchNorm2d(planes), nn.ReLU(),
            nn.Conv2d(planes, out, 1, bias=False), nn.BatchNorm2d(out),
            *([SE(out, out // r)] if r else []))
        self.down = (nn.Sequential(nn.Conv2d(c_in, out, 1, stride, bias=False),
                                   nn.BatchNorm2d(out)) if stride != 1 or c_in != out
                     else nn.Identity())

    def forward(self, x):
        return torch.relu(self.body(x) + self.down(x))


def resnet50(r=0) -> nn.Module:
    layers = [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
              nn.MaxPool2d(3, 2, 1)]
    c = 64
    for i, (out, n, _) in enumerate(blocks.RESNET50_STAGES):
        for j in range(n):
            layers.append(Bottleneck(c, out // 4, 2 if j == 0 and i > 0 else 1, r))
            c = out
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(2048, 1000))


def test_se_resnet50_adds_about_two_and_a_half_million_parameters():
    base = sum(p.numel() for p in resnet50().parameters())
    assert base == blocks.RESNET50_PARAMS  # torchvision's resnet50
    extra = sum(p.numel() for p in resnet50(r=16).parameters()) - base
    assert blocks.se_resnet50_extra(16) == extra == 2_530_992
    assert extra == pytest.approx(2.5e6, rel=0.02)  # Hu et al. 2018: "~2.5 million"
    assert blocks.se_resnet50_extra(16, bias=False) == 2_514_944


def test_se_stages_have_resnet50_feature_map_sizes():
    x, sizes = torch.zeros(1, 3, 224, 224), []
    net = resnet50()
    with torch.no_grad():
        for layer in net:
            x = layer(x)
            if isinstance(layer, Bottleneck):
                sizes.append((x.shape[1], x.shape[2]))
    expected = [(c, s) for c, n, s in blocks.RESNET50_STAGES for _ in range(n)]
    assert sizes == expected


@settings(max_examples=30)
@given(c0=widths, layers=st.integers(1, 5), growth=st.integers(1, 6), h=sizes, w=sizes,
       bottleneck=st.sampled_from([0, 1, 4]))
def test_dense_block_matches_torch(c0, layers, growth, h, w, bottleneck):
    got = blocks.dense_block(c0, h, w, layers, growth, bottleneck)
    assert got == measured(Dense(c0, layers, growth, bottleneck), c0, h, w)
    assert got.shape[0] == c0 + layers * growth
    table = blocks.dense_layers(c0, h, w, layers, growth, bottleneck)
    assert table["c_in"].tolist() == [c0 + l * growth for l in range(layers)]
    per_layer = [sum(p.numel() for p in m.parameters())
                 for m in Dense(c0, layers, growth, bottleneck).layers]
    assert table["params"].tolist() == per_layer


@given(c0=st.integers(1, 300), layers=st.integers(1, 50), growth=st.integers(1, 64))
def test_plain_dense_block_closed_form(c0, layers, growth):
    """Sum over layers of (9k + 2)(C0 + (l − 1)k): weights 9·k per input channel, BN 2."""
    got = blocks.dense_block(c0, 5, 5, layers, growth, bottleneck=0).params
    assert got == (9 * growth + 2) * (layers * c0 + growth * layers * (layers - 1) // 2)


def densenet121() -> tuple[nn.Module, list[nn.Module]]:
    """Huang et al. 2017 (torchvision's layout): k = 32, blocks of 6, 12, 24, 16 layers,
    transitions halving the channels."""
    c, parts, dense = 64, [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64)], []
    for i, n in enumerate((6, 12, 24, 16)):
        dense.append(Dense(c, n, 32))
        parts.append(dense[-1])
        c += n * 32
        if i < 3:
            parts += [nn.BatchNorm2d(c), nn.Conv2d(c, c // 2, 1, bias=False), nn.AvgPool2d(2)]
            c //= 2
    return nn.Sequential(*parts, nn.BatchNorm2d(c), nn.Linear(c, 1000)), dense


def test_densenet121_blocks_and_total():
    net, dense = densenet121()
    assert sum(p.numel() for p in net.parameters()) == 7_978_856  # torchvision's densenet121
    c = 64
    for block, n, size in zip(dense, (6, 12, 24, 16), (56, 28, 14, 7)):
        got = blocks.dense_block(c, size, size, n, 32)
        assert got.params == sum(p.numel() for p in block.parameters())
        c = got.shape[0] // 2
    assert got.shape == (1024, 7, 7)


@settings(max_examples=40)
@given(c=widths, h=sizes, w=sizes, classes=st.integers(1, 20), pool=st.booleans(),
       bias=st.booleans())
def test_classifier_head_matches_torch(c, h, w, classes, pool, bias):
    head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c, classes, bias=bias))
    if not pool:
        head = nn.Sequential(nn.Flatten(), nn.Linear(c * h * w, classes, bias=bias))
    assert blocks.classifier_head(c, h, w, classes, pool, bias) == measured(head, c, h, w)


@given(c=st.integers(1, 4096), hw=st.integers(1, 64), classes=st.integers(1, 1000))
def test_pooling_divides_the_head_weights_by_h_times_w(c, hw, classes):
    flat = blocks.classifier_head(c, hw, hw, classes, pool=False, bias=False).params
    assert flat == hw * hw * blocks.classifier_head(c, hw, hw, classes, bias=False).params
    assert blocks.classifier_head(512, 7, 7, 1000).params == 513_000  # ResNet-18/34's fc


@settings(max_examples=40)
@given(how=st.sampled_from(blocks.MERGES), c=widths, c_out=widths, k=st.sampled_from([1, 3, 5]),
       h=sizes, w=sizes, bias=st.booleans())
def test_merge_matches_torch(how, c, c_out, k, h, w, bias):
    got = blocks.merge(c, h, w, how, c_out, k, bias)
    # the block's input is both branches, 2C channels, whichever way they are merged
    assert got == measured(Merge(how, c, c_out, k, bias), 2 * c, h, w)
    assert got.shape == (c_out, h, w)


@given(c=st.integers(1, 2048), c_out=st.integers(1, 2048), k=st.sampled_from([1, 3, 5, 7]))
def test_concat_doubles_the_next_weights_not_its_biases(c, c_out, k):
    add, cat = (blocks.merge(c, 8, 8, how, c_out, k) for how in ("add", "concat"))
    assert cat.params - c_out == 2 * (add.params - c_out) and cat.macs == 2 * add.macs
    assert blocks.merged_channels(c, "concat") == 2 * blocks.merged_channels(c, "add")


@pytest.mark.parametrize("seed", range(3))
def test_add_is_concat_with_both_halves_of_the_kernel_shared(seed):
    g = torch.Generator().manual_seed(seed)
    a, b = torch.randn(2, 1, 5, 6, 6, generator=g, dtype=DT)  # (B, C, H, W) each
    weight = torch.randn(4, 5, 3, 3, generator=g, dtype=DT)
    added = nn.functional.conv2d(a + b, weight, padding=1)
    stacked = nn.functional.conv2d(torch.cat([a, b], 1), torch.cat([weight, weight], 1),
                                   padding=1)
    torch.testing.assert_close(added, stacked)


def test_stacked_frame_keeps_bars_and_parts_in_order():
    frame = blocks.stacked({"y": {"b": 3, "a": 5}, "x": {"a": 7}})
    assert frame.to_dict("list") == {"row": ["y", "y", "x"], "part": ["b", "a", "a"],
                                     "value": [3, 5, 7]}
    assert list(blocks.stacked({}).columns) == ["row", "part", "value"]


@pytest.mark.parametrize("call", [
    lambda: blocks.conv(0, 1, 3, 4, 4), lambda: blocks.squeeze_excitation(8, 4, 4, 0),
    lambda: blocks.dense_block(8, 4, 4, 0, 4), lambda: blocks.dense_block(8, 4, 4, 2, 4, -1),
    lambda: blocks.classifier_head(8, 0, 4, 10), lambda: blocks.merge(8, 4, 4, "mul", 8),
    lambda: blocks.conv(2.5, 1, 3, 4, 4)])
def test_invalid_arguments_raise(call):
    with pytest.raises(ValueError):
        call()

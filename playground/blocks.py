"""Parameters, multiply-adds and output shapes of CNN building blocks: the Inception module
(Szegedy et al. 2015), squeeze-and-excitation (Hu et al. 2018), the dense block (Huang et al.
2017), a classifier head on global average pooling or on the flattened map, and two branches
merged by addition or by concatenation.

Counted as in playground.cnn: a MAC is one multiply plus one add; pooling and element-wise
operations (ReLU, the SE rescale, an addition of two maps) are not MACs. Every convolution here
has stride 1 and 'same' padding, so it keeps H × W. Shapes are (C, H, W).
"""
import numbers
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Cost:
    """Parameters, multiply-adds and output shape (C, H, W) of a block."""
    params: int
    macs: int
    shape: tuple[int, int, int]


def _check(**values: int) -> None:
    for name, v in values.items():
        if not isinstance(v, numbers.Integral) or v < 1:
            raise ValueError(f"Invalid {name}: {v!r} (a positive integer)")


def conv(c_in: int, c_out: int, k: int, h: int, w: int, bias: bool = True) -> Cost:
    """A k×k convolution, stride 1, 'same' padding: k²·C_in·C_out weights (+ C_out biases),
    one k×k×C_in dot product per output pixel and channel."""
    _check(c_in=c_in, c_out=c_out, k=k, h=h, w=w)
    weights = k * k * c_in * c_out
    return Cost(weights + (c_out if bias else 0), h * w * weights, (c_out, h, w))


def _chain(*costs: Cost) -> Cost:
    """Blocks one after the other: costs add up, the last one's shape comes out."""
    return Cost(sum(c.params for c in costs), sum(c.macs for c in costs), costs[-1].shape)


def _concat(*costs: Cost) -> Cost:
    """Parallel branches of the same H × W stacked along the channels."""
    _, h, w = costs[0].shape
    return Cost(sum(c.params for c in costs), sum(c.macs for c in costs),
                (sum(c.shape[0] for c in costs), h, w))


def stacked(bars: dict[str, dict[str, int]]) -> pd.DataFrame:
    """Columns row, part, value: each bar (a key of `bars`) made of its parts, in order, for a
    stacked bar chart."""
    return pd.DataFrame([dict(row=row, part=part, value=value)
                         for row, parts in bars.items() for part, value in parts.items()],
                        columns=["row", "part", "value"])


# ---- Inception (GoogLeNet) ---------------------------------------------------------------------

@dataclass(frozen=True)
class InceptionSpec:
    """An Inception module's input and widths, named after the columns of Szegedy et al. 2015,
    Table 1 (#1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5, pool proj)."""
    c: int      # input channels
    size: int   # input H = W
    n1: int
    r3: int
    n3: int
    r5: int
    n5: int
    pool: int


# GoogLeNet's nine modules; each one's input has the channels the one before puts out
GOOGLENET = {
    "3a": InceptionSpec(192, 28, 64, 96, 128, 16, 32, 32),
    "3b": InceptionSpec(256, 28, 128, 128, 192, 32, 96, 64),
    "4a": InceptionSpec(480, 14, 192, 96, 208, 16, 48, 64),
    "4b": InceptionSpec(512, 14, 160, 112, 224, 24, 64, 64),
    "4c": InceptionSpec(512, 14, 128, 128, 256, 24, 64, 64),
    "4d": InceptionSpec(512, 14, 112, 144, 288, 32, 64, 64),
    "4e": InceptionSpec(528, 14, 256, 160, 320, 32, 128, 128),
    "5a": InceptionSpec(832, 7, 256, 160, 320, 32, 128, 128),
    "5b": InceptionSpec(832, 7, 384, 192, 384, 48, 128, 128),
}
BRANCHES = ("b1", "b3", "b5", "pool")


def inception_branches(m: InceptionSpec, reduce: bool = True,
                       bias: bool = True) -> dict[str, Cost]:
    """Each branch (BRANCHES): 1×1; 1×1 reduce → 3×3; 1×1 reduce → 5×5; 3×3 max pool with
    stride 1 → 1×1 projection. Without `reduce` the 3×3 and 5×5 convolutions read all C input
    channels, and the module's output keeps its shape."""
    c, s = m.c, m.size
    if reduce:
        b3 = _chain(conv(c, m.r3, 1, s, s, bias), conv(m.r3, m.n3, 3, s, s, bias))
        b5 = _chain(conv(c, m.r5, 1, s, s, bias), conv(m.r5, m.n5, 5, s, s, bias))
    else:
        b3, b5 = conv(c, m.n3, 3, s, s, bias), conv(c, m.n5, 5, s, s, bias)
    return {"b1": conv(c, m.n1, 1, s, s, bias), "b3": b3, "b5": b5,
            "pool": conv(c, m.pool, 1, s, s, bias)}  # the pooling itself is free


def inception(m: InceptionSpec, reduce: bool = True, bias: bool = True) -> Cost:
    """The module: its four branches concatenated along the channels."""
    return _concat(*inception_branches(m, reduce, bias).values())


# ---- squeeze-and-excitation --------------------------------------------------------------------

def se_hidden(c: int, r: int) -> int:
    """Units of the SE bottleneck: C // r, at least 1."""
    _check(c=c, r=r)
    return max(1, c // r)


def squeeze_excitation(c: int, h: int, w: int, r: int, bias: bool = True) -> Cost:
    """Global average pooling (the squeeze), FC C → C/r, ReLU, FC C/r → C, sigmoid, and each
    channel rescaled (Hu et al. 2018): 2·C·(C/r) weights, which is 2C²/r when r divides C, plus
    C/r + C biases with `bias`. The output has the input's shape."""
    _check(h=h, w=w)
    n = se_hidden(c, r)
    weights = 2 * c * n
    return Cost(weights + (n + c if bias else 0), weights, (c, h, w))


# (channels, blocks, H = W) of ResNet-50's stages; SE-ResNet-50 puts one SE block in each
RESNET50_STAGES = ((256, 3, 56), (512, 4, 28), (1024, 6, 14), (2048, 3, 7))
RESNET50_PARAMS = 25_557_032  # torchvision's resnet50


def se_resnet50_extra(r: int, bias: bool = True) -> int:
    """Parameters that SE blocks of reduction r add to ResNet-50 (Hu et al. 2018: about
    2.5 million at r = 16)."""
    return sum(n * squeeze_excitation(c, s, s, r, bias).params for c, n, s in RESNET50_STAGES)


# ---- dense block (DenseNet) --------------------------------------------------------------------

def dense_layers(c0: int, h: int, w: int, layers: int, growth: int,
                 bottleneck: int = 4) -> pd.DataFrame:
    """One row per layer of a dense block (Huang et al. 2017): layer, c_in (the block's input
    and every earlier layer's output, concatenated: C0 + (l − 1)·k), c_out (after this layer's
    k channels are appended), params, macs.

    A layer is BN-ReLU-conv 3×3 (k outputs); with `bottleneck` b > 0 it is preceded by
    BN-ReLU-conv 1×1 to b·k channels (DenseNet-B, b = 4 in DenseNet-121). Convolutions have no
    bias; each batch norm has a scale and a shift per channel (2 parameters each).
    """
    _check(c0=c0, layers=layers, growth=growth)
    if bottleneck < 0:
        raise ValueError(f"Invalid bottleneck: {bottleneck} (0 for none)")
    rows = []
    for l in range(1, layers + 1):
        c_in = c0 + (l - 1) * growth
        if bottleneck:
            mid = bottleneck * growth
            convs = _chain(conv(c_in, mid, 1, h, w, False), conv(mid, growth, 3, h, w, False))
            norms = 2 * c_in + 2 * mid
        else:
            convs, norms = conv(c_in, growth, 3, h, w, False), 2 * c_in
        rows.append(dict(layer=l, c_in=c_in, c_out=c_in + growth, params=convs.params + norms,
                         macs=convs.macs))
    return pd.DataFrame(rows)


def dense_block(c0: int, h: int, w: int, layers: int, growth: int,
                bottleneck: int = 4) -> Cost:
    """The whole block: C0 + L·k channels out, the layers' parameters and MACs summed."""
    t = dense_layers(c0, h, w, layers, growth, bottleneck)
    return Cost(int(t["params"].sum()), int(t["macs"].sum()), (c0 + layers * growth, h, w))


# ---- classifier head: global average pooling against flatten -----------------------------------

def classifier_head(c: int, h: int, w: int, classes: int, pool: bool = True,
                    bias: bool = True) -> Cost:
    """A fully connected layer to `classes` outputs on global average pooling (C inputs, as in
    GoogLeNet and ResNet) or on the flattened map (C·H·W inputs, as in AlexNet and VGG)."""
    _check(c=c, h=h, w=w, classes=classes)
    inputs = c if pool else c * h * w
    return Cost(inputs * classes + (classes if bias else 0), inputs * classes, (classes, 1, 1))


# ---- two branches merged: add against concat ---------------------------------------------------

MERGES = ("add", "concat")


def merged_channels(c: int, how: str) -> int:
    """Channels after merging two maps of C channels: C when added, 2C when concatenated."""
    if how not in MERGES:
        raise ValueError(f"Invalid merge: {how!r} (one of {', '.join(MERGES)})")
    return c if how == "add" else 2 * c


def merge(c: int, h: int, w: int, how: str, c_out: int, k: int = 3, bias: bool = True) -> Cost:
    """Two (C, H, W) branches merged, then the k×k convolution to C_out that reads the result;
    the addition itself has no parameters and no MACs. Concatenating doubles that
    convolution's weights, not its biases."""
    return conv(merged_channels(c, how), c_out, k, h, w, bias)

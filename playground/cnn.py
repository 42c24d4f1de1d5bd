"""Convolution arithmetic: output sizes, parameters, multiply-adds and receptive fields of a layer
stack, a compact text form for stacks, the classic presets, and small worked grids in torch.

Sizes follow torch.nn (Conv2d, MaxPool2d, AvgPool2d, ConvTranspose2d, Linear) with square kernels;
costs are counted in MACs (one multiply plus one add = 2 FLOPs), as torchvision and most papers do.
"""
import math
import re
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F

from playground.info import Problem

KINDS = {"c": "conv", "m": "max_pool", "a": "avg_pool", "t": "transposed", "f": "fc"}
MAX_LAYERS = 40
MAX_PHASES = 256  # output positions tried per layer when upsampling makes the field position-dependent
# option letter -> (field, lo, hi); which kinds accept it is in _OPTIONS
_RANGES = {"s": ("stride", 1, 16), "p": ("padding", 0, 15), "d": ("dilation", 1, 16),
           "o": ("channels", 1, 8192), "b": ("bias", 0, 1)}
_OPTIONS = {"conv": "spdob", "transposed": "spdob", "max_pool": "sp", "avg_pool": "sp", "fc": "b"}
_SIZE = {"fc": ("units", 1, 100_000)}  # the number after the kind letter; the kernel otherwise
_KERNEL = ("kernel", 1, 31)


@dataclass(frozen=True)
class Layer:
    """One layer; channels 0 keeps the input's channel count; units only for fc."""
    kind: str
    kernel: int = 1
    stride: int = 1
    padding: int = 0
    dilation: int = 1
    channels: int = 0
    bias: bool = True
    units: int = 0

    def __str__(self) -> str:
        return format_stack([self])


def conv_output_size(n: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    """floor((n + 2p − d(k − 1) − 1) / s) + 1, as torch.nn.Conv2d and the pooling layers compute it."""
    if min(n, kernel, stride, dilation) < 1 or padding < 0:
        raise ValueError(f"Invalid convolution: n={n}, kernel={kernel}, stride={stride}, "
                         f"padding={padding}, dilation={dilation}")
    return (n + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


def transposed_output_size(n: int, kernel: int, stride: int = 1, padding: int = 0,
                           dilation: int = 1) -> int:
    """(n − 1) s − 2p + d(k − 1) + 1, as torch.nn.ConvTranspose2d computes it (output_padding 0)."""
    if min(n, kernel, stride, dilation) < 1 or padding < 0:
        raise ValueError(f"Invalid transposed convolution: n={n}, kernel={kernel}, "
                         f"stride={stride}, padding={padding}, dilation={dilation}")
    return (n - 1) * stride - 2 * padding + dilation * (kernel - 1) + 1


def receptive_fields(layers: list[tuple[int, int, int]]) -> list[int]:
    """Receptive field after each (kernel, stride, padding) layer: r ← r + (k − 1)·j, j ← j·s,
    starting from r = j = 1 (padding moves the field, it does not widen it)."""
    r, j, out = 1, 1, []
    for k, s, _ in layers:
        r, j = r + (k - 1) * j, j * s
        out.append(r)
    return out


# ---- the text form: 'c3p1o64, m2, f1000' --------------------------------------------------------

_TOKEN = re.compile(r"([a-z])(\d+)((?:[a-z]\d+)*)")


def _parse_layer(token: str) -> tuple[Layer | None, Problem | None]:
    m = _TOKEN.fullmatch(token.lower())
    if not m:
        return None, Problem.of(token, "syntax")
    if m[1] not in KINDS:
        return None, Problem.of(token, "unknown_kind")
    kind = KINDS[m[1]]
    field, lo, hi = _SIZE.get(kind, _KERNEL)
    values = {field: int(m[2])}
    for letter, digits in re.findall(r"([a-z])(\d+)", m[3]):
        if letter not in _OPTIONS[kind]:
            return None, Problem.of(token, "option")
        values[_RANGES[letter][0]] = int(digits)
    bounds = {field: (lo, hi)} | {f: (a, b) for f, a, b in _RANGES.values()}
    if any(not bounds[f][0] <= v <= bounds[f][1] for f, v in values.items()):
        return None, Problem.of(token, "range")
    pool = kind in ("max_pool", "avg_pool")
    if pool:
        values.setdefault("stride", values["kernel"])  # torch's default for pooling
        if 2 * values.get("padding", 0) > values["kernel"]:
            return None, Problem.of(token, "pool_padding")  # torch: at most half the kernel
    values["bias"] = bool(values.get("bias", 1))
    return Layer(kind, **values), None


def parse_stack(text: str) -> tuple[list[Layer], list[Problem]]:
    """Layers from a text like 'c3p1o64, m2, t4s2p1o3, f10'. Never raises: bad tokens are
    skipped and reported, and so is the first layer beyond MAX_LAYERS.

    c<k> conv, m<k> max pool, a<k> avg pool, t<k> transposed conv, f<n> fully connected;
    options s stride, p padding, d dilation, o output channels, b0 no bias.
    """
    layers, problems = [], []
    for token in filter(None, re.split(r"[,;\s]+", text.strip())):
        layer, problem = _parse_layer(token)
        if problem:
            problems.append(problem)
        elif len(layers) == MAX_LAYERS:
            problems.append(Problem.of(token, "too_many"))  # said once: the rest goes too
            break
        else:
            layers.append(layer)
    return layers, problems


def format_stack(layers: list[Layer]) -> str:
    """The inverse of parse_stack, without options left at their defaults."""
    letter = {v: k for k, v in KINDS.items()}
    out = []
    for l in layers:
        if l.kind == "fc":
            out.append(f"f{l.units}" + ("" if l.bias else "b0"))
            continue
        pool = l.kind in ("max_pool", "avg_pool")
        opts = [("s", l.stride, l.kernel if pool else 1), ("p", l.padding, 0),
                ("d", l.dilation, 1), ("o", l.channels, 0), ("b", int(l.bias), 1)]
        out.append(f"{letter[l.kind]}{l.kernel}" + "".join(f"{c}{v}" for c, v, d in opts if v != d))
    return ",".join(out)


# ---- shapes, costs and receptive fields ------------------------------------------------------------

def _size(l: Layer, n: int) -> int:
    if l.kind == "transposed":
        return transposed_output_size(n, l.kernel, l.stride, l.padding, l.dilation)
    return conv_output_size(n, l.kernel, l.stride, l.padding, l.dilation)


def _taps(l: Layer, o: int) -> list[int]:
    """The input indices that output index o of a spatial layer reads (none for some outputs
    of a transposed convolution whose kernel is shorter than its stride)."""
    if l.kind != "transposed":
        return [o * l.stride - l.padding + t * l.dilation for t in range(l.kernel)]
    # o = i·s − p + t·d for some tap t in [0, k): solve for the input index i
    return [(o + l.padding - t * l.dilation) // l.stride for t in range(l.kernel)
            if (o + l.padding - t * l.dilation) % l.stride == 0]


def _field(spatial: list[Layer], o: int) -> int:
    """Width (first to last) of the input span that output index o of the last layer reads; 0
    when it reads nothing. Walks back through the exact set of positions while a transposed
    layer lies ahead (its gaps meet dilation holes); through convolutions and pooling alone the
    first and last position suffice, as both move monotonically with the output index."""
    positions = {o}
    for n in range(len(spatial), 0, -1):
        if all(l.kind != "transposed" for l in spatial[:n]):
            lo, hi = min(positions), max(positions)
            for l in reversed(spatial[:n]):
                lo, hi = _taps(l, lo)[0], _taps(l, hi)[-1]
            return hi - lo + 1
        positions = {i for x in positions for i in _taps(spatial[n - 1], x)}
        if not positions:
            return 0
    return max(positions) - min(positions) + 1


def stack_fields(layers: list[Layer]) -> list[int | None]:
    """Theoretical receptive field (ignoring borders) after each layer, None after an fc layer
    (which sees the whole input). Exact also across transposed convolutions, where it depends
    on the output position: the largest over positions is taken (exact whenever the
    transposed strides multiply to at most MAX_PHASES)."""
    out, phases = [], 1
    for i, l in enumerate(layers):
        if l.kind == "fc" or (out and out[-1] is None):
            out.append(None)
            continue
        if l.kind == "transposed":
            phases = min(phases * l.stride, MAX_PHASES)
        out.append(max(_field(layers[: i + 1], o) for o in range(phases)))
    return out


@dataclass(frozen=True)
class StackResult:
    """Per-layer table and what stopped the stack, if anything."""
    table: pd.DataFrame
    stopped: Problem | None  # the layer whose output would be empty; later layers are left out


def _params(l: Layer, c_in: int, c_out: int, flat: int) -> int:
    if l.kind in ("conv", "transposed"):
        return l.kernel * l.kernel * c_in * c_out + (c_out if l.bias else 0)
    if l.kind == "fc":
        return flat * l.units + (l.units if l.bias else 0)
    return 0


def _macs(l: Layer, c_in: int, c_out: int, h: int, w: int, h_out: int, w_out: int) -> int:
    if l.kind == "conv":       # every output pixel: a k×k×C_in dot product per output channel
        return h_out * w_out * l.kernel ** 2 * c_in * c_out
    if l.kind == "transposed":  # every input pixel scatters a k×k×C_out patch per input channel
        return h * w * l.kernel ** 2 * c_in * c_out
    if l.kind == "fc":
        return h * w * c_in * l.units
    return 0  # pooling: comparisons and adds, no multiply-adds


def analyze(layers: list[Layer], height: int, width: int, channels: int) -> StackResult:
    """Per layer: kind, output H, W, C, parameters, MACs, receptive field and jump (in input pixels).

    Row 0 is the input. A layer that would produce an empty output stops the table there.
    """
    rows = [dict(layer=0, kind="input", spec="", h=height, w=width, c=channels,
                 params=0, macs=0, field=1, jump=1.0)]
    fields = stack_fields(layers)
    h, w, c, jump, stopped = height, width, channels, Fraction(1), None
    for i, (l, field) in enumerate(zip(layers, fields), start=1):
        if l.kind == "fc":
            h_out, w_out, c_out = 1, 1, l.units
        else:
            h_out, w_out = _size(l, h), _size(l, w)
            c_out = (l.channels or c) if l.kind in ("conv", "transposed") else c
        if min(h_out, w_out) < 1:
            stopped = Problem(f"{i} ({l})", "vanishes")
            break
        if l.kind == "transposed":
            jump /= l.stride
        elif l.kind != "fc":
            jump *= l.stride
        rows.append(dict(layer=i, kind=_label(l), spec=str(l), h=h_out,
                         w=w_out, c=c_out, params=_params(l, c, c_out, h * w * c),
                         macs=_macs(l, c, c_out, h, w, h_out, w_out),
                         field=field, jump=float(jump) if l.kind != "fc" else math.nan))
        h, w, c = h_out, w_out, c_out
    table = pd.DataFrame(rows).astype({"field": "Float64"})
    return StackResult(table, stopped)


def _label(l: Layer) -> str:
    return "dilated_conv" if l.kind == "conv" and l.dilation > 1 else l.kind


# ---- the classic networks ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Preset:
    """A stack with the input it was designed for and its published parameter count."""
    stack: str
    height: int
    width: int
    channels: int
    params: int | None  # the published total where there is one, for the page and the tests
    source: str
    fields: tuple[int, ...] | None = None  # a worked answer for the receptive fields, if any


_VGG16 = ("c3p1o64,c3p1o64,m2,c3p1o128,c3p1o128,m2,c3p1o256,c3p1o256,c3p1o256,m2,"
          "c3p1o512,c3p1o512,c3p1o512,m2,c3p1o512,c3p1o512,c3p1o512,m2,f4096,f4096,f1000")
PRESETS = {
    # the single-GPU AlexNet of torchvision (Krizhevsky 2014, 'One weird trick'), 224×224 input
    "alexnet": Preset("c11s4p2o64,m3s2,c5p2o192,m3s2,c3p1o384,c3p1o256,c3p1o256,m3s2,"
                      "f4096,f4096,f1000", 224, 224, 3, 61_100_840, "torchvision alexnet"),
    "vgg16": Preset(_VGG16, 224, 224, 3, 138_357_544, "Simonyan & Zisserman 2015, config D"),
    # two 3×3 convolutions without bias (batch norm follows each) plus the identity shortcut
    "resnet_block": Preset("c3p1o64b0,c3p1o64b0", 56, 56, 64, 73_728,
                           "He et al. 2016, ResNet-18/34 conv2_x block, without batch norm"),
    "dilated": Preset("c3p1o32,c3p2d2o32,c3p4d4o32,c3p8d8o32", 64, 64, 3, 28_640,
                      "Yu & Koltun 2016: field 3, 7, 15, 31 without losing resolution"),
    "decoder": Preset("t4s2p1o64,t4s2p1o32,t4s2p1o3", 8, 8, 128, 165_475,
                      "DCGAN-style upsampling (Radford et al. 2016): each layer doubles H and W"),
    # the classic receptive-field exercise: conv1, pool1, conv2, pool2, conv3 of AlexNet
    # (Krizhevsky et al. 2012: 96, 256 and 384 filters on a 227×227 input); the answer
    # 11, 19, 51, 67, 99 follows from the kernels and strides alone
    "field_exercise": Preset("c11s4o96,m3s2,c5p2o256,m3s2,c3p1o384", 227, 227, 3, None,
                             "AlexNet's first five layers", fields=(11, 19, 51, 67, 99)),
}


# ---- small worked grids, computed by torch itself ---------------------------------------------------

@dataclass(frozen=True)
class Demo:
    """Input, kernel (if any) and output of one small operation, plus a backward pass for pooling."""
    x: np.ndarray
    kernel: np.ndarray | None
    y: np.ndarray
    grad_y: np.ndarray | None = None   # upstream gradient (pooling only)
    grad_x: np.ndarray | None = None   # what the layer passes back to its input


def _image(n: int, seed: int) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    return torch.randint(0, 10, (1, 1, n, n), generator=g).double()  # (B=1, C=1, n, n)


EDGE = torch.tensor([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]], dtype=torch.float64)


def conv_demo(seed: int = 0, stride: int = 1, padding: int = 0) -> Demo:
    """A 6×6 image convolved with a 3×3 Sobel kernel (cross-correlation, as torch does)."""
    x = _image(6, seed)
    y = F.conv2d(x, EDGE[None, None], stride=stride, padding=padding)
    return Demo(x[0, 0].numpy(), EDGE.numpy(), y[0, 0].numpy())


def pool_demo(seed: int = 0, kind: str = "max") -> Demo:
    """2×2 pooling with stride 2 on a 6×6 image, and its backward pass for the upstream
    gradient 1, 2, …, 9: max pooling routes each value to its window's maximum, average
    pooling spreads it evenly over the window."""
    x = _image(6, seed).requires_grad_(True)
    y = F.max_pool2d(x, 2) if kind == "max" else F.avg_pool2d(x, 2)
    grad_y = torch.arange(1.0, 10.0, dtype=torch.float64).reshape(1, 1, 3, 3)
    y.backward(grad_y)
    return Demo(x.detach()[0, 0].numpy(), None, y.detach()[0, 0].numpy(),
                grad_y[0, 0].numpy(), x.grad[0, 0].numpy())


def dilated_demo(seed: int = 0, dilation: int = 2) -> Demo:
    """A 7×7 image with the 3×3 kernel spread out by `dilation`: a (2d + 1)-wide window, 9 weights."""
    x = _image(7, seed)
    y = F.conv2d(x, EDGE[None, None], dilation=dilation)
    k = np.zeros((2 * dilation + 1,) * 2)
    k[::dilation, ::dilation] = EDGE.numpy()  # the effective kernel, holes as zeros
    return Demo(x[0, 0].numpy(), k, y[0, 0].numpy())


def transposed_demo(seed: int = 0, stride: int = 2) -> Demo:
    """A 3×3 input through a 3×3 transposed convolution: each input pixel stamps the kernel,
    scaled by its value, `stride` pixels apart; overlapping stamps add up."""
    x = _image(3, seed) % 3  # (1, 1, 3, 3) values 0..2 keep the sums readable
    k = torch.ones(3, 3, dtype=torch.float64)
    y = F.conv_transpose2d(x, k[None, None], stride=stride)
    return Demo(x[0, 0].numpy(), k.numpy(), y[0, 0].numpy())

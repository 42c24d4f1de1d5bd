"""The live view's picture equals what the network computes, read independently."""
import numpy as np
import pytest
import torch

from playground import netview
from playground.nets import NetConfig
from playground.train import TrainConfig, Trainer

CASES = [
    (NetConfig(depth=2, width=4), TrainConfig()),
    (NetConfig(depth=3, width=12, activation="relu", init="kaiming_normal", residual=True),
     TrainConfig(dataset="spiral", classes=3, loss="ce", features=("x1", "x2", "x1x2", "sin_x1"))),
    (NetConfig(depth=2, width=6, norm="batch", dropout=0.2), TrainConfig(dataset="plane",
                                                                         loss="mse")),
]


@pytest.mark.parametrize("net, cfg", CASES)
def test_thumbnails_and_weights_are_the_models_own(net, cfg):
    tr = Trainer(net, cfg)
    tr.step(3 * tr.per_epoch)
    v = netview.view(tr, res=20, thumb=8)
    assert tr.model.training  # left in train mode
    # independent reading: forward hooks on every block, the coarse grid in eval mode
    grid = netview.plane(v.extent, 8)
    x = torch.from_numpy(np.stack([
        {"x1": grid[:, 0], "x2": grid[:, 1], "x1x2": grid[:, 0] * grid[:, 1],
         "sin_x1": np.sin(np.pi * grid[:, 0])}[f] for f in cfg.features], 1).astype(np.float32))
    seen = []
    hooks = [b.register_forward_hook(lambda m, i, o: seen.append(o.detach()))
             for b in tr.model.blocks]
    tr.model.eval()
    with torch.no_grad():
        tr.model(x)
    tr.model.train()
    for h in hooks:
        h.remove()
    assert len(v.hidden) == net.depth
    for layer, out in zip(v.hidden, seen):
        shown = min(net.width, netview.SHOWN)
        assert layer.shape == (shown, 8, 8)
        np.testing.assert_allclose(layer, out[:, :shown].numpy().T.reshape(shown, 8, 8),
                                   rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(v.inputs, x.numpy().T.reshape(-1, 8, 8), rtol=1e-6, atol=1e-6)
    linears = [b.linear for b in tr.model.blocks] + [tr.model.head]
    for w, b, l in zip(v.weights, v.biases, linears):
        np.testing.assert_array_equal(w, l.weight.detach().numpy()[:8, :8])
        np.testing.assert_array_equal(b, l.bias.detach().numpy()[:8])
    np.testing.assert_array_equal(v.grad_norms, tr.last_grads)  # the last minibatch's


@pytest.mark.parametrize("net, cfg", CASES)
def test_the_map_is_the_trainers_prediction_on_the_cell_centres(net, cfg):
    tr = Trainer(net, cfg)
    tr.step(2 * tr.per_epoch)
    v = netview.view(tr, res=12, thumb=4)
    cells = netview.plane(v.extent, 12)
    p = tr.predict(cells)
    if tr.task == "multiclass":
        np.testing.assert_array_equal(v.output.ravel(), p.argmax(1))
        np.testing.assert_allclose(v.confidence.ravel(), p.max(1), rtol=1e-6)
    else:
        np.testing.assert_allclose(v.output.ravel(), p, rtol=1e-5, atol=1e-6)
    x0, x1, y0, y1 = v.extent
    assert x0 < tr.X[:, 0].min() and x1 > tr.X[:, 0].max()
    assert cells[0, 0] < cells[1, 0] and cells[0, 1] == cells[1, 1]  # x1 fastest, rows along x2


def test_wide_layers_show_their_first_units_and_say_how_many_there_are():
    tr = Trainer(NetConfig(depth=2, width=32), TrainConfig())
    v = netview.view(tr, res=8, thumb=4)
    assert v.widths == [32, 32]
    assert [h.shape[0] for h in v.hidden] == [8, 8]
    assert [w.shape for w in v.weights] == [(8, 2), (8, 8), (1, 8)]


def test_quantize_round_trips_within_half_a_step_and_clamps():
    a = np.linspace(-1.5, 1.5, 301)
    q = netview.quantize(a, -1, 1)
    assert q.dtype == np.uint8 and q[0] == 0 and q[-1] == 255
    inside = np.abs(a) <= 1
    err = np.abs(netview.unquantize(q, -1, 1) - a)[inside]
    assert err.max() <= 1 / 255 + 1e-12
    assert netview.quantize(np.array([np.nan]), 0, 1)[0] == 0
    with pytest.raises(ValueError):
        netview.quantize(a, 1, 1)

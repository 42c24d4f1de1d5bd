"""Generated PyTorch scripts run on their own and land on the numbers the engine computes.

Every script runs in one subprocess started in an empty directory in isolated mode (`-I`), so
`playground` cannot be imported there; each runs as `__main__` with its own globals. Its printed
losses are checked against a Trainer run in this process for the same number of steps, and its
gradient norms against probes.layer_stats.
"""
import re
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from playground import data, probes, script
from playground.activations import ACTIVATIONS
from playground.inits import INITIALIZERS
from playground.nets import NORMS, NetConfig, build_mlp
from playground.optim import OPTIMIZERS, SCHEDULES
from playground.train import FEATURES, TrainConfig, Trainer

EPOCHS = 3
_rng = np.random.default_rng(7)
OWN = (_rng.uniform(-1, 1, (40, 2)).astype(np.float32), (np.arange(40) % 2).astype(np.float32))

# name -> (net, cfg, own points)
TRAINING = {
    "default": (NetConfig(depth=2, width=4), TrainConfig(), None),
    "adam_cosine_l2_batchnorm": (
        NetConfig(depth=3, width=8, activation="relu", init="kaiming_normal", norm="batch"),
        TrainConfig(dataset="xor", optimizer="adam", lr=0.01, schedule="cosine", l2=0.01,
                    features=("x1", "x2", "x1x2")), None),
    "spiral_softmax_ce": (
        NetConfig(depth=2, width=8, init="orthogonal"),
        TrainConfig(dataset="spiral", classes=3, loss="ce", lr=0.1, noise=0.2), None),
    # a 2-epoch schedule horizon inside a 3-epoch run: the rate must stop moving after it
    "plane_mse": (
        NetConfig(depth=2, width=4, activation="elu", init="lecun_normal", norm="layer"),
        TrainConfig(dataset="plane", loss="mse", schedule="warmup_cosine", epochs=2, train_frac=0.7),
        None),
    "residual_dropout": (
        NetConfig(depth=3, width=6, activation="gelu", init="xavier_uniform", residual=True, dropout=0.2),
        TrainConfig(dataset="moons", optimizer="rmsprop", lr=0.003, schedule="step",
                    features=("x1", "x2", "sin_x1", "sin_x2")), None),
    "momentum_clip_l1": (
        NetConfig(depth=2, width=5, activation="sigmoid", init="kaiming_uniform", init_scale=1.5),
        TrainConfig(dataset="gaussians", classes=4, optimizer="momentum", clip=0.5, l1=0.001,
                    loss="mse", schedule="exponential", batch_size=20), None),
    # a 2-epoch horizon: all three halvings of "step" happen, then the rate holds at lr/8
    "nesterov_step": (
        NetConfig(depth=2, width=4), TrainConfig(optimizer="nesterov", lr=0.1, schedule="step", epochs=2),
        None),
    "own_points_adamw": (
        NetConfig(depth=2, width=4, activation="leaky_relu", init="trunc_normal", init_scale=0.5),
        TrainConfig(optimizer="adamw", l2=0.01, loss="mse", batch_size=5, features=("x1^2", "x2^2")),
        OWN),
}
GRADIENT_FLOW = {
    "sigmoid_depth10": (NetConfig(depth=10, width=64, activation="sigmoid"), 256),
    "relu_kaiming": (NetConfig(depth=10, width=64, activation="relu", init="kaiming_normal"), 128),
    "bn_residual_uniform": (NetConfig(depth=6, width=16, activation="tanh", init="uniform",
                                      init_scale=0.5, norm="batch", residual=True, seed=3), 64),
}

DRIVER = """
import contextlib, importlib.util, io, pathlib, runpy, sys
assert importlib.util.find_spec("playground") is None, "playground must not be importable here"
for path in sorted(pathlib.Path(".").glob("*_script.py")):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        runpy.run_path(str(path), run_name="__main__")
    path.with_suffix(".out").write_text(out.getvalue())
assert "playground" not in sys.modules
"""


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    """What each generated script printed."""
    d = tmp_path_factory.mktemp("scripts")
    for name, (net, cfg, points) in TRAINING.items():
        (d / f"tr_{name}_script.py").write_text(script.training_script(net, cfg, EPOCHS, points))
    for name, (net, batch) in GRADIENT_FLOW.items():
        (d / f"gf_{name}_script.py").write_text(script.gradient_flow_script(net, batch))
    result = subprocess.run([sys.executable, "-I", "-c", DRIVER], cwd=d, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return {p.name.removesuffix("_script.out"): p.read_text() for p in d.glob("*.out")}


def final(text: str, which: str) -> tuple[float, float | None]:
    m = re.search(rf"^final {which} loss (\S+)(?:  accuracy (\S+))?$", text, re.M)
    assert m, text
    return float(m[1]), None if m[2] is None else float(m[2])


@pytest.mark.parametrize("name", TRAINING)
def test_training_script_reaches_the_trainers_loss(outputs, name):
    net, cfg, points = TRAINING[name]
    tr = Trainer(net, cfg, points)
    tr.step(EPOCHS * tr.per_epoch)
    last = tr.history.iloc[-1]
    text = outputs[f"tr_{name}"]
    assert "diverged" not in text and not tr.diverged
    # one thread on both sides, same operations: agreement to the printed digits (dropout too:
    # the script seeds torch's global generator per step from the same draws as the Trainer)
    for which, loss, acc in (("train", last["loss"], last["accuracy"]),
                             ("test", last["test_loss"], last["test_accuracy"])):
        got, got_acc = final(text, which)
        assert got == pytest.approx(loss, rel=1e-5), which
        if tr.task == "regression":
            assert got_acc is None
        else:
            assert got_acc == pytest.approx(acc, abs=1e-4), which
    assert text.count("epoch ") == 2 * EPOCHS  # a progress line per epoch and set


@pytest.mark.parametrize("name", GRADIENT_FLOW)
def test_gradient_flow_script_prints_layer_stats_gradient_norms(outputs, name):
    net, batch = GRADIENT_FLOW[name]
    X, y = data.make_dataset("circle", n=batch, noise=0.1, seed=net.seed)
    stats = probes.layer_stats(build_mlp(net), X, y)
    text = outputs[f"gf_{name}"]
    norms = [float(v) for v in re.findall(r"^layer +\d+  \|dL/dW\| = (\S+)$", text, re.M)]
    assert norms == pytest.approx(stats["grad_norm"].tolist(), rel=1e-5)
    ratio = float(re.search(r"^ratio layer 1 / layer (\d+): (\S+)$", text, re.M)[2])
    assert ratio == pytest.approx(probes.gradient_verdict(stats).ratio, rel=1e-5)
    loss = float(re.search(r"^loss on the batch (\S+)$", text, re.M)[1])
    assert loss == pytest.approx(stats.attrs["loss"], rel=1e-6)


def test_sigmoid_script_shows_the_vanishing_gradient(outputs):
    ratio = float(re.search(r"ratio layer 1 / layer 10: (\S+)", outputs["gf_sigmoid_depth10"])[1])
    assert ratio < 1e-4


def test_scripts_are_standalone_and_only_carry_what_the_settings_need():
    net, cfg, _ = TRAINING["default"]
    src = script.training_script(net, cfg, 5)
    imports = {l for l in src.splitlines() if l.startswith(("import ", "from "))}
    assert imports == {"import math", "import numpy as np", "import torch",
                       "import torch.nn.functional as F", "from torch import nn"}
    for absent in ("from playground", "import playground", "lr_scheduler", "clip_grad", "Dropout",
                   "Residual", "Adam", "W.grad.add_", "spiral", "def features", "manual_seed(int"):
        assert absent not in src, absent
    assert "EPOCHS = 5" in src and "torch.optim.SGD(model.parameters(), lr=0.03)" in src
    assert 40 <= len([l for l in src.splitlines() if l.strip()]) <= 80


def test_own_points_are_embedded_exactly():
    X, y = OWN
    src = script.training_script(NetConfig(), TrainConfig(), 1, OWN)
    scope: dict = {}
    data_part = src[src.index("X = np.array("):src.index("N = len(y)")]
    exec(data_part, {"np": np}, scope)
    assert scope["X"].dtype == np.float32 and np.array_equal(scope["X"], X)
    assert np.array_equal(scope["y"], y)
    assert "default_rng(SEED)\n" not in src.split("X = np.array(")[0]  # no generated dataset


def test_bad_arguments_are_refused_with_a_message():
    with pytest.raises(ValueError, match="epochs"):
        script.training_script(NetConfig(), TrainConfig(), 0)
    with pytest.raises(ValueError, match="at least 2"):
        script.training_script(NetConfig(norm="batch"), TrainConfig(batch_size=1), 1)
    with pytest.raises(ValueError, match="batch"):
        script.gradient_flow_script(NetConfig(), 0)


nets = st.builds(NetConfig, depth=st.integers(1, 6), width=st.integers(1, 16),
                 activation=st.sampled_from(ACTIVATIONS), init=st.sampled_from(INITIALIZERS),
                 init_scale=st.sampled_from([0.01, 0.5, 1.0, 2.0]), norm=st.sampled_from(NORMS),
                 residual=st.booleans(), dropout=st.sampled_from([0.0, 0.1, 0.5]),
                 seed=st.integers(0, 2**31 - 1))


@st.composite
def configs(draw):
    ds = draw(st.sampled_from(tuple(data.DATASETS)))
    classes = draw(st.integers(2, data.MAX_CLASSES)) if ds in data.MULTICLASS else 2
    return TrainConfig(
        dataset=ds, classes=classes, noise=draw(st.sampled_from([0.0, 0.1, 0.5])),
        train_frac=draw(st.sampled_from([0.1, 0.5, 0.9])),
        features=tuple(draw(st.lists(st.sampled_from(tuple(FEATURES)), min_size=1, max_size=7,
                                     unique=True))),
        optimizer=draw(st.sampled_from(tuple(OPTIMIZERS))), lr=draw(st.sampled_from([1e-4, 0.03, 3.0])),
        batch_size=draw(st.sampled_from([2, 10, 250])), l1=draw(st.sampled_from([0.0, 0.001])),
        l2=draw(st.sampled_from([0.0, 0.01])), schedule=draw(st.sampled_from(tuple(SCHEDULES))),
        clip=draw(st.sampled_from([0.0, 1.0])), loss=draw(st.sampled_from(["bce", "mse", "ce"])),
        epochs=draw(st.integers(1, 300)), seed=draw(st.integers(0, 2**31 - 1)))


@given(nets, configs(), st.integers(1, 500))
def test_generated_training_scripts_compile(net, cfg, epochs):
    src = script.training_script(net, cfg, epochs)
    compile(src, "training.py", "exec")
    assert ("lr_scheduler" in src) == (cfg.schedule != "constant")
    assert ("clip_grad_norm_" in src) == (cfg.clip > 0)
    assert ("nn.Dropout" in src) == (net.dropout > 0)
    assert ("class Residual" in src) == (net.residual and net.depth > 1)
    assert sum(f"torch.optim.{c.__name__}(" in src for c in {c for c, _ in OPTIMIZERS.values()}) == 1


@given(nets, st.integers(1, 1024))
def test_generated_gradient_flow_scripts_compile(net, batch):
    compile(script.gradient_flow_script(net, batch), "gradient_flow.py", "exec")

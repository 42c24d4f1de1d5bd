"""2-D test functions: closed-form derivatives against torch.autograd, known minima, the quadratic's spectrum."""
import math

import numpy as np
import pytest
import torch
from torch.autograd.functional import hessian

from playground import functions2d as F

POINTS = torch.tensor([[-1.3, 0.7], [0.4, -2.1], [2.2, 1.9], [0.05, 0.3], [-0.8, -0.6]],
                      dtype=torch.float64)


def every_function():
    return list(F.FUNCTIONS.values()) + [F.quadratic(500, 75), F.quadratic(1, 0)]


@pytest.mark.parametrize("f", every_function(), ids=repr)
def test_gradient_equals_autograd(f):
    xy = POINTS.clone().requires_grad_(True)
    (auto,) = torch.autograd.grad(f.value(xy).sum(), xy)
    torch.testing.assert_close(f.grad(POINTS), auto, rtol=1e-12, atol=1e-10)


@pytest.mark.parametrize("f", every_function(), ids=repr)
def test_hessian_equals_autograd(f):
    auto = torch.stack([hessian(f.value, p) for p in POINTS])  # (5, 2, 2)
    torch.testing.assert_close(f.hessian(POINTS), auto, rtol=1e-12, atol=1e-9)


@pytest.mark.parametrize("f", every_function(), ids=repr)
def test_numpy_and_torch_agree_and_keep_the_batch_shape(f):
    xy = POINTS.reshape(5, 1, 2)
    for method, tail in (("value", ()), ("grad", (2,)), ("hessian", (2, 2))):
        t, n = getattr(f, method)(xy), getattr(f, method)(xy.numpy())
        assert t.shape == n.shape == (5, 1) + tail
        np.testing.assert_allclose(t.numpy(), n, rtol=1e-13)


@pytest.mark.parametrize("f", [f for f in every_function() if f.minima], ids=repr)
def test_listed_minima_are_minima(f):
    for m in f.minima:
        ins = F.inspect(f, m)
        assert np.linalg.norm(ins.grad) < 1e-4, (m, ins.grad)
        assert ins.kind == "minimum"


@pytest.mark.parametrize("f", every_function(), ids=repr)
def test_start_inside_the_plotting_domain(f):
    (x0, x1), (y0, y1) = f.domain
    assert x0 < f.start[0] < x1 and y0 < f.start[1] < y1
    assert all(x0 <= x <= x1 and y0 <= y <= y1 for x, y in f.minima)


@pytest.mark.parametrize("kappa,angle", [(1, 0), (10, 30), (100, 45), (1000, 120)])
def test_quadratic_has_the_requested_condition_number_and_rotation(kappa, angle):
    H = F.quadratic(kappa, angle).hessian(np.zeros(2))
    lam, V = np.linalg.eigh(H)
    np.testing.assert_allclose(lam, [1, kappa], rtol=1e-12)
    if kappa > 1:
        a = math.radians(angle)
        assert abs(V[:, 1] @ [math.cos(a), math.sin(a)]) == pytest.approx(1, rel=1e-12)
    assert F.inspect(F.quadratic(kappa, angle), (0.3, -0.2)).condition == pytest.approx(kappa)


def test_quadratic_rejects_a_condition_number_below_one():
    with pytest.raises(ValueError, match="condition number"):
        F.quadratic(0.5)


def test_whitened_quadratic_is_the_same_function_in_round_coordinates():
    f = F.quadratic(50, 20)
    g, M = F.whitened(50, 20)
    x = POINTS.numpy()
    np.testing.assert_allclose(g.value(x @ M.T), f.value(x), rtol=1e-12)
    np.testing.assert_allclose(np.linalg.eigvalsh(g.hessian(np.zeros(2))), [50, 50])


@pytest.mark.parametrize("name,point,kind", [
    ("saddle", (0, 0), "saddle"), ("monkey_saddle", (0, 0), "flat"),
    ("himmelblau", (-0.270845, -0.923039), "maximum"), ("rosenbrock", (1, 1), "minimum"),
])
def test_inspection_names_the_critical_point(name, point, kind):
    assert F.inspect(F.FUNCTIONS[name], point).kind == kind


def test_inspection_of_the_saddle():
    ins = F.inspect(F.FUNCTIONS["saddle"], (0.5, 0.25))
    assert ins.grad == (1.0, -0.5) and ins.eigenvalues == (-2.0, 2.0)
    assert ins.value == pytest.approx(0.1875) and ins.condition == 1
    assert ins.grad_norm == pytest.approx(math.sqrt(1.25))
    assert F.inspect(F.FUNCTIONS["monkey_saddle"], (0, 0)).condition == math.inf


def test_nearest_minimum_distance():
    f = F.FUNCTIONS["himmelblau"]
    d = F.nearest_minimum_distance(f, np.array([[3.0, 2.0], [3.0, 5.0], [0.0, 0.0]]))
    expect = [0, 3, min(math.dist((0, 0), m) for m in f.minima)]
    np.testing.assert_allclose(d, expect, atol=1e-12)
    assert np.isnan(F.nearest_minimum_distance(F.FUNCTIONS["saddle"], np.zeros((3, 2)))).all()


def test_function_by_name():
    assert F.function("quadratic", 100, 45).hessian(np.zeros(2))[0, 1] == pytest.approx(49.5)
    assert F.function("booth") is F.FUNCTIONS["booth"]
    with pytest.raises(ValueError, match="Unknown function"):
        F.function("sphere")

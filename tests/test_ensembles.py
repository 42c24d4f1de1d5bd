"""Data & ensembles engine against independent references: networks trained one at a time
with torch.optim.Adam and torch.nn.BCEWithLogitsLoss, the bootstrap's closed form checked by
enumeration, balanced accuracy on hand-made cases, the weighted loss's minimum found by torch,
and the geometry of the augmentations."""
import dataclasses
import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
import torch
from hypothesis import given, settings, strategies as st

from playground import augment as ag
from playground import ensembles as en
from playground import imbalance as im
from playground.nets import NetConfig, build_mlp

NET = NetConfig(depth=2, width=8, activation="tanh")


def points(n: int = 24, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, (n, 2)).astype(np.float32)
    return X, (X[:, 0] * X[:, 1] > 0).astype(np.float32)


def alone(net, X, y, seed, steps, lr=en.FIT_LR, pos_weight=None, dropout_seed=None):
    """One nets.MLP trained by the book: torch.optim.Adam on nn.BCEWithLogitsLoss, full batch."""
    model = build_mlp(dataclasses.replace(net, seed=seed))
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.BCEWithLogitsLoss(
        pos_weight=None if pos_weight is None else torch.tensor([pos_weight]))
    X, y = torch.as_tensor(X), torch.as_tensor(y)
    with torch.random.fork_rng(devices=[]):
        if dropout_seed is not None:
            torch.manual_seed(dropout_seed)
        for _ in range(steps):
            opt.zero_grad()
            loss_fn(model(X)[:, 0], y).backward()
            opt.step()
    return model.eval()


def same_weights(a: torch.nn.Module, b: torch.nn.Module, atol: float = 1e-5) -> None:
    for (name, p), q in zip(a.state_dict().items(), b.state_dict().values()):
        assert torch.allclose(p, q, atol=atol), name


# --- several networks trained at once ---------------------------------------------------------

def test_each_member_trains_as_if_alone_on_its_bootstrap_resample():
    X, y = points()
    counts = en.bootstrap(len(y), 3, seed=1)
    fitted = en.fit(NET, X, y, seeds=[5, 6, 7], weights=counts, steps=40)
    for k, seed in enumerate([5, 6, 7]):
        rows = np.repeat(np.arange(len(y)), counts[k])  # the resample itself, row by row
        same_weights(fitted.model(k), alone(NET, X[rows], y[rows], seed, 40))


def test_pos_weight_is_bce_with_logits_loss_pos_weight():
    X, y = points()
    fitted = en.fit(NET, X, y, seeds=[3, 3], pos_weight=[1.0, 4.0], steps=30)
    same_weights(fitted.model(0), alone(NET, X, y, 3, 30))
    same_weights(fitted.model(1), alone(NET, X, y, 3, 30, pos_weight=4.0))
    # the loss recorded at the last step is the module's loss before that step's update
    one = en.fit(NET, X, y, seeds=[3], pos_weight=[4.0], steps=1)
    ref = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([4.0]))(
        build_mlp(dataclasses.replace(NET, seed=3))(torch.as_tensor(X))[:, 0], torch.as_tensor(y))
    assert one.losses[0] == pytest.approx(ref.item(), rel=1e-6)


def test_zero_weights_leave_padding_out_of_per_member_sets():
    X, y = points(30)
    Xs = np.zeros((2, 30, 2), np.float32)
    ys = np.zeros((2, 30), np.float32)
    Xs[0], ys[0] = X, y
    Xs[1, :12], ys[1, :12] = X[:12], y[:12]
    Xs[1, 12:] = 7.0  # padding far away, labelled 0: it must not matter
    w = np.ones((2, 30), np.float32)
    w[1, 12:] = 0
    fitted = en.fit(NET, Xs, ys, seeds=[1, 2], weights=w, steps=25)
    same_weights(fitted.model(0), alone(NET, X, y, 1, 25))
    same_weights(fitted.model(1), alone(NET, X[:12], y[:12], 2, 25))


def test_dropout_training_repeats_from_its_seed_and_leaves_the_global_generator_alone():
    X, y = points()
    net = dataclasses.replace(NET, dropout=0.5)
    before = torch.get_rng_state()
    a = en.fit(net, X, y, seeds=[4], steps=20, seed=9)
    assert torch.equal(torch.get_rng_state(), before)
    b = en.fit(net, X, y, seeds=[4], steps=20, seed=9)
    same_weights(a.model(0), b.model(0), atol=0)
    same_weights(a.model(0), alone(net, X, y, 4, 20, dropout_seed=9))
    c = en.fit(net, X, y, seeds=[4], steps=20, seed=10)
    assert not torch.allclose(a.params["head.weight"], c.params["head.weight"])


def test_logits_are_each_members_own_module_in_eval_mode():
    X, y = points()
    fitted = en.fit(dataclasses.replace(NET, dropout=0.3), X, y, seeds=[1, 2, 3], steps=5)
    Z = fitted.logits(X)
    for k in range(3):
        with torch.no_grad():
            ref = fitted.model(k)(torch.as_tensor(X))[:, 0].double().numpy()
        assert Z[k] == pytest.approx(ref, abs=1e-6)
    assert fitted.prob(X) == pytest.approx(torch.sigmoid(torch.as_tensor(Z)).numpy())
    assert fitted.logits(X) == pytest.approx(Z)  # eval mode: no dropout noise


@pytest.mark.parametrize("kw", [dict(weights=np.ones((2, 5))), dict(weights=-np.ones((1, 24))),
                                dict(weights=np.zeros((1, 24))), dict(pos_weight=[0.0]),
                                dict(steps=-1), dict(lr=0.0), dict(seeds=[])])
def test_fit_refuses_bad_arguments(kw):
    X, y = points()
    with pytest.raises(ValueError):
        en.fit(NET, X, y, **({"seeds": [0]} | kw))
    with pytest.raises(ValueError, match="norm"):
        en.fit(dataclasses.replace(NET, norm="batch"), X, y, seeds=[0])


# --- scores -----------------------------------------------------------------------------------

def test_accuracy_and_balanced_accuracy_on_hand_made_cases():
    y = [1, 0, 0, 0]
    assert en.accuracy(y, [0, 0, 0, 0]) == 0.75
    assert en.balanced_accuracy(y, [0, 0, 0, 0]) == 0.5  # recalls 0 and 1
    y, pred = [1, 1, 0, 0, 0, 0], [1, 0, 0, 0, 0, 1]
    assert en.recalls(y, pred) == (0.5, 0.75)
    assert en.balanced_accuracy(y, pred) == 0.625
    assert en.accuracy(y, pred) == pytest.approx(4 / 6)
    assert en.balanced_accuracy([1, 0, 1], [1, 0, 1]) == 1.0
    assert en.balanced_accuracy([1, 0, 1], [0, 1, 0]) == 0.0
    r1, r0 = en.recalls([0, 0], [1, 0])  # no point of class 1: its recall is undefined
    assert math.isnan(r1) and r0 == 0.5
    assert en.balanced_accuracy([0, 0], [1, 0]) == 0.5


@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=60))
def test_balanced_accuracy_is_accuracy_when_the_classes_are_equally_common(pairs):
    p1 = [p for _, p in pairs]
    p0 = [q for q, _ in pairs]
    y = [1] * len(pairs) + [0] * len(pairs)
    pred = p1 + p0
    assert en.balanced_accuracy(y, pred) == pytest.approx(en.accuracy(y, pred))


@given(st.lists(st.booleans(), min_size=2, max_size=80), st.integers(1, 5))
def test_balanced_accuracy_ignores_how_common_a_class_is(labels, times):
    """Repeating every point of class 1 changes accuracy, not balanced accuracy; a constant
    answer always scores 1/2 when both classes exist."""
    y = np.array(labels)
    if y.all() or not y.any():
        return
    pred = np.roll(y, 1)
    more = np.concatenate([np.repeat(y[y], times), y[~y]])
    more_pred = np.concatenate([np.repeat(pred[y], times), pred[~y]])
    assert en.balanced_accuracy(more, more_pred) == pytest.approx(en.balanced_accuracy(y, pred))
    assert en.balanced_accuracy(y, np.zeros_like(y)) == 0.5
    assert en.balanced_accuracy(y, np.ones_like(y)) == 0.5


@settings(max_examples=60)
@given(st.lists(st.floats(-60, 60), min_size=1, max_size=30), st.data())
def test_log_loss_is_bce_with_logits_loss_even_at_extreme_logits(z, data):
    y = data.draw(st.lists(st.sampled_from([0.0, 1.0]), min_size=len(z), max_size=len(z)))
    ref = torch.nn.BCEWithLogitsLoss()(torch.tensor(z, dtype=torch.float64),
                                       torch.tensor(y, dtype=torch.float64))
    assert en.log_loss(z, y) == pytest.approx(ref.item(), rel=1e-12, abs=1e-12)


@settings(max_examples=60)
@given(st.integers(1, 6), st.integers(1, 20), st.integers(0, 10_000), st.floats(0.1, 40))
def test_the_average_never_loses_more_than_its_mean_member(k, m, seed, scale):
    """Jensen's inequality for −log, checked on logits large enough that σ rounds to 0 or 1."""
    rng = np.random.default_rng(seed)
    Z, y = rng.normal(0, scale, (k, m)), rng.integers(0, 2, m)
    members = np.mean([en.log_loss(z, y) for z in Z])
    assert en.ensemble_log_loss(Z, y) <= members + 1e-12
    p = torch.sigmoid(torch.tensor(Z)).mean(0)  # the direct formula, where it is accurate
    if ((p > 1e-6) & (p < 1 - 1e-6)).all():
        direct = -torch.where(torch.tensor(y) > 0, p.log(), (1 - p).log()).mean()
        assert en.ensemble_log_loss(Z, y) == pytest.approx(direct.item(), rel=1e-9)


def test_scores_count_above_the_threshold():
    s = en.scores([0.1, 0.4, 0.6, 0.9], [0, 1, 0, 1], 0.5)
    assert (s.accuracy, s.recall_pos, s.recall_neg, s.balanced) == (0.5, 0.5, 0.5, 0.5)
    s = en.scores([0.1, 0.4, 0.6, 0.9], [0, 1, 0, 1], 0.3)
    assert (s.recall_pos, s.recall_neg) == (1.0, 0.5)


# --- the bootstrap --------------------------------------------------------------------------

@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6])
def test_unique_share_closed_form_matches_enumeration_of_every_sample(n):
    """All nⁿ equally likely samples of n draws: the mean share of distinct points, exactly."""
    total = sum(Fraction(len(set(s)), n) for s in itertools.product(range(n), repeat=n))
    exact = total / n ** n
    assert exact == 1 - (1 - Fraction(1, n)) ** n
    assert en.expected_unique_share(n) == pytest.approx(float(exact), rel=1e-14)


def test_unique_share_falls_towards_one_minus_one_over_e():
    shares = [en.expected_unique_share(n) for n in (1, 2, 5, 10, 60, 1000, 10**6)]
    assert shares[0] == 1.0 and shares[1] == 0.75
    assert all(a > b for a, b in zip(shares, shares[1:]))
    assert shares[-1] == pytest.approx(1 - math.exp(-1), abs=1e-6)
    assert en.expected_unique_share(60) == pytest.approx(0.6352, abs=1e-4)


def test_bootstrap_counts():
    counts = en.bootstrap(50, 7, seed=3)
    assert counts.shape == (7, 50) and (counts.sum(1) == 50).all() and (counts >= 0).all()
    assert (counts == en.bootstrap(50, 7, seed=3)).all()
    assert (counts != en.bootstrap(50, 7, seed=4)).any()
    assert en.unique_share(counts) == pytest.approx((counts > 0).sum(1) / 50)


@settings(max_examples=15)
@given(st.integers(1, 400), st.integers(0, 1000))
def test_measured_unique_share_agrees_with_the_closed_form(n, seed):
    mean, se = en.sampled_unique_share(n, 2000, seed)
    exact = en.expected_unique_share(n)
    assert abs(mean - exact) <= 5 * se + 1e-12
    counts = en.bootstrap(n, 2000, seed)
    assert abs(en.unique_share(counts).mean() - exact) <= 5 * se + 3 / n


@pytest.mark.parametrize("call", [lambda: en.bootstrap(0, 1), lambda: en.bootstrap(3, 0),
                                  lambda: en.expected_unique_share(0),
                                  lambda: en.sampled_unique_share(5, 1)])
def test_bootstrap_refuses_bad_sizes(call):
    with pytest.raises(ValueError):
        call()


# --- the weighted loss and the moved threshold --------------------------------------------------

@pytest.mark.parametrize("p,w", [(0.05, 19.0), (0.3, 1.0), (0.2, 4.0), (0.6, 0.5), (0.01, 99.0)])
def test_the_weighted_loss_minimum_is_reweighted(p, w):
    """Minimise BCEWithLogitsLoss(pos_weight = w) against a label that is 1 with probability p
    (a soft target) over one logit, with torch's own optimizer."""
    b = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([w], dtype=torch.float64))
    opt = torch.optim.LBFGS([b], lr=1, max_iter=200, tolerance_grad=1e-14,
                            tolerance_change=1e-16, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = loss_fn(b, torch.tensor([p], dtype=torch.float64))
        loss.backward()
        return loss

    opt.step(closure)
    assert torch.sigmoid(b).item() == pytest.approx(float(im.reweighted(p, w)), abs=1e-7)


@given(st.floats(0.001, 0.999), st.floats(0.01, 0.99))
def test_weighted_half_is_plain_share(p, share):
    """With w = (1 − π)/π the weighted network says 1/2 exactly where the plain one says π."""
    w = (1 - share) / share
    if abs(p - share) > 1e-9:
        assert (im.reweighted(p, w) > 0.5) == (p > share)
    assert im.reweighted(share, w) == pytest.approx(0.5)


def test_balancing_weight_makes_both_classes_weigh_the_same():
    y = np.array([1] * 3 + [0] * 57)
    w = im.balancing_weight(y)
    assert w == 19 and w * y.sum() == (1 - y).sum()
    with pytest.raises(ValueError):
        im.balancing_weight([0, 0])


@pytest.mark.parametrize("share", im.SHARES)
def test_imbalanced_sets_have_the_share_asked_and_do_not_overlap(share):
    (Xa, ya), (Xb, yb) = im.imbalanced(share, (200, 1000), seed=2)
    assert (len(ya), len(yb)) == (200, 1000)
    assert ya.sum() == max(1, round(share * 200)) and yb.sum() == round(share * 1000)
    rows = {tuple(r) for r in Xa}
    assert not rows & {tuple(r) for r in Xb}
    again = im.imbalanced(share, (200, 1000), seed=2)
    assert (again[0][0] == Xa).all()


# --- augmentation -------------------------------------------------------------------------------

@settings(max_examples=40)
@given(st.integers(1, 5), st.floats(0, 180), st.integers(0, 10_000))
def test_rotation_keeps_every_radius_and_turns_by_at_most_the_angle(copies, angle, seed):
    X, y = points(15, seed)
    Xa, ya = ag.augment(X, y, copies, angle=angle, seed=seed)
    assert Xa.shape == (15 * (copies + 1), 2) and (ya == np.tile(y, copies + 1)).all()
    assert (Xa[:15] == X).all()
    orig = np.tile(X, (copies + 1, 1)).astype(np.float64)
    assert np.hypot(*Xa.T) == pytest.approx(np.hypot(*orig.T), abs=1e-5)
    turn = np.angle(np.exp(1j * (np.arctan2(Xa[:, 1], Xa[:, 0])
                                 - np.arctan2(orig[:, 1], orig[:, 0]))), deg=True)
    assert (np.abs(turn) <= angle + 1e-3).all()


def test_reflection_flips_signs_and_jitter_has_the_asked_spread():
    X, y = points(2000)
    Xr, _ = ag.augment(X, y, 1, reflect=True, seed=1)
    assert np.abs(Xr[2000:]) == pytest.approx(np.abs(X))
    flipped = np.sign(Xr[2000:]) != np.sign(X)
    assert 0.45 < flipped.mean() < 0.55  # each sign flipped with probability 1/2
    Xj, _ = ag.augment(X, y, 3, jitter=0.1, seed=1)
    d = (Xj[2000:] - np.tile(X, (3, 1))).ravel()
    assert abs(d.mean()) < 0.005 and d.std() == pytest.approx(0.1, rel=0.03)


def test_no_transform_copies_the_points_and_copies_do_not_depend_on_how_many():
    X, y = points(10)
    Xa, _ = ag.augment(X, y, 3)
    assert (Xa == np.tile(X, (4, 1))).all()
    few, _ = ag.augment(X, y, 2, 0.1, 90, True, seed=5)
    many, _ = ag.augment(X, y, 6, 0.1, 90, True, seed=5)
    assert (many[:30] == few).all()
    before = np.random.get_state()[1].copy()
    ag.augment(X, y, 2, 0.1, 90, True, seed=5)
    assert (np.random.get_state()[1] == before).all()


def test_half_a_turn_puts_one_moon_exactly_on_the_other():
    """What the page says of the moons: turned by 180°, the upper moon (label 0) lies on the
    lower one's curve, (1 − cos t, 0.5 − sin t) before data.moons centres and scales it."""
    from playground.data import make_dataset
    X, y = make_dataset("moons", 400, 0.0, seed=3)
    turned = -X[y == 0].astype(np.float64)
    u = 1.5 * turned + [0.5, 0.25]  # undo the centring and scaling
    assert np.hypot(1 - u[:, 0], 0.5 - u[:, 1]) == pytest.approx(1.0, abs=1e-5)
    assert (u[:, 1] <= 0.5 + 1e-6).all()  # the lower half of that circle: the other moon


@pytest.mark.parametrize("kw", [dict(copies=-1), dict(copies=1.5), dict(jitter=-0.1),
                                dict(angle=200), dict(angle=-1)])
def test_augment_refuses_bad_arguments(kw):
    X, y = points(5)
    with pytest.raises(ValueError):
        ag.augment(X, y, **({"copies": 1} | kw))


# --- maps -----------------------------------------------------------------------------------

def test_boundary_of_a_linear_map_is_its_line():
    plane = en.Plane(np.linspace(-1, 1, 41), np.linspace(-1, 1, 41))
    P = plane.points
    Z = (1 / (1 + np.exp(-(2 * P[:, 0] - P[:, 1] - 0.3)))).reshape(41, 41)
    seg = plane.boundary(Z)
    assert len(seg) > 20
    for a, b in (("x", "y"), ("x2", "y2")):  # on 2x − y = 0.3, up to the grid's interpolation
        assert np.abs(2 * seg[a] - seg[b] - 0.3).max() < 0.01
    frame = plane.frame(Z)
    assert len(frame) == 41 * 41 and frame["value"].to_numpy() == pytest.approx(Z.ravel())
    assert frame[["x1", "x2"]].to_numpy() == pytest.approx(P, abs=1e-6)


# --- the three experiments at the page's defaults ------------------------------------------------

@pytest.fixture(scope="module")
def bag():
    return en.bagging(10, 0.3, seed=0)


def test_bagging_members_average_and_numbers(bag):
    assert bag.members.shape == (10, en.GRID, en.GRID) and bag.counts.shape == (10, 60)
    assert bag.average == pytest.approx(bag.members.mean(0))
    table = bag.table()
    y = bag.test[1]
    probs = torch.sigmoid(torch.tensor(bag.test_members))  # an independent recount
    assert table["member"].tolist() == pytest.approx(
        ((probs > 0.5).numpy() == (y > 0.5)).mean(1).tolist())
    assert table["ensemble"].iloc[-1] == ((probs.mean(0) > 0.5).numpy() == (y > 0.5)).mean()
    assert table["ensemble"].iloc[0] == table["member"].iloc[0]
    assert (table["ensemble_loss"] <= table["member_loss"].expanding().mean() + 1e-12).all()
    lines = bag.lines("m", "a")
    assert set(lines["series"]) == {"m", "a"} and lines.notna().all().all()
    assert 0.55 < en.unique_share(bag.counts).mean() < 0.72


def test_bagging_at_the_defaults_beats_its_mean_member_by_a_margin(bag):
    """What the page's verdict and a lesson rely on, with room to spare."""
    table = bag.table()
    assert table["ensemble"].iloc[-1] > table["member"].mean() + 0.01
    assert table["ensemble_loss"].iloc[-1] < 0.5 * table["member_loss"].mean()


def test_bagging_repeats_from_its_seed():
    a, b = en.bagging(3, 0.5, seed=4), en.bagging(3, 0.5, seed=4)
    assert (a.test_members == b.test_members).all() and (a.counts == b.counts).all()
    assert (a.test_dropout == b.test_dropout).all()
    with pytest.raises(ValueError):
        en.bagging(0, 0.3)
    with pytest.raises(ValueError):
        en.bagging(3, 1.0)


def test_augmentation_on_the_circle_narrows_the_gap_and_keeps_test_accuracy():
    a = ag.augmentation("circle", 0.05, 180, True, seed=0)
    t = a.table.set_index("copies")
    assert list(t.index) == list(ag.COPIES) and (t["points"] == 30 * (t.index + 1)).all()
    assert t.loc[0, "accuracy"] == 1.0  # 30 points memorised
    assert t.loc[16, "gap"] < t.loc[0, "gap"] - 0.08
    assert t.loc[16, "test_accuracy"] > t.loc[0, "test_accuracy"]
    assert a.map_of(16).shape == (en.GRID, en.GRID)
    pts = a.points(16, "o", "c")
    assert (pts["set"] == "o").sum() == 30 and (pts["set"] == "c").sum() <= 480


def test_augmentation_without_transforms_trains_every_network_alike():
    t = ag.augmentation("circle", 0.0, 0, False, seed=0).table
    assert t["test_accuracy"].nunique() == 1 and t["accuracy"].nunique() == 1


def test_turning_the_moons_breaks_their_labels():
    t = ag.augmentation("moons", 0.05, 180, True, seed=0).table.set_index("copies")
    assert t.loc[16, "test_accuracy"] < t.loc[0, "test_accuracy"] - 0.1


def test_a_rare_class_at_the_defaults():
    r = im.imbalance(0.05, seed=0)
    y = r.test[1]
    assert r.pos_weight == 19 and r.share == pytest.approx(0.05)
    plain, moved = en.scores(r.test_plain, y, 0.5), en.scores(r.test_plain, y, 0.05)
    weighted = en.scores(r.test_weighted, y, 0.5)
    majority = en.scores(np.zeros_like(y), y, 0.5)
    assert majority.accuracy == pytest.approx(0.95) and majority.balanced == 0.5
    assert plain.accuracy > majority.accuracy and plain.balanced < 0.9
    for fix in (moved, weighted):  # each trades accuracy for the rare class's recall
        assert fix.balanced > plain.balanced + 0.03
        assert fix.recall_pos > plain.recall_pos + 0.05
        assert fix.accuracy < plain.accuracy


def test_equal_classes_make_the_weighted_network_the_plain_one():
    r = im.imbalance(0.5, seed=1)
    assert r.pos_weight == 1
    assert r.test_weighted == pytest.approx(r.test_plain, abs=1e-6)
    s = en.scores(r.test_plain, r.test[1], 0.5)
    assert s.accuracy == pytest.approx(s.balanced)


def test_the_engine_draws_nothing_from_global_generators():
    torch_state, np_state = torch.get_rng_state(), np.random.get_state()[1].copy()
    en.bagging(2, 0.5, seed=1)
    im.imbalance(0.2, seed=1)
    assert torch.equal(torch.get_rng_state(), torch_state)
    assert (np.random.get_state()[1] == np_state).all()

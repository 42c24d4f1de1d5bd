import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from playground.data import DATASETS, REGRESSION, make_dataset, train_test_split

NAMES = ("circle", "xor", "gaussians", "spiral", "moons", "plane")
CLASSIFY = [name for name in NAMES if name not in REGRESSION]


def test_registry():
    assert tuple(DATASETS) == NAMES
    assert REGRESSION == {"plane"}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("noise", [0.0, 0.5])
def test_shapes_dtypes_range(name, noise):
    X, y = make_dataset(name, n=301, noise=noise, seed=3)
    assert X.shape == (301, 2) and X.dtype == np.float32
    assert y.shape == (301,) and y.dtype == np.float32
    assert np.isfinite(X).all() and np.isfinite(y).all()
    assert np.abs(X).max() <= (1.0 if noise == 0 else 2.0)


@pytest.mark.parametrize("name", CLASSIFY)
def test_binary_labels_both_classes(name):
    y = make_dataset(name, n=400, seed=1)[1]
    assert set(np.unique(y)) == {0.0, 1.0}
    assert 0.3 < y.mean() < 0.7


def test_plane_is_regression():
    X, y = make_dataset("plane", n=400, seed=1)
    assert len(np.unique(y)) > 300
    np.testing.assert_allclose(y, (X[:, 0] + X[:, 1]) / 2, atol=1e-6)


def test_noiseless_labels_follow_the_rule():
    X, y = make_dataset("circle", n=500, seed=2)
    np.testing.assert_array_equal(y, np.hypot(X[:, 0], X[:, 1]) < 0.5)
    X, y = make_dataset("xor", n=500, seed=2)
    np.testing.assert_array_equal(y, X[:, 0] * X[:, 1] > 0)
    X, y = make_dataset("gaussians", n=500, seed=2)
    np.testing.assert_array_equal(y, X.sum(1) > 0)  # sums are 4 std from the boundary: no crossing for this seed


@pytest.mark.parametrize("name", NAMES)
def test_seeded(name):
    a, b = make_dataset(name, n=200, noise=0.3, seed=7), make_dataset(name, n=200, noise=0.3, seed=7)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    c = make_dataset(name, n=200, noise=0.3, seed=8)
    assert not np.array_equal(a[0], c[0])
    for noise in (0.0, 0.3):  # noiseless data must depend on the seed too
        assert not np.array_equal(make_dataset(name, 200, noise, 0)[0], make_dataset(name, 200, noise, 1)[0])


@pytest.mark.parametrize("name", NAMES)
def test_noise_changes_data(name):
    X0, y0 = make_dataset(name, n=300, noise=0.0, seed=4)
    X1, y1 = make_dataset(name, n=300, noise=0.4, seed=4)
    assert not (np.array_equal(X0, X1) and np.array_equal(y0, y1))


def test_split_sizes_and_disjoint():
    X = np.arange(100, dtype=np.float32)[:, None].repeat(2, 1)
    y = np.arange(100, dtype=np.float32)
    Xtr, ytr, Xte, yte = train_test_split(X, y, 0.7, seed=0)
    assert len(Xtr) == len(ytr) == 70 and len(Xte) == len(yte) == 30
    assert set(ytr).isdisjoint(yte) and set(ytr) | set(yte) == set(y)
    np.testing.assert_array_equal(Xtr[:, 0], ytr)  # rows stay paired
    again = train_test_split(X, y, 0.7, seed=0)
    np.testing.assert_array_equal(again[1], ytr)
    assert not np.array_equal(train_test_split(X, y, 0.7, seed=1)[1], ytr)


@pytest.mark.parametrize("frac", [0.0, 1.0, -0.1, 1.5, 0.001])
def test_split_bad_fraction(frac):
    with pytest.raises(ValueError, match="train_frac"):
        train_test_split(np.zeros((10, 2)), np.zeros(10), frac, seed=0)


def test_split_length_mismatch():
    with pytest.raises(ValueError, match="disagree"):
        train_test_split(np.zeros((10, 2)), np.zeros(9), 0.5, seed=0)


def test_bad_name():
    with pytest.raises(ValueError, match="Unknown dataset"):
        make_dataset("spirals")


@settings(max_examples=25, deadline=None)
@given(st.one_of(st.integers(max_value=0), st.floats(allow_nan=True), st.booleans(), st.text()))
def test_bad_n(n):
    with pytest.raises(ValueError, match="number of points"):
        make_dataset("circle", n=n)


@pytest.mark.parametrize("noise", [-0.1, 1.01, float("nan")])
def test_bad_noise(noise):
    with pytest.raises(ValueError, match="noise"):
        make_dataset("circle", noise=noise)


@pytest.mark.parametrize("seed", [-1, 1.5, None])
def test_bad_seed(seed):
    with pytest.raises(ValueError, match="seed"):
        make_dataset("circle", seed=seed)


@pytest.mark.parametrize("name", ["gaussians", "spiral"])
@pytest.mark.parametrize("classes", [3, 4, 5])
def test_multiclass_labels_are_balanced(name, classes):
    X, y = make_dataset(name, n=300, noise=0.1, seed=2, classes=classes)
    assert X.shape == (300, 2) and np.isfinite(X).all()
    ids, counts = np.unique(y, return_counts=True)
    assert ids.tolist() == list(range(classes)) and counts.min() >= 300 // classes


def test_multiclass_blobs_sit_where_they_should():
    X, y = make_dataset("gaussians", n=400, noise=0.0, seed=0, classes=4)
    for j in range(4):
        angle = 2 * np.pi * j / 4 + np.pi / 4
        np.testing.assert_allclose(X[y == j].mean(0), 0.55 * np.array([np.cos(angle), np.sin(angle)]),
                                   atol=0.03)


@pytest.mark.parametrize("name,classes", [("circle", 3), ("spiral", 6), ("gaussians", 1),
                                          ("plane", 3)])
def test_bad_class_counts_raise(name, classes):
    with pytest.raises(ValueError):
        make_dataset(name, n=50, classes=classes)


def test_two_classes_unchanged_by_the_multiclass_path():
    a = make_dataset("spiral", n=100, noise=0.2, seed=4)
    b = make_dataset("spiral", n=100, noise=0.2, seed=4, classes=2)
    np.testing.assert_array_equal(a[0], b[0]) and np.testing.assert_array_equal(a[1], b[1])


def test_parse_points_reads_classes_and_regression():
    from playground.data import parse_points, task_of
    X, y, problems = parse_points(b"\xef\xbb\xbfX1, x2 ,Label\n0,0,0\n1,1,2\n0.5,-1,1\n\n-1,0,0\n")
    assert problems == [] and X.shape == (4, 2) and y.tolist() == [0, 2, 1, 0]
    assert task_of(y) == "multiclass"
    X, y, problems = parse_points(b"x1,x2,label\n0,0,0.5\n1,1,2\n0,1,1\n1,0,-3\n")
    assert problems == [] and task_of(y) == "regression"
    assert task_of(np.array([0.0, 1.0, 1.0])) == "binary"


@pytest.mark.parametrize("raw,code", [
    (b"x" * 1_000_001, "too_big"),
    (b"\xff\xfe\x00", "encoding"),
    (b"a,b,c\n1,2,3\n", "columns"),
    (b"", "columns"),
    (b"x1,x2,label\n0,0,0\n1,1,1\n", "count"),
    (b"x1,x2,label\n0,0,0\n1,1\n0,1,1\n1,0,0\n", "row"),
    (b"x1,x2,label\n0,0,0\n1,abc,1\n0,1,1\n1,0,0\n", "number"),
    (b"x1,x2,label\n0,0,0\n1,inf,1\n0,1,1\n1,0,0\n", "finite"),
    (b"x1,x2,label\n0,0,0\n1,1e9,1\n0,1,1\n1,0,0\n", "range"),
    (b"x1,x2,label\n0,0,0\n1,1,7\n0,1,1\n1,0,0\n", "labels"),
    (b"x1,x2,label\n0,0,1\n1,1,1\n0,1,1\n1,0,1\n", "labels"),
    (b"x1,x2,label\n0,0,0\n1,1," + b"1" * 900_000 + b"\n0,1,1\n1,0,0\n", "unreadable"),
    (b"x1,x2,label\n0,0,0.5\n1,1,1e300\n0,1,1\n1,0,0\n", "target_range"),
    (b"x1,x2,label\n0,0,0.5\n1,1,-2e3\n0,1,1\n1,0,0\n", "target_range"),
    (b"x1,x2,label\n0,0,0\n1e300,1,1\n0,1,1\n1,0,0\n", "range"),
    (b"x1,x2,label\n0,0,0\n1,1,1e300\n0,1,1\n1,0,0\n", "labels"),
])
def test_parse_points_reports_bad_files_without_raising(raw, code):
    from playground.data import parse_points
    X, y, problems = parse_points(raw)
    assert X is None and y is None and [c for c, _ in problems] == [code]


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_parse_points_never_raises_on_garbage(raw):
    from playground.data import parse_points
    X, y, problems = parse_points(b"x1,x2,label\n" + raw)
    assert (X is None) == bool(problems)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(*[st.floats(allow_nan=False, allow_infinity=False)] * 3),
                min_size=4, max_size=8))
def test_parse_points_keeps_only_what_float32_holds(rows):
    """Finite in float64 is not enough: what comes back is finite in float32, as trained."""
    from playground.data import parse_points
    raw = "x1,x2,label\n" + "".join(f"{a!r},{b!r},{c!r}\n" for a, b, c in rows)
    X, y, problems = parse_points(raw.encode())
    if X is not None:
        assert np.isfinite(X).all() and np.isfinite(y).all()
        assert np.isfinite(np.square(y - X.sum(1))).all()  # a squared error stays finite too


def test_parse_points_reads_every_line_ending():
    from playground.data import parse_points
    for end in (b"\n", b"\r\n", b"\r"):
        X, y, problems = parse_points(end.join([b"x1,x2,label", b"0,0,0", b"1,1,1", b"0,1,1",
                                                 b"1,0,0"]))
        assert problems == [] and X.shape == (4, 2) and y.tolist() == [0, 1, 1, 0]

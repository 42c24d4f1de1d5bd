"""The live network view's bytes: what the browser decodes is the engine's picture."""
import base64
import json
import zlib

import numpy as np
import pytest

from playground import netview
from playground.nets import NetConfig
from playground.train import TrainConfig, Trainer
from test_pages import run
from ui import live_view

CASES = [(NetConfig(depth=2, width=4), TrainConfig()),
         (NetConfig(depth=3, width=12), TrainConfig(dataset="spiral", classes=3, loss="ce")),
         (NetConfig(depth=1, width=3), TrainConfig(dataset="plane", loss="mse"))]


def decode(d: dict) -> dict:
    """What live_view.js reads from a payload, as numpy arrays in the module's layout."""
    raw = np.frombuffer(zlib.decompress(base64.b64decode(d["bin"])), np.uint8).copy()
    n, t2 = d["res"] ** 2, d["thumb"] ** 2
    grids = [(d["res"], n * (2 if d["task"] == "multiclass" else 1)),
             (d["thumb"], t2 * (len(d["feat"]) + sum(d["shown"])))]
    off = 0
    for side, size in grids:  # undo the row differences, as live_view.js does
        rows = raw[off:off + size].reshape(-1, side).astype(np.int64)
        raw[off:off + size] = (np.cumsum(rows, axis=1) % 256).ravel()
        off += size
    off = 0
    out = {}
    for name, size in [("map", n)] + ([("conf", n)] if d["task"] == "multiclass" else []):
        out[name], off = raw[off:off + size].reshape(d["res"], d["res"]), off + size
    out["inputs"] = raw[off:off + len(d["feat"]) * t2].reshape(-1, d["thumb"], d["thumb"])
    off += len(d["feat"]) * t2
    out["hidden"] = []
    for shown in d["shown"]:
        out["hidden"].append(raw[off:off + shown * t2].reshape(shown, d["thumb"], d["thumb"]))
        off += shown * t2
    cols = [len(d["feat"]), *d["shown"], d["out"]]
    shapes = [(o, i) for i, o in zip(cols, cols[1:])] + [(o,) for o in cols[1:]]
    params = []
    for shape, top in zip(shapes, d["wmax"]):
        q = np.frombuffer(raw[off:off + 2 * int(np.prod(shape))].tobytes(), "<i2")
        off += q.nbytes
        params.append(np.where(q == -32768, np.nan, q * top / 32767).reshape(shape))
    out["w"], out["b"] = params[:len(cols) - 1], params[len(cols) - 1:]
    out["points"] = raw[off:].reshape(-1, 3)
    assert d["has_pts"] or not len(out["points"])
    return out


@pytest.mark.parametrize("net, cfg", CASES)
def test_the_payload_carries_the_engines_picture(net, cfg):
    tr = Trainer(net, cfg)
    tr.step(2 * tr.per_epoch)
    d = json.loads(json.dumps(live_view.payload(tr)))  # what travels is JSON
    assert d["has_pts"]  # a trainer's first frame carries its points
    got, v = decode(d), netview.view(tr)
    lo, hi = live_view.value_range(tr)
    if tr.task == "multiclass":
        np.testing.assert_array_equal(got["map"], v.output)
        assert np.abs(netview.unquantize(got["conf"], 0, 1) - v.confidence).max() <= 0.5 / 255 + 1e-6
    else:
        assert np.abs(netview.unquantize(got["map"], lo, hi) - np.clip(v.output, lo, hi)).max() \
            <= (hi - lo) / 510 + 1e-6
    for q, h in zip(got["hidden"], v.hidden):
        assert np.abs(netview.unquantize(q, -1, 1) - np.clip(h, -1, 1)).max() <= 1 / 255 + 1e-6
    assert len(got["points"]) == len(tr.y)
    tests = got["points"][:, 2] >= 128
    assert tests.sum() == len(tr.points[3])
    if tr.task != "regression":
        np.testing.assert_array_equal(got["points"][~tests, 2], tr.points[1])
    for got_w, w, got_b, b in zip(got["w"], v.weights, got["b"], v.biases):
        np.testing.assert_allclose(got_w, w, rtol=0, atol=np.abs(w).max() / 32767 * 0.51)
        np.testing.assert_allclose(got_b, b, rtol=0, atol=np.abs(b).max() / 32767 * 0.51 + 1e-12)
    assert d["widths"] == [net.width] * net.depth and len(d["g"]) == net.depth


def test_a_view_of_the_default_network_is_small_enough_for_a_class_on_wifi():
    tr = Trainer(NetConfig(depth=2, width=4), TrainConfig())
    assert len(json.dumps(live_view.payload(tr))) < 25_000
    tr = Trainer(NetConfig(depth=6, width=8), TrainConfig())
    assert len(json.dumps(live_view.payload(tr))) < 25_000


def view_data(at) -> dict:
    """The last frame of the view's update, with the update's own fields."""
    d = json.loads(at.get("bidi_component")[0].proto.json)
    return {**d, **d["frames"][-1]}


def test_the_training_page_draws_the_view_and_step_changes_it():
    at = run("pages/training.py")
    element = at.get("bidi_component")[0].proto
    assert element.ByteSize() < 10_000  # a frame carries the loader, not the 10 KB of drawing code
    assert "app/static/live_view.js" in element.js_content
    first = view_data(at)
    assert first["task"] == "binary" and first["feat"] == ["x₁", "x₂"] and not first["discrete"]
    at.button(key="tr_step_btn").click().run()
    second = view_data(at)
    assert second["bin"] != first["bin"] and second["frame"] != first["frame"]
    at.toggle(key="tr_disc").set_value(True).run()
    assert view_data(at)["discrete"]


def test_a_b_draws_two_views():
    at = run("pages/training.py", ab="true", b_layers=3)
    a, b = (json.loads(c.proto.json)["frames"][-1] for c in at.get("bidi_component"))
    assert a["widths"] == [4, 4] and b["widths"] == [4, 4, 4]


def test_points_travel_with_the_first_frame_and_then_now_and_then():
    tr = Trainer(NetConfig(depth=2, width=4), TrainConfig())
    sent = [live_view.payload(tr)["has_pts"] for _ in range(2 * live_view.POINTS_EVERY)]
    assert sent[0] and sent[live_view.POINTS_EVERY] and sum(sent) == 2
    other = Trainer(NetConfig(depth=2, width=4), TrainConfig())
    first = live_view.payload(other)
    assert first["has_pts"] and first["pts"] != live_view.payload(tr)["pts"]
    assert len(decode(live_view.payload(tr))["points"]) == 0


def test_large_views_come_less_often_so_a_visitor_receives_about_250_kb_a_second():
    small = Trainer(NetConfig(depth=2, width=4), TrainConfig())
    large = Trainer(NetConfig(depth=8, width=16), TrainConfig(dataset="spiral", classes=3,
                                                              loss="ce"))
    assert live_view.frame_bytes(small) < live_view.frame_bytes(large) < 25_000
    sent = live_view._SENT.get(small, 0)
    live_view.frame_bytes(small)
    assert live_view._SENT.get(small, 0) == sent  # measuring sends nothing
    for tr in (small, large):
        for players in (1, 4, 30):
            size = live_view.frame_bytes(tr)
            p = live_view.plan(size, players)
            update = p.frames * size + live_view.UPDATE_OVERHEAD
            assert update <= 25_000 or p.frames == 1
            assert update / p.every <= live_view.VIEW_BYTES_PER_S + 1
            assert p.gap >= live_view.TICK - 1e-9


def test_small_frames_travel_two_to_an_update_at_twenty_frames_a_second_or_more():
    alone = live_view.plan(6_500, 1)
    assert alone.frames == 2 and live_view.TICK <= alone.gap <= 0.05
    assert live_view.plan(13_000, 1).frames == 1  # two would make one update over 25 KB
    assert live_view.plan(6_500, 30).every == pytest.approx(30 / 4 * alone.every)


def test_weights_that_are_not_finite_travel_as_nan():
    q, top = live_view.scaled(np.array([[1.0, -2.0], [np.nan, np.inf]]))
    assert top == 2.0 and q.tolist() == [[16384, -32767], [-32768, -32768]]
    assert live_view.scaled(np.zeros(3))[1] == 0 and not live_view.scaled(np.zeros(3))[0].any()


def test_a_still_view_is_one_frame_with_the_updates_own_fields():
    at = run("pages/training.py")
    d = view_data(at)
    assert len(d["frames"]) == 1 and d["gap"] == round(1000 * live_view.TICK) and "labels" in d

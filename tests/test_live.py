"""Training in a background thread: the same steps as in the foreground, and it stops when it should."""
import time

import numpy as np
import torch

from playground.live import Background
from playground.nets import NetConfig
from playground.train import TrainConfig, Trainer

NET = NetConfig(depth=2, width=4, activation="tanh")


def wait(until, seconds=20.0):
    t0 = time.monotonic()
    while not until() and time.monotonic() - t0 < seconds:
        time.sleep(0.01)
    return until()


def params(tr: Trainer) -> np.ndarray:
    return torch.cat([p.detach().reshape(-1) for p in tr.model.parameters()]).numpy()


def test_the_thread_takes_exactly_the_steps_a_foreground_trainer_takes():
    bg = Background(Trainer(NET, TrainConfig()))
    bg.start()
    assert wait(lambda: bg.trainer.steps >= 300)
    bg.stop()
    assert not bg.running
    tr = bg.trainer
    same = Trainer(NET, TrainConfig())
    same.step(tr.steps)
    np.testing.assert_array_equal(params(tr), params(same))
    assert tr.history.iloc[-1]["step"] == tr.steps  # stop brings the history up to date
    assert tr.history.iloc[-1]["loss"] == same.history.iloc[-1]["loss"]


def test_pause_stops_training_and_start_goes_on():
    bg = Background(Trainer(NET, TrainConfig()))
    bg.start()
    assert wait(lambda: bg.trainer.steps > 0)
    bg.stop()
    paused = bg.trainer.steps
    time.sleep(0.1)
    assert bg.trainer.steps == paused
    bg.start()
    assert wait(lambda: bg.trainer.steps > paused)
    bg.stop()


def test_nobody_watching_stops_the_thread():
    bg = Background(Trainer(NET, TrainConfig()), unwatched=0.2)
    bg.start()
    assert wait(lambda: not bg.running, seconds=5)
    steps = bg.trainer.steps
    time.sleep(0.1)
    assert steps > 0 and bg.trainer.steps == steps


def test_the_stop_rule_ends_the_thread_at_that_epoch():
    bg = Background(Trainer(NET, TrainConfig()), max_epochs=7)
    bg.start()
    assert wait(lambda: not bg.running)
    assert bg.trainer.epoch == 7 and bg.finished


def test_divergence_ends_the_thread_without_raising():
    tr = Trainer(NetConfig(depth=10, width=16, activation="sigmoid"),
                 TrainConfig(dataset="plane", lr=10.0, loss="mse"))
    bg = Background(tr)
    bg.start()
    assert wait(lambda: not bg.running)
    assert tr.diverged and bg.finished
    bg.start()  # starting a finished run is harmless: it ends at once
    assert wait(lambda: not bg.running)


def test_a_reader_holding_the_lock_sees_the_trainer_stand_still():
    bg = Background(Trainer(NET, TrainConfig()))
    bg.start()
    assert wait(lambda: bg.trainer.steps > 0)
    with bg.lock:
        a = bg.trainer.steps
        time.sleep(0.05)
        assert bg.trainer.steps == a
    bg.stop()

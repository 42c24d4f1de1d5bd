"""Training in a background thread: the same steps as in the foreground, and it stops when it should."""
import time

import numpy as np
import pytest
import torch

from playground import live
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


def test_one_thread_trains_two_settings_each_exactly_as_in_the_foreground():
    a_cfg = (NET, TrainConfig())
    b_cfg = (NetConfig(depth=3, width=6, activation="relu", init="kaiming_normal"),
             TrainConfig(optimizer="adam", lr=0.01, batch_size=25))
    bg = Background((Trainer(*a_cfg), Trainer(*b_cfg)))
    assert bg.trainer is bg.trainers[0]
    bg.start()
    assert wait(lambda: min(t.epoch for t in bg.trainers) >= 20)
    bg.stop()
    a, b = bg.trainers
    assert abs(a.epoch - b.epoch) <= 1  # the one behind in epochs goes next
    for tr, cfg in ((a, a_cfg), (b, b_cfg)):
        same = Trainer(*cfg)
        same.step(tr.steps)
        np.testing.assert_array_equal(params(tr), params(same))
        assert tr.history.iloc[-1]["step"] == tr.steps
        assert tr.history.iloc[-1]["loss"] == same.history.iloc[-1]["loss"]


def test_with_two_settings_each_stops_on_its_own_rule_or_divergence():
    bad = Trainer(NetConfig(depth=10, width=16, activation="sigmoid"),
                  TrainConfig(dataset="plane", lr=10.0, loss="mse"))
    good = Trainer(NetConfig(depth=2, width=4), TrainConfig(dataset="plane", loss="mse"))
    bg = Background((bad, good), max_epochs=30)
    bg.start()
    assert wait(lambda: not bg.running)
    assert bad.diverged and bad.epoch < 30  # the diverged one stopped early ...
    assert not good.diverged and good.epoch == 30  # ... and the other went on to the rule
    assert bad.history.iloc[-1]["step"] == bad.steps and bg.finished
    same = Trainer(NetConfig(depth=2, width=4), TrainConfig(dataset="plane", loss="mse"))
    same.step(good.steps)
    np.testing.assert_array_equal(params(good), params(same))


def test_a_pair_is_not_finished_while_one_of_them_still_trains():
    one = Trainer(NET, TrainConfig())
    two = Trainer(NET, TrainConfig(batch_size=50))
    bg = Background((one, two), max_epochs=3)
    one.step(3 * one.per_epoch)
    assert one.finished(3) and not bg.finished
    bg.start()
    assert wait(lambda: not bg.running)
    assert one.epoch == 3 and two.epoch == 3 and bg.finished


def test_one_scheduler_trains_many_jobs_in_turn_and_each_advances():
    from playground.live import Scheduler
    sched = Scheduler(slice=0.005, rest=0.001)
    jobs = [Background(Trainer(NET, TrainConfig(seed=s)), scheduler=sched) for s in range(12)]
    for job in jobs:
        job.start()
    assert wait(lambda: min(j.trainer.steps for j in jobs) > 0)
    start = [j.trainer.steps for j in jobs]  # all in the round now
    assert wait(lambda: min(j.trainer.steps - s for j, s in zip(jobs, start)) > 30)
    assert len(sched) == 12
    for job in jobs:
        job.stop()
    assert len(sched) == 0 and not any(j.running for j in jobs)
    steps = [j.trainer.steps for j in jobs]
    time.sleep(0.05)
    assert [j.trainer.steps for j in jobs] == steps  # stopped means stopped
    gained = [s - s0 for s, s0 in zip(steps, start)]
    assert max(gained) < 3 * min(gained)  # turns are fair: nobody is starved


def test_a_job_its_visitor_is_reading_is_skipped_not_waited_for():
    from playground.live import Scheduler
    sched = Scheduler(slice=0.005, rest=0.001)
    read, other = (Background(Trainer(NET, TrainConfig()), scheduler=sched) for _ in range(2))
    read.start(), other.start()
    with read.lock:
        before = other.trainer.steps
        time.sleep(0.2)
        assert other.trainer.steps > before  # the scheduler went on with the other job
    read.stop(), other.stop()


def test_turns_take_at_most_their_share_of_the_time_however_many_wait():
    import threading
    from playground.live import Turns
    turns, busy = Turns(ratio=1.0), []

    def visitor():
        for _ in range(5):
            with turns.turn():
                t0 = time.monotonic()
                time.sleep(0.01)
                busy.append((t0, time.monotonic()))

    threads = [threading.Thread(target=visitor) for _ in range(4)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - t0
    held = sum(b - a for a, b in busy)
    assert len(busy) == 20 and held / wall < 0.55  # at most half the time with ratio 1
    spans = sorted(busy)
    assert all(b[0] >= a[1] for a, b in zip(spans, spans[1:]))  # one at a time


def test_a_paced_job_trains_at_its_pace_in_epochs_per_second():
    bg = Background(Trainer(NET, TrainConfig()))
    bg.pace = 20.0
    bg.start()
    time.sleep(1.5)
    bg.stop()
    assert 20 <= bg.trainer.epoch <= 20 * 1.5 + 1.5  # 30 epochs, give or take the backlog


def test_one_visitor_alone_takes_turns_without_resting():
    from playground.live import Turns
    turns = Turns(ratio=3.0)
    t0 = time.monotonic()
    for _ in range(10):
        with turns.turn():
            time.sleep(0.01)
    assert time.monotonic() - t0 < 0.2  # 10 turns of 10 ms, no 30 ms rests between them


def test_pace_counts_epochs_and_frames_over_its_window():
    pace = live.Pace(per_epoch=25, window=2.0)
    assert pace.rates() is None
    for k in range(41):  # an update every 0.1 s, 5 steps and two frames each
        pace.mark(0.1 * k, 5 * k, frames=2)
    epochs, frames = pace.rates()
    assert epochs == pytest.approx(5 / 25 / 0.1) and frames == pytest.approx(20)
    assert pace.marks[-1][0] - pace.marks[0][0] <= 2.0 + 1e-9  # older marks are dropped
    pace.mark(100.0, 300, frames=1)  # a long pause: the two last marks remain
    assert len(pace.marks) == 2

"""Live training: trainers stepped in the background while their visitors watch, sharing one
machine fairly.

Every playing visitor's trainers are one job of a single scheduler thread, which gives the jobs
short slices in turn and rests after each slice. A thread per visitor made the threads fight
for the interpreter lock: with a class playing, no trainer advanced and the pages that read
them (and every other page) stopped answering. Here the total training work is that of one
thread, however many play, and the interpreter is free for pages between slices.

A job stops on pause, on its stop rule, on divergence, and when nobody has looked for
`unwatched` seconds (a closed tab). Two settings compared side by side are one job: each slice
steps whichever unfinished trainer is behind in epochs, so both stay at about the same epoch
whatever their batch sizes or costs, and each stops on its own stop rule or divergence.

`Turns` does the same for the drawing: live views of all visitors draw one at a time, each
followed by a rest, so a class watching never starves the pages of others.
"""
import contextlib
import itertools
import threading
import time

from playground.train import Trainer

SLICE = 0.01  # seconds of training per turn of a job: also the longest a reader waits
REST = 0.002  # seconds after each slice when the scheduler holds nothing


class Pace:
    """Epochs and view frames per second as a visitor sees them: each update of the view is a
    `mark` (when, the trainer's steps, the frames it brought); the rates are those of the marks
    within the last `window` seconds."""

    def __init__(self, per_epoch: int, window: float = 2.0):
        self.per_epoch, self.window = per_epoch, window
        self.marks: list[tuple[float, int, int]] = []

    def mark(self, when: float, steps: int, frames: int = 1) -> None:
        self.marks.append((when, steps, frames))
        while len(self.marks) > 2 and when - self.marks[0][0] > self.window:
            self.marks.pop(0)

    def rates(self) -> tuple[float, float] | None:
        """(epochs per second, frames per second) between the first and last mark; None
        before two marks."""
        if len(self.marks) < 2:
            return None
        (t0, s0, _), (t1, s1, _) = self.marks[0], self.marks[-1]
        wall = max(t1 - t0, 1e-9)
        return (s1 - s0) / self.per_epoch / wall, sum(f for *_, f in self.marks[1:]) / wall


class Background:
    """Trains `trainer` (or a tuple of trainers) between `start` and `stop`, in turn with every
    other started Background; `lock` guards every read. `trainer` is the first one, `trainers`
    all of them."""

    def __init__(self, trainer: Trainer | tuple[Trainer, ...], max_epochs: int = 0,
                 target: float = 0.0, unwatched: float = 3.0, scheduler: "Scheduler | None" = None):
        self.trainers = tuple(trainer) if isinstance(trainer, (tuple, list)) else (trainer,)
        if not self.trainers:
            raise ValueError("Background needs at least one trainer")
        self.trainer = self.trainers[0]
        self.max_epochs, self.target, self.unwatched = max_epochs, target, unwatched
        self.scheduler = SCHEDULER if scheduler is None else scheduler
        self.lock = threading.Lock()
        self._seen = time.monotonic()
        self.pace = 0.0  # epochs per second to train at; 0: as fast as the turns allow
        self._credit, self._paced = 0.0, time.monotonic()  # epochs owed, as of when

    def __repr__(self):
        return f"Background({', '.join(map(repr, self.trainers))}, running={self.running})"

    @property
    def running(self) -> bool:
        return self in self.scheduler

    @property
    def finished(self) -> bool:
        """The stop rule holds (or the run diverged) for every trainer: starting again would
        do nothing."""
        with self.lock:
            return all(tr.finished(self.max_epochs, self.target) for tr in self.trainers)

    def watch(self) -> None:
        """Someone is looking: keep training for another `unwatched` seconds."""
        self._seen = time.monotonic()

    def start(self) -> None:
        self.watch()
        if not self.running:
            self._credit, self._paced = 0.0, time.monotonic()
        self.scheduler.add(self)

    def stop(self) -> None:
        """Stop (after the current slice, if one is under way) and bring the history up to the
        last step."""
        self.scheduler.remove(self)
        with self.lock:  # waits for a slice under way
            for tr in self.trainers:
                tr.step(0)

    def train_for(self, seconds: float) -> bool:
        """One turn, with `lock` held by the caller: step for about `seconds`; False when the
        job is over (all finished, or unwatched)."""
        if time.monotonic() - self._seen > self.unwatched:
            return False
        t0, rule = time.perf_counter(), (self.max_epochs, self.target)
        if self.pace > 0:  # a backlog of at most 0.1 s (or one epoch): no burst after a wait
            now = time.monotonic()
            owed = self._credit + (now - self._paced) * self.pace
            self._credit = min(owed, max(1.0, 0.1 * self.pace))
            self._paced = now
        while time.perf_counter() - t0 < seconds and (self.pace <= 0 or self._credit > 0):
            todo = [tr for tr in self.trainers if not tr.finished(*rule)]
            if len(todo) < len(self.trainers):
                for tr in self.trainers:  # a finished run's history up to its last step
                    tr.step(0)
                if not todo:
                    return False
            tr = min(todo, key=lambda tr: tr.epoch)  # A first on a tie
            tr.step_quietly()
            self._credit -= 1 / (tr.per_epoch * len(self.trainers))
        return True


class Scheduler:
    """One thread that trains every started job in turn: a slice each, then a rest."""

    def __init__(self, slice: float = SLICE, rest: float = REST):
        self.slice, self.rest = slice, rest
        self._jobs: list[Background] = []
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    def __repr__(self):
        return f"Scheduler(jobs={len(self._jobs)}, slice={self.slice}, rest={self.rest})"

    def __contains__(self, job: Background) -> bool:
        return job in self._jobs

    def __len__(self) -> int:
        return len(self._jobs)

    def add(self, job: Background) -> None:
        with self._cond:
            if job not in self._jobs:
                self._jobs.append(job)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="trainers", daemon=True)
                self._thread.start()
            self._cond.notify()

    def remove(self, job: Background) -> None:
        with self._cond:
            if job in self._jobs:
                self._jobs.remove(job)

    def _next(self, order: itertools.count) -> Background:
        with self._cond:
            while not self._jobs:
                self._cond.wait()
            return self._jobs[next(order) % len(self._jobs)]

    def _run(self) -> None:
        order = itertools.count()
        while True:
            job = self._next(order)
            if not job.lock.acquire(blocking=False):
                time.sleep(self.rest)  # its visitor is reading it: the next job's turn
                continue
            try:  # stopped while we waited for its lock: leave it alone
                going = job in self._jobs and job.train_for(self.slice)
            finally:
                job.lock.release()
            if not going:
                self.remove(job)
            time.sleep(self.rest)  # pages get the interpreter now


class Turns:
    """Takes turns across threads: one holder at a time and, while others wait, a rest of
    `ratio` times each turn's length before the next, so turns take at most 1 / (1 + ratio)
    of the time however many wait (and all of it for one alone). A waiter sleeps (no CPU)."""

    def __init__(self, ratio: float = 1.0):
        if ratio < 0:
            raise ValueError(f"Invalid ratio: {ratio!r}")
        self.ratio = ratio
        self._lock = threading.Lock()
        self._free_at = 0.0  # monotonic time when the next turn may begin
        self._waiting = 0    # threads waiting for a turn (read without a lock: a hint)

    def __repr__(self):
        return f"Turns(ratio={self.ratio}, waiting={self._waiting})"

    @contextlib.contextmanager
    def turn(self):
        self._waiting += 1  # under the GIL, a hint is all this needs to be
        with self._lock:
            self._waiting -= 1
            time.sleep(max(0.0, self._free_at - time.monotonic()))
            t0 = time.monotonic()
            try:
                yield
            finally:
                rest = self.ratio * (time.monotonic() - t0) if self._waiting else 0.0
                self._free_at = time.monotonic() + rest


SCHEDULER = Scheduler()  # shared by every visitor of this process: it holds only their jobs
DRAWS = Turns(ratio=3)  # every live network view of this process draws in turn
CHARTS = Turns(ratio=3)  # and every live Vega chart (slower to build): at most 1/4 of the time

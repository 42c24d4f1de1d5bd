"""Live training: a Trainer stepped in a background thread while someone watches.

A page that trains inside its own rerun leaves the CPU idle while the browser draws the
charts, which is most of each update. Here a daemon thread trains all the time, and the
page only reads the trainer (under `lock`) to draw. The thread stops on pause, on the stop
rule, on divergence, and when nobody has looked for `unwatched` seconds (a closed tab).

Two settings compared side by side train in the same thread: each slice steps whichever
unfinished trainer is behind in epochs, so both stay at about the same epoch whatever their
batch sizes or costs, and each stops on its own stop rule or divergence.
"""
import threading
import time

from playground.train import Trainer

SLICE = 0.02  # seconds of training per hold of the lock: the longest a reader waits


class Background:
    """Trains `trainer` (or a tuple of trainers) in a thread between `start` and `stop`;
    `lock` guards every read. `trainer` is the first one, `trainers` all of them."""

    def __init__(self, trainer: Trainer | tuple[Trainer, ...], max_epochs: int = 0,
                 target: float = 0.0, unwatched: float = 3.0):
        self.trainers = tuple(trainer) if isinstance(trainer, (tuple, list)) else (trainer,)
        if not self.trainers:
            raise ValueError("Background needs at least one trainer")
        self.trainer = self.trainers[0]
        self.max_epochs, self.target, self.unwatched = max_epochs, target, unwatched
        self.lock = threading.Lock()
        self._halt = threading.Event()
        self._seen = time.monotonic()
        self._thread: threading.Thread | None = None

    def __repr__(self):
        return f"Background({', '.join(map(repr, self.trainers))}, running={self.running})"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

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
        if self.running:
            return
        self.watch()
        self._halt.clear()
        self._thread = threading.Thread(target=self._run, name="trainer", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop after the current slice and bring the history up to the last step."""
        self._halt.set()
        if self._thread is not None:
            self._thread.join()
        with self.lock:
            for tr in self.trainers:
                tr.step(0)

    def _run(self) -> None:
        while not self._halt.is_set() and time.monotonic() - self._seen < self.unwatched:
            with self.lock:
                t0, rule = time.perf_counter(), (self.max_epochs, self.target)
                while time.perf_counter() - t0 < SLICE:
                    todo = [tr for tr in self.trainers if not tr.finished(*rule)]
                    if len(todo) < len(self.trainers):
                        for tr in self.trainers:  # a finished run's history up to its last step
                            tr.step(0)
                        if not todo:
                            return
                    min(todo, key=lambda tr: tr.epoch).step_quietly()  # A first on a tie
            time.sleep(0.0005)  # a reader waiting for the lock gets it now

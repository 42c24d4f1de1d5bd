"""Live training: a Trainer stepped in a background thread while someone watches.

A page that trains inside its own rerun leaves the CPU idle while the browser draws the
charts, which is most of each update. Here a daemon thread trains all the time, and the
page only reads the trainer (under `lock`) to draw. The thread stops on pause, on the stop
rule, on divergence, and when nobody has looked for `unwatched` seconds (a closed tab).
"""
import threading
import time

from playground.train import Trainer

SLICE = 0.02  # seconds of training per hold of the lock: the longest a reader waits


class Background:
    """Trains `trainer` in a thread between `start` and `stop`; `lock` guards every read."""

    def __init__(self, trainer: Trainer, max_epochs: int = 0, target: float = 0.0,
                 unwatched: float = 3.0):
        self.trainer = trainer
        self.max_epochs, self.target, self.unwatched = max_epochs, target, unwatched
        self.lock = threading.Lock()
        self._halt = threading.Event()
        self._seen = time.monotonic()
        self._thread: threading.Thread | None = None

    def __repr__(self):
        return f"Background({self.trainer!r}, running={self.running})"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def finished(self) -> bool:
        """The stop rule holds (or the run diverged): starting again would do nothing."""
        with self.lock:
            return self.trainer.finished(self.max_epochs, self.target)

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
            self.trainer.step(0)

    def _run(self) -> None:
        tr = self.trainer
        while not self._halt.is_set() and time.monotonic() - self._seen < self.unwatched:
            with self.lock:
                t0 = time.perf_counter()
                while time.perf_counter() - t0 < SLICE:
                    if tr.finished(self.max_epochs, self.target):
                        tr.step(0)
                        return
                    tr.step_quietly()
            time.sleep(0.0005)  # a reader waiting for the lock gets it now

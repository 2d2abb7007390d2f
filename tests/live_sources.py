"""A live audio source for tests of the engine's controls: it knows whether it is open."""

import threading

import numpy as np

from desktop.audio.source import SourceLost


class ControlledSource:
    """A live source that knows whether it is open and refuses reads while closed."""

    dropped_blocks = 0

    def __init__(self, name: str, failed_opens: int = 0) -> None:
        self.name = name
        self.failed_opens = failed_opens
        self.is_open = False
        self.opens = 0
        self.reads = 0
        self._pace = threading.Event()

    def open(self) -> None:
        self.opens += 1
        if self.failed_opens > 0:
            self.failed_opens -= 1
            raise SourceLost(f"{self.name} is not there.")
        self.is_open = True

    def read(self, timeout_s: float) -> np.ndarray | None:
        if not self.is_open:
            raise AssertionError(f"{self.name} was read while closed")
        self.reads += 1
        self._pace.wait(0.01)  # a live source blocks until its next block
        return np.full(160, 300, dtype=np.int16)

    def close(self) -> None:
        self.is_open = False

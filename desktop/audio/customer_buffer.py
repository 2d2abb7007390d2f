"""Customer samples waiting to be paired with the agent's, on the agent's stream clock.

The microphone is the clock master: for each agent block of N samples the pairing takes
exactly N customer samples. The two devices start at different moments, deliver in different
chunk sizes (100 ms blocks vs 20 ms fragments), with jitter, and on real hardware their
crystals drift apart by tens of ppm. This buffer keeps the customer side aligned within a
block in all of those cases:

- `sync(n)` (first agent block after opening): keep only the newest n + margin samples, so
  both sides start on the same wall-clock stretch.
- `take(n)` short of samples (the loopback's chunk is late, or it is starting): pad zeros.
  The late samples then wait as extra level, which the drift trim below removes.
- More than `max_ahead_s` waiting (the reader is stalled and the loopback runs ahead):
  drop the oldest down to the margin and count them. A smaller excess that persists (a late
  chunk after a pad, or clock drift: the lowest level right after a take over
  `drift_window_s` stays above margin + tolerance) is trimmed the same way, so the shift
  never stays beyond the tolerance for longer than two windows.

The margin is a jitter buffer: it absorbs a microphone block that comes early (PortAudio
delivers in bursts) and the microphone's larger input latency (measured with PortAudio on
PulseAudio: the microphone path is ~0.1 s slower than the monitor, so 0.1 s puts simultaneous
sounds at the same stream time; tests/audio/test_live_call_pulse.py).

Thread-safe: the loopback's reader thread pushes, the pairing takes.
"""

import threading
from collections import deque

import numpy as np
from numpy.typing import NDArray

from desktop.audio.source import SAMPLE_RATE_HZ


class CustomerBuffer:
    """A bounded FIFO of int16 samples, aligned by a margin, a bound and a drift trim."""

    def __init__(
        self,
        margin_s: float = 0.1,
        max_ahead_s: float = 2.0,
        drift_window_s: float = 4.0,
        drift_tolerance_s: float = 0.05,
        rate_hz: int = SAMPLE_RATE_HZ,
    ) -> None:
        if margin_s < 0 or max_ahead_s <= margin_s:
            raise ValueError("need 0 <= margin_s < max_ahead_s")
        self._margin = round(margin_s * rate_hz)
        self._max_ahead = round(max_ahead_s * rate_hz)
        self._drift_window = round(drift_window_s * rate_hz)
        self._drift_tolerance = round(drift_tolerance_s * rate_hz)
        self._chunks: deque[NDArray[np.int16]] = deque()
        self._count = 0
        self._low_level: int | None = None
        self._taken_in_window = 0
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self.dropped_samples = 0
        """Samples dropped because the customer side ran ahead (bound or drift trim)."""
        self.padded_samples = 0
        """Zeros given out because the customer side was late."""

    @property
    def level(self) -> int:
        """Samples waiting now."""
        return self._count

    def push(self, block: NDArray[np.int16]) -> None:
        """Append a block (reader thread); beyond the bound the oldest are dropped."""
        with self._lock:
            if len(block):
                self._chunks.append(block)
                self._count += len(block)
                if self._count > self._max_ahead:
                    self._drop_oldest(self._count - self._margin)
                self._arrived.notify_all()

    def take(self, n: int) -> NDArray[np.int16]:
        """Exactly n samples: the oldest waiting, then zeros for what is not there yet."""
        with self._lock:
            out = self._pop(n)
            short = n - len(out)
            if short:
                self.padded_samples += short
                out = np.concatenate([out, np.zeros(short, dtype=np.int16)])
            self._track_drift(n)
            return out

    def sync(self, n: int) -> NDArray[np.int16]:
        """Start pairing: forget all but the newest n + margin samples, then take n."""
        with self._lock:
            self._low_level = None
            self._taken_in_window = 0
            excess = self._count - (n + self._margin)
            if excess > 0:
                self._discard_oldest(excess)
        return self.take(n)

    def clear(self) -> None:
        """Forget everything (the device was reopened: old samples are another stream)."""
        with self._lock:
            self._chunks.clear()
            self._count = 0
            self._low_level = None
            self._taken_in_window = 0

    def read(self, timeout_s: float) -> NDArray[np.int16] | None:
        """Everything waiting, or None if nothing arrives within `timeout_s` (standalone use)."""
        with self._arrived:
            if not self._count:
                self._arrived.wait(timeout_s)
            if not self._count:
                return None
            return self._pop(self._count)

    def _pop(self, n: int) -> NDArray[np.int16]:
        parts: list[NDArray[np.int16]] = []
        need = n
        while need and self._chunks:
            head = self._chunks[0]
            if len(head) <= need:
                parts.append(self._chunks.popleft())
                need -= len(head)
            else:
                parts.append(head[:need])
                self._chunks[0] = head[need:]
                need = 0
        taken = n - need
        self._count -= taken
        if not parts:
            return np.zeros(0, dtype=np.int16)
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    def _drop_oldest(self, n: int) -> None:
        self.dropped_samples += n
        self._discard_oldest(n)

    def _discard_oldest(self, n: int) -> None:
        self._pop(n)

    def _track_drift(self, taken: int) -> None:
        # The lowest level seen right after a take over a window: jitter comes and goes,
        # a drift keeps even the lowest level above the margin.
        self._low_level = (
            self._count if self._low_level is None else min(self._low_level, self._count)
        )
        self._taken_in_window += taken
        if self._taken_in_window < self._drift_window:
            return
        excess = self._low_level - self._margin
        if excess > self._drift_tolerance:
            self._drop_oldest(excess)
        self._low_level = None
        self._taken_in_window = 0

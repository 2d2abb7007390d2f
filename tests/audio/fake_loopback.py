"""A scripted sound system for LoopbackSource: outputs that come and go, a default that
changes, recorders that deliver by the wall clock with jitter, stay idle, or fail.

Every sample a fake device delivers carries its own time: the value is the wall-clock sample
index since `FakeSystem.t0_s`, modulo CLOCK_WRAP, so a test can read off which moment any
customer sample belongs to and compare it with the agent's (FakeClockMic does the same).
This is how the Windows logic (idle endpoints, reopening, device choice, default changes) is
tested without Windows: the backend protocol is the only OS-specific part.
"""

import random
import threading
import time
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from desktop.audio.loopback_backends import BackendUnavailable, DeviceGone
from desktop.audio.output_devices import OutputDevice
from desktop.audio.source import SAMPLE_RATE_HZ, SourceLost

CLOCK_WRAP = 32_000
"""Sample values count the clock modulo this (fits int16 and survives float32 exactly)."""


def clock_values(start: int, n: int) -> NDArray[np.int64]:
    return (np.arange(start, start + n) % CLOCK_WRAP).astype(np.int64)


@dataclass
class FakeOutput:
    """One playback device and how its loopback behaves."""

    id: str
    name: str
    mode: str = "live"
    """live: delivers by the clock; idle: delivers nothing (WASAPI with nothing playing);
    fail: every read raises DeviceGone."""
    channels: int = 2
    rate_hz: int = SAMPLE_RATE_HZ
    latency_s: float = 0.02
    jitter_s: float = 0.0
    """Chunks arrive up to this much later than due, at random."""


@dataclass
class FakeSystem:
    """The state of the fake sound system, shared by every backend made from it."""

    outputs: list[FakeOutput] = field(default_factory=list)
    default_id: str | None = None
    t0_s: float = field(default_factory=time.monotonic)
    unavailable: str | None = None
    """A reason: output_devices raises BackendUnavailable (the sound server is gone)."""
    raise_in_listing: Exception | None = None
    opened: list[str] = field(default_factory=list)
    threads: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def backend(self) -> "FakeBackend":
        return FakeBackend(self)

    def add(self, output: FakeOutput, default: bool = False) -> None:
        with self.lock:
            self.outputs.append(output)
            if default or self.default_id is None:
                self.default_id = output.id

    def remove(self, output_id: str) -> None:
        with self.lock:
            self.outputs = [o for o in self.outputs if o.id != output_id]
            if self.default_id == output_id:
                self.default_id = self.outputs[0].id if self.outputs else None

    def find(self, output_id: str) -> FakeOutput | None:
        with self.lock:
            return next((o for o in self.outputs if o.id == output_id), None)


class FakeBackend:
    """LoopbackBackend over a FakeSystem."""

    name = "fake"

    def __init__(self, system: FakeSystem) -> None:
        self._system = system

    def start_thread(self) -> None:
        self._system.threads.add(threading.current_thread().name)

    def output_devices(self) -> list[OutputDevice]:
        if self._system.unavailable:
            raise BackendUnavailable(self._system.unavailable)
        if self._system.raise_in_listing is not None:
            raise self._system.raise_in_listing
        with self._system.lock:
            return [
                OutputDevice(o.id, o.name, is_default=o.id == self._system.default_id)
                for o in self._system.outputs
            ]

    def default_output(self) -> OutputDevice | None:
        return next((d for d in self.output_devices() if d.is_default), None)

    def open(self, device: OutputDevice) -> "FakeRecorder":
        output = self._system.find(device.id)
        if output is None:
            raise DeviceGone(f"'{device.name}' is not there")
        self._system.opened.append(output.name)
        return FakeRecorder(self._system, output)


class FakeRecorder:
    """Delivers the clock-stamped samples that are due, in jittery chunks."""

    def __init__(self, system: FakeSystem, output: FakeOutput) -> None:
        self._system = system
        self._output = output
        self._rng = random.Random(7)
        now_s = time.monotonic()
        self._next = round((now_s - system.t0_s) * output.rate_hz)
        self._hold_until_s = 0.0
        self.closed = False

    @property
    def rate_hz(self) -> int:
        return self._output.rate_hz

    @property
    def channels(self) -> int:
        return self._output.channels

    def read(self, timeout_s: float) -> NDArray[np.float32] | None:
        output = self._output
        if self._system.find(output.id) is None or output.mode == "fail":
            raise DeviceGone(f"'{output.name}' vanished")
        if output.mode == "idle":
            time.sleep(timeout_s)
            return None
        now_s = time.monotonic()
        due = round((now_s - self._system.t0_s - output.latency_s) * output.rate_hz)
        if due <= self._next or now_s < self._hold_until_s:
            time.sleep(min(timeout_s, 0.005))
            return None
        if output.jitter_s:
            self._hold_until_s = now_s + self._rng.uniform(0, output.jitter_s)
        values = clock_values(self._next, due - self._next).astype(np.float32) / 32768.0
        self._next = due
        return np.repeat(values[:, None], output.channels, axis=1)

    def close(self) -> None:
        self.closed = True


class FakeClockMic:
    """An AudioSource whose 100 ms blocks carry the clock like the fake outputs' samples.

    burst: deliver blocks in pairs every 200 ms, as PortAudio on PulseAudio sometimes does.
    lose_after_s: raise SourceLost from then on.
    """

    def __init__(
        self,
        system: FakeSystem,
        latency_s: float = 0.1,
        burst: bool = False,
        lose_after_s: float | None = None,
    ) -> None:
        self._system = system
        self._latency_s = latency_s
        self._burst = burst
        self._lose_after_s = lose_after_s
        self._next = 0
        self.name = "fake clock mic"
        self.dropped_blocks = 0
        self.is_open = False

    def open(self) -> None:
        self.is_open = True
        self._next = round((time.monotonic() - self._system.t0_s) * SAMPLE_RATE_HZ)

    def read(self, timeout_s: float) -> NDArray[np.int16] | None:
        block = SAMPLE_RATE_HZ // 10
        deadline_s = time.monotonic() + timeout_s
        while True:
            now_s = time.monotonic()
            elapsed_s = now_s - self._system.t0_s
            if self._lose_after_s is not None and elapsed_s >= self._lose_after_s:
                raise SourceLost("fake microphone unplugged")
            due = round((elapsed_s - self._latency_s) * SAMPLE_RATE_HZ)
            if self._burst:
                due = due // (2 * block) * (2 * block)
            if due >= self._next + block:
                values = clock_values(self._next, block).astype(np.int16)
                self._next += block
                return values
            if now_s >= deadline_s:
                return None
            time.sleep(0.005)

    def close(self) -> None:
        self.is_open = False

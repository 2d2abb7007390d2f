"""What the agent hears: the playback of an output device, as 16 kHz mono int16 blocks.

One reader thread owns the backend's recorder (open, read, close all happen on it: WASAPI
and libpulse objects must not be shared between threads). It only converts what arrives to
16 kHz mono and pushes it into a CustomerBuffer (customer_buffer.py; bounded, drops the
oldest beyond its bound and counts them). Everything the agent side sees goes through the
buffer and `state`, so customer-side trouble never raises into the agent side.

The reader's loop, every ~50 ms:
- no recorder: (re)open one on the wanted device; on failure the state is "lost" and it
  tries again every `retry_s`.
- read with a short timeout; convert and push what came. An idle endpoint (WASAPI delivers
  no packets while nothing plays) is padded with zeros by the clock once nothing came for
  `idle_gap_s`, so the customer side keeps time with the microphone.
- every `check_s`: is the device still there, and (for "auto") is it still the default
  output? A headset plugged in becomes the new default and is followed; a vanished device
  closes the recorder ("lost") and is looked for again every `retry_s`.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from desktop.audio.call_source import CustomerState
from desktop.audio.customer_buffer import CustomerBuffer
from desktop.audio.loopback_backends import (
    BackendUnavailable,
    DeviceGone,
    LoopbackBackend,
    LoopbackRecorder,
    NoSoundServer,
    load_backend,
)
from desktop.audio.output_devices import OutputDevice, choose_output
from desktop.audio.resample import StreamResampler
from desktop.audio.source import SAMPLE_RATE_HZ

AUTO = "auto"
"""Follow the system's default output, whatever it is now or becomes."""

_READ_TIMEOUT_S = 0.05

CLOSED = CustomerState("off", "The customer channel is closed (paused or stopped).")


@dataclass(frozen=True, slots=True)
class LoopbackTiming:
    """How often the reader looks at the devices, and when it pads."""

    check_s: float = 1.0
    """Look for a vanished device or a new default output this often."""
    retry_s: float = 1.0
    """Try to open a lost or missing device again this often."""
    idle_gap_s: float = 0.25
    """Pad zeros by the clock once nothing arrived for this long (an idle endpoint)."""
    server_retry_s: float = 10.0
    """Look for a sound server that did not answer this often (each try parses soundcard's
    C declarations again, ~0.1 s of CPU)."""


class LoopbackSource:
    """The playback of `device` ("auto": the default output; else a name substring).

    `open` starts the reader thread and never raises; `state` says whether the customer is
    heard. `read(timeout_s)` (AudioSource-like, returns within timeout_s) gives what arrived;
    the pairing with the microphone uses `buffer` instead (see live_call.py).
    `backend_factory` is the OS side (the real one by default, a fake in tests).
    """

    def __init__(
        self,
        device: str = AUTO,
        backend_factory: Callable[[], LoopbackBackend] | None = None,
        buffer: CustomerBuffer | None = None,
        timing: LoopbackTiming | None = None,
    ) -> None:
        self._wanted = device.strip() or AUTO
        self._backend_factory = backend_factory
        self.buffer = buffer if buffer is not None else CustomerBuffer()
        self._timing = timing or LoopbackTiming()
        self._state = CustomerState("lost", "The customer channel is starting.")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.opens = 0
        """Recorders opened so far: the first, then one per device change or recovery."""

    @property
    def name(self) -> str:
        device = self._state.device
        return f"playback of {device}" if device else f"playback of {self._wanted}"

    @property
    def dropped_blocks(self) -> int:
        """Customer samples dropped because they ran ahead, in 100 ms blocks (rounded up)."""
        return -(-self.buffer.dropped_samples // (SAMPLE_RATE_HZ // 10))

    @property
    def state(self) -> CustomerState:
        return self._state

    def open(self) -> None:
        """Start capturing in the background; the state says how it goes."""
        self.close()
        self._stop = threading.Event()
        self.buffer.clear()
        self._state = CustomerState("lost", "The customer channel is starting.")
        thread = threading.Thread(target=self._run, name="loopback-reader", daemon=True)
        self._thread = thread
        thread.start()

    def read(self, timeout_s: float) -> NDArray[np.int16] | None:
        """The samples that arrived (mono int16 16 kHz), None if none within `timeout_s`."""
        return self.buffer.read(timeout_s)

    def close(self) -> None:
        """Stop the reader and close the device; safe to call twice."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=2.0)
        if self._state.status != "unavailable":
            self._state = CLOSED

    def _run(self) -> None:
        backend = self._connect()
        if backend is not None:
            _Reader(self, backend).run()

    def _connect(self) -> LoopbackBackend | None:
        """The backend, or None once stopped or for good unavailable (the state says why)."""
        while not self._stop.is_set():
            try:
                backend = self._make_backend()
                backend.start_thread()
                return backend
            except NoSoundServer as exc:
                self._state = CustomerState("unavailable", str(exc))
                self._stop.wait(self._timing.server_retry_s)
            except BackendUnavailable as exc:
                self._state = CustomerState("unavailable", str(exc))
                return None
            except Exception as exc:  # a broken sound library must not reach the agent side
                self._state = CustomerState(
                    "unavailable", f"The customer channel is not available ({exc})."
                )
                return None
        return None

    def _make_backend(self) -> LoopbackBackend:
        if self._backend_factory is None:
            return load_backend()
        return self._backend_factory()


class _Reader:
    """The loop of the reader thread; owns the recorder."""

    def __init__(self, source: LoopbackSource, backend: LoopbackBackend) -> None:
        self._source = source
        self._backend = backend
        self._timing = source._timing
        self._recorder: LoopbackRecorder | None = None
        self._device: OutputDevice | None = None
        self._resampler: StreamResampler | None = None
        self._next_try_s = 0.0
        self._next_check_s = 0.0
        self._last_fill_s = 0.0
        self._idle = False

    def run(self) -> None:
        stop = self._source._stop
        while not stop.is_set():
            try:
                self._step(stop)
            except Exception as exc:  # never raise into anyone: lost, and try again later
                self._close(CustomerState("lost", f"The customer channel failed ({exc})."))
                self._next_try_s = time.monotonic() + self._timing.retry_s
        self._close(None)

    def _step(self, stop: threading.Event) -> None:
        if self._recorder is None:
            self._try_open()
            if self._recorder is None:
                stop.wait(min(self._timing.retry_s, 0.1))
            return
        self._read_once()
        if time.monotonic() >= self._next_check_s:
            self._check_device()

    def _try_open(self) -> None:
        now_s = time.monotonic()
        if now_s < self._next_try_s:
            return
        self._next_try_s = now_s + self._timing.retry_s
        try:
            device = self._find_device()
            if device is None:
                return
            recorder = self._backend.open(device)
        except DeviceGone as exc:
            self._set_lost(f"The customer channel is lost ({exc}); trying again.")
            return
        except BackendUnavailable as exc:  # already a sentence for the agent
            self._set_lost(str(exc))
            return
        self._recorder, self._device = recorder, device
        self._resampler = StreamResampler(recorder.rate_hz, recorder.channels)
        self._last_fill_s = time.monotonic()
        self._idle = False
        self._next_check_s = self._last_fill_s + self._timing.check_s
        self._source.buffer.clear()
        self._source.opens += 1
        self._source._state = CustomerState("listening", device=device.name)

    def _find_device(self) -> OutputDevice | None:
        wanted = self._source._wanted
        if wanted == AUTO:
            device = self._backend.default_output()
            if device is None:
                self._set_lost("No output device is there to listen to; trying again.")
            return device
        device = choose_output(self._backend.output_devices(), wanted)
        if device is None:
            self._set_lost(f"Output device '{wanted}' is not there; trying again.")
        return device

    def _read_once(self) -> None:
        assert self._recorder is not None and self._resampler is not None
        try:
            frames = self._recorder.read(_READ_TIMEOUT_S)
        except DeviceGone as exc:
            self._close(CustomerState("lost", f"The customer channel is lost ({exc})."))
            self._next_try_s = 0.0  # a default-device switch looks like this: retry at once
            return
        now_s = time.monotonic()
        if frames is not None and len(frames):
            block = self._resampler.process(frames.reshape(-1, self._resampler.channels))
            self._source.buffer.push(block)
            self._last_fill_s = now_s
            self._idle = False
        elif self._idle or now_s - self._last_fill_s >= self._timing.idle_gap_s:
            # Idle: nothing comes (WASAPI while nothing plays, a stream still starting).
            # Zeros for the time that passed keep the customer side on the clock; once idle,
            # every pass pads, so the pairing is not left short between pads.
            silent = round((now_s - self._last_fill_s) * SAMPLE_RATE_HZ)
            self._source.buffer.push(np.zeros(silent, dtype=np.int16))
            self._last_fill_s = now_s
            self._idle = True

    def _check_device(self) -> None:
        self._next_check_s = time.monotonic() + self._timing.check_s
        assert self._device is not None
        try:
            devices = self._backend.output_devices()
        except BackendUnavailable as exc:
            self._close(CustomerState("lost", str(exc)))
            return
        if self._source._wanted == AUTO:
            default = next((d for d in devices if d.is_default), None)
            if default is None or default.id != self._device.id:
                # The default output changed (a headset plugged in): follow it now. The state
                # stays "listening" unless the new one cannot be opened.
                self._close(None)
                self._next_try_s = 0.0
                self._try_open()
            return
        if all(d.id != self._device.id for d in devices):
            self._close(
                CustomerState("lost", f"Output device '{self._device.name}' vanished; waiting.")
            )

    def _set_lost(self, reason: str) -> None:
        self._source._state = CustomerState("lost", reason)

    def _close(self, state: CustomerState | None) -> None:
        recorder, self._recorder = self._recorder, None
        if recorder is not None:
            recorder.close()
        self._device = None
        if state is not None:
            self._source._state = state

"""A scripted stand-in for PortAudio: devices that exist or not, streams that play a script.

`install(monkeypatch, device)` replaces the parts of the real `sounddevice` module that
MicSource uses, so MicSource's own callback runs on a real background thread exactly as
PortAudio would call it, with blocks taken from a numpy array (usually a file's samples).
"""

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
import sounddevice as sd
from numpy.typing import NDArray


@dataclass
class FakeDevice:
    """What the fake PortAudio knows about its only input device and what its stream does."""

    name: str = "Fake USB Headset"
    default_samplerate_hz: int = 16_000
    accepted_rates_hz: tuple[int, ...] = (16_000,)
    max_input_channels: int = 1
    accepted_channels: tuple[int, ...] = (1,)
    samples: NDArray[np.int16] = field(default_factory=lambda: np.zeros(0, dtype=np.int16))
    """Interleaved int16 samples the stream delivers, one `blocksize` slice per callback."""
    interval_s: float = 0.0
    """Pause between callbacks; 0 delivers as fast as the thread runs."""
    then: str = "stall"
    """After the script: "stall" (active, silent), or "die" (stream.active turns False)."""
    overflow_every: int = 0
    """Report PortAudio's input_overflow flag on every n-th callback (0: never)."""
    visible: bool = True
    """False: the device is missing until PortAudio is re-scanned (see `appears_on_rescan`)."""
    appears_on_rescan: bool = False
    open_error: str | None = None
    """A PortAudioError message raised when the stream is opened."""
    start_error: str | None = None
    """A PortAudioError message raised when the opened stream is started."""
    streams: list["FakeRawInputStream"] = field(default_factory=list)
    rescans: int = 0

    def info(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "index": 0,
            "hostapi": 0,
            "max_input_channels": self.max_input_channels,
            "max_output_channels": 0,
            "default_samplerate": float(self.default_samplerate_hz),
        }


class FakeRawInputStream:
    """Calls the given callback from a thread with slices of `device.samples`."""

    device: FakeDevice  # set on a subclass by `install`

    def __init__(self, **kwargs: Any) -> None:
        if self.device.open_error is not None:
            raise sd.PortAudioError(self.device.open_error)
        self.kwargs = kwargs
        self.samplerate = int(kwargs["samplerate"])
        self.channels = int(kwargs["channels"])
        self.blocksize = int(kwargs["blocksize"])
        self._callback = kwargs["callback"]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.active = False
        self.closed = False
        self.callbacks_done = threading.Event()
        self.device.streams.append(self)

    def start(self) -> None:
        if self.device.start_error is not None:
            raise sd.PortAudioError(self.device.start_error)
        self.active = True
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        self.active = False

    def close(self, ignore_errors: bool = True) -> None:
        self.stop()
        self.closed = True

    def _run(self) -> None:
        samples_per_block = self.blocksize * self.channels
        script = self.device.samples
        for number, start in enumerate(range(0, len(script), samples_per_block), start=1):
            if self._stop.is_set():
                return
            chunk = np.ascontiguousarray(script[start : start + samples_per_block])
            every = self.device.overflow_every
            flags = sd.CallbackFlags(0x2 if every and number % every == 0 else 0)
            self._callback(memoryview(chunk.tobytes()), len(chunk) // self.channels, None, flags)
            if self.device.interval_s:
                time.sleep(self.device.interval_s)
        self.callbacks_done.set()
        if self.device.then == "die":
            self.active = False


def install(monkeypatch: pytest.MonkeyPatch, device: FakeDevice) -> FakeDevice:
    """Point sounddevice's device queries and RawInputStream at `device`."""

    def query_devices(which: int | str | None = None, kind: str | None = None) -> Any:
        if which is None and kind is None:
            return [device.info()] if device.visible else []
        if not device.visible:
            if isinstance(which, str):
                raise ValueError(f"No input device matching {which!r}")
            raise sd.PortAudioError(f"Error querying device {which}")
        if which in (None, 0) or (isinstance(which, str) and which in device.name):
            return device.info()
        if isinstance(which, str):
            raise ValueError(f"No input device matching {which!r}")
        raise sd.PortAudioError(f"Error querying device {which}")

    def check_input_settings(**kwargs: Any) -> None:
        if int(kwargs["samplerate"]) not in device.accepted_rates_hz:
            raise sd.PortAudioError("Invalid sample rate", -9997)
        if int(kwargs["channels"]) not in device.accepted_channels:
            raise sd.PortAudioError("Invalid number of channels", -9998)

    def rescan() -> None:
        device.rescans += 1
        if device.appears_on_rescan:
            device.visible = True

    stream_class = type("BoundFakeRawInputStream", (FakeRawInputStream,), {"device": device})
    monkeypatch.setattr(sd, "query_devices", query_devices)
    monkeypatch.setattr(sd, "check_input_settings", check_input_settings)
    monkeypatch.setattr(sd, "RawInputStream", stream_class)
    monkeypatch.setattr(sd, "_terminate", lambda: None)
    monkeypatch.setattr(sd, "_initialize", rescan)
    return device

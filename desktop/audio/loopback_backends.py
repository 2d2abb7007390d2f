"""The OS side of capturing what the agent hears, behind one small protocol.

LoopbackSource (loopback_source.py) holds the logic: threads, padding by the clock, device
changes, reopening. A backend only answers four questions: which outputs exist, which is the
default, open a loopback recorder on one, read from it without blocking for long. The real
backend is SoundcardBackend (soundcard_backend.py); tests drive the same logic through a fake,
which is how the Windows path is covered on a machine without Windows.
"""

import sys
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from desktop.audio.output_devices import OutputDevice

MACOS_REASON = (
    "The customer channel is not available on macOS yet: the system has no loopback "
    "recording; it needs ScreenCaptureKit (macOS 13+) or a virtual device such as BlackHole."
)
UNSUPPORTED_REASON = "The customer channel is not available on this system ({platform})."
NO_SOUNDCARD_REASON = (
    "The customer channel is not available: the soundcard package could not be loaded "
    "({error}); reinstall Speech Coach."
)
NO_SERVER_REASON = (
    "The customer channel is waiting for the sound system: no sound server answered "
    "({error}); check that it is running (PulseAudio or PipeWire; on Windows the Windows "
    "Audio service)."
)


class BackendUnavailable(Exception):
    """This system cannot capture its playback; the message says why, for the agent."""


class NoSoundServer(BackendUnavailable):
    """No sound server answered; it may still start (an app started at login can be faster
    than PipeWire), so unlike the other reasons this one is retried."""


class DeviceGone(Exception):
    """The output device being recorded vanished or failed; reopen when it is back."""


class LoopbackRecorder(Protocol):
    """An open loopback capture of one output device.

    `read` returns the float32 frames that arrived, shaped (frames, channels), or None when
    nothing came within `timeout_s` (an idle WASAPI endpoint delivers nothing at all). It
    raises DeviceGone when the device failed. Only the thread that opened it may use it.
    """

    @property
    def rate_hz(self) -> int: ...

    @property
    def channels(self) -> int: ...

    def read(self, timeout_s: float) -> NDArray[np.float32] | None: ...

    def close(self) -> None: ...


class LoopbackBackend(Protocol):
    """The sound system: its output devices and loopback recorders on them."""

    @property
    def name(self) -> str: ...

    def start_thread(self) -> None:
        """Prepare the calling thread for the other calls (COM on Windows)."""

    def output_devices(self) -> list[OutputDevice]:
        """Every playback device now; raises BackendUnavailable if the server is gone."""

    def default_output(self) -> OutputDevice | None:
        """The output the system plays to by default, None if there is none."""

    def open(self, device: OutputDevice) -> LoopbackRecorder:
        """Start capturing `device`'s playback; DeviceGone if it cannot be opened."""


def load_backend(platform: str = sys.platform) -> LoopbackBackend:
    """The backend for this system, or BackendUnavailable with a reason for the agent.

    macOS is refused before anything is imported: CoreAudio has no loopback, and soundcard's
    mac module would only list microphones.
    """
    if platform == "darwin":
        raise BackendUnavailable(MACOS_REASON)
    if not (platform.startswith("linux") or platform == "win32"):
        raise BackendUnavailable(UNSUPPORTED_REASON.format(platform=platform))
    from desktop.audio.soundcard_backend import SoundcardBackend

    return SoundcardBackend.connect(platform)

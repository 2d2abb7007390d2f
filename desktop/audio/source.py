"""What every audio source promises the engine."""

from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

SAMPLE_RATE_HZ = 16_000
"""Every source delivers mono int16 at this rate; prosody and vosk both work at 16 kHz."""

BLOCK_MS = 100
"""Nominal block length. Sources may deliver other lengths; consumers must not rely on it."""


class EndOfStream(Exception):
    """The source has nothing more to give (end of a file)."""


class SourceLost(Exception):
    """The device stopped delivering (unplugged headset, device taken by another program)."""


class SourceSilent(SourceLost):
    """The device delivers only exact zeros: muted, permission denied, or silently replaced.

    Real microphones always carry some noise, so seconds of all-zero samples mean the audio
    is not coming from a microphone: the OS mutes it, the OS denies the app access (macOS and
    Windows then deliver zeros instead of failing), or the sound server moved the recording
    to a silent source after the device was unplugged (PulseAudio and PipeWire do this rather
    than ending the stream). It is a SourceLost so a caller that reopens on loss does the
    right thing; unlike other losses the source stays open and readable.
    """


class AudioSource(Protocol):
    """A stream of mono int16 blocks at SAMPLE_RATE_HZ.

    `read` returns the next block, or None when nothing arrived within `timeout_s` (a live
    source that is quiet or slow). It raises EndOfStream when a finite source is exhausted and
    SourceLost when a device stops delivering. Blocks are never reordered; the engine's stream
    clock is the count of samples returned so far.
    """

    @property
    def name(self) -> str: ...

    @property
    def dropped_blocks(self) -> int: ...

    def open(self) -> None: ...

    def read(self, timeout_s: float) -> NDArray[np.int16] | None: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class SourceNotice:
    """Something about the audio itself a person should know, said once by the source.

    t_s: stream time (seconds of audio delivered) when it became known. `incomplete` is True
    when the result lacks audio it should have had (a file cut short or unreadable part way),
    False for a repair that leaves the result whole (a wrong header, damaged samples,
    channels that cancel). kind: "header-wrong", "cut-short", "read-failed",
    "samples-repaired", "channels-cancel".
    """

    t_s: float
    kind: str
    message: str
    incomplete: bool = False

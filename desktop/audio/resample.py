"""Any rate, any channel count, int or float samples -> mono int16 at SAMPLE_RATE_HZ.

Files come at 8, 22.05, 44.1 or 48 kHz, in stereo, as float; microphones that refuse 16 kHz
are opened at their own rate. Everything downstream (prosody, vosk) wants one format, so every
source funnels through `StreamResampler`. It is also where samples real hardware and broken
files deliver are made safe: NaN and infinity, floats beyond full scale, and stereo whose
channels cancel when mixed.
"""

import numpy as np
import soxr
from numpy.typing import NDArray

from desktop.audio.source import SAMPLE_RATE_HZ

_INT16_FULL_SCALE = 32768.0

CANCEL_RATIO = 0.01
"""Channels cancel when their mean has under 1 % (-20 dB) of their mean power. One channel
inverted (a mis-wired headset) gives about 0; two talkers on two channels about 0.5; the same
voice on both about 1. So -20 dB is never reached by a real mix."""

CANCEL_MIN_POWER = 1e-5
"""Blocks quieter than -50 dBFS (mean square) in every channel are not judged: in near
silence the ratio means nothing."""


def to_float32(block: NDArray[np.generic]) -> NDArray[np.float32]:
    """Scale integer samples to [-1, 1) floats; float samples pass unchanged.

    int16 is divided by 2**15 and int32 by 2**31, which is what libsndfile and PortAudio do,
    so an int16 round trip through `to_int16` is exact.
    """
    if block.dtype == np.int16:
        return block.astype(np.float32) / np.float32(_INT16_FULL_SCALE)
    if block.dtype == np.int32:
        return (block.astype(np.float64) / 2.0**31).astype(np.float32)
    if np.issubdtype(block.dtype, np.floating):
        return block.astype(np.float32, copy=False)
    raise TypeError(f"unsupported sample type {block.dtype}; expected int16, int32 or float")


def sanitise(samples: NDArray[np.float32]) -> tuple[NDArray[np.float32], int, int]:
    """NaN becomes 0 and everything is clipped to [-1, 1]; returns (samples, non-finite count,
    clipped count). A NaN or an infinity would otherwise poison the resampler's filter state
    (every later sample NaN) and numpy's casts; a float file may also legitimately exceed
    full scale, which int16 cannot hold anyway."""
    finite = np.isfinite(samples)
    non_finite = int(samples.size - np.count_nonzero(finite))
    clipped = int(np.count_nonzero(np.abs(np.where(finite, samples, 0.0)) > 1.0))
    if non_finite or clipped:
        repaired = np.nan_to_num(samples, nan=0.0, posinf=1.0, neginf=-1.0)
        samples = np.clip(repaired, -1.0, 1.0).astype(np.float32, copy=False)
    return samples, non_finite, clipped


def to_int16(block: NDArray[np.floating]) -> NDArray[np.int16]:
    """Round [-1, 1) floats to int16, clipping instead of wrapping around on overs."""
    scaled = np.rint(block.astype(np.float64) * _INT16_FULL_SCALE)
    return np.clip(scaled, -32768, 32767).astype(np.int16)


class StreamResampler:
    """Block-by-block conversion to mono int16 at SAMPLE_RATE_HZ.

    Channels are averaged first (cheaper than resampling each, and the mean keeps a voice
    that is on one channel only at -6 dB rather than losing it), or one `channel` (0-based) is
    taken when asked. A mix is checked block by block: when the channels cancel (their mean
    has under CANCEL_RATIO of their power: one channel is the other inverted), the loudest
    channel is used from then on and `cancelling_since_frame` says from which input frame.
    The mono signal then goes through one `soxr.ResampleStream` (SoX "HQ" polyphase filter),
    which keeps its filter state between calls, so feeding a file block by block gives the
    same samples as feeding it whole. The filter delays output by a few milliseconds: early
    calls return fewer samples than they were given (possibly none), and `flush` returns the
    tail at the end.

    Float samples are sanitised first (`sanitise`); `non_finite_samples` and
    `clipped_samples` count what was repaired. Input blocks are shaped (frames,) or
    (frames, channels), int16, int32 or float. When the input is already mono at
    SAMPLE_RATE_HZ (or one channel of it is taken) nothing is filtered and int16 blocks are
    returned as they are.
    """

    def __init__(self, in_rate_hz: int, channels: int, channel: int | None = None) -> None:
        if in_rate_hz <= 0:
            raise ValueError(f"in_rate_hz must be positive, got {in_rate_hz}")
        if channels <= 0:
            raise ValueError(f"channels must be positive, got {channels}")
        if channel is not None and not 0 <= channel < channels:
            raise ValueError(f"channel must be in 0..{channels - 1}, got {channel}")
        self.in_rate_hz = in_rate_hz
        self.channels = channels
        self.channel = channel
        self.non_finite_samples = 0
        self.clipped_samples = 0
        self.cancelling_since_frame: int | None = None
        self._frames_in = 0
        self._stream: soxr.ResampleStream | None = None
        if in_rate_hz != SAMPLE_RATE_HZ:
            self._stream = soxr.ResampleStream(
                in_rate_hz, SAMPLE_RATE_HZ, 1, dtype="float32", quality="HQ"
            )

    @property
    def is_passthrough(self) -> bool:
        """True when the input is already mono at SAMPLE_RATE_HZ."""
        return self._stream is None and self.channels == 1

    def process(self, block: NDArray[np.generic]) -> NDArray[np.int16]:
        """Convert one block; the result may be shorter or longer than the input implies."""
        block = self._check_shape(block)
        first_frame = self._frames_in
        self._frames_in += int(block.shape[0])
        if self._stream is None and block.dtype == np.int16:
            if self.channels == 1:
                return np.ascontiguousarray(block.reshape(-1))
            if self.channel is not None:
                return np.ascontiguousarray(block[:, self.channel])
        mono = self._mono(block, first_frame)
        if self._stream is None:
            return to_int16(mono)
        return to_int16(np.asarray(self._stream.resample_chunk(mono), dtype=np.float32))

    def flush(self) -> NDArray[np.int16]:
        """Return what the filter still holds; call once at the end of the input."""
        if self._stream is None:
            return np.zeros(0, dtype=np.int16)
        tail = self._stream.resample_chunk(np.zeros(0, dtype=np.float32), last=True)
        return to_int16(np.asarray(tail, dtype=np.float32))

    def _check_shape(self, block: NDArray[np.generic]) -> NDArray[np.generic]:
        if block.ndim == 1 and self.channels == 1:
            return block
        if block.ndim == 2 and block.shape[1] == self.channels:
            return block
        raise ValueError(
            f"expected blocks of shape (frames,) or (frames, {self.channels}), got {block.shape}"
        )

    def _mono(self, block: NDArray[np.generic], first_frame: int) -> NDArray[np.float32]:
        samples = to_float32(block)
        if np.issubdtype(block.dtype, np.floating):
            samples, non_finite, clipped = sanitise(samples)
            self.non_finite_samples += non_finite
            self.clipped_samples += clipped
        if samples.ndim == 1:
            return samples
        if self.channel is not None:
            return np.ascontiguousarray(samples[:, self.channel])
        if samples.shape[1] == 1:
            return np.ascontiguousarray(samples[:, 0])
        mono: NDArray[np.float32] = samples.mean(axis=1, dtype=np.float32)
        if self.cancelling_since_frame is None:
            power = np.mean(np.square(samples, dtype=np.float64), axis=0)
            mix_power = float(np.mean(np.square(mono, dtype=np.float64)))
            if power.max() > CANCEL_MIN_POWER and mix_power < CANCEL_RATIO * power.mean():
                self.cancelling_since_frame = first_frame
                self.channel = int(np.argmax(power))
            else:
                return mono
        return np.ascontiguousarray(samples[:, self.channel])

"""Any rate, any channel count, int or float samples -> mono int16 at SAMPLE_RATE_HZ.

Files come at 8, 22.05, 44.1 or 48 kHz, in stereo, as float; microphones that refuse 16 kHz
are opened at their own rate. Everything downstream (prosody, vosk) wants one format, so every
source funnels through `StreamResampler`.
"""

import numpy as np
import soxr
from numpy.typing import NDArray

from desktop.audio.source import SAMPLE_RATE_HZ

_INT16_FULL_SCALE = 32768.0


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


def to_int16(block: NDArray[np.floating]) -> NDArray[np.int16]:
    """Round [-1, 1) floats to int16, clipping instead of wrapping around on overs."""
    scaled = np.rint(block.astype(np.float64) * _INT16_FULL_SCALE)
    return np.clip(scaled, -32768, 32767).astype(np.int16)


class StreamResampler:
    """Block-by-block conversion to mono int16 at SAMPLE_RATE_HZ.

    Channels are averaged first (cheaper than resampling each, and the mean keeps a voice
    that is on one channel only at -6 dB rather than losing it). The mono signal then goes
    through one `soxr.ResampleStream` (SoX "HQ" polyphase filter), which keeps its filter
    state between calls, so feeding a file block by block gives the same samples as feeding it
    whole. The filter delays output by a few milliseconds: early calls return fewer samples
    than they were given (possibly none), and `flush` returns the tail at the end.

    Input blocks are shaped (frames,) or (frames, channels), int16, int32 or float.
    When the input is already mono at SAMPLE_RATE_HZ nothing is filtered and int16 blocks are
    returned as they are.
    """

    def __init__(self, in_rate_hz: int, channels: int) -> None:
        if in_rate_hz <= 0:
            raise ValueError(f"in_rate_hz must be positive, got {in_rate_hz}")
        if channels <= 0:
            raise ValueError(f"channels must be positive, got {channels}")
        self.in_rate_hz = in_rate_hz
        self.channels = channels
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
        if self.is_passthrough and block.dtype == np.int16:
            return np.ascontiguousarray(block.reshape(-1))
        mono = self._mono(block)
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

    def _mono(self, block: NDArray[np.generic]) -> NDArray[np.float32]:
        samples = to_float32(block)
        if samples.ndim == 1:
            return samples
        if samples.shape[1] == 1:
            return np.ascontiguousarray(samples[:, 0])
        mono: NDArray[np.float32] = samples.mean(axis=1, dtype=np.float32)
        return mono

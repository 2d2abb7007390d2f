"""StreamResampler: any rate and channel count in, 16 kHz mono int16 out."""

import numpy as np
import pytest
from numpy.typing import NDArray

from desktop.audio.resample import StreamResampler, to_int16


def _sine(rate_hz: int, seconds: float, freq_hz: float, amplitude: float = 0.5) -> np.ndarray:
    t_s = np.arange(round(rate_hz * seconds)) / rate_hz
    return amplitude * np.sin(2 * np.pi * freq_hz * t_s)


def _run_in_blocks(resampler: StreamResampler, signal: np.ndarray, block: int) -> NDArray:
    parts = [resampler.process(signal[i : i + block]) for i in range(0, len(signal), block)]
    return np.concatenate([*parts, resampler.flush()])


def _peak_hz(samples: np.ndarray, rate_hz: int = 16_000) -> float:
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float64) * np.hanning(len(samples))))
    return float(np.argmax(spectrum) * rate_hz / len(samples))


def test_48k_stereo_sine_becomes_16k_mono_of_the_same_frequency():
    """48 kHz stereo int16 becomes 16 kHz mono, one third as long, same tone."""
    tone = to_int16(_sine(48_000, 2.0, 440.0))
    stereo = np.stack([tone, tone], axis=1)
    out = _run_in_blocks(StreamResampler(48_000, 2), stereo, block=4800)
    assert out.dtype == np.int16
    assert out.ndim == 1
    assert len(out) == 32_000
    assert abs(_peak_hz(out) - 440.0) < 1.0
    # Averaging identical channels keeps the level: amplitude 0.5 is about 16384.
    assert 15_500 < np.abs(out[2000:-2000]).max() < 17_000


def test_8k_mono_sine_becomes_16k_of_the_same_frequency():
    """Upsampling 8 kHz doubles the length and keeps a 1 kHz tone at 1 kHz."""
    tone = to_int16(_sine(8_000, 2.0, 1000.0))
    out = _run_in_blocks(StreamResampler(8_000, 1), tone, block=800)
    assert len(out) == 32_000
    assert abs(_peak_hz(out) - 1000.0) < 1.0


def test_without_flush_the_filter_delay_stays_under_one_block():
    """Before flush the output lags by the filter delay, which is less than one 100 ms block."""
    tone = _sine(44_100, 1.0, 300.0).astype(np.float32)
    resampler = StreamResampler(44_100, 1)
    parts = [resampler.process(tone[i : i + 4410]) for i in range(0, len(tone), 4410)]
    unflushed = sum(len(part) for part in parts)
    assert 16_000 - 1600 < unflushed < 16_000
    assert unflushed + len(resampler.flush()) == 16_000


def test_channels_are_averaged_not_just_the_first_taken():
    """Opposite-phase channels cancel, which only an average of both channels does."""
    tone = _sine(48_000, 0.5, 440.0).astype(np.float32)
    out = _run_in_blocks(StreamResampler(48_000, 2), np.stack([tone, -tone], axis=1), 4800)
    assert np.abs(out).max() <= 1


def test_block_by_block_equals_whole_signal():
    """Feeding odd-sized blocks gives the same samples as one call, within 2 LSB."""
    noise = np.random.default_rng(3).normal(0, 0.2, 44_100 * 3).astype(np.float32)
    whole = _run_in_blocks(StreamResampler(44_100, 1), noise, block=len(noise))
    blocks = _run_in_blocks(StreamResampler(44_100, 1), noise, block=1234)
    assert len(whole) == len(blocks) == 48_000
    assert np.abs(whole.astype(np.int32) - blocks.astype(np.int32)).max() <= 2


def test_16k_mono_int16_passes_through_unchanged():
    """Already-right input is returned sample for sample, with nothing held back."""
    samples = np.random.default_rng(5).integers(-32768, 32767, 3200).astype(np.int16)
    resampler = StreamResampler(16_000, 1)
    assert resampler.is_passthrough
    np.testing.assert_array_equal(resampler.process(samples), samples)
    assert len(resampler.flush()) == 0


def test_float_input_is_scaled_and_clipped_not_wrapped():
    """Floats map 1.0 to full scale, and overs clip instead of wrapping to the other sign."""
    floats = np.array([0.0, 0.5, -0.5, 1.5, -1.5], dtype=np.float32)
    out = StreamResampler(16_000, 1).process(floats)
    np.testing.assert_array_equal(out, [0, 16384, -16384, 32767, -32768])


def test_int32_input_is_scaled_to_int16():
    """32-bit integer samples (some USB microphones) keep their level."""
    out = StreamResampler(16_000, 1).process(np.array([2**30, -(2**30)], dtype=np.int32))
    np.testing.assert_array_equal(out, [16384, -16384])


def test_block_of_the_wrong_channel_count_is_refused():
    """A stereo block given to a mono resampler is a caller bug, reported clearly."""
    with pytest.raises(ValueError, match=r"\(frames, 1\)"):
        StreamResampler(16_000, 1).process(np.zeros((10, 2), dtype=np.int16))

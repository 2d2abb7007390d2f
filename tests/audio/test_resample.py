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
    """A voice on the second channel only is kept, at half amplitude (-6 dB): the channels
    are averaged, not the first one taken. (This test used L = -R, which now counts as a
    mis-wired headset and is no longer averaged: see test_inverted_channel_is_not_mixed.)"""
    tone = _sine(48_000, 0.5, 440.0).astype(np.float32)
    silent = np.zeros_like(tone)
    out = _run_in_blocks(StreamResampler(48_000, 2), np.stack([silent, tone], axis=1), 4800)
    assert 7_700 < np.abs(out[2000:-2000]).max() < 8_700
    mixed = StreamResampler(48_000, 2)
    _run_in_blocks(mixed, np.stack([tone, silent], axis=1), 4800)
    assert mixed.cancelling_since_frame is None


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


@pytest.mark.parametrize(("rate_hz", "dtype"), [(16_000, np.int16), (48_000, np.float32)])
def test_inverted_channel_is_not_mixed(rate_hz: int, dtype: type) -> None:
    """L = -R (a mis-wired headset) would mix to silence: one channel is taken instead,
    from the first loud block on, and the resampler says from which frame."""
    quiet = np.zeros(rate_hz // 2)
    tone = np.concatenate([quiet, _sine(rate_hz, 1.0, 300.0)])
    left = to_int16(tone) if dtype == np.int16 else tone.astype(np.float32)
    resampler = StreamResampler(rate_hz, 2)
    out = _run_in_blocks(resampler, np.stack([left, -left], axis=1), rate_hz // 10)
    assert resampler.cancelling_since_frame == rate_hz // 2
    assert 15_500 < np.abs(out[12_000:-2000]).max() < 17_000


def test_two_talkers_on_two_channels_are_mixed() -> None:
    """Different signals on the two channels (agent left, customer right) never look like
    cancelling channels: both stay in the mix."""
    left = _sine(16_000, 1.0, 200.0).astype(np.float32)
    right = _sine(16_000, 1.0, 310.0).astype(np.float32)
    resampler = StreamResampler(16_000, 2)
    out = _run_in_blocks(resampler, np.stack([left, right], axis=1), 1600)
    assert resampler.cancelling_since_frame is None
    assert abs(_peak_hz(out) - 200.0) < 2 or abs(_peak_hz(out) - 310.0) < 2


@pytest.mark.parametrize("channel", [0, 1, 2])
def test_one_channel_is_taken_when_asked(channel: int) -> None:
    """channel=k gives exactly that channel of a 16 kHz int16 file, and at another rate that
    channel's tone alone."""
    tones = [to_int16(_sine(16_000, 0.5, f)) for f in (200.0, 500.0, 900.0)]
    out = _run_in_blocks(StreamResampler(16_000, 3, channel), np.stack(tones, axis=1), 1600)
    np.testing.assert_array_equal(out, tones[channel])
    floats = np.stack([_sine(44_100, 0.5, f) for f in (200.0, 500.0, 900.0)], axis=1)
    resampled = _run_in_blocks(StreamResampler(44_100, 3, channel), floats, 4410)
    assert abs(_peak_hz(resampled) - (200.0, 500.0, 900.0)[channel]) < 3


def test_nan_infinity_and_overs_are_repaired_and_counted() -> None:
    """NaN becomes silence, infinities and floats beyond ±1 are clipped, each counted; the
    output stays finite (a NaN would poison the resampler's filter for good)."""
    signal = _sine(48_000, 1.0, 300.0).astype(np.float32)
    signal[1000:1010] = np.nan
    signal[2000] = np.inf
    signal[3000] = -np.inf
    signal[4000:4005] = 3.5
    resampler = StreamResampler(48_000, 1)
    out = _run_in_blocks(resampler, signal, 4800)
    assert resampler.non_finite_samples == 12
    assert resampler.clipped_samples == 5
    assert len(out) == 16_000
    assert np.abs(out[2000:]).max() < 32_767

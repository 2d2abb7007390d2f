"""Frame features: level, pitch and band energies on signals with known answers."""

import numpy as np
import pytest

from desktop.prosody.frames import FrameAnalyzer, FrameFeatures, concat_features

from signals import RATE_HZ, harmonic, noise, to_int16


def features_of(samples: np.ndarray, block: int | None = None) -> FrameFeatures:
    analyzer = FrameAnalyzer(RATE_HZ)
    if block is None:
        return concat_features([analyzer.process(samples), analyzer.flush()])
    parts = [analyzer.process(samples[i : i + block]) for i in range(0, len(samples), block)]
    return concat_features([*parts, analyzer.flush()])


@pytest.mark.parametrize("f0_hz", [75.0, 110.0, 165.0, 220.0, 310.0])
def test_f0_of_a_harmonic_tone_is_within_two_percent(f0_hz: float) -> None:
    """A steady voiced tone gives its f0 in every inner frame, within ±2 %."""
    features = features_of(to_int16(harmonic(f0_hz, 1.0)))
    inner = features.f0_hz[5:-5]
    assert not np.isnan(inner).any()
    assert np.max(np.abs(inner / f0_hz - 1.0)) < 0.02


def test_noise_is_not_voiced() -> None:
    """White noise has no periodicity, so (almost) no frame is called voiced."""
    features = features_of(to_int16(noise(1.0, -20.0)))
    assert np.mean(~np.isnan(features.f0_hz)) < 0.05


def test_level_of_a_tone_matches_its_rms() -> None:
    """The frame level is the RMS level in dBFS, and the bands add up to it."""
    features = features_of(to_int16(harmonic(200.0, 0.5, level_dbfs=-26.0)))
    assert np.allclose(features.level_dbfs[5:-5], -26.0, atol=0.3)
    band_total = 10 * np.log10(np.sum(10 ** (features.band_db[5:-5] / 10), axis=1))
    assert np.allclose(band_total, -26.0, atol=1.0)


def test_digital_silence_has_the_floor_level() -> None:
    """All-zero audio gives the finite silence floor, not -inf or NaN."""
    features = features_of(np.zeros(RATE_HZ, dtype=np.int16))
    assert features.n_frames == 100
    assert np.all(features.level_dbfs == -100.0)
    assert np.all(features.periodicity == 0.0)


def test_one_frame_per_ten_ms_including_the_last_partial_hop() -> None:
    """1.005 s of audio gives 101 frames: the last half hop still becomes a frame."""
    features = features_of(np.ones(16_080, dtype=np.int16))
    assert features.n_frames == 101


@pytest.mark.parametrize("block", [1, 159, 160, 1000, 4801])
def test_blocks_of_any_size_give_the_same_features(block: int) -> None:
    """Streaming in blocks gives the features of one whole-file call."""
    samples = to_int16(np.concatenate([harmonic(140.0, 0.7), noise(0.5, -40.0, seed=3)]))
    whole = features_of(samples)
    streamed = features_of(samples, block)
    assert streamed.n_frames == whole.n_frames
    assert np.array_equal(streamed.level_dbfs, whole.level_dbfs)
    assert np.allclose(streamed.band_db, whole.band_db, atol=1e-9)
    assert np.allclose(streamed.periodicity, whole.periodicity, atol=1e-9)

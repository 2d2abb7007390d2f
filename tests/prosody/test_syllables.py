"""Syllable nuclei on synthetic signals with known answers (Qt-free, no external tools)."""

import numpy as np
import pytest
from numpy.typing import NDArray

from desktop.prosody.frames import HOP_S, FrameAnalyzer, FrameFeatures, concat_features
from desktop.prosody.syllables import CONTEXT_FRAMES, find_nuclei

from signals import RATE_HZ, harmonic, noise, to_int16

BURST_S = 0.120


def features_of(signal: NDArray[np.float64]) -> FrameFeatures:
    analyzer = FrameAnalyzer(RATE_HZ)
    return concat_features([analyzer.process(to_int16(signal)), analyzer.flush()])


def bursts(rate_syl_s: float, n_bursts: int, f0_hz: float = 180.0) -> NDArray[np.float64]:
    """n_bursts harmonic tones of BURST_S with a raised-cosine envelope, one every
    1/rate_syl_s, with 300 ms of silence before and after."""
    period = round(RATE_HZ / rate_syl_s)
    on = round(BURST_S * RATE_HZ)
    envelope = np.zeros(period)
    envelope[:on] = np.hanning(on)
    train = harmonic(f0_hz, n_bursts * period / RATE_HZ, -16.0) * np.tile(envelope, n_bursts)
    silence = np.zeros(round(0.3 * RATE_HZ))
    return np.concatenate([silence, train, silence])


def nuclei_of(signal: NDArray[np.float64]) -> NDArray[np.int64]:
    features = features_of(signal)
    return find_nuclei(features, 0, features.n_frames)


@pytest.mark.parametrize("rate_syl_s", [3.0, 4.0, 5.0, 6.0])
def test_each_burst_is_one_nucleus_at_the_right_rate(rate_syl_s: float) -> None:
    """12 voiced bursts give exactly 12 nuclei, spaced at the burst rate within 5 %."""
    nuclei = nuclei_of(bursts(rate_syl_s, 12))
    assert len(nuclei) == 12
    rate = (len(nuclei) - 1) / ((nuclei[-1] - nuclei[0]) * HOP_S)
    assert rate == pytest.approx(rate_syl_s, rel=0.05)


def test_nuclei_sit_at_burst_centres() -> None:
    """Each nucleus lies within 20 ms of its burst's envelope peak."""
    nuclei = nuclei_of(bursts(4.0, 8))
    centres_s = 0.3 + np.arange(8) / 4.0 + BURST_S / 2
    assert np.abs(nuclei * HOP_S + HOP_S / 2 - centres_s).max() <= 0.020


def test_silence_has_no_nuclei() -> None:
    """Two seconds of digital silence contain no syllable."""
    assert len(nuclei_of(np.zeros(2 * RATE_HZ))) == 0


def test_steady_noise_has_no_nuclei() -> None:
    """Two seconds of white noise at a constant -30 dBFS contain no syllable: it is aperiodic,
    so the voicing gate rejects every frame (a hiss or fan must never count as speech)."""
    assert len(nuclei_of(noise(2.0, -30.0, seed=3))) == 0


def test_chunked_analysis_equals_whole_analysis() -> None:
    """Cutting speech into chunks, each given CONTEXT_FRAMES of context, finds the same nuclei
    as one call on the whole signal, as long as the cuts fall in dips between bursts."""
    features = features_of(bursts(5.0, 15))
    whole = find_nuclei(features, 0, features.n_frames)
    # Cut in the silent part of every third burst period (bursts start at frame 30).
    cuts = [0, 30 + 3 * 20 + 16, 30 + 7 * 20 + 16, 30 + 11 * 20 + 16, features.n_frames]
    parts = []
    for start, end in zip(cuts[:-1], cuts[1:], strict=True):
        lo, hi = max(0, start - CONTEXT_FRAMES), min(features.n_frames, end + CONTEXT_FRAMES)
        chunk = FrameFeatures(
            lo,
            features.level_dbfs[lo:hi],
            features.band_db[lo:hi],
            features.periodicity[lo:hi],
            features.f0_hz[lo:hi],
        )
        parts.append(find_nuclei(chunk, start, end))
    np.testing.assert_array_equal(np.concatenate(parts), whole)


def test_tiny_chunks_do_not_fail() -> None:
    """A 50 ms chunk, and one with fewer frames than the smoothing window, are handled."""
    features = features_of(bursts(4.0, 2))
    assert len(find_nuclei(features, 40, 45)) <= 1
    tiny = FrameFeatures(
        40,
        *(
            a[40:42]
            for a in (features.level_dbfs, features.band_db, features.periodicity, features.f0_hz)
        ),
    )
    assert len(find_nuclei(tiny, 40, 42)) == 0

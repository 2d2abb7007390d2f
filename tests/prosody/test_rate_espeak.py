"""Articulation rate of Dutch speech synthesised by espeak-ng at known rates.

espeak-ng and sox must be installed: tests fail (not skip) without them.
"""

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from numpy.typing import NDArray

from desktop.prosody.frames import HOP_S, FrameAnalyzer, FrameFeatures, concat_features
from desktop.prosody.syllables import find_nuclei

from synth import espeak, sox_tempo

TEXT = (
    "Goedemiddag, u spreekt met Sanne van de klantenservice. "
    "Waarmee kan ik u vandaag helpen? "
    "Ik zie dat uw bestelling morgen wordt bezorgd."
)
"""37 syllables: a call-centre greeting."""

ESPEAK_WPM = (130, 170, 220, 280)
VOICES = ("nl", "nl+m3", "nl+f2")
"""espeak-ng's default Dutch voice and a male and a female variant (other pitch and timbre)."""
SPEECH_BELOW_PEAK_DB = 35.0
"""A frame is speech if its level is within this of the recording's 95th-percentile level."""
MIN_PAUSE_FRAMES = 20
"""Quiet stretches of at least 200 ms split speech and do not count as articulation time."""


def features_of(path: Path) -> FrameFeatures:
    samples, rate_hz = sf.read(path, dtype="int16")
    analyzer = FrameAnalyzer(rate_hz)
    return concat_features([analyzer.process(samples), analyzer.flush()])


def speech_stretches(features: FrameFeatures) -> list[tuple[int, int]]:
    """[start, end) frame ranges of speech between pauses of at least MIN_PAUSE_FRAMES."""
    level = features.level_dbfs
    loud = np.flatnonzero(level > np.percentile(level, 95) - SPEECH_BELOW_PEAK_DB)
    gaps = np.flatnonzero(np.diff(loud) > MIN_PAUSE_FRAMES)
    starts = np.concatenate([[loud[0]], loud[gaps + 1]])
    ends = np.concatenate([loud[gaps] + 1, [loud[-1] + 1]])
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def rates(path: Path, period_scaled: bool = False) -> tuple[int, float, float]:
    """(syllables, articulation rate, speech rate): syllables per second of speech excluding
    pauses, and per second of the span from the first to the last speech frame."""
    features = features_of(path)
    stretches = speech_stretches(features)
    syllables = sum(
        len(find_nuclei(features, start, end, period_scaled)) for start, end in stretches
    )
    phonation_s = sum(end - start for start, end in stretches) * HOP_S
    span_s = (stretches[-1][1] - stretches[0][0]) * HOP_S
    return syllables, syllables / phonation_s, syllables / span_s


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], Path]:
    folder = tmp_path_factory.mktemp("espeak")
    return {
        (voice, wpm): espeak(TEXT, folder / f"{voice}_{wpm}.wav", voice=voice, rate_wpm=wpm)
        for voice in VOICES
        for wpm in ESPEAK_WPM
    }


@pytest.mark.parametrize("voice", VOICES)
def test_estimated_rate_rises_with_espeak_rate(
    clips: dict[tuple[str, int], Path], voice: str
) -> None:
    """Faster espeak settings give strictly faster articulation-rate estimates, by at least 5 %
    per step, and the syllable count stays within 5 of the 37 in the text, for a male and a
    female voice as for the default one."""
    results = [rates(clips[voice, wpm]) for wpm in ESPEAK_WPM]
    counts = np.array([count for count, _, _ in results])
    articulation: NDArray[np.float64] = np.array([rate for _, rate, _ in results])
    assert np.all(articulation[1:] > 1.05 * articulation[:-1]), articulation
    assert np.all(np.abs(counts - 37) <= 5), counts


@pytest.mark.parametrize("voice", VOICES)
def test_sox_tempo_raises_the_rate_by_its_factor(
    clips: dict[tuple[str, int], Path], tmp_path: Path, voice: str
) -> None:
    """Time-compressing a clip by 1.3 (pitch kept) raises the estimated speech rate by
    1.3 +- 0.08. Speech rate, not articulation rate: the span shrinks by exactly 1.3, whereas
    a 250 ms pause shrinks below the 200 ms pause threshold and turns into phonation time."""
    original = clips[voice, 170]
    faster = sox_tempo(original, tmp_path / "tempo.wav", 1.3)
    _, _, rate = rates(original)
    _, _, rate_faster = rates(faster)
    assert rate_faster / rate == pytest.approx(1.3, abs=0.08)


@pytest.mark.parametrize("voice", VOICES)
def test_period_scaled_nuclei_follow_a_large_speed_up(
    clips: dict[tuple[str, int], Path], tmp_path: Path, voice: str
) -> None:
    """With period scaling, sox tempo 1.8 raises the estimated speech rate by at least
    1.8**0.9 (the fixed picker reads about 1.8**0.8 here: fast syllables merge, and haste
    would be caught late, issue 12), and the count stays within 5 of the text's 37 at every
    espeak rate: the smoothing and minimum gap follow the syllable period."""
    original = clips[voice, 130]
    faster = sox_tempo(original, tmp_path / "tempo.wav", 1.8)
    _, _, rate = rates(original, period_scaled=True)
    _, _, rate_faster = rates(faster, period_scaled=True)
    assert rate_faster / rate >= 1.8**0.9
    counts = np.array([rates(clips[voice, wpm], period_scaled=True)[0] for wpm in ESPEAK_WPM])
    assert np.all(np.abs(counts - 37) <= 5), counts

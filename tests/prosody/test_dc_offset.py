"""A constant offset (cheap USB headsets) changes no measure: the DC blocker before them all."""

import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from desktop.prosody.analyzer import ProsodyAnalyzer, analyze_samples
from desktop.prosody.dc_block import CUTOFF_HZ, DcBlocker

from signals import RATE_HZ, harmonic, to_int16
from synth import espeak

TEXT = (
    "Goedemiddag, u spreekt met Sanne van de klantenservice. "
    "Waarmee kan ik u vandaag helpen? "
    "Ik zie dat uw bestelling morgen wordt bezorgd. "
    "Heeft u verder nog vragen?"
)
"""44 syllables in four sentences: espeak-ng pauses after the comma and each sentence."""
TEXT_SYLLABLES = 44
TEXT_PAUSES = 4


@pytest.fixture(scope="module")
def spoken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return espeak(TEXT, tmp_path_factory.mktemp("dc") / "speech.wav", rate_wpm=170)


def _dcshift(path: Path, offset: float, out: Path) -> Path:
    subprocess.run(["sox", "-R", str(path), str(out), "dcshift", f"{offset:g}"], check=True)
    return out


def _measure(path: Path) -> tuple[int, int, float]:
    samples, rate_hz = sf.read(path, dtype="int16")
    _, summary = analyze_samples(samples, rate_hz)
    return summary.syllables, len(summary.pauses), summary.speech_span_s


@pytest.mark.parametrize("offset", [0.01, 0.05, -0.05])
def test_dc_offset_leaves_syllables_pauses_and_span_unchanged(
    spoken: Path, offset: float, tmp_path: Path
) -> None:
    """sox dcshift 0.01 / ±0.05 on Dutch speech: the same syllables (±2), the same pauses and
    the same span (±50 ms) as the clean recording; without the blocker 0.05 gave 4 syllables
    instead of 46 and 0.01 gave 6 pauses instead of 4."""
    clean = _measure(spoken)
    assert abs(clean[0] - TEXT_SYLLABLES) <= 5 and clean[1] == TEXT_PAUSES, clean
    shifted = _measure(_dcshift(spoken, offset, tmp_path / "dc.wav"))
    assert abs(shifted[0] - clean[0]) <= 2, (shifted, clean)
    assert shifted[1] == clean[1], (shifted, clean)
    assert shifted[2] == pytest.approx(clean[2], abs=0.05)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_any_block_split_gives_bit_identical_output(seed: int) -> None:
    """The blocker's state crosses blocks exactly: blocks of 1..4000 samples give the very
    samples of one call, so streaming still equals the whole-file analysis."""
    rng = np.random.default_rng(seed)
    samples = (rng.normal(0, 3000, 80_000) + 1600).astype(np.int16)
    whole = DcBlocker(RATE_HZ).process(samples)
    blocker = DcBlocker(RATE_HZ)
    pieces, start = [], 0
    while start < len(samples):
        size = int(rng.integers(1, 4000))
        pieces.append(blocker.process(samples[start : start + size]))
        start += size
    np.testing.assert_array_equal(np.concatenate(pieces), whole)


def test_the_recursion_is_the_textbook_dc_blocker() -> None:
    """The vectorised rows give the sample-by-sample recursion y = x - x1 + R*y1, rounded."""
    rng = np.random.default_rng(5)
    samples = (rng.normal(0, 2000, 3000) - 900).astype(np.int16)
    pole = np.exp(-2 * np.pi * CUTOFF_HZ / RATE_HZ)
    expected = np.zeros(len(samples))
    previous, state = float(samples[0]), 0.0
    for n, x in enumerate(samples.astype(np.float64)):
        state = x - previous + pole * state
        previous = x
        expected[n] = state
    got = DcBlocker(RATE_HZ).process(samples)
    np.testing.assert_array_equal(got, np.rint(expected).astype(np.int16))


def test_offset_is_removed_and_voice_frequencies_kept() -> None:
    """A 0.05 offset under a 120 Hz vowel: after 0.1 s the output differs from that of the
    vowel without offset by under 1 LSB on average, and keeps the vowel's RMS within 0.5 dB."""
    vowel = harmonic(120.0, 2.0)
    clean = DcBlocker(RATE_HZ).process(to_int16(vowel))[1600:].astype(np.float64)
    shifted = DcBlocker(RATE_HZ).process(to_int16(vowel + 0.05))[1600:].astype(np.float64)
    assert abs(float(np.mean(shifted - clean))) < 1.0
    reference = float(np.sqrt(np.mean((vowel[1600:] * 32768.0) ** 2)))
    level_db = 20 * np.log10(float(np.sqrt(np.mean(shifted**2))) / reference)
    assert abs(level_db) < 0.5


def test_the_analyzer_filters_what_it_is_given(spoken: Path) -> None:
    """ProsodyAnalyzer.process (the one entry of the live engine and of files) removes the
    offset: the same nuclei from 100 ms blocks of shifted speech as from clean speech."""
    samples, _ = sf.read(spoken, dtype="int16")
    shifted = np.clip(samples.astype(np.int32) + 1638, -32768, 32767).astype(np.int16)
    counts = []
    for signal in (samples, shifted):
        analyzer = ProsodyAnalyzer(RATE_HZ)
        for start in range(0, len(signal), 1600):
            analyzer.process(signal[start : start + 1600])
        analyzer.finish()
        counts.append(analyzer.summary().syllables)
    assert abs(counts[0] - counts[1]) <= 2, counts

"""Streaming gives the same answer as analysing the whole recording at once."""

from collections.abc import Callable

import numpy as np
import pytest

from desktop.prosody.analyzer import (
    DECIDE_FRAMES,
    ProsodyAnalyzer,
    ProsodySettings,
    ProsodyTick,
    SyllableNucleus,
    analyze_samples,
)
from desktop.prosody.frames import HOP_S

from signals import RATE_HZ, harmonic, noise, syllable_train, to_int16


def long_take() -> np.ndarray:
    """12 s: utterances, pauses, and one 7 s stretch without a pause (decided in stretches)."""
    parts = [
        noise(0.5, -60.0),
        syllable_train(5.0, 2.0),
        noise(0.4, -60.0, seed=2),
        syllable_train(3.5, 7.0),
        noise(0.8, -60.0, seed=3),
        harmonic(120.0, 0.6),
        noise(0.6, -60.0, seed=4),
    ]
    return to_int16(np.concatenate(parts))


def tempo_change_take() -> np.ndarray:
    """32 s: 20 s of steady syllables (the picker learns the typical rate after 10 s of
    speech), then faster ones: the stream's state, not only its frames, decides nuclei."""
    parts = [
        noise(0.5, -60.0),
        syllable_train(3.5, 20.0),
        noise(0.6, -60.0, seed=2),
        syllable_train(6.5, 10.0),
        noise(0.6, -60.0, seed=3),
    ]
    return to_int16(np.concatenate(parts))


@pytest.mark.parametrize("take", [long_take, tempo_change_take])
@pytest.mark.parametrize("rate_scaled", [False, True])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_block_sizes_give_the_whole_file_events_and_summary(
    seed: int, rate_scaled: bool, take: Callable[[], np.ndarray]
) -> None:
    """Blocks of 1 to 4000 samples give exactly the events, order and summary of one call,
    with the fixed and with the rate-scaled nucleus picker, also once the picker knows the
    speaker's typical rate."""
    samples = take()
    settings = ProsodySettings() if rate_scaled else ProsodySettings(nucleus_rate_scaling=None)
    whole_events, whole_summary = analyze_samples(samples, RATE_HZ, settings)
    analyzer = ProsodyAnalyzer(RATE_HZ, settings)
    rng = np.random.default_rng(seed)
    streamed = []
    start = 0
    while start < len(samples):
        size = int(rng.integers(1, 4000))
        streamed += analyzer.process(samples[start : start + size])
        start += size
    streamed += analyzer.finish()
    assert analyzer.summary() == whole_summary
    assert [type(e) for e in streamed] == [type(e) for e in whole_events]
    for got, want in zip(streamed, whole_events, strict=True):
        if isinstance(want, ProsodyTick):
            assert isinstance(got, ProsodyTick)
            assert got.t_s == want.t_s and got.speaking == want.speaking
            assert got.loudness_db == pytest.approx(want.loudness_db, abs=1e-9)
        else:
            assert got == want


def test_a_long_stretch_without_pause_is_counted_whole() -> None:
    """7 s of bursts at 3.5/s without a pause still yields all of its syllables."""
    samples = to_int16(
        np.concatenate([noise(0.5, -60.0), syllable_train(3.5, 7.0), noise(0.5, -60.0, seed=1)])
    )
    _, summary = analyze_samples(samples, RATE_HZ)
    assert summary.syllables == 24  # int(7.0 * 3.5) bursts


def test_nuclei_are_known_within_the_lookahead() -> None:
    """In 7 s of speech without a pause every nucleus comes out at most the lookahead plus
    one stretch plus one block after it, while the speech goes on: a rate can be measured
    within about half a second, not only when the agent pauses."""
    samples = to_int16(
        np.concatenate([noise(0.5, -60.0), syllable_train(3.5, 7.0), noise(0.5, -60.0, seed=1)])
    )
    analyzer = ProsodyAnalyzer(RATE_HZ)
    block = RATE_HZ // 10
    delays_s = []
    for start in range(0, len(samples), block):
        heard_s = min(start + block, len(samples)) / RATE_HZ
        for event in analyzer.process(samples[start : start + block]):
            if isinstance(event, SyllableNucleus):
                delays_s.append(heard_s - event.t_s)
    assert len(delays_s) == 24  # all of them before the segment closed
    settings = ProsodySettings()
    bound_s = settings.nucleus_lookahead_s + (DECIDE_FRAMES + 1) * HOP_S + block / RATE_HZ
    assert max(delays_s) <= bound_s
    assert bound_s < 1.0


def test_memory_stays_bounded_on_a_long_stream() -> None:
    """After ten minutes of speech-like audio the analyzer holds only a few seconds of frames."""
    analyzer = ProsodyAnalyzer(RATE_HZ)
    block = to_int16(syllable_train(4.0, 10.0) + 0.0)
    for _ in range(60):
        analyzer.process(block)
    history = analyzer._history  # noqa: SLF001 - the test is about this private store
    held_frames = history.end_frame - history.first_frame
    assert held_frames < 400  # 4 s: the lookback, the lookahead, context

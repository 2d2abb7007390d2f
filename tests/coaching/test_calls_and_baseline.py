"""Calls are split by a press or by long silence; baselines are robust and survive restarts."""

import json
from pathlib import Path

import pytest

from desktop.coaching.baseline import BaselineLearner
from desktop.coaching.calls import CallStarted, CallTracker
from desktop.coaching.settings import CallSettings
from desktop.events import NewCallRequested
from desktop.prosody.analyzer import ProsodyTick, SpeechSegment


def tick(t_s: float, speaking: bool, loudness_db: float = -30.0) -> ProsodyTick:
    return ProsodyTick(t_s, loudness_db - 3, loudness_db, None, speaking, -70.0)


def test_a_long_silence_starts_a_new_call_at_the_next_speech() -> None:
    """60 s without speech, then speech: a call starts at that speech, not before."""
    tracker = CallTracker(CallSettings(new_call_after_silence_s=60.0))
    starts = [tracker.observe(tick(0.1, True))]
    starts += [tracker.observe(tick(t / 10, False)) for t in range(2, 600)]
    starts += [tracker.observe(tick(59.9, False)), tracker.observe(tick(60.2, True))]
    started = [s for s in starts if s is not None]
    assert started == [CallStarted(0.0, "stream start"), CallStarted(60.2, "silence")]
    assert tracker.call_start_s == 60.2


def test_a_short_silence_does_not_split_the_call() -> None:
    """59 s of silence is a quiet customer, not a new call."""
    tracker = CallTracker(CallSettings(new_call_after_silence_s=60.0))
    tracker.observe(tick(1.0, True))
    assert tracker.observe(tick(59.9, True)) is None


def test_new_call_button() -> None:
    """A press starts a call at its own stream time."""
    tracker = CallTracker(CallSettings())
    tracker.observe(tick(0.1, True))
    assert tracker.observe(NewCallRequested(12.5)) == CallStarted(12.5, "manual")
    assert tracker.call_start_s == 12.5


def segment(start_s: float, duration_s: float, rate_syl_s: float) -> SpeechSegment:
    return SpeechSegment(start_s, start_s + duration_s, round(rate_syl_s * duration_s))


def test_rate_baseline_is_the_duration_weighted_median_after_warm_up() -> None:
    """100 s at 4 syll/s and 30 s at 7 syll/s: the baseline is 4, not pulled by the fast part;
    before 120 s of speech there is none."""
    learner = BaselineLearner(warmup_s=120.0)
    for i in range(50):
        learner.observe(segment(i * 3.0, 2.0, 4.0))
    assert learner.current().articulation_rate_syl_s is None
    for i in range(15):
        learner.observe(segment(200 + i * 3.0, 2.0, 7.0))
    assert learner.current().articulation_rate_syl_s == pytest.approx(4.0, abs=0.1)


def test_short_segments_do_not_count() -> None:
    """'ja', 'oké': segments under 0.8 s say nothing about tempo."""
    learner = BaselineLearner(warmup_s=1.0)
    for i in range(100):
        learner.observe(segment(i, 0.5, 9.0))
    assert learner.current().articulation_rate_syl_s is None


def test_loudness_baseline_from_speaking_ticks_only() -> None:
    """Silence between words does not drag the loudness baseline down."""
    learner = BaselineLearner(warmup_s=10.0)
    for i in range(200):
        learner.observe(tick(i / 10, True, -25.0))
        learner.observe(tick(i / 10 + 0.05, False, -70.0))
    assert learner.current().loudness_db == pytest.approx(-25.0, abs=0.5)


def test_baseline_survives_a_restart_with_recent_weight(tmp_path: Path) -> None:
    """Saved and loaded, the baseline is still known; old weight is halved on load."""
    path = tmp_path / "baseline.json"
    first = BaselineLearner(warmup_s=120.0)
    for i in range(100):
        first.observe(segment(i * 3.0, 3.0, 5.0))  # 300 s of speech
    first.save(path)
    second = BaselineLearner(warmup_s=120.0)
    second.load(path)
    assert second.current().articulation_rate_syl_s == pytest.approx(5.0, abs=0.1)
    third = BaselineLearner(warmup_s=200.0)  # 150 s carried over is below 200 s
    third.load(path)
    assert third.current().articulation_rate_syl_s is None


@pytest.mark.parametrize(
    "content", ["{not json", json.dumps({"version": 1}), json.dumps([1, 2]), "\x00\xff"]
)
def test_a_corrupt_baseline_file_is_set_aside_and_learning_starts_afresh(
    tmp_path: Path, content: str
) -> None:
    """A damaged file costs a warm-up, never a crash; it is kept as *.corrupt for IT."""
    path = tmp_path / "baseline.json"
    path.write_text(content)
    learner = BaselineLearner(warmup_s=1.0)
    learner.load(path)
    assert learner.current().articulation_rate_syl_s is None
    assert not path.exists() and (tmp_path / "baseline.corrupt").exists()

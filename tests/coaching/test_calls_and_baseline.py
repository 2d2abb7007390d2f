"""Calls are split by a press or by long silence; baselines are robust and survive restarts."""

import json
from pathlib import Path

import pytest

from desktop.coaching.baseline import BaselineLearner
from desktop.coaching.calls import CallStarted, CallTracker
from desktop.coaching.settings import CallSettings
from desktop.coaching.tempo_events import RateSource, TempoMeasured
from desktop.events import NewCallRequested
from desktop.prosody.analyzer import ProsodyTick


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


class Speech:
    """Tempo measurements as the meter makes them: one per second of speech."""

    def __init__(self) -> None:
        self.clock_s = 0.0

    def measured(
        self, seconds: float, rate_syl_s: float, source: RateSource = "nuclei"
    ) -> list[TempoMeasured]:
        out = []
        for _ in range(round(seconds)):
            self.clock_s += 1.0
            t_s = self.clock_s
            out.append(TempoMeasured(t_s, t_s - 8.0, t_s, rate_syl_s, self.clock_s, source))
        return out


def feed(learner: BaselineLearner, events: list[TempoMeasured]) -> None:
    for event in events:
        learner.observe(event)


def test_rate_baseline_is_the_speech_weighted_median_after_warm_up() -> None:
    """100 s at 4 syll/s and 30 s at 7 syll/s: the baseline is 4, not pulled by the fast part;
    before 120 s of speech there is none."""
    learner = BaselineLearner(warmup_s=120.0)
    speech = Speech()
    feed(learner, speech.measured(100.0, 4.0))
    assert learner.current().articulation_rate_syl_s is None
    feed(learner, speech.measured(30.0, 7.0))
    assert learner.current().articulation_rate_syl_s == pytest.approx(4.0, abs=0.1)


def test_measurements_weigh_by_the_speech_between_them() -> None:
    """A rate measured after 5 s of speech counts five times one measured after 1 s: it
    stands for that much speech."""
    learner = BaselineLearner(warmup_s=1.0)
    speech = Speech()
    feed(learner, speech.measured(1.0, 4.0))  # the first only starts the clock
    feed(learner, speech.measured(3.0, 4.0))
    speech.clock_s += 4.0
    feed(learner, speech.measured(1.0, 6.0))
    assert learner.current().articulation_rate_syl_s == pytest.approx(6.0, abs=0.1)


def test_rates_go_to_the_nearest_bin() -> None:
    """5.04 syll/s is a baseline of 5.0, not rounded up to 5.1."""
    learner = BaselineLearner(warmup_s=10.0)
    feed(learner, Speech().measured(30.0, 5.04))
    assert learner.current().articulation_rate_syl_s == pytest.approx(5.0)


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
    feed(first, Speech().measured(301.0, 5.0))  # 300 s of speech
    first.save(path)
    second = BaselineLearner(warmup_s=120.0)
    second.load(path)
    assert second.current().articulation_rate_syl_s == pytest.approx(5.0, abs=0.1)
    third = BaselineLearner(warmup_s=200.0)  # 150 s carried over is below 200 s
    third.load(path)
    assert third.current().articulation_rate_syl_s is None


def test_each_syllable_source_has_its_own_rate_baseline() -> None:
    """Rates counted from words and from nuclei never mix: 200 s of words at 5.5 and 200 s
    of nuclei at 4.5 give those two baselines, not one in between."""
    learner = BaselineLearner(warmup_s=120.0)
    speech = Speech()
    for _ in range(50):
        feed(learner, speech.measured(4.0, 5.5, "words"))
        feed(learner, speech.measured(4.0, 4.5, "nuclei"))
    baselines = learner.current()
    assert baselines.rate_syl_s("words") == pytest.approx(5.5, abs=0.1)
    assert baselines.rate_syl_s("nuclei") == pytest.approx(4.5, abs=0.1)
    assert baselines.word_articulation_rate_syl_s == baselines.rate_syl_s("words")


def test_both_sources_survive_a_restart_and_an_old_file_keeps_its_loudness(
    tmp_path: Path,
) -> None:
    """Both histograms are saved; a version 1 file (per-segment rates, another statistic)
    still loads its loudness, while the rates are learned afresh."""
    path = tmp_path / "baseline.json"
    first = BaselineLearner(warmup_s=60.0)
    speech = Speech()
    for _ in range(100):
        feed(first, speech.measured(4.0, 5.5, "words"))
        feed(first, speech.measured(4.0, 4.5, "nuclei"))
    for i in range(2000):
        first.observe(tick(i / 10, True, -25.0))
    first.save(path)
    second = BaselineLearner(warmup_s=60.0)
    second.load(path)
    assert second.current().rate_syl_s("words") == pytest.approx(5.5, abs=0.1)
    assert second.current().rate_syl_s("nuclei") == pytest.approx(4.5, abs=0.1)
    saved = json.loads(path.read_text())
    old = {"version": 1, "rate_weight_s": saved["rate_weight_s"]["nuclei"]}
    old["loudness_weight_s"] = saved["loudness_weight_s"]
    path.write_text(json.dumps(old))
    third = BaselineLearner(warmup_s=60.0)
    third.load(path)
    assert third.current().loudness_db == pytest.approx(-25.0, abs=0.5)
    assert third.current().rate_syl_s("nuclei") is None
    assert third.current().rate_syl_s("words") is None


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps({"version": 1}),
        json.dumps([1, 2]),
        "\x00\xff",
        json.dumps({"version": 3, "rate_weight_s": {}, "loudness_weight_s": []}),
        json.dumps({"version": 2, "rate_weight_s": {"nuclei": [1.0]}, "loudness_weight_s": []}),
    ],
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

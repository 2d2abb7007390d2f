"""The coach's tempo reading for the overlay's meter: the haste measurement, at most every
0.5 s of stream time, never gated, and not part of the command line's output."""

import pytest

from desktop.cli.output import human_line, json_lines
from desktop.coaching.baseline import BaselineLearner
from desktop.coaching.coach import READING_INTERVAL_S, Coach, TempoReading, build_coach
from desktop.coaching.settings import Policy
from desktop.events import EngineEvent, SnoozeRequested

from timeline import Timeline, syllable_words


def readings(coach: Coach, events: list[EngineEvent]) -> list[TempoReading]:
    return [out for e in events for out in coach.observe(e) if isinstance(out, TempoReading)]


def steady(rate_syl_s: float, seconds: float) -> list[EngineEvent]:
    tl = Timeline()
    tl.speak_steadily(0.0, seconds, rate_syl_s)
    return tl.events()


def test_readings_follow_the_rate_at_most_every_half_second() -> None:
    """Speech at 4.0 syll/s: once 8 s of speech fill the window, a reading of about 4.0
    comes every 0.5 to 1 s of stream time, never closer together."""
    got = readings(build_coach(Policy()), steady(4.0, 60.0))
    times = [r.t_s for r in got]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert 8.0 <= times[0] <= 9.5
    assert min(gaps) >= READING_INTERVAL_S - 1e-9
    assert max(gaps) <= 2 * READING_INTERVAL_S
    assert all(r.rate_syl_s == pytest.approx(4.0, abs=0.2) for r in got)


def test_without_a_baseline_the_floor_is_the_limit() -> None:
    """Before the agent's baseline is learned the meter marks the floor (5.5 syll/s)."""
    got = readings(build_coach(Policy()), steady(4.0, 30.0))
    assert got and {(r.baseline_syl_s, r.hasty_above_syl_s) for r in got} == {(None, 5.5)}


def test_the_reading_carries_the_baseline_of_its_own_estimator() -> None:
    """With words recognised, the reading is the word-counted rate (6.0 where the nuclei say
    4.5) against the word baseline (learned from the same speech: 6.0, so hasty above
    6.0 × 1.15 = 6.9, capped by the 6.5 ceiling)."""
    tl = Timeline()
    t = 0.0
    while t + 4.0 <= 120.0:
        tl.speak(t, t + 4.0, 4.5).say(syllable_words(t, t + 4.0, 6.0))
        t += 4.3
    coach = Coach(Policy(), [], BaselineLearner(warmup_s=30.0))
    last = readings(coach, tl.events())[-1]
    assert last.rate_syl_s == pytest.approx(6.0, abs=0.1)
    assert last.baseline_syl_s == pytest.approx(6.0, abs=0.1)
    assert last.hasty_above_syl_s == 6.5


def test_readings_are_not_gated() -> None:
    """The shift warm-up and a snooze hold cards back, not the meter."""
    coach = build_coach(Policy())  # 60 s warm-up
    events: list[EngineEvent] = [SnoozeRequested(0.0), *steady(4.0, 30.0)]
    assert len(readings(coach, events)) >= 20


def test_the_command_line_output_skips_readings() -> None:
    """`analyze --json` and the human lines stay as they were: no reading is written."""
    reading = TempoReading(12.5, 4.2, None, 5.5)
    assert json_lines(reading) == []
    assert human_line(reading) is None


def test_hasty_speech_does_not_raise_the_agents_own_baseline() -> None:
    """Once the baseline is known (4.0 after 60 s), two minutes at 6.0 syll/s (hasty: above
    5.5) do not move it: rushing is not the agent's normal. Calm speech at 4.75 (not hasty)
    still counts, so the baseline follows it."""
    tl = Timeline()
    t = tl.speak_steadily(0.0, 100.0, rate_syl_s=4.0)
    hasty_start_s = t
    t = tl.speak_steadily(t + 0.3, t + 120.0, rate_syl_s=6.0)
    hasty_end_s = t
    tl.speak_steadily(t + 0.3, t + 400.0, rate_syl_s=4.75)
    coach = Coach(Policy(), [], BaselineLearner(warmup_s=60.0))
    got = readings(coach, tl.events())
    before = [r.baseline_syl_s for r in got if r.t_s < hasty_start_s][-1]
    during = {r.baseline_syl_s for r in got if hasty_start_s < r.t_s < hasty_end_s}
    assert before == pytest.approx(4.0, abs=0.1)
    assert during == {before}
    assert got[-1].baseline_syl_s == pytest.approx(4.7, abs=0.1)

"""Tempo over a shift: articulation rate per 10-s interval against the haste threshold.

The articulation rate of an interval is syllables / seconds of the agent's speech in it
(pauses excluded, De Jong & Wempe 2009). An interval with less than `MIN_JUDGED_TALK_S` of
speech says little about tempo (a "ja" is not a pace), so it gets no rate in the chart and
is left out of the peak and the hasty share. The threshold is the haste cue's own
(`haste_threshold_syl_s`), with the settings the shift was coached with and the agent's
baseline at the end of the shift. The cue measures over 8 s of speech as it goes; these
figures look at 10 s of call time afterwards, so they agree in spirit, not to the syllable.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.coaching.rules.haste import haste_threshold_syl_s
from desktop.store.records import IntervalRecord, ShiftHistory

MIN_JUDGED_TALK_S = 3.0


@dataclass(frozen=True, slots=True)
class TempoPoint:
    """One interval on the tempo chart (stream seconds); `rate_syl_s` is None when there was
    too little speech to judge."""

    start_s: float
    end_s: float
    call_number: int
    talk_s: float
    rate_syl_s: float | None
    hasty: bool


@dataclass(frozen=True, slots=True)
class TempoSeries:
    """The tempo chart: points in time order, the agent's baseline and the haste threshold
    (horizontal lines), all in syllables per second."""

    points: tuple[TempoPoint, ...]
    baseline_syl_s: float | None
    threshold_syl_s: float


def baseline_rate_syl_s(history: ShiftHistory) -> float | None:
    return history.baseline.articulation_rate_syl_s if history.baseline else None


def threshold_syl_s(history: ShiftHistory) -> float:
    """The haste threshold of this shift (syll/s)."""
    return haste_threshold_syl_s(history.shift.haste.settings(), baseline_rate_syl_s(history))


def judged(intervals: Sequence[IntervalRecord]) -> list[IntervalRecord]:
    return [i for i in intervals if i.talk_s >= MIN_JUDGED_TALK_S]


def average_rate_syl_s(intervals: Sequence[IntervalRecord]) -> float | None:
    """All syllables / all speech time: the articulation rate over the intervals."""
    talk_s = sum(i.talk_s for i in intervals)
    return sum(i.syllables for i in intervals) / talk_s if talk_s > 0 else None


def peak_rate_syl_s(intervals: Sequence[IntervalRecord]) -> float | None:
    """The fastest judged interval's rate."""
    rates = [_rate(i) for i in judged(intervals)]
    return max(rates) if rates else None


def hasty_share(intervals: Sequence[IntervalRecord], threshold: float) -> float | None:
    """Share (0-1) of judged speech time in intervals faster than `threshold`."""
    counted = judged(intervals)
    talk_s = sum(i.talk_s for i in counted)
    if talk_s <= 0:
        return None
    return sum(i.talk_s for i in counted if _rate(i) > threshold) / talk_s


def tempo_series(history: ShiftHistory) -> TempoSeries:
    threshold = threshold_syl_s(history)
    points = []
    for i in history.intervals:
        rate = _rate(i) if i.talk_s >= MIN_JUDGED_TALK_S else None
        hasty = rate is not None and rate > threshold
        points.append(TempoPoint(i.start_s, i.end_s, i.call_number, i.talk_s, rate, hasty))
    return TempoSeries(tuple(points), baseline_rate_syl_s(history), threshold)


def _rate(interval: IntervalRecord) -> float:
    return interval.syllables / interval.talk_s if interval.talk_s > 0 else 0.0

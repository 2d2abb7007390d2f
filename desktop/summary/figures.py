"""The headline figures of one shift.

- talk_s: the agent's speech time; calls: calls in which they spoke (`calls.py`).
- Tempo: average articulation rate (all syllables / all speech time), the peak 10-s interval,
  both also as a ratio to the agent's baseline; hasty_share: share of speech time in
  intervals above the haste threshold (`tempo.py`).
- key_points: key points said after a pause, of the key points heard; acknowledged: customer
  turns whose reply was not judged to lack an acknowledgement, of the customer turns. Both
  count every judgement of the rules, not only the cards shown (`desktop.store.judges`);
  None when not measured: no words were recognised (no speech model), the cue was switched
  off, or the shift was recorded before these counts existed.
- cues: cards shown, per name and per call.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from desktop.store.records import IntervalRecord, ShiftHistory
from desktop.summary.calls import call_bars
from desktop.summary.tempo import (
    average_rate_syl_s,
    baseline_rate_syl_s,
    hasty_share,
    peak_rate_syl_s,
    threshold_syl_s,
)


@dataclass(frozen=True, slots=True)
class Share:
    """`part` of `whole` (e.g. 14 of 18 key points)."""

    part: int
    whole: int

    @property
    def fraction(self) -> float | None:
        return self.part / self.whole if self.whole > 0 else None


@dataclass(frozen=True, slots=True)
class ShiftFigures:
    shift_id: int
    started_utc: datetime
    recorded_s: float
    talk_s: float
    calls: int
    average_rate_syl_s: float | None
    peak_rate_syl_s: float | None
    baseline_rate_syl_s: float | None
    haste_threshold_syl_s: float
    hasty_share: float | None
    key_points: Share | None
    acknowledged: Share | None
    cues: int
    cues_by_name: tuple[tuple[str, int], ...]
    """Most frequent first."""

    @property
    def average_vs_baseline(self) -> float | None:
        return _ratio(self.average_rate_syl_s, self.baseline_rate_syl_s)

    @property
    def peak_vs_baseline(self) -> float | None:
        return _ratio(self.peak_rate_syl_s, self.baseline_rate_syl_s)

    @property
    def cues_per_call(self) -> float | None:
        return self.cues / self.calls if self.calls > 0 else None


def shift_figures(history: ShiftHistory) -> ShiftFigures:
    intervals = history.intervals
    names = Counter(cue.name for cue in history.cues)
    heard_words = _total(intervals, "words") or 0
    key_points = _share(intervals, "key_points", "key_points_rushed")
    turns = _share(intervals, "customer_turns", "replies_unacknowledged")
    return ShiftFigures(
        shift_id=history.shift.shift_id,
        started_utc=history.shift.started_utc,
        recorded_s=history.shift.recorded_s,
        talk_s=sum(i.talk_s for i in intervals),
        calls=len(call_bars(history)),
        average_rate_syl_s=average_rate_syl_s(intervals),
        peak_rate_syl_s=peak_rate_syl_s(intervals),
        baseline_rate_syl_s=baseline_rate_syl_s(history),
        haste_threshold_syl_s=threshold_syl_s(history),
        hasty_share=hasty_share(intervals, threshold_syl_s(history)),
        key_points=key_points if heard_words > 0 else None,
        acknowledged=turns if heard_words > 0 else None,
        cues=sum(names.values()),
        cues_by_name=tuple(names.most_common()),
    )


def _total(intervals: Sequence[IntervalRecord], name: str) -> int | None:
    """The sum of a count, or None when no interval measured it."""
    values = [getattr(i, name) for i in intervals if getattr(i, name) is not None]
    return sum(values) if values else None


def _share(intervals: Sequence[IntervalRecord], whole_name: str, missed_name: str) -> Share | None:
    whole = _total(intervals, whole_name)
    missed = _total(intervals, missed_name)
    if whole is None or missed is None:
        return None
    return Share(max(0, whole - missed), whole)


def _ratio(value: float | None, baseline: float | None) -> float | None:
    if value is None or baseline is None or baseline <= 0:
        return None
    return value / baseline

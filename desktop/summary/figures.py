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
- conversation: with the customer channel, talk/listen share, interruptions, dead air and the
  customer's tempo (`conversation.py`).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from desktop.store.records import ShiftHistory
from desktop.summary.calls import call_bars
from desktop.summary.conversation import NOT_HEARD, Conversation, conversation
from desktop.summary.share import Share, judged_share
from desktop.summary.tempo import (
    average_rate_syl_s,
    baseline_rate_syl_s,
    hasty_share,
    peak_rate_syl_s,
    threshold_syl_s,
)


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
    conversation: Conversation = NOT_HEARD
    """The two-sided figures (`desktop.summary.conversation`); not heard by default."""
    calls_heard: int = 0
    """Calls (of `calls`) in which the customer channel was heard."""

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
    bars = call_bars(history)
    return ShiftFigures(
        shift_id=history.shift.shift_id,
        started_utc=history.shift.started_utc,
        recorded_s=history.shift.recorded_s,
        talk_s=sum(i.talk_s for i in intervals),
        calls=len(bars),
        average_rate_syl_s=average_rate_syl_s(intervals),
        peak_rate_syl_s=peak_rate_syl_s(intervals),
        baseline_rate_syl_s=baseline_rate_syl_s(history),
        haste_threshold_syl_s=threshold_syl_s(history),
        hasty_share=hasty_share(intervals, threshold_syl_s(history)),
        key_points=judged_share(intervals, "key_points", "key_points_rushed"),
        acknowledged=judged_share(intervals, "customer_turns", "replies_unacknowledged"),
        cues=sum(names.values()),
        cues_by_name=tuple(names.most_common()),
        conversation=conversation(intervals),
        calls_heard=sum(1 for b in bars if b.conversation.heard),
    )


def _ratio(value: float | None, baseline: float | None) -> float | None:
    if value is None or baseline is None or baseline <= 0:
        return None
    return value / baseline

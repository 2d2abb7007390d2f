"""What the tempo chart shows, without Qt: a time window of the shift, its tempo points, the
baseline and threshold, the calls behind it and the cues on top.

The customer's tempo, where the customer channel was heard, is one value per call.
The same chart shows a whole shift (hours, bucketed to the chart's width so a line of 2,880
ten-second points stays readable) or one call (every 10-s point, times from the call's start).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.summary.calls import CallBar
from desktop.summary.load import ShiftSummary
from desktop.summary.tempo import TempoPoint

JOIN_GAP_S = 0.5
"""Points this close in time (and in the same call) are joined by the line."""


@dataclass(frozen=True, slots=True)
class CallSpan:
    """A call on the chart, with the customer's tempo in it where it was measured: one value
    per call, as the pace cue compares the agent with "the customer's own tempo in this call"
    (a 10-s interval holds too little of the customer's speech for a tempo of its own)."""

    number: int
    """The key of the call in the history."""
    label: int
    """The call's name for the agent (`CallBar.label`)."""
    start_s: float
    end_s: float
    customer_rate_syl_s: float | None = None


@dataclass(frozen=True, slots=True)
class CueMark:
    t_s: float
    name: str
    call_number: int


@dataclass(frozen=True, slots=True)
class TempoChart:
    """The chart's content; times are stream seconds, shown relative to `origin_s`."""

    start_s: float
    end_s: float
    origin_s: float
    points: tuple[TempoPoint, ...]
    baseline_syl_s: float | None
    threshold_syl_s: float
    calls: tuple[CallSpan, ...]
    cues: tuple[CueMark, ...]
    highlight_call: int | None = None
    whole_shift: bool = True

    @property
    def span_s(self) -> float:
        return max(self.end_s - self.start_s, 1.0)

    def rates(self) -> list[float]:
        return [p.rate_syl_s for p in self.points if p.rate_syl_s is not None]

    def customer_rates(self) -> list[float]:
        return [c.customer_rate_syl_s for c in self.calls if c.customer_rate_syl_s is not None]


def shift_chart(summary: ShiftSummary, highlight_call: int | None = None) -> TempoChart:
    """The whole shift: from the first call with speech to the end of the last one."""
    calls = tuple(_span(b) for b in summary.calls)
    points = summary.tempo.points
    start_s = calls[0].start_s if calls else 0.0
    end_s = max([c.end_s for c in calls] + [p.end_s for p in points[-1:]] + [start_s + 1.0])
    shown = {c.number for c in calls}
    return TempoChart(
        start_s=start_s,
        end_s=end_s,
        origin_s=0.0,
        points=tuple(p for p in points if p.call_number in shown),
        baseline_syl_s=summary.tempo.baseline_syl_s,
        threshold_syl_s=summary.tempo.threshold_syl_s,
        calls=calls,
        cues=_marks(summary, shown),
        highlight_call=highlight_call,
        whole_shift=True,
    )


def call_chart(summary: ShiftSummary, call_number: int) -> TempoChart:
    """One call, from its start; times read as minutes into the call."""
    bar = next(b for b in summary.calls if b.number == call_number)
    span = _span(bar)
    return TempoChart(
        start_s=span.start_s,
        end_s=max(span.end_s, span.start_s + 1.0),
        origin_s=span.start_s,
        points=tuple(p for p in summary.tempo.points if p.call_number == call_number),
        baseline_syl_s=summary.tempo.baseline_syl_s,
        threshold_syl_s=summary.tempo.threshold_syl_s,
        calls=(span,),
        cues=_marks(summary, {call_number}),
        highlight_call=None,
        whole_shift=False,
    )


def bucketed(points: Sequence[TempoPoint], width_s: float) -> list[TempoPoint]:
    """Merge the points of each call into buckets of `width_s`: the rate is the talk-weighted
    mean of the judged points, hasty when most of the judged talk was. Points without a rate
    add nothing to a bucket's rate; a bucket without any judged talk has no rate."""
    if width_s <= 0 or not points:
        return list(points)
    merged: list[TempoPoint] = []
    group: list[TempoPoint] = []
    for point in points:
        if group and (
            point.call_number != group[0].call_number
            or int(point.start_s // width_s) != int(group[0].start_s // width_s)
        ):
            merged.append(_merge(group))
            group = []
        group.append(point)
    if group:
        merged.append(_merge(group))
    return merged


def joined(points: Sequence[TempoPoint]) -> list[list[TempoPoint]]:
    """Runs of points the line connects: judged, in one call, without a gap in time."""
    runs: list[list[TempoPoint]] = []
    run: list[TempoPoint] = []
    for point in points:
        breaks = point.rate_syl_s is None or (
            run
            and (
                run[-1].call_number != point.call_number
                or point.start_s - run[-1].end_s > JOIN_GAP_S
            )
        )
        if breaks and run:
            runs.append(run)
            run = []
        if point.rate_syl_s is not None:
            run.append(point)
    if run:
        runs.append(run)
    return runs


def _merge(group: list[TempoPoint]) -> TempoPoint:
    judged = [p for p in group if p.rate_syl_s is not None]
    talk_s = sum(p.talk_s for p in group)
    judged_s = sum(p.talk_s for p in judged)
    rate = sum(p.talk_s * (p.rate_syl_s or 0.0) for p in judged) / judged_s if judged_s else None
    hasty_s = sum(p.talk_s for p in judged if p.hasty)
    return TempoPoint(
        start_s=group[0].start_s,
        end_s=group[-1].end_s,
        call_number=group[0].call_number,
        talk_s=talk_s,
        rate_syl_s=rate,
        hasty=judged_s > 0 and hasty_s * 2 > judged_s,
    )


def _span(bar: CallBar) -> CallSpan:
    end_s = bar.start_s + bar.duration_s
    return CallSpan(bar.number, bar.label, bar.start_s, end_s, bar.conversation.customer_rate_syl_s)


def _marks(summary: ShiftSummary, calls: set[int]) -> tuple[CueMark, ...]:
    return tuple(
        CueMark(c.t_s, c.name, c.call_number)
        for c in summary.history.cues
        if c.call_number in calls
    )

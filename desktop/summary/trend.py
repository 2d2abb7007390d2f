"""The trend over the last shifts: one point per shift, oldest first, for a line chart."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from desktop.summary.figures import ShiftFigures


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """A shift's figures that make sense side by side (shares are 0-1; None: not measured)."""

    shift_id: int
    started_utc: datetime
    talk_s: float
    calls: int
    average_rate_syl_s: float | None
    average_vs_baseline: float | None
    hasty_share: float | None
    key_points_paused_share: float | None
    acknowledged_share: float | None
    cues_per_call: float | None


def trend(figures: Iterable[ShiftFigures]) -> tuple[TrendPoint, ...]:
    points = [
        TrendPoint(
            shift_id=f.shift_id,
            started_utc=f.started_utc,
            talk_s=f.talk_s,
            calls=f.calls,
            average_rate_syl_s=f.average_rate_syl_s,
            average_vs_baseline=f.average_vs_baseline,
            hasty_share=f.hasty_share,
            key_points_paused_share=f.key_points.fraction if f.key_points else None,
            acknowledged_share=f.acknowledged.fraction if f.acknowledged else None,
            cues_per_call=f.cues_per_call,
        )
        for f in figures
    ]
    return tuple(sorted(points, key=lambda p: (p.started_utc, p.shift_id)))

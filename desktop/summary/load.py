"""The summary of a shift and the trend, read from the store (the one module here that does).

A shift whose row cannot be read (a damaged or hand-edited file) is no summary: `read_summary`
says why (UnreadableShiftError), `load_summary` gives None and logs it, the trend leaves it out.
"""

import logging
from dataclasses import dataclass

from desktop.store.history import HistoryStore, UnreadableShiftError
from desktop.store.records import ShiftHistory
from desktop.summary.calls import CallBar, call_bars
from desktop.summary.feedback import Feedback, choose_feedback
from desktop.summary.figures import ShiftFigures, shift_figures
from desktop.summary.tempo import TempoSeries, tempo_series
from desktop.summary.trend import TrendPoint, trend

logger = logging.getLogger(__name__)

TREND_SHIFTS = 10


@dataclass(frozen=True, slots=True)
class ShiftSummary:
    """Everything the summary window shows for one shift."""

    history: ShiftHistory
    figures: ShiftFigures
    tempo: TempoSeries
    calls: tuple[CallBar, ...]
    feedback: Feedback


def summarise(history: ShiftHistory) -> ShiftSummary:
    figures = shift_figures(history)
    return ShiftSummary(
        history, figures, tempo_series(history), call_bars(history), choose_feedback(figures)
    )


def load_summary(store: HistoryStore, shift_id: int | None = None) -> ShiftSummary | None:
    """The summary of shift `shift_id`, or of the latest shift; None when there is none or it
    cannot be read (logged)."""
    try:
        return read_summary(store, shift_id)
    except UnreadableShiftError as error:
        logger.warning("%s", error)
        return None


def read_summary(store: HistoryStore, shift_id: int | None = None) -> ShiftSummary | None:
    """The summary of shift `shift_id`, or of the latest readable shift; None when there is
    none. UnreadableShiftError when the shift asked for cannot be read."""
    if shift_id is None:
        latest = store.latest_shift_ids(1)
        if not latest:
            return None
        shift_id = latest[0]
    history = store.load_shift(shift_id)
    return summarise(history) if history is not None else None


def load_trend(store: HistoryStore, shifts: int = TREND_SHIFTS) -> tuple[TrendPoint, ...]:
    """One point per shift for the last `shifts` shifts, oldest first."""
    histories = []
    for shift_id in store.latest_shift_ids(shifts):
        try:
            histories.append(store.load_shift(shift_id))
        except UnreadableShiftError as error:
            logger.warning("%s", error)
    return trend(shift_figures(h) for h in histories if h is not None)

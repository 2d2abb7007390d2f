"""The post-shift summary without Qt: figures, charts' series, feedback, CSV export.

Everything here is a pure function of what the store returns (`desktop.store.records`), so
the summary window, the `speech-coach summary` command and the tests share it. `load.py` is
the one module that reads the store.
"""

from desktop.summary.calls import MIN_CALL_TALK_S, CallBar, call_bars
from desktop.summary.feedback import Feedback, choose_feedback
from desktop.summary.figures import ShiftFigures, shift_figures
from desktop.summary.load import ShiftSummary, load_summary, load_trend, summarise
from desktop.summary.share import Share
from desktop.summary.tempo import MIN_JUDGED_TALK_S, TempoPoint, TempoSeries, tempo_series
from desktop.summary.trend import TrendPoint, trend

__all__ = [
    "MIN_CALL_TALK_S",
    "MIN_JUDGED_TALK_S",
    "CallBar",
    "Feedback",
    "Share",
    "ShiftFigures",
    "ShiftSummary",
    "TempoPoint",
    "TempoSeries",
    "TrendPoint",
    "call_bars",
    "choose_feedback",
    "load_summary",
    "load_trend",
    "shift_figures",
    "summarise",
    "tempo_series",
    "trend",
]

"""The shift history: one SQLite file in the user data folder (no audio, ever).

`open_history(path, retention_days)` opens it for recording (checking it first, setting a
damaged file aside, falling back to memory when it cannot be written) and applies retention;
`open_for_reading(path)` opens it for a report, read-only (`reading.py`); `ShiftRecorder`
writes a shift from the engine's timeline; `HistoryStore` reads shifts back as checked values
(`records.py`, `decode.py`) and deletes the whole history on the agent's request.
"""

from desktop.store.history import HistoryStore
from desktop.store.notices import StoreNotice
from desktop.store.opening import OpenedHistory, open_history, open_in_memory
from desktop.store.paths import HISTORY_FILE_NAME, default_history_path
from desktop.store.reading import HistoryUnavailable, open_for_reading
from desktop.store.recorder import COMMIT_EVERY_S, ShiftRecorder
from desktop.store.records import (
    BaselineRecord,
    CallRecord,
    CueRecord,
    HasteLimits,
    IntervalRecord,
    ShiftHistory,
    ShiftOverview,
    ShiftRecord,
    TranscriptWord,
)

__all__ = [
    "COMMIT_EVERY_S",
    "HISTORY_FILE_NAME",
    "BaselineRecord",
    "CallRecord",
    "CueRecord",
    "HasteLimits",
    "HistoryStore",
    "HistoryUnavailable",
    "IntervalRecord",
    "OpenedHistory",
    "ShiftHistory",
    "ShiftOverview",
    "ShiftRecord",
    "ShiftRecorder",
    "StoreNotice",
    "TranscriptWord",
    "default_history_path",
    "open_for_reading",
    "open_history",
    "open_in_memory",
]

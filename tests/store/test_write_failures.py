"""Every write of the history can fail: the recorder logs it once, holds what it could not
write and writes it at a later commit, so that the shift is kept once the file can be
written again; coaching never stops."""

import logging
import sqlite3
from pathlib import Path

import pytest

from desktop.coaching.cue import Baselines
from desktop.coaching.settings import Policy
from desktop.store import HistoryStore, ShiftRecorder

from shiftscript import steady_shift


def test_a_write_that_keeps_failing_is_logged_once(
    store: HistoryStore, history_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The file loses a table while the app records: one warning, not one every 5 s."""
    recorder = ShiftRecorder(store, Policy(), "mic")
    with sqlite3.connect(history_path) as other:
        other.execute("DROP TABLE cues")
    with caplog.at_level(logging.WARNING, "desktop.store"):
        for event in steady_shift().events(300.0):
            recorder.observe(event)
    failures = [r for r in caplog.records if "Could not write the shift" in r.getMessage()]
    assert len(failures) == 1 and "no such table: cues" in failures[0].getMessage()


def test_a_shift_begun_while_the_file_is_locked_is_kept_once_it_is_free(
    store: HistoryStore, history_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Another program holds the write lock when the shift begins (the app would have died
    here): the shift is begun at the first commit after the lock is gone, with all of it."""
    other = sqlite3.connect(history_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with caplog.at_level(logging.WARNING, "desktop.store"):
        recorder = ShiftRecorder(store, Policy(), "mic", baselines=Baselines(4.2, -30.0))
    assert recorder.shift_id is None
    assert "Could not write the shift to the history" in caplog.text
    assert "database is locked" in caplog.text
    other.execute("ROLLBACK")
    other.close()
    script = steady_shift()
    with caplog.at_level(logging.INFO, "desktop.store"):
        for event in script.events(300.0):
            recorder.observe(event)
    assert recorder.shift_id is not None
    assert "is written to the history again" in caplog.text
    recorder.record_baseline(Baselines(4.4, -29.0))
    history = store.load_shift(recorder.shift_id)
    assert history is not None and len(history.calls) == 2
    assert sum(i.talk_s for i in history.intervals) == pytest.approx(script.talk_s())
    assert history.baseline is not None and history.baseline.articulation_rate_syl_s == 4.4

"""Old shifts go at open; the agent can delete everything, and then nothing of it is left in
the files."""

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.coaching.settings import Policy, PrivacySettings
from desktop.store import HistoryStore, ShiftRecorder, open_history

from shiftscript import ShiftScript, steady_shift

NOW = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
TRANSCRIBING = Policy(privacy=PrivacySettings(store_transcripts=True))


def record_at(store: HistoryStore, started: datetime, policy: Policy | None = None) -> int:
    policy = policy or Policy()
    script = steady_shift().say("ik stuur het naar de Zwanenburgstraat", 20.0)
    recorder = ShiftRecorder(store, policy, "mic", clock_utc=lambda: started)
    for event in script.events(300.0):
        recorder.observe(event)
    return recorder.shift_id


def row_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("shifts", "calls", "cues", "metrics", "transcript_words", "baselines")
        }


def test_shifts_older_than_the_retention_are_deleted_at_open(history_path: Path) -> None:
    """With 90 days' retention, a shift of 100 days ago goes (with all its rows) and one of
    10 days ago stays."""
    opened = open_history(history_path, retention_days=90, now_utc=NOW)
    old = record_at(opened.store, NOW - timedelta(days=100))
    recent = record_at(opened.store, NOW - timedelta(days=10))
    opened.store.close()
    reopened = open_history(history_path, retention_days=90, now_utc=NOW)
    assert reopened.store.latest_shift_ids(10) == [recent]
    assert reopened.store.load_shift(old) is None
    reopened.store.close()
    with sqlite3.connect(history_path) as connection:
        orphans = connection.execute(
            "SELECT (SELECT count(*) FROM calls WHERE shift_id = ?)"
            " + (SELECT count(*) FROM metrics WHERE shift_id = ?)"
            " + (SELECT count(*) FROM cues WHERE shift_id = ?)",
            (old, old, old),
        ).fetchone()[0]
    assert orphans == 0


def test_retention_counts_days_from_the_opening_time(history_path: Path) -> None:
    """A shift one day old goes with one day's retention, not with two."""
    opened = open_history(history_path, retention_days=2, now_utc=NOW)
    shift = record_at(opened.store, NOW - timedelta(days=1, hours=1))
    opened.store.close()
    kept = open_history(history_path, retention_days=2, now_utc=NOW)
    assert kept.store.latest_shift_ids(5) == [shift]
    kept.store.close()
    gone = open_history(history_path, retention_days=1, now_utc=NOW)
    assert gone.store.latest_shift_ids(5) == []
    gone.store.close()


def test_deleting_the_history_leaves_nothing_readable(history_path: Path) -> None:
    """After "delete my history" every table is empty and not a byte of the words is left
    in the database or its journal, even though transcripts were being stored."""
    opened = open_history(history_path, retention_days=90, now_utc=NOW)
    record_at(opened.store, NOW, TRANSCRIBING)
    record_at(opened.store, NOW, TRANSCRIBING)
    assert b"zwanenburgstraat" in _all_bytes(history_path).lower()
    opened.store.delete_history()
    assert all(count == 0 for count in row_counts(history_path).values())
    assert b"zwanenburgstraat" not in _all_bytes(history_path).lower()
    opened.store.close()


def test_deleting_during_a_shift_goes_on_recording_a_new_one(history_path: Path) -> None:
    """The recorder of the running shift deletes everything, this shift too, and records
    the rest of the stream as a fresh shift."""
    opened = open_history(history_path, retention_days=90, now_utc=NOW)
    earlier = record_at(opened.store, NOW - timedelta(days=1))
    script = ShiftScript().speak(2.0, 8.0).speak(30.0, 36.0).call(25.0)
    events = script.events(40.0)
    recorder = ShiftRecorder(opened.store, Policy(), "mic", clock_utc=lambda: NOW)
    first_id = recorder.shift_id
    half = len(events) // 2
    for event in events[:half]:
        recorder.observe(event)
    recorder.delete_history()
    for event in events[half:]:
        recorder.observe(event)
    assert opened.store.load_shift(earlier) is None and opened.store.load_shift(first_id) is None
    assert opened.store.latest_shift_ids(5) == [recorder.shift_id]
    history = opened.store.load_shift(recorder.shift_id)
    assert history is not None
    assert history.calls[0].start_s >= 15.0
    assert sum(i.talk_s for i in history.intervals) == 6.0
    opened.store.close()


def _all_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.iterdir() if p.is_file())

"""Every value read from the history is checked: a value that is not what Speech Coach wrote
(hand edits, another program, a damaged disk) leaves out its row or names its shift as
unreadable, with the column and the reason, and never raises anything else."""

import logging
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.coaching.settings import Policy
from desktop.store import ShiftRecorder, open_history
from desktop.store.history import UnreadableShiftError
from desktop.store.reading import HistoryUnavailable, open_for_reading
from desktop.summary import load_summary, load_trend
from desktop.summary.load import read_summary

from shiftscript import steady_shift

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def two_shifts(history_path: Path) -> Iterator[Path]:
    """Shift 1 of yesterday and shift 2 of an hour ago, 300 s each, closed."""
    opened = open_history(history_path, retention_days=90)
    for start in (NOW - timedelta(days=1), NOW - timedelta(hours=1)):
        recorder = ShiftRecorder(opened.store, Policy(), "mic", clock_utc=lambda s=start: s)
        for event in steady_shift().events(300.0):
            recorder.observe(event)
    opened.store.close()
    yield history_path


# (statement, the shift left unreadable or None, what the reason or the log says)
SHIFT_FAULTS = [
    (
        "UPDATE shifts SET started_utc = 'not a date' WHERE id = 2",
        2,
        "shifts.started_utc 'not a date'",
    ),
    ("UPDATE shifts SET started_utc = '2025-06-01T08:00:00' WHERE id = 2", 2, "with a UTC offset"),
    ("UPDATE shifts SET started_utc = 20250601 WHERE id = 2", 2, "shifts.started_utc '20250601'"),
    ("UPDATE shifts SET ended_utc = x'00ff' WHERE id = 2", 2, "shifts.ended_utc b'\\x00\\xff'"),
    (
        "UPDATE shifts SET recorded_s = 'lang' WHERE id = 2",
        2,
        "shifts.recorded_s 'lang' is not a number",
    ),
    (
        "UPDATE shifts SET recorded_s = 1e999 WHERE id = 2",
        2,
        "shifts.recorded_s inf is not a number",
    ),
    ("UPDATE shifts SET recorded_s = -5 WHERE id = 2", 2, "shifts.recorded_s -5 is negative"),
    ("UPDATE shifts SET haste_baseline_factor = 0 WHERE id = 2", 2, "haste_baseline_factor 0"),
    ("UPDATE shifts SET transcripts_stored = 'ja' WHERE id = 2", 2, "transcripts_stored 'ja'"),
    ("UPDATE shifts SET source = NULL WHERE id = 2", None, None),  # NOT NULL: refused by SQLite
]


@pytest.mark.parametrize(("statement", "unreadable", "reason"), SHIFT_FAULTS)
def test_a_shift_row_that_cannot_be_read_is_named_and_the_others_still_read(
    two_shifts: Path, statement: str, unreadable: int | None, reason: str | None
) -> None:
    with sqlite3.connect(two_shifts) as connection:
        try:
            connection.execute(statement)
        except sqlite3.IntegrityError:
            assert unreadable is None
            return
    with open_for_reading(two_shifts) as store:
        listing = store.shift_listing(0.0)
        assert [o.shift.shift_id for o in listing.overviews] == [1]
        assert [u.shift_id for u in listing.unreadable] == [unreadable]
        assert reason is not None and reason in listing.unreadable[0].reason
        assert store.latest_shift_ids(1) == [1]
        with pytest.raises(UnreadableShiftError, match=r"shift 2 cannot be read"):
            read_summary(store, 2)
        assert load_summary(store, 2) is None
        latest = load_summary(store)
        assert latest is not None and latest.figures.shift_id == 1
        assert len(load_trend(store)) == 1


ROW_FAULTS = [
    "UPDATE metrics SET talk_s = 'veel' WHERE shift_id = 2 AND call_number = 1 AND number = 1",
    "UPDATE metrics SET syllables = 3.5 WHERE shift_id = 2 AND call_number = 1 AND number = 1",
    "UPDATE metrics SET end_s = -1 WHERE shift_id = 2 AND call_number = 1 AND number = 1",
    "UPDATE metrics SET words = -4 WHERE shift_id = 2 AND call_number = 1 AND number = 1",
    "UPDATE calls SET end_s = 1 WHERE shift_id = 2 AND number = 2",
    "UPDATE calls SET reason = x'07' WHERE shift_id = 2 AND number = 2",
    "UPDATE cues SET t_s = 1e999 WHERE shift_id = 2 AND name = 'monologue'",
    "UPDATE cues SET message = x'ff' WHERE shift_id = 2 AND name = 'monologue'",
    "UPDATE baselines SET articulation_rate_syl_s = 'snel' WHERE shift_id = 2",
]


@pytest.mark.parametrize("statement", ROW_FAULTS)
def test_a_row_that_cannot_be_read_is_left_out_and_counted(
    two_shifts: Path, statement: str, caplog: pytest.LogCaptureFixture
) -> None:
    with sqlite3.connect(two_shifts) as connection:
        connection.execute("INSERT OR IGNORE INTO baselines VALUES (2, 4.5, -30)")
        connection.execute(statement)
    with open_for_reading(two_shifts) as store, caplog.at_level(logging.WARNING):
        history = store.load_shift(2)
        found = load_summary(store, 2)
    assert history is not None and history.unreadable_rows == 1
    assert found is not None and found.figures.shift_id == 2
    assert "shift 2: 1 row(s) cannot be read and are left out (first: " in caplog.text


@pytest.mark.parametrize(
    "evidence", ["[[[[", "[" * 100_000 + "]" * 100_000, "42", '{"rate_syl_s": NaN}', "null"]
)
def test_unreadable_evidence_leaves_the_cue_without_it(two_shifts: Path, evidence: str) -> None:
    """The cue still counts; only the evidence that cannot be read is missing."""
    with sqlite3.connect(two_shifts) as connection:
        connection.execute("UPDATE cues SET evidence_json = ? WHERE shift_id = 2", (evidence,))
    with open_for_reading(two_shifts) as store:
        history = store.load_shift(2)
    assert history is not None and history.unreadable_rows == 0
    assert [dict(c.evidence) for c in history.cues] == [{}, {}]


def test_a_report_reads_an_older_file_without_changing_it(tmp_path: Path) -> None:
    """A version-1 file is read through a migrated copy in memory: the file keeps its bytes."""
    from desktop.store import sql
    from desktop.store.migrations import migrate

    path = tmp_path / "history.sqlite"
    connection = sqlite3.connect(path, isolation_level=None)
    migrate(connection, target_version=1)
    connection.execute(
        "INSERT INTO shifts (started_utc, recorded_s, source, language, haste_floor_syl_s,"
        " haste_baseline_factor, haste_ceiling_syl_s, transcripts_stored)"
        " VALUES ('2025-06-01T08:00:00+00:00', 60, 'mic', 'nl', 5.5, 1.15, 6.5, 0)"
    )
    connection.close()
    before = path.read_bytes()
    with open_for_reading(path) as store:
        assert store.latest_shift_ids(5) == [1]
        assert store.load_shift(1) is not None
    assert path.read_bytes() == before
    with sqlite3.connect(path) as check:
        assert check.execute(sql.GET_USER_VERSION).fetchone()[0] == 1


def test_a_report_never_applies_retention(two_shifts: Path) -> None:
    with open_for_reading(two_shifts) as store:
        assert len(store.shift_overviews(0.0)) == 2
    with pytest.raises(HistoryUnavailable, match=r"does not exist"):
        open_for_reading(two_shifts.with_name("none.sqlite"))


def test_retention_logs_what_it_deleted_as_a_count(
    two_shifts: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, "desktop.store"):
        opened = open_history(two_shifts, retention_days=1, now_utc=NOW + timedelta(hours=2))
    opened.store.close()
    assert "retention: deleted 1 shift(s) that started before " in caplog.text
    assert "(retention_days = 1)" in caplog.text

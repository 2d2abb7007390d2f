"""Every older history file is brought up to date with its data intact; a newer one is left
alone."""

import sqlite3
from pathlib import Path

import pytest

from desktop.coaching.settings import Policy
from desktop.store import ShiftRecorder, open_history, sql
from desktop.store.migrations import migrate, schema_version
from desktop.summary import shift_figures

from shiftscript import ShiftScript

V1_ROWS = (
    "INSERT INTO shifts (id, started_utc, ended_utc, recorded_s, source, language,"
    " haste_floor_syl_s, haste_baseline_factor, haste_ceiling_syl_s, transcripts_stored)"
    " VALUES (7, '2999-01-01T08:00:00+00:00', '2999-01-01T16:00:00+00:00', 28800, 'mic', 'nl',"
    " 5.5, 1.15, 6.5, 0)",
    "INSERT INTO calls (shift_id, number, start_s, end_s, reason) VALUES (7, 1, 0, 60, 'manual')",
    "INSERT INTO metrics (shift_id, call_number, number, start_s, end_s, talk_s, syllables,"
    " loudness_sum_db, loudness_ticks, pauses, pause_s) VALUES (7, 1, 0, 0, 10, 8, 36, -300,"
    " 10, 2, 0.9)",
    "INSERT INTO cues (shift_id, call_number, name, t_s, evidence_t_s, message, evidence_json)"
    " VALUES (7, 1, 'haste', 9.5, 4.0, 'Rustig aan', '{\"rate_syl_s\": 6.2}')",
)
"""A shift as version 1 wrote it (the far-future start keeps retention away from it)."""

V2_ROWS = (
    *V1_ROWS[:2],
    "INSERT INTO metrics (shift_id, call_number, number, start_s, end_s, talk_s, syllables,"
    " loudness_sum_db, loudness_ticks, pauses, pause_s, words, key_points, key_points_rushed,"
    " customer_turns, replies_unacknowledged) VALUES (7, 1, 0, 0, 10, 8, 36, -300, 10, 2, 0.9,"
    " 20, 2, 1, 1, 0)",
    V1_ROWS[3],
)
"""A shift as version 2 wrote it: the judged counts, no customer channel yet."""

ROWS_AT_VERSION: dict[int, tuple[str, ...]] = {0: (), 1: V1_ROWS, 2: V2_ROWS}


def make_file_at(path: Path, version: int) -> None:
    """A history file exactly as the app at schema `version` left it, with its data."""
    connection = sqlite3.connect(path, isolation_level=None)
    migrate(connection, target_version=version)
    for statement in ROWS_AT_VERSION.get(version, ()):
        connection.execute(statement)
    connection.close()


def test_every_earlier_version_has_sample_rows() -> None:
    """The test below covers each version before the latest (add rows for a new one)."""
    assert set(ROWS_AT_VERSION) == set(range(sql.LATEST_VERSION))


@pytest.mark.parametrize("version", range(sql.LATEST_VERSION))
def test_opening_an_older_file_migrates_it_to_the_latest(tmp_path: Path, version: int) -> None:
    """A file at any earlier schema version opens without a notice, ends at the latest
    version, keeps what it held, and takes new shifts."""
    path = tmp_path / "history.sqlite"
    make_file_at(path, version)
    opened = open_history(path, retention_days=90)
    assert opened.notice is None and not opened.store.in_memory
    with sqlite3.connect(path) as check:
        assert schema_version(check) == sql.LATEST_VERSION
        assert check.execute(sql.GET_APPLICATION_ID).fetchone()[0] == sql.APPLICATION_ID
    recorder = ShiftRecorder(opened.store, Policy(), "mic")
    for event in ShiftScript().speak(1.0, 5.0).events(10.0):
        recorder.observe(event)
    new = opened.store.load_shift(recorder.shift_id)
    assert new is not None and new.intervals[0].words == 0
    if version >= 1:
        old = opened.store.load_shift(7)
        assert old is not None
        assert old.intervals[0].articulation_rate_syl_s == pytest.approx(4.5)
        assert old.cues[0].evidence == {"rate_syl_s": 6.2}
    opened.store.close()


def test_counts_added_in_version_2_are_unknown_for_older_shifts(tmp_path: Path) -> None:
    """A version-1 shift did not count words, key points or customer turns: after migrating
    they read as None (not measured), and the figures say so instead of showing zeros."""
    path = tmp_path / "history.sqlite"
    make_file_at(path, 1)
    opened = open_history(path, retention_days=90)
    history = opened.store.load_shift(7)
    assert history is not None
    interval = history.intervals[0]
    assert (interval.words, interval.key_points, interval.customer_turns) == (None, None, None)
    assert history.baseline is None
    figures = shift_figures(history)
    assert figures.key_points is None and figures.acknowledged is None
    assert figures.talk_s == pytest.approx(8.0)
    opened.store.close()


def test_customer_figures_added_in_version_3_are_unknown_for_older_shifts(
    tmp_path: Path,
) -> None:
    """A version-2 shift heard no customer: its customer figures read as None, its own
    counts are kept."""
    path = tmp_path / "history.sqlite"
    make_file_at(path, 2)
    opened = open_history(path, retention_days=90)
    history = opened.store.load_shift(7)
    assert history is not None
    interval = history.intervals[0]
    assert (interval.key_points, interval.customer_turns) == (2, 1)
    customer = (
        interval.customer_talk_s,
        interval.customer_syllables,
        interval.overtalk_s,
        interval.interruptions,
        interval.dead_air_s,
    )
    assert customer == (None, None, None, None, None)
    opened.store.close()


def test_a_file_from_a_newer_version_is_left_untouched(tmp_path: Path) -> None:
    """A history written by a newer Speech Coach is not migrated, moved or changed: this run
    keeps its history in memory and says so."""
    path = tmp_path / "history.sqlite"
    make_file_at(path, sql.LATEST_VERSION)
    with sqlite3.connect(path, isolation_level=None) as newer:
        newer.execute(sql.set_user_version(sql.LATEST_VERSION + 1))
    newer.close()
    before = path.read_bytes()
    opened = open_history(path, retention_days=90)
    assert opened.store.in_memory
    assert opened.notice is not None and opened.notice.kind == "in-memory"
    assert "newer" in opened.notice.message.en
    opened.store.close()
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


def test_migrate_refuses_an_unknown_target() -> None:
    """Asking for a schema version that does not exist is a programming error."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    with pytest.raises(ValueError):
        migrate(connection, target_version=sql.LATEST_VERSION + 1)

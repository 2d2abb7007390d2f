"""The shift history on one SQLite connection: write batches, read shifts, forget.

Every statement is in `sql.py`; values are always bound. Use it from one thread (the UI
thread in the app); `open_history` makes one.

Writes refuse calls whose bounds disagree (`call_bounds.py`), with a logged reason. Reads
check every value (`decode.py`): a row that cannot be read is skipped and counted, a shift
whose own row cannot be read is listed as unreadable with the reason; nothing read from the
file ends in a traceback.
"""

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from desktop.coaching.cue import Baselines
from desktop.store import sql
from desktop.store.call_bounds import Bounds, check_calls
from desktop.store.decode import (
    BadRow,
    Row,
    baseline_record,
    call_record,
    cue_record,
    interval_record,
    overview_counts,
    shift_record,
    transcript_word,
)
from desktop.store.records import ShiftHistory, ShiftOverview, ShiftRecord
from desktop.store.utc import to_text
from desktop.store.writes import IntervalDelta, NewShift, WriteBatch

logger = logging.getLogger(__name__)
T = TypeVar("T")

MAX_ROW_ID = 2**63 - 1
"""SQLite's largest integer: the ids of shifts are at most this."""


@dataclass(frozen=True, slots=True)
class UnreadableShift:
    """A shift whose own row cannot be read (`reason` names the column and the value)."""

    shift_id: int
    reason: str


class UnreadableShiftError(ValueError):
    def __init__(self, unreadable: UnreadableShift) -> None:
        super().__init__(f"shift {unreadable.shift_id} cannot be read: {unreadable.reason}")
        self.unreadable = unreadable


@dataclass(frozen=True, slots=True)
class ShiftListing:
    """The list of shifts, newest first: those that can be read, and those that cannot."""

    overviews: tuple[ShiftOverview, ...]
    unreadable: tuple[UnreadableShift, ...]


class HistoryStore:
    def __init__(self, connection: sqlite3.Connection, path: Path | None) -> None:
        self._connection = connection
        self._path = path

    @property
    def path(self) -> Path | None:
        """The file, or None when the history lives in memory only."""
        return self._path

    @property
    def in_memory(self) -> bool:
        return self._path is None

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> "HistoryStore":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # Writing

    def begin_shift(self, shift: NewShift) -> int:
        """Insert a shift and return its id (committed at once: the shift exists even if the
        app is killed a second later)."""
        with self._transaction():
            cursor = self._connection.execute(
                sql.INSERT_SHIFT,
                (
                    to_text(shift.started_utc),
                    0.0,
                    shift.source,
                    shift.language,
                    shift.haste.floor_syl_s,
                    shift.haste.baseline_factor,
                    shift.haste.ceiling_syl_s,
                    int(shift.transcripts_stored),
                ),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def write(self, batch: WriteBatch) -> None:
        """Write one batch in one transaction: all of it, or (on an error) none of it."""
        shift_id = batch.shift_id
        with self._transaction():
            batch = self._consistent(batch)
            execute_many = self._connection.executemany
            execute_many(
                sql.UPSERT_CALL,
                [(shift_id, c.number, c.start_s, c.end_s, c.reason) for c in batch.calls],
            )
            execute_many(sql.UPSERT_METRICS, [_metrics_row(shift_id, d) for d in batch.intervals])
            execute_many(
                sql.INSERT_CUE,
                [
                    (
                        shift_id,
                        c.call_number,
                        c.name,
                        c.t_s,
                        c.evidence_t_s,
                        c.message,
                        json.dumps(dict(c.evidence), ensure_ascii=False),
                    )
                    for c in batch.cues
                ],
            )
            execute_many(
                sql.INSERT_TRANSCRIPT_WORD,
                [(shift_id, w.call_number, w.start_s, w.end_s, w.text) for w in batch.words],
            )
            ended = to_text(batch.ended_utc) if batch.ended_utc is not None else None
            self._connection.execute(sql.UPDATE_SHIFT_PROGRESS, (batch.recorded_s, ended, shift_id))

    def _consistent(self, batch: WriteBatch) -> WriteBatch:
        """`batch` without the calls whose bounds disagree (logged with the reason) and
        without the rows of calls that were never stored."""
        stored: dict[int, Bounds] = {}
        for row in self._connection.execute(sql.SELECT_CALL_BOUNDS, (batch.shift_id,)):
            try:
                known_call = call_record((*row, ""))
            except BadRow:
                continue  # an unreadable stored call: leave it to the upsert as it is
            stored[known_call.number] = (known_call.start_s, known_call.end_s)
        accepted, refused = check_calls(stored, batch.calls)
        if not refused:
            return batch
        for refusal in refused:
            logger.warning(
                "shift %s: refused call %s: %s", batch.shift_id, refusal.number, refusal.reason
            )
        known = set(stored) | {c.number for c in accepted}
        intervals = tuple(d for d in batch.intervals if d.call_number in known)
        cues = tuple(c for c in batch.cues if c.call_number in known)
        words = tuple(w for w in batch.words if w.call_number in known)
        dropped = sum(
            len(before) - len(after)
            for before, after in (
                (batch.intervals, intervals),
                (batch.cues, cues),
                (batch.words, words),
            )
        )
        if dropped:
            logger.warning(
                "shift %s: %d row(s) of refused calls not stored", batch.shift_id, dropped
            )
        return replace(batch, calls=tuple(accepted), intervals=intervals, cues=cues, words=words)

    def save_baseline(self, shift_id: int, baselines: Baselines) -> None:
        """The agent's baseline for this shift; a value that is None keeps the stored one."""
        with self._transaction():
            self._connection.execute(
                sql.UPSERT_BASELINE,
                (shift_id, baselines.articulation_rate_syl_s, baselines.loudness_db),
            )

    def delete_shifts_started_before(self, cutoff_utc: datetime) -> int:
        """Retention: delete the shifts (with their calls, cues and metrics) that started
        before `cutoff_utc`; returns how many."""
        with self._transaction():
            cursor = self._connection.execute(
                sql.DELETE_SHIFTS_STARTED_BEFORE, (to_text(cutoff_utc),)
            )
        return cursor.rowcount

    def delete_history(self) -> None:
        """Forget every shift. Deleted pages are zeroed (secure_delete), the file is rebuilt
        (VACUUM) and the WAL emptied, so nothing of it stays readable in the files."""
        with self._transaction():
            self._connection.execute(sql.DELETE_ALL_SHIFTS)
        self._connection.execute(sql.VACUUM)
        if self._path is not None:
            self._connection.execute(sql.CHECKPOINT_TRUNCATE).fetchall()

    # Reading

    def shift(self, shift_id: int) -> ShiftRecord | None:
        """The shift's row, None when there is no such shift; UnreadableShiftError when its
        row cannot be read."""
        if not 0 < shift_id <= MAX_ROW_ID:
            return None  # no shift has it (and SQLite could not even take the number)
        row = self._connection.execute(sql.SELECT_SHIFT, (shift_id,)).fetchone()
        if row is None:
            return None
        try:
            return shift_record(row)
        except BadRow as error:
            raise UnreadableShiftError(UnreadableShift(shift_id, str(error))) from error

    def shift_listing(self, min_call_talk_s: float, limit: int | None = None) -> ShiftListing:
        """Shifts, newest first, with their talk time, cue count and the number of calls in
        which the agent spoke at least `min_call_talk_s`; those whose row cannot be read
        apart, with the reason."""
        rows = self._connection.execute(
            sql.SELECT_SHIFT_OVERVIEWS, (min_call_talk_s, -1 if limit is None else limit)
        ).fetchall()
        overviews: list[ShiftOverview] = []
        unreadable: list[UnreadableShift] = []
        for row in rows:
            try:
                overviews.append(ShiftOverview(shift_record(row[:10]), *overview_counts(row[10:])))
            except BadRow as error:
                unreadable.append(UnreadableShift(int(row[0]), str(error)))
        return ShiftListing(tuple(overviews), tuple(unreadable))

    def shift_overviews(
        self, min_call_talk_s: float, limit: int | None = None
    ) -> list[ShiftOverview]:
        """The readable shifts of `shift_listing` (those that cannot be read are logged)."""
        listing = self.shift_listing(min_call_talk_s, limit)
        for shift in listing.unreadable:
            logger.warning(
                "shift %s cannot be read and is left out: %s", shift.shift_id, shift.reason
            )
        return list(listing.overviews)

    def latest_shift_ids(self, count: int) -> list[int]:
        """The ids of the last `count` readable shifts, newest first (not a LIMIT in SQL: an
        unreadable shift must not take the place of a readable one)."""
        return [o.shift.shift_id for o in self.shift_listing(0.0).overviews[:count]]

    def load_shift(self, shift_id: int) -> ShiftHistory | None:
        """Everything stored about one shift, or None when there is no such shift. Rows that
        cannot be read are left out and counted (`ShiftHistory.unreadable_rows`, logged);
        UnreadableShiftError when the shift's own row cannot be read."""
        shift = self.shift(shift_id)
        if shift is None:
            return None
        reader = _RowReader(self._connection, shift_id)
        baselines = reader.read(sql.SELECT_BASELINE, baseline_record)
        history = ShiftHistory(
            shift=shift,
            calls=reader.read(sql.SELECT_CALLS, call_record),
            intervals=reader.read(sql.SELECT_METRICS, interval_record),
            cues=reader.read(sql.SELECT_CUES, cue_record),
            baseline=baselines[0] if baselines else None,
            transcript=reader.read(sql.SELECT_TRANSCRIPT, transcript_word),
            unreadable_rows=reader.skipped,
        )
        if reader.skipped:
            logger.warning(
                "shift %s: %d row(s) cannot be read and are left out (first: %s)",
                shift_id,
                reader.skipped,
                reader.first_reason,
            )
        return history

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._connection.execute("ROLLBACK")
            raise
        self._connection.execute("COMMIT")


class _RowReader:
    """Decodes the rows of one shift, skipping and counting those that cannot be read."""

    def __init__(self, connection: sqlite3.Connection, shift_id: int) -> None:
        self._connection = connection
        self._shift_id = shift_id
        self.skipped = 0
        self.first_reason = ""

    def read(self, query: str, decode: Callable[[Row], T]) -> tuple[T, ...]:
        return tuple(self._decoded(self._connection.execute(query, (self._shift_id,)), decode))

    def _decoded(self, rows: Iterable[Row], decode: Callable[[Row], T]) -> Iterator[T]:
        for row in rows:
            try:
                yield decode(row)
            except BadRow as error:
                self.skipped += 1
                self.first_reason = self.first_reason or str(error)


def _metrics_row(shift_id: int, d: IntervalDelta) -> tuple[object, ...]:
    return (
        shift_id,
        d.call_number,
        d.number,
        d.start_s,
        d.end_s,
        d.talk_s,
        d.syllables,
        d.loudness_sum_db,
        d.loudness_ticks,
        d.pauses,
        d.pause_s,
        d.words,
        d.key_points,
        d.key_points_rushed,
        d.customer_turns,
        d.replies_unacknowledged,
        d.customer_talk_s,
        d.customer_syllables,
        d.overtalk_s,
        d.interruptions,
        d.dead_air_s,
    )

"""The shift history on one SQLite connection: write batches, read shifts, forget.

Every statement is in `sql.py`; values are always bound. Use it from one thread (the UI
thread in the app); `open_history` makes one.
"""

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from desktop.coaching.cue import Baselines
from desktop.store import sql
from desktop.store.decode import (
    baseline_record,
    call_record,
    cue_record,
    interval_record,
    shift_record,
    transcript_word,
)
from desktop.store.records import ShiftHistory, ShiftOverview, ShiftRecord
from desktop.store.utc import to_text
from desktop.store.writes import IntervalDelta, NewShift, WriteBatch


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
        row = self._connection.execute(sql.SELECT_SHIFT, (shift_id,)).fetchone()
        return shift_record(row) if row is not None else None

    def shift_overviews(
        self, min_call_talk_s: float, limit: int | None = None
    ) -> list[ShiftOverview]:
        """Shifts, newest first, with their talk time, cue count and the number of calls in
        which the agent spoke at least `min_call_talk_s`."""
        rows = self._connection.execute(
            sql.SELECT_SHIFT_OVERVIEWS, (min_call_talk_s, -1 if limit is None else limit)
        ).fetchall()
        return [
            ShiftOverview(shift_record(row[:10]), int(row[10]), float(row[11]), int(row[12]))
            for row in rows
        ]

    def latest_shift_ids(self, count: int) -> list[int]:
        """The ids of the last `count` shifts, newest first."""
        return [o.shift.shift_id for o in self.shift_overviews(0.0, count)]

    def load_shift(self, shift_id: int) -> ShiftHistory | None:
        """Everything stored about one shift, or None when there is no such shift."""
        shift = self.shift(shift_id)
        if shift is None:
            return None
        execute = self._connection.execute
        baseline = execute(sql.SELECT_BASELINE, (shift_id,)).fetchone()
        return ShiftHistory(
            shift=shift,
            calls=tuple(call_record(r) for r in execute(sql.SELECT_CALLS, (shift_id,))),
            intervals=tuple(interval_record(r) for r in execute(sql.SELECT_METRICS, (shift_id,))),
            cues=tuple(cue_record(r) for r in execute(sql.SELECT_CUES, (shift_id,))),
            baseline=baseline_record(baseline) if baseline is not None else None,
            transcript=tuple(
                transcript_word(r) for r in execute(sql.SELECT_TRANSCRIPT, (shift_id,))
            ),
        )

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._connection.execute("ROLLBACK")
            raise
        self._connection.execute("COMMIT")


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
    )

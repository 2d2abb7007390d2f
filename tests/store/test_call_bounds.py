"""The store refuses calls whose bounds disagree (issue 13): a call that ends before it starts,
or that overlaps another call of the shift, is not stored; the reason is logged and the rest
of the write goes on."""

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.coaching.settings import Policy
from desktop.store import CallRecord, CueRecord, HistoryStore, ShiftRecorder
from desktop.store.call_bounds import check_calls
from desktop.store.records import HasteLimits
from desktop.store.writes import IntervalDelta, NewShift, WriteBatch

from shiftscript import steady_shift

NEW_SHIFT = NewShift(
    datetime(2025, 6, 1, 9, tzinfo=UTC), "mic", "nl", HasteLimits(5.5, 1.15, 6.5), False
)


def stored_calls(path: Path, shift_id: int) -> list[tuple[int, float, float | None]]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT number, start_s, end_s FROM calls WHERE shift_id = ? ORDER BY number",
            (shift_id,),
        )
        return [(int(n), float(s), e) for n, s, e in rows]


@pytest.mark.parametrize(
    ("stored", "written", "accepted", "refused_reason"),
    [
        ({}, [CallRecord(1, 0.0, 10.0, "stream start")], [1], None),
        ({}, [CallRecord(1, 10.0, 5.0, "manual")], [], "ends (5.000 s) before it starts"),
        ({1: (0.0, 100.0)}, [CallRecord(2, 50.0, None, "manual")], [], "inside or before call 1"),
        ({1: (0.0, None)}, [CallRecord(2, 50.0, None, "manual")], [2], None),
        ({2: (50.0, None)}, [CallRecord(1, 0.0, 60.0, "manual")], [], "runs into call 2"),
        ({1: (91.3, None)}, [CallRecord(1, 91.3, 91.3, "silence")], [1], None),
        ({1: (91.3, None)}, [CallRecord(1, 91.3, 12.0, "silence")], [], "before it starts"),
        ({}, [CallRecord(1, float("nan"), None, "manual")], [], "no valid number or times"),
        (
            {},
            [CallRecord(2, 91.3, None, "manual"), CallRecord(1, 0.0, 91.3, "stream start")],
            [1, 2],
            None,
        ),
    ],
    ids=[
        "first-call",
        "end-before-start",
        "starts-inside-previous",
        "previous-still-open",
        "runs-into-next",
        "zero-length",
        "stored-start-wins",
        "not-a-number",
        "batch-order-does-not-matter",
    ],
)
def test_which_calls_may_be_stored(
    stored: dict[int, tuple[float, float | None]],
    written: list[CallRecord],
    accepted: list[int],
    refused_reason: str | None,
) -> None:
    ok, refused = check_calls(stored, written)
    assert [c.number for c in ok] == accepted
    if refused_reason is None:
        assert refused == []
    else:
        assert len(refused) == 1 and refused_reason in refused[0].reason


def test_a_call_that_ends_before_it_starts_is_refused_and_the_rest_written(
    store: HistoryStore, history_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    shift_id = store.begin_shift(NEW_SHIFT)
    store.write(WriteBatch(shift_id, 20.0, calls=(CallRecord(1, 0.0, None, "stream start"),)))
    with caplog.at_level(logging.WARNING, "desktop.store"):
        store.write(
            WriteBatch(
                shift_id,
                30.0,
                calls=(
                    CallRecord(1, 0.0, 25.0, "stream start"),
                    CallRecord(2, 25.0, 12.0, "manual"),
                ),
                intervals=(IntervalDelta(1, 2, 20.0, 25.0, talk_s=3.0),),
                cues=(CueRecord(2, "haste", 26.0, 20.0, "Rustig aan"),),
            )
        )
    assert stored_calls(history_path, shift_id) == [(1, 0.0, 25.0)]
    assert "refused call 2: call 2 ends (12.000 s) before it starts (25.000 s)" in caplog.text
    assert "1 row(s) of refused calls not stored" in caplog.text
    history = store.load_shift(shift_id)
    assert history is not None and history.cues == ()
    assert [i.talk_s for i in history.intervals] == [3.0]


def test_a_call_overlapping_an_earlier_one_is_refused(
    store: HistoryStore, history_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Issue 13's case: call 3 stored from 91.3 to 265.3 s; a call 4 said to start at 91.3 s
    overlaps it and is refused, with its metrics; call 3 stays as stored."""
    shift_id = store.begin_shift(NEW_SHIFT)
    store.write(
        WriteBatch(
            shift_id,
            270.0,
            calls=(
                CallRecord(1, 0.0, 50.0, "stream start"),
                CallRecord(2, 50.0, 91.3, "manual"),
                CallRecord(3, 91.3, 265.3, "manual"),
            ),
        )
    )
    with caplog.at_level(logging.WARNING, "desktop.store"):
        store.write(
            WriteBatch(
                shift_id,
                280.0,
                calls=(CallRecord(4, 91.3, None, "manual"),),
                intervals=(IntervalDelta(4, 0, 91.3, 101.3, talk_s=5.0),),
            )
        )
    assert [c[0] for c in stored_calls(history_path, shift_id)] == [1, 2, 3]
    assert "refused call 4: call 4 starts (91.300 s) inside or before call 3" in caplog.text


def test_a_recorded_shift_has_no_refused_call(
    store: HistoryStore, caplog: pytest.LogCaptureFixture
) -> None:
    """The recorder's own calls always agree: the check refuses nothing of a real shift."""
    with caplog.at_level(logging.WARNING, "desktop.store"):
        recorder = ShiftRecorder(store, Policy(), "mic")
        for event in steady_shift().call(200.0).events(300.0):
            recorder.observe(event)
    assert "refused" not in caplog.text
    history = store.load_shift(recorder.shift_id)
    assert history is not None and len(history.calls) == 3

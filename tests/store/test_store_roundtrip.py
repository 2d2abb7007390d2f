"""A recorded shift reads back as it was recorded: calls, cues, 10-s metrics, baseline."""

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.coaching.calls import CallStarted
from desktop.coaching.cue import Baselines
from desktop.coaching.settings import Policy
from desktop.store import HistoryStore, ShiftRecorder, open_history
from desktop.store.intervals import INTERVAL_S

from shiftscript import ShiftScript, steady_shift

START = datetime.now(UTC).replace(microsecond=0)


def record(store: HistoryStore, script: ShiftScript, until_s: float, **kwargs: object) -> int:
    recorder = ShiftRecorder(store, Policy(), "scripted", clock_utc=lambda: START, **kwargs)  # type: ignore[arg-type]
    for event in script.events(until_s):
        recorder.observe(event)
    return recorder.shift_id


def test_a_shift_reads_back_with_its_calls_cues_and_totals(store: HistoryStore) -> None:
    """Two calls of steady speech: the calls split at the "new call", the cues keep their
    call and numbers, and the metrics add up to the speech that was scripted."""
    script = steady_shift()
    shift_id = record(store, script, 300.0, baselines=Baselines(4.2, -31.0))
    history = store.load_shift(shift_id)
    assert history is not None
    assert history.shift.started_utc == START and history.shift.ended_utc == START
    assert history.shift.recorded_s == pytest.approx(300.0)
    assert [(c.number, c.start_s, c.end_s, c.reason) for c in history.calls] == [
        (1, 0.0, 130.0, "stream start"),
        (2, 130.0, 300.0, "manual"),
    ]
    assert [(c.call_number, c.name) for c in history.cues] == [(1, "haste"), (2, "monologue")]
    assert history.cues[0].evidence == {"rate_syl_s": 6.1, "baseline_syl_s": "none"}
    intervals = history.intervals
    assert sum(i.talk_s for i in intervals) == pytest.approx(script.talk_s())
    assert sum(i.syllables for i in intervals) == script.syllables()
    assert history.baseline is not None and history.baseline.articulation_rate_syl_s == 4.2


def test_intervals_are_ten_seconds_of_call_time(store: HistoryStore) -> None:
    """Intervals start at the call's start every 10 s; the one a new call cuts is shorter;
    rates and loudness are derived per interval."""
    script = ShiftScript().speak(2.0, 12.0, rate_syl_s=5.0, loudness_db=-28.0)
    script.call(25.0)
    history = store.load_shift(record(store, script, 40.0))
    assert history is not None
    spans = [(i.call_number, i.number, i.start_s, i.end_s) for i in history.intervals]
    assert spans[:3] == [(1, 0, 0.0, 10.0), (1, 1, 10.0, 20.0), (1, 2, 20.0, 25.0)]
    assert spans[3][:3] == (2, 0, 25.0)
    first, second = history.intervals[0], history.intervals[1]
    assert first.talk_s == pytest.approx(8.0) and second.talk_s == pytest.approx(2.0)
    assert first.syllables == 40 and second.syllables == 10
    assert first.articulation_rate_syl_s == pytest.approx(5.0)
    assert first.mean_loudness_db == pytest.approx(-28.0)
    assert all(i.end_s - i.start_s <= INTERVAL_S + 1e-9 for i in history.intervals)


def test_a_pause_is_counted_where_it_begins_and_long_silences_are_not_pauses(
    store: HistoryStore,
) -> None:
    """A 0.8 s pause across an interval boundary counts once, its time split; a 6 s silence
    (the customer talking) is not the agent's pause."""
    script = ShiftScript().speak(1.0, 9.6).speak(10.4, 14.0).speak(20.0, 24.0)
    history = store.load_shift(record(store, script, 30.0))
    assert history is not None
    by_number = {i.number: i for i in history.intervals}
    assert by_number[0].pauses == 1 and by_number[0].pause_s == pytest.approx(0.4)
    assert by_number[1].pauses == 0 and by_number[1].pause_s == pytest.approx(0.4)
    assert by_number[2].pauses == 0


def test_the_stream_start_call_is_recorded_once(store: HistoryStore) -> None:
    """The coach's CallStarted(0, "stream start") after the first event is the call the
    recorder already opened, not a second one."""
    script = ShiftScript().speak(1.0, 5.0)
    script.add(CallStarted(0.0, "stream start"), 0.1)
    history = store.load_shift(record(store, script, 10.0))
    assert history is not None
    assert [c.number for c in history.calls] == [1]


def test_events_after_the_end_and_unknown_events_are_ignored(store: HistoryStore) -> None:
    """The recorder takes nothing after StreamEnded, and skips event kinds it does not know
    (the coach may grow new ones)."""
    recorder = ShiftRecorder(store, Policy(), "scripted")
    recorder.observe(object())  # type: ignore[arg-type]
    script = ShiftScript().speak(1.0, 5.0)
    for event in script.events(10.0):
        recorder.observe(event)
    for event in ShiftScript().speak(11.0, 15.0).events(20.0):
        recorder.observe(event)
    history = store.load_shift(recorder.shift_id)
    assert history is not None
    assert sum(i.talk_s for i in history.intervals) == pytest.approx(4.0)
    assert history.shift.recorded_s == pytest.approx(10.0)


def test_shift_overviews_count_calls_with_talk_newest_first(store: HistoryStore) -> None:
    """The list of shifts: newest first, talk time and cues summed, and only the calls with
    enough talk counted."""
    first = record(store, ShiftScript().speak(1.0, 9.0).call(20.0), 30.0)
    script = ShiftScript().speak(1.0, 3.0).call(10.0).speak(11.0, 12.0)
    second = record(store, replace(script).cue("haste", 2.5, {}), 20.0)
    overviews = store.shift_overviews(min_call_talk_s=1.5)
    assert [o.shift.shift_id for o in overviews] == [second, first]
    assert overviews[0].calls == 1 and overviews[0].cues == 1
    assert overviews[0].talk_s == pytest.approx(3.0)
    assert store.latest_shift_ids(1) == [second]
    assert store.load_shift(9999) is None


def test_the_baseline_keeps_known_values(store: HistoryStore) -> None:
    """A baseline saved at the end replaces the one of the start, except where it is None."""
    recorder = ShiftRecorder(store, Policy(), "scripted", Baselines(4.0, None))
    recorder.record_baseline(Baselines(None, -29.5))
    history = store.load_shift(recorder.shift_id)
    assert history is not None and history.baseline is not None
    assert (history.baseline.articulation_rate_syl_s, history.baseline.loudness_db) == (4.0, -29.5)


def test_the_history_survives_closing_and_reopening(history_path: Path) -> None:
    """What was written is there after the app closed and opened the file again."""
    opened = open_history(history_path, retention_days=90)
    shift_id = record(opened.store, steady_shift(), 300.0)
    opened.store.close()
    again = open_history(history_path, retention_days=90)
    assert again.notice is None
    history = again.store.load_shift(shift_id)
    assert history is not None and len(history.calls) == 2
    again.store.close()

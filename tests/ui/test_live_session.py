"""The live session: engine events become status, cards and meter readings on the UI
thread; the agent's controls reach the engine (pause really closes the microphone)."""

import queue

import pytest

from desktop.coaching.calls import CallStarted
from desktop.coaching.coach import TempoReading
from desktop.coaching.cue import Cue
from desktop.engine import Engine, StreamAnalysis, TimelineEvent
from desktop.events import Notice, SnoozeRequested, StreamEnded
from desktop.ui.live_session import LiveSession
from desktop.ui.status import AppStatus, TrayState, tray_state

from live_sources import ControlledSource

HASTE = Cue("haste", 30.0, 22.0, "Je spreekt snel", {"rate_syl_s": 6.4})


@pytest.fixture()
def live(qtbot):
    source = ControlledSource("headset")
    outbox: queue.Queue[TimelineEvent | None] = queue.Queue()
    engine = Engine(source, StreamAnalysis(source.name), outbox)
    session = LiveSession(engine, outbox, AppStatus(mic_name=source.name), card_visible_s=0.3)
    session.start()
    yield session, source, outbox
    session.stop()


def test_pause_closes_the_microphone_and_resume_opens_it(qtbot, live) -> None:
    """Pause from the UI: status paused at once, the source really closed; resume reopens."""
    session, source, _ = live
    qtbot.waitUntil(lambda: source.is_open, timeout=5000)
    session.set_paused(True)
    assert tray_state(session.status) == TrayState.PAUSED
    qtbot.waitUntil(lambda: not source.is_open, timeout=5000)
    session.set_paused(False)
    qtbot.waitUntil(lambda: source.is_open and source.opens == 2, timeout=5000)
    assert not session.status.paused


def test_a_cue_shows_a_card_and_the_tray_state_returns_after_its_time(qtbot, live) -> None:
    """A cue: cue_shown is emitted, the tray says cue shown, and goes back afterwards."""
    session, _, outbox = live
    with qtbot.waitSignal(session.cue_shown, timeout=5000) as shown:
        outbox.put(HASTE)
    assert shown.args == [HASTE]
    assert tray_state(session.status) == TrayState.CUE_SHOWN
    qtbot.waitUntil(lambda: tray_state(session.status) == TrayState.LISTENING, timeout=5000)


def test_snoozed_calls_show_no_cards_until_the_next_call(qtbot, live) -> None:
    """After snooze no card is shown; a new call lifts the snooze."""
    session, _, outbox = live
    shown: list[Cue] = []
    session.cue_shown.connect(shown.append)
    with qtbot.waitSignal(session.snoozed_changed, timeout=5000) as snoozed:
        outbox.put(SnoozeRequested(10.0))
        outbox.put(HASTE)
    assert snoozed.args == [True]
    with qtbot.waitSignal(session.snoozed_changed, timeout=5000) as lifted:
        outbox.put(CallStarted(40.0, "manual"))
    assert lifted.args == [False]
    with qtbot.waitSignal(session.cue_shown, timeout=5000):
        outbox.put(HASTE)
    assert shown == [HASTE]


def test_a_lost_microphone_shows_in_the_status_and_recovery_clears_it(qtbot, live) -> None:
    """Engine notices drive the tray: lost, then listening again."""
    session, _, outbox = live
    outbox.put(Notice(5.0, "source-lost", "gone"))
    qtbot.waitUntil(lambda: tray_state(session.status) == TrayState.MIC_LOST, timeout=5000)
    outbox.put(Notice(9.0, "source-back", "back"))
    qtbot.waitUntil(lambda: tray_state(session.status) == TrayState.LISTENING, timeout=5000)


def test_tempo_readings_reach_the_meter_relative_to_the_baseline(qtbot, live) -> None:
    """A TempoReading becomes a TempoView with the zone the numbers say."""
    session, _, outbox = live
    with qtbot.waitSignal(session.tempo_changed, timeout=5000) as blocker:
        outbox.put(TempoReading(12.0, 6.2, 4.8, 5.52))
    (view,) = blocker.args
    assert view.zone == "hasty" and not view.learning


def test_stop_delivers_the_stream_summary(qtbot, live) -> None:
    """Quitting ends the stream: the summary comes through `ended`."""
    session, _, _ = live
    with qtbot.waitSignal(session.ended, timeout=10000) as blocker:
        session.stop()
    assert isinstance(blocker.args[0], StreamEnded)

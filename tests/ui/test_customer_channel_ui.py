"""The customer channel as the agent sees it: a quiet line in the pill saying whether the
customer is heard (nothing when no customer channel is configured), a "Klant in de wacht"
item that reaches the engine and unticks itself when speech ends the hold, and a "Klantkanaal
uit" switch the supervisor's "off" greys out."""

import queue

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from desktop.audio.call_source import CUSTOMER_OFF, CallBlock, CustomerState
from desktop.conversation.turns import HoldChanged, TurnSettings
from desktop.engine import Engine, StreamAnalysis, TimelineEvent
from desktop.ui.live_session import LiveSession
from desktop.ui.menu import CoachMenu
from desktop.ui.overlay import PILL_SIZE_PX, Overlay
from desktop.ui.status import AppStatus

from live_sources import ControlledSource


class TwoSidedSource(ControlledSource):
    """The controlled microphone, with a customer channel whose state the test sets (the
    engine reports each change as a CustomerChannelChanged, as for the live capture)."""

    customer_state = CustomerState("listening", "", "Speakers")

    def read(self, timeout_s: float) -> CallBlock | None:
        agent = super().read(timeout_s)
        return None if agent is None else CallBlock(agent, np.zeros_like(agent))


@pytest.fixture()
def plain(qtbot, tmp_path):
    """A live session on a real engine without a customer channel, wired to a real menu and
    overlay as app.py wires them."""
    yield from wire(qtbot, tmp_path, ControlledSource("headset"), None)


@pytest.fixture()
def wired(qtbot, tmp_path):
    """The same with a customer channel."""
    yield from wire(qtbot, tmp_path, TwoSidedSource("headset"), TurnSettings())


def wire(qtbot, tmp_path, source, turns):
    outbox: queue.Queue[TimelineEvent | None] = queue.Queue()
    engine = Engine(source, StreamAnalysis(source.name, turns=turns), outbox)
    session = LiveSession(engine, outbox, AppStatus(mic_name=source.name), card_visible_s=0.3)
    menu = CoachMenu("nl", lambda: [])
    overlay = Overlay(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat), "nl")
    qtbot.addWidget(overlay.pill)
    qtbot.addWidget(overlay.card)
    session.status_changed.connect(menu.set_status)
    session.status_changed.connect(overlay.set_status)
    menu.hold_toggled.connect(session.hold)
    session.start()
    yield session, menu, overlay, source
    session.stop()


def test_without_a_customer_channel_the_pill_shows_nothing_extra(qtbot, plain) -> None:
    """No CustomerChannelChanged ever: the pill keeps its size and has no customer line;
    the hold item is hidden."""
    session, menu, overlay, _ = plain
    qtbot.wait(300)  # the engine runs and reports what it hears
    assert overlay.pill.height() == PILL_SIZE_PX[1]
    assert overlay.pill.customer_line() == ""
    assert not menu.hold_action.isVisible()


def test_the_pill_says_whether_the_customer_is_heard(qtbot, wired) -> None:
    """Heard: "Klant hoorbaar"; lost: "Klant niet hoorbaar" with a short Dutch reason."""
    session, menu, overlay, source = wired
    qtbot.waitUntil(lambda: overlay.pill.customer_line() == "Klant hoorbaar", timeout=5000)
    assert overlay.pill.height() > PILL_SIZE_PX[1]
    with qtbot.waitSignal(session.customer_changed, timeout=5000) as changed:
        source.customer_state = CustomerState("lost", "The output vanished.")
    assert changed.args[0].status == "lost"
    assert overlay.pill.customer_line() == "Klant niet hoorbaar: geluid weg, zoekt opnieuw"
    with qtbot.waitSignal(session.customer_changed, timeout=5000):
        source.customer_state = CUSTOMER_OFF
    assert overlay.pill.customer_line() == "Klant niet hoorbaar: uitgezet"
    overlay.set_language("en")
    assert overlay.pill.customer_line() == "Customer not audible: switched off"


def test_hold_from_the_menu_reaches_the_engine_and_speech_unticks_it(qtbot, wired) -> None:
    """Ticking "Klant in de wacht" asks the engine for a hold; the engine's HoldChanged
    ticks it; a later HoldChanged(on_hold=False) (speech ended the hold) unticks it."""
    session, menu, overlay, source = wired
    qtbot.waitUntil(lambda: session.status.customer == "listening", timeout=5000)
    assert menu.hold_action.isVisible() and menu.hold_action.text() == "Klant in de wacht"
    with qtbot.waitSignal(session.hold_changed, timeout=5000) as held:
        menu.hold_action.trigger()  # ticks it and emits hold_toggled(True)
    assert held.args == [True]
    assert session.status.on_hold and menu.hold_action.isChecked()
    assert overlay.pill.customer_line() == "Klant in de wacht"
    with qtbot.waitSignal(session.hold_changed, timeout=5000) as ended:
        session._outbox.put(HoldChanged(9.0, on_hold=False))  # as speech ending it would
    assert ended.args == [False]
    assert not menu.hold_action.isChecked()
    assert overlay.pill.customer_line() == "Klant hoorbaar"


def test_the_customer_channel_switch_emits_and_is_greyed_out_when_locked(qtbot) -> None:
    """ "Klantkanaal uit" emits True when ticked; the supervisor's lock disables it."""
    menu = CoachMenu("nl", lambda: [])
    assert menu.customer_action.text() == "Klantkanaal uit"
    with qtbot.waitSignal(menu.customer_channel_toggled) as switched:
        menu.customer_action.trigger()
    assert switched.args == [True]
    menu.set_customer_channel(off=True, locked=True)
    assert menu.customer_action.isChecked() and not menu.customer_action.isEnabled()
    menu.set_language("en")
    assert menu.customer_action.text() == "Customer channel off"

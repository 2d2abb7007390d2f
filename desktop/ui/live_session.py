"""The live engine as the UI sees it: events in through a timer, controls out.

The engine's worker thread owns the microphone, the recognizer and the coach; it puts
immutable events on its outbox. Here a timer on the Qt main thread drains that queue and
turns events into the app's status, the tempo meter and cue cards (signals that `app.py`
connects to the tray and the overlay). No widget is touched off the main thread, and no
engine state is touched from this one: controls go through the engine's own thread-safe
methods.
"""

import logging
import queue
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.audio.call_source import CallSource, CustomerState
from desktop.audio.source import AudioSource
from desktop.coaching.calls import CallStarted
from desktop.coaching.coach import Coach, TempoReading
from desktop.coaching.cue import Cue
from desktop.conversation.turns import HoldChanged
from desktop.engine import Engine, TimelineEvent
from desktop.events import CustomerChannelChanged, Notice, SnoozeRequested, StreamEnded
from desktop.prosody.analyzer import ProsodyTick, SpeechSegment
from desktop.recognition.recognizer import StreamingRecognizer
from desktop.summary.calls import CallLabeller
from desktop.ui.status import AppStatus, ModelState, status_after_notice, tray_state
from desktop.ui.tempo import TempoView, tempo_view

logger = logging.getLogger(__name__)

DRAIN_INTERVAL_MS = 50
"""How often the outbox is emptied: well under the cue latency budget, invisible in CPU."""
PAUSED_DRAIN_INTERVAL_MS = 500
"""While paused only control answers arrive: look rarely, so a paused app costs ~nothing."""
MAX_EVENTS_PER_DRAIN = 2000


class LiveSession(QObject):
    status_changed = Signal(object)
    """AppStatus, whenever anything in it changed."""
    cue_shown = Signal(object)
    """A Cue the coach decided to show."""
    tempo_changed = Signal(object)
    """TempoView for the meter."""
    voice_heard = Signal()
    snoozed_changed = Signal(bool)
    customer_changed = Signal(object)
    """CustomerState, whenever the customer channel became heard or not (never emitted when
    no customer channel is configured)."""
    hold_changed = Signal(bool)
    """True: the customer is on hold; False: the hold ended (by speech or by the menu)."""
    timeline_event = Signal(object)
    """Every event, in order (the shift store listens to this)."""
    ended = Signal(object)
    """The StreamEnded summary, once, after `stop()`."""

    def __init__(
        self,
        engine: Engine,
        outbox: "queue.Queue[TimelineEvent | None]",
        status: AppStatus,
        card_visible_s: float,
    ) -> None:
        super().__init__()
        self._engine = engine
        self._outbox = outbox
        self._status = status
        self._card_visible_s = card_visible_s
        self._calls = CallLabeller()
        self._snoozed = False
        self._finished = False
        self._card_timer = QTimer(self)
        self._card_timer.setSingleShot(True)
        self._card_timer.timeout.connect(lambda: self._update(cue_visible=False))
        self._drain_timer = QTimer(self)
        self._drain_timer.setInterval(DRAIN_INTERVAL_MS)
        self._drain_timer.timeout.connect(self.drain)

    @property
    def status(self) -> AppStatus:
        return self._status

    def start(self) -> None:
        self._engine.start()
        self._drain_timer.start()
        self.status_changed.emit(self._status)

    # controls (main thread) -------------------------------------------------------------

    def set_paused(self, paused: bool) -> None:
        if paused == self._status.paused:
            return
        if paused:
            self._engine.pause()
        else:
            self._engine.resume()
        self._drain_timer.setInterval(PAUSED_DRAIN_INTERVAL_MS if paused else DRAIN_INTERVAL_MS)
        self._update(paused=paused, cue_visible=False)

    def new_call(self) -> None:
        self._engine.new_call()

    def snooze(self) -> None:
        self._engine.snooze()

    def hold(self, on_hold: bool) -> None:
        """The agent put the customer on hold (True) or took them off it (False); the
        engine confirms with a HoldChanged event, which updates the status."""
        self._engine.hold(on_hold)

    def switch_source(self, source: AudioSource | CallSource) -> None:
        self._engine.switch_source(source)
        self._update(mic_name=source.name)

    def replace_coach(self, coach: Coach) -> None:
        self._engine.replace_coach(coach)

    def attach_recognizer(self, recognizer: StreamingRecognizer, label: str) -> None:
        self._engine.attach_recognizer(recognizer, label)
        self._update(model="ready", model_label=label)

    def set_model_state(self, model: ModelState, label: str) -> None:
        self._update(model=model, model_label=label)

    def set_config_problem(self, problem: str | None) -> None:
        self._update(config_problem=problem)

    def stop(self, timeout_s: float = 10.0) -> None:
        """Stop the engine and take in its last events (the summary among them)."""
        self._drain_timer.stop()
        self._engine.stop()
        self._engine.join(timeout_s)
        self.drain()

    # events (main thread, from the timer) ------------------------------------------------

    def drain(self) -> None:
        for _ in range(MAX_EVENTS_PER_DRAIN):
            try:
                event = self._outbox.get_nowait()
            except queue.Empty:
                return
            if event is None:
                self._drain_timer.stop()
                return
            self._handle(event)

    def _handle(self, event: TimelineEvent) -> None:
        self.timeline_event.emit(event)
        if isinstance(event, ProsodyTick):
            if event.speaking and event.speaker == "agent":
                self.voice_heard.emit()
        elif isinstance(event, TempoReading):
            self.tempo_changed.emit(self._tempo(event))
        elif isinstance(event, Cue):
            self._show(event)
        elif isinstance(event, Notice):
            logger.info("engine notice: %s (%s)", event.kind, event.message)
            self._set_status(status_after_notice(self._status, event))
        elif isinstance(event, SpeechSegment):
            if event.speaker == "agent":
                self._calls.agent_spoke(event.end_s - event.start_s)
        elif isinstance(event, CallStarted):
            self._set_snoozed(False)
            self._calls.call_started()
            self._update(call_label=self._calls.label)
        elif isinstance(event, CustomerChannelChanged):
            self._customer_changed(event.state)
        elif isinstance(event, HoldChanged):
            self._update(on_hold=event.on_hold)
            self.hold_changed.emit(event.on_hold)
        elif isinstance(event, SnoozeRequested):
            self._set_snoozed(True)
            self._card_timer.stop()
            self._update(cue_visible=False)
        elif isinstance(event, StreamEnded):
            self.ended.emit(event)

    def _tempo(self, reading: TempoReading) -> TempoView:
        return tempo_view(reading.rate_syl_s, reading.baseline_syl_s, reading.hasty_above_syl_s)

    def _show(self, cue: Cue) -> None:
        if self._snoozed or self._status.paused:
            return
        logger.info("cue shown: %s", cue.name)
        self.cue_shown.emit(cue)
        self._card_timer.start(int(self._card_visible_s * 1000))
        self._update(cue_visible=True)

    def _customer_changed(self, state: CustomerState) -> None:
        device = f" ({state.device})" if state.device else ""
        logger.info(
            "customer channel %s%s%s",
            state.status,
            device,
            f": {state.reason}" * bool(state.reason),
        )
        on_hold = self._status.on_hold and state.status == "listening"
        self._update(customer=state.status, customer_reason=state.reason, on_hold=on_hold)
        self.customer_changed.emit(state)

    def _set_snoozed(self, snoozed: bool) -> None:
        if snoozed != self._snoozed:
            self._snoozed = snoozed
            self._update(snoozed=snoozed)
            self.snoozed_changed.emit(snoozed)

    def _update(self, **changes: object) -> None:
        self._set_status(replace(self._status, **changes))  # type: ignore[arg-type]

    def _set_status(self, status: AppStatus) -> None:
        if status == self._status:
            return
        before = tray_state(self._status)
        self._status = status
        after = tray_state(status)
        if after != before:
            logger.info("tray state: %s", after.value)
        self.status_changed.emit(status)

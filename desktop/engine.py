"""The listening engine: an audio source in, a timeline of events out.

`StreamAnalysis` is the synchronous heart: blocks in, events out, on the stream clock. It is
the same code for a file and for the microphone. `Engine` runs it on one worker thread that
owns the recognizer and the analysis state, and hands immutable events to its outbox queue;
`stop()` sends a sentinel. The outbox always ends with one `StreamEnded` and then `None`.
"""

import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from desktop.audio.call_source import CallBlock, CallSource, CustomerState, as_call_source
from desktop.audio.source import (
    SAMPLE_RATE_HZ,
    AudioSource,
    EndOfStream,
    SourceLost,
    SourceSilent,
)
from desktop.coaching.coach import Coach, CoachEvent
from desktop.conversation.echo_gate import EchoGate
from desktop.conversation.figures import FiguresCounter
from desktop.conversation.turns import TurnSettings, TurnTracker
from desktop.events import (
    CustomerChannelChanged,
    EngineEvent,
    NewCallRequested,
    Notice,
    SnoozeRequested,
    StreamEnded,
    WordsRecognized,
)
from desktop.prosody.analyzer import (
    ProsodyAnalyzer,
    ProsodySettings,
    ProsodyTick,
    SpeechOffset,
    SpeechOnset,
)
from desktop.recognition.recognizer import StreamingRecognizer
from desktop.recognition.words import RecognitionUpdate

READ_TIMEOUT_S = 0.2
"""How long the worker waits for a block before it looks at its control queue again."""

RECONNECT_INTERVAL_S = 1.0

TimelineEvent = EngineEvent | CoachEvent
"""What the engine hands out: the timeline, with the coach's cues and call starts in it."""


class _CustomerSide:
    """What the engine keeps for the customer's side: the echo gate between the two sides,
    the customer's prosody (the same code as the agent's) and who holds the floor."""

    def __init__(self, settings: ProsodySettings | None, turns: TurnSettings) -> None:
        self.gate = EchoGate(SAMPLE_RATE_HZ)
        self.prosody = ProsodyAnalyzer(
            SAMPLE_RATE_HZ, settings, "customer", self.gate.allowed("customer")
        )
        self.turns = TurnTracker(turns)
        self.figures = FiguresCounter()


class StreamAnalysis:
    """Prosody, and optionally recognition and coaching, over one stream, block by block.

    With `turns` (a customer channel), both sides are analysed: the echo gate first, then
    each side's prosody, then who speaks (turn events, in the timeline after both sides'
    prosody of the block). Words are recognised on the agent's side only.

    Each engine event is followed by what the coach made of it, so cues sit in the
    timeline right after the evidence that completed them.
    """

    def __init__(
        self,
        source_name: str,
        recognizer: StreamingRecognizer | None = None,
        recognizer_name: str = "none",
        settings: ProsodySettings | None = None,
        coach: Coach | None = None,
        turns: TurnSettings | None = None,
    ) -> None:
        self._source_name = source_name
        self._coach = coach
        self._customer = _CustomerSide(settings, turns) if turns is not None else None
        agent_gate = self._customer.gate.allowed("agent") if self._customer else None
        self._prosody = ProsodyAnalyzer(SAMPLE_RATE_HZ, settings, "agent", agent_gate)
        self._recognizer = recognizer
        self._recognizer_name = recognizer_name if recognizer else "none"
        self._samples = 0
        self._final_words = 0

    @property
    def stream_time_s(self) -> float:
        return self._samples / SAMPLE_RATE_HZ

    @property
    def has_recognizer(self) -> bool:
        return self._recognizer is not None

    def attach_recognizer(self, recognizer: StreamingRecognizer, name: str) -> list[TimelineEvent]:
        """Start recognising from now on (the model finished loading in the background)."""
        recognizer.reset(offset_s=self.stream_time_s)
        self._recognizer = recognizer
        self._recognizer_name = name
        return [Notice(self.stream_time_s, "model-ready", f"Speech model ready ({name}).")]

    def replace_coach(self, coach: Coach) -> None:
        """Coach under a new policy from now on (the supervisor file changed); the new coach
        carries on the call in progress."""
        if self._coach is not None:
            coach.continue_from(self._coach)
        self._coach = coach

    @property
    def hears_customer(self) -> bool:
        """Whether the customer's side is analysed (a customer channel was configured)."""
        return self._customer is not None

    def new_call(self) -> list[TimelineEvent]:
        return self._coached([NewCallRequested(self.stream_time_s)])

    def hold(self, on_hold: bool) -> list[TimelineEvent]:
        """The agent put the customer on hold (or took them off it): silence is not dead air."""
        if self._customer is None:
            return []
        return self._coached(list(self._customer.turns.hold(self.stream_time_s, on_hold)))

    def snooze(self) -> list[TimelineEvent]:
        return self._coached([SnoozeRequested(self.stream_time_s)])

    def feed(self, block: NDArray[np.int16] | CallBlock) -> list[TimelineEvent]:
        call = block if isinstance(block, CallBlock) else CallBlock(block, None)
        agent = call.agent
        self._samples += int(agent.shape[0])
        side = self._customer
        if side is not None:
            heard = call.customer if call.customer is not None else np.zeros_like(agent)
            side.gate.push(agent, heard)
        events: list[EngineEvent] = list(self._prosody.process(agent))
        if side is not None:
            events.extend(side.prosody.process(heard))
        if self._recognizer is not None:
            events.extend(self._words(self._recognizer.accept(agent)))
        if side is not None:
            events.extend(self._who_speaks(events, finished=False))
        return self._coached(events)

    def finish(self) -> list[TimelineEvent]:
        events: list[EngineEvent] = list(self._prosody.finish())
        side = self._customer
        if side is not None:
            events.extend(side.prosody.finish())
        if self._recognizer is not None:
            events.extend(self._words(self._recognizer.finish()))
        if side is not None:
            events.extend(self._who_speaks(events, finished=True))
        ended = StreamEnded(
            self.stream_time_s,
            self._source_name,
            self._prosody.summary(),
            self._final_words if self._recognizer is not None else None,
            self._recognizer_name,
            customer=side.prosody.summary() if side is not None else None,
            conversation=(
                side.figures.figures(side.turns.speech_s["agent"], side.turns.speech_s["customer"])
                if side is not None
                else None
            ),
        )
        # The coach sees the end too (a reply still pending is judged now); the summary comes
        # last and carries the counts of everything the coach showed.
        timeline = [e for e in self._coached([*events, ended]) if e is not ended]
        if self._coach is not None:
            ended = replace(ended, cues=tuple(self._coach.shown_counts.items()))
        timeline.append(ended)
        return timeline

    def _who_speaks(self, events: list[EngineEvent], finished: bool) -> list[EngineEvent]:
        """Both sides' onsets and offsets into the turn tracker; the turns it decided."""
        side = self._customer
        assert side is not None
        for event in events:
            if isinstance(event, SpeechOnset | SpeechOffset):
                side.turns.observe(event)
        now_s = self.stream_time_s
        decided = side.turns.finish(now_s) if finished else side.turns.advance(now_s)
        for turn_event in decided:
            side.figures.observe(turn_event)
        return list(decided)

    def _coached(self, events: list[EngineEvent]) -> list[TimelineEvent]:
        """Each event, then what the coach made of it. The customer's 100 ms ticks stop
        here: they are for meters and calls, and the overlay meters only the agent."""
        timeline: list[TimelineEvent] = []
        for event in events:
            if not (isinstance(event, ProsodyTick) and event.speaker == "customer"):
                timeline.append(event)
            if self._coach is not None:
                timeline.extend(self._coach.observe(event))
        return timeline

    def _words(self, update: RecognitionUpdate) -> list[EngineEvent]:
        t_s = self.stream_time_s
        if update.final_words:
            self._final_words += len(update.final_words)
            return [WordsRecognized(t_s, update.final_words, final=True)]
        if update.partial_words:
            return [WordsRecognized(t_s, update.partial_words, final=False)]
        return []


@dataclass(frozen=True, slots=True)
class _Stop:
    """Sentinel on the control queue."""


@dataclass(frozen=True, slots=True)
class _Attach:
    recognizer: StreamingRecognizer
    name: str


@dataclass(frozen=True, slots=True)
class _NewCall:
    pass


@dataclass(frozen=True, slots=True)
class _Snooze:
    pass


@dataclass(frozen=True, slots=True)
class _Pause:
    pass


@dataclass(frozen=True, slots=True)
class _Resume:
    pass


@dataclass(frozen=True, slots=True)
class _Hold:
    on_hold: bool


@dataclass(frozen=True, slots=True)
class _SwitchSource:
    source: AudioSource | CallSource


@dataclass(frozen=True, slots=True)
class _ReplaceCoach:
    coach: Coach


_Control = (
    _Stop | _Attach | _NewCall | _Snooze | _Hold | _Pause | _Resume | _SwitchSource | _ReplaceCoach
)


class Engine:
    """Runs a StreamAnalysis over an AudioSource on a worker thread.

    A live source that is lost (SourceLost) is reported once and reopened every
    RECONNECT_INTERVAL_S until it comes back; the stream clock keeps counting only real
    samples. With `retry_open` (the tray app) a source that cannot be opened at the start is
    treated the same way, instead of ending the engine. While paused the source is closed
    and the worker sleeps on its control queue. Stop with `stop()`; the worker then finishes
    the analysis and exits.
    """

    def __init__(
        self,
        source: AudioSource | CallSource,
        analysis: StreamAnalysis,
        outbox: "queue.Queue[TimelineEvent | None]",
        on_event: Callable[[], None] | None = None,
        retry_open: bool = False,
    ) -> None:
        self._source = as_call_source(source)
        self._customer_state: CustomerState | None = None
        self._analysis = analysis
        self._outbox = outbox
        self._control: queue.Queue[_Control] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="speech-coach-engine", daemon=True)
        self._on_event = on_event
        self._retry_open = retry_open
        self._dropped_reported = 0
        self._paused = False
        self._lost = False
        self._silent = False
        self.error: Exception | None = None
        """Why the source could not be opened at all, if it could not (set before the
        outbox's closing None)."""

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._control.put(_Stop())

    def join(self, timeout_s: float | None = None) -> None:
        self._thread.join(timeout_s)

    def attach_recognizer(self, recognizer: StreamingRecognizer, name: str) -> None:
        """Thread-safe: the worker attaches it between two blocks."""
        self._control.put(_Attach(recognizer, name))

    def new_call(self) -> None:
        """Thread-safe: mark a new call at the stream time the worker gets this."""
        self._control.put(_NewCall())

    def snooze(self) -> None:
        """Thread-safe: no more cues during the current call."""
        self._control.put(_Snooze())

    def hold(self, on_hold: bool) -> None:
        """Thread-safe: the agent put the customer on hold (True) or took them off it."""
        self._control.put(_Hold(on_hold))

    def pause(self) -> None:
        """Thread-safe: close the source (the microphone really stops) until `resume()`."""
        self._control.put(_Pause())

    def resume(self) -> None:
        """Thread-safe: reopen the source after `pause()`."""
        self._control.put(_Resume())

    def switch_source(self, source: AudioSource | CallSource) -> None:
        """Thread-safe: close the current source and listen to `source` from now on."""
        self._control.put(_SwitchSource(source))

    def replace_coach(self, coach: Coach) -> None:
        """Thread-safe: coach under a new policy from the next block on."""
        self._control.put(_ReplaceCoach(coach))

    def _emit(self, events: list[TimelineEvent]) -> None:
        for event in events:
            self._outbox.put(event)
        if events and self._on_event is not None:
            self._on_event()

    def _run(self) -> None:
        try:
            self._source.open()
        except Exception as error:
            if not self._retry_open:
                self.error = error
                self._outbox.put(None)
                return
            self._mark_lost(str(error))
        try:
            while not self._step():
                pass
        finally:
            self._source.close()
            self._emit(self._analysis.finish())
            self._outbox.put(None)

    def _step(self) -> bool:
        """One turn of the worker loop; True when the stream is over (stopped or ended)."""
        if self._paused:
            message = self._control.get()  # nothing to read: sleep until told otherwise
            if isinstance(message, _Stop):
                return True
            self._apply(message)
            return False
        if self._handle_control():
            return True
        if self._paused:
            return False
        if self._lost:
            if self._wait_and_reopen():
                self._lost = self._silent = False
                self._notice("source-back", f"{self._source.name} is listening again.")
            return False
        try:
            block = self._source.read(READ_TIMEOUT_S)
        except EndOfStream:
            return True
        except SourceSilent as error:
            # The stream is alive but gives digital silence (muted, privacy block):
            # keep it open, say so once, and say when sound returns.
            self._notice("source-lost", str(error))
            self._silent = True
            return False
        except SourceLost as error:
            self._mark_lost(str(error))
            return False
        if block is None or not block.agent.size:
            return False
        if self._silent and block.agent.any():
            self._silent = False
            self._notice("source-back", f"{self._source.name} hears sound again.")
        self._report_customer_state()
        self._emit(self._analysis.feed(block))
        self._report_drops()
        return False

    def _report_customer_state(self) -> None:
        """A CustomerChannelChanged whenever the customer channel's state changes (the
        first one says how it starts), for sources that can hear the customer."""
        if not self._analysis.hears_customer:
            return
        state = self._source.customer_state
        if state != self._customer_state:
            self._customer_state = state
            self._emit([CustomerChannelChanged(self._analysis.stream_time_s, state)])

    def _mark_lost(self, message: str) -> None:
        if not self._lost:
            self._notice("source-lost", message)
        self._lost = True

    def _notice(self, kind: str, message: str) -> None:
        self._emit([Notice(self._analysis.stream_time_s, kind, message)])

    def _handle_control(self) -> bool:
        """Apply pending control messages; True when asked to stop."""
        while True:
            try:
                message = self._control.get_nowait()
            except queue.Empty:
                return False
            if isinstance(message, _Stop):
                return True
            self._apply(message)

    def _apply(self, message: _Control) -> None:
        if isinstance(message, _Attach):
            self._emit(self._analysis.attach_recognizer(message.recognizer, message.name))
        elif isinstance(message, _NewCall):
            self._emit(self._analysis.new_call())
        elif isinstance(message, _Snooze):
            self._emit(self._analysis.snooze())
        elif isinstance(message, _Hold):
            self._emit(self._analysis.hold(message.on_hold))
        elif isinstance(message, _ReplaceCoach):
            self._analysis.replace_coach(message.coach)
        elif isinstance(message, _Pause) and not self._paused:
            self._source.close()
            self._paused = True
            self._notice("paused", "Listening paused; the microphone is closed.")
        elif isinstance(message, _Resume) and self._paused:
            self._paused = False
            self._lost = self._silent = False
            self._reopen_or_mark_lost()
            self._notice("resumed", f"Listening again on {self._source.name}.")
        elif isinstance(message, _SwitchSource):
            self._source.close()
            self._source = as_call_source(message.source)
            self._dropped_reported = 0
            self._lost = self._silent = False
            if not self._paused:
                self._reopen_or_mark_lost()
            self._notice("source-switched", f"Now listening on {self._source.name}.")

    def _reopen_or_mark_lost(self) -> None:
        try:
            self._source.open()
        except Exception as error:  # a source that will not open now may come back later
            self._mark_lost(str(error))

    def _wait_and_reopen(self) -> bool:
        try:
            message = self._control.get(timeout=RECONNECT_INTERVAL_S)
        except queue.Empty:
            message = None
        if isinstance(message, _Stop):
            self._control.put(message)
            return False
        if message is not None:
            self._apply(message)
            if self._paused or not self._lost:
                return False
        try:
            self._source.close()
            self._source.open()
        except Exception:  # any failure to reopen means: still lost, try again later
            return False
        return True

    def _report_drops(self) -> None:
        dropped = self._source.dropped_blocks
        if dropped > self._dropped_reported:
            self._dropped_reported = dropped
            self._notice(
                "dropped-blocks", f"{dropped} audio blocks dropped so far (the computer is busy)."
            )


def run_to_end(
    source: AudioSource | CallSource, analysis: StreamAnalysis
) -> Iterator[TimelineEvent]:
    """Run an Engine over a finite source and yield its events as they come.

    Raises what opening the source raised (for a file: UserError naming the problem).
    """
    outbox: queue.Queue[TimelineEvent | None] = queue.Queue()
    engine = Engine(source, analysis, outbox)
    engine.start()
    try:
        while (event := outbox.get()) is not None:
            yield event
    finally:
        engine.stop()
        engine.join()
    if engine.error is not None:
        raise engine.error

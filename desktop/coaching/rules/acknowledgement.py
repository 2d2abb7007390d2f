"""Missing acknowledgement: after the customer has spoken for a while, the agent's reply
should first acknowledge them (DESIGN.md: "feel, acknowledge, lead"; apologies and
paraphrases count).

A customer turn is, with a customer channel, a real customer `Turn` (the turn tracker's) with
at least `min_customer_turn_s` of customer speech; the agent's reply starts when the agent
takes the floor after it. Without a customer channel (no turn event heard yet, or the channel
reported off, unavailable or lost since) the fallback
guess is an agent silence (an engine `Pause` inside the current call) of at least
`min_customer_turn_s`, and the reply starts when that pause ends. The reply's FINAL words
that start within `reply_window_s` of its start must hold an acknowledgement phrase
(`acknowledgement.txt` plus the supervisor's). The rule decides once all words of the window
are final: when a final word starting after the window arrives, or when the window is over,
the agent has been silent for `FINAL_WAIT_S` (vosk closes an utterance about half a second
after speech ends) and no partial hypothesis is pending. A reply of fewer than
`MIN_REPLY_WORDS` recognised words ("ja", a cough) is no evidence either way. A new customer
turn, or the end of the stream, closes a pending reply early. Once words are being
recognised, every reply decided is also judged (`Judgement` "customer_turn"): met when it
acknowledged the customer or was too short to judge; without words nothing is judged.
"""

from dataclasses import dataclass, field

from desktop.coaching.cue import CoachContext, Cue, CueName, RuleEvent
from desktop.coaching.judgement import Judgement
from desktop.coaching.phrases import PhraseMatcher
from desktop.coaching.settings import AcknowledgementSettings
from desktop.conversation.turns import Turn, TurnStarted
from desktop.events import CustomerChannelChanged, Notice, StreamEnded, WordsRecognized
from desktop.prosody.analyzer import Pause, ProsodyTick
from desktop.recognition.words import Word

MIN_REPLY_WORDS = 3
EXPECTED = {"nl": "Ik begrijp dat …", "en": "I understand that …"}
WORD_TIME_TOLERANCE_S = 0.06
FINAL_WAIT_S = 1.5


@dataclass(slots=True)
class _Reply:
    start_s: float
    end_s: float
    customer_turn_s: float
    """The customer's turn it answers: its speech time, or the agent's silence (fallback)."""
    heard: bool
    """Whether the customer turn was heard on the customer channel (not guessed)."""
    words: list[Word] = field(default_factory=list)


class AcknowledgementRule:
    name: CueName = "acknowledgement"

    def __init__(self, settings: AcknowledgementSettings, phrases: PhraseMatcher) -> None:
        self._settings = settings
        self._phrases = phrases
        self._reply: _Reply | None = None
        self._partial_pending = False
        self._last_speech_s = 0.0
        self._hears_customer = False
        self._hearing_words = False
        self._customer_turn: Turn | None = None

    def reset_call(self) -> None:
        self._reply = None
        self._customer_turn = None

    def observe(self, event: RuleEvent, context: CoachContext) -> list[Cue | Judgement]:
        if isinstance(event, WordsRecognized) or (
            isinstance(event, Notice) and event.kind == "model-ready"
        ):
            self._hearing_words = True
        if isinstance(event, CustomerChannelChanged):
            # Only while the customer is really heard are turns real; else the fallback.
            self._hears_customer = event.state.status == "listening"
            return []
        if isinstance(event, Turn | TurnStarted):
            self._hears_customer = True
            return self._on_turn(event, context)
        if isinstance(event, Pause):
            if event.speaker != "agent" or self._hears_customer:
                return []
            return self._on_pause(event, context)
        if isinstance(event, WordsRecognized):
            return self._on_words(event, context)
        if isinstance(event, StreamEnded):
            return self._decide(event.t_s, context)
        if not isinstance(event, ProsodyTick):
            return []
        if event.speaker != "agent":
            return []
        if event.speaking:
            self._last_speech_s = event.t_s
            return []
        reply = self._reply
        if reply is None or event.t_s < reply.end_s or self._partial_pending:
            return []
        settled = event.t_s - self._last_speech_s >= FINAL_WAIT_S
        return self._decide(event.t_s, context) if settled else []

    def _on_turn(self, event: Turn | TurnStarted, context: CoachContext) -> list[Cue | Judgement]:
        if isinstance(event, Turn):
            long_enough = event.speech_s >= self._settings.min_customer_turn_s
            if event.speaker == "customer" and long_enough:
                if event.start_s >= context.call_start_s:
                    self._customer_turn = event
            return []
        turn, self._customer_turn = self._customer_turn, None
        if event.speaker != "agent" or turn is None:
            return []
        return self._open_reply(event.start_s, turn.speech_s, True, context)

    def _on_pause(self, pause: Pause, context: CoachContext) -> list[Cue | Judgement]:
        silence_s = pause.end_s - pause.start_s
        if pause.start_s < context.call_start_s or silence_s < self._settings.min_customer_turn_s:
            return []
        return self._open_reply(pause.end_s, silence_s, False, context)

    def _open_reply(
        self, start_s: float, customer_turn_s: float, heard: bool, context: CoachContext
    ) -> list[Cue | Judgement]:
        cues = self._decide(start_s, context) if self._reply is not None else []
        end_s = start_s + self._settings.reply_window_s
        self._reply = _Reply(start_s, end_s, customer_turn_s, heard)
        return cues

    def _on_words(self, event: WordsRecognized, context: CoachContext) -> list[Cue | Judgement]:
        if not event.final:
            self._partial_pending = bool(event.words)
            return []
        self._partial_pending = False
        reply = self._reply
        if reply is None:
            return []
        earliest_s = reply.start_s - WORD_TIME_TOLERANCE_S
        reply.words.extend(w for w in event.words if earliest_s <= w.start_s <= reply.end_s)
        if self._phrases.find(reply.words):
            self._reply = None
            return self._judged(reply, event.t_s, met=True)
        if any(w.start_s > reply.end_s for w in event.words):
            return self._decide(event.t_s, context)
        return []

    def _decide(self, t_s: float, context: CoachContext) -> list[Cue | Judgement]:
        reply, self._reply = self._reply, None
        if reply is None:
            return []
        if len(reply.words) < MIN_REPLY_WORDS or self._phrases.find(reply.words):
            return self._judged(reply, t_s, met=True)
        turn_key = "customer_speech_s" if reply.heard else "silence_s"
        evidence: dict[str, float | str] = {
            turn_key: round(reply.customer_turn_s, 1),
            "expected": EXPECTED[context.language],
        }
        message = self._settings.message.text(context.language)
        closed_s = min(reply.end_s, t_s)
        cue = Cue(self.name, t_s, reply.start_s, message, evidence, evidence_end_s=closed_s)
        return [*self._judged(reply, t_s, met=False), cue]

    def _judged(self, reply: _Reply, t_s: float, met: bool) -> list[Cue | Judgement]:
        """The customer turn as judged; nothing while no words are recognised (a reply
        without words cannot be judged either way)."""
        if not self._hearing_words:
            return []
        return [Judgement("customer_turn", t_s, reply.start_s, met)]

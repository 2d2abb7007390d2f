"""Missing acknowledgement: after the customer has spoken for a while, the agent's reply
should first acknowledge them (DESIGN.md: "feel, acknowledge, lead"; apologies and
paraphrases count).

A customer turn is, on the agent's own microphone, an agent silence (an engine `Pause`
inside the current call) of at least `min_customer_turn_s`. The agent's reply starts when
that pause ends; its FINAL words that start within `reply_window_s` of it must hold an
acknowledgement phrase (`acknowledgement.txt` plus the supervisor's). The rule decides once
all words of the window are final: when a final word starting after the window arrives, or
when the window is over, the agent has been silent for `FINAL_WAIT_S` (vosk closes an
utterance about half a second after speech ends) and no partial hypothesis is pending. A reply of
fewer than `MIN_REPLY_WORDS` recognised words ("ja", a cough) is no evidence either way.
A new customer turn, or the end of the stream, closes a pending reply early.
"""

from dataclasses import dataclass, field

from desktop.coaching.cue import CoachContext, Cue, CueName, RuleEvent
from desktop.coaching.phrases import PhraseMatcher
from desktop.coaching.settings import AcknowledgementSettings
from desktop.events import StreamEnded, WordsRecognized
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
    silence_s: float
    words: list[Word] = field(default_factory=list)


class AcknowledgementRule:
    name: CueName = "acknowledgement"

    def __init__(self, settings: AcknowledgementSettings, phrases: PhraseMatcher) -> None:
        self._settings = settings
        self._phrases = phrases
        self._reply: _Reply | None = None
        self._partial_pending = False
        self._last_speech_s = 0.0

    def reset_call(self) -> None:
        self._reply = None

    def observe(self, event: RuleEvent, context: CoachContext) -> list[Cue]:
        if isinstance(event, Pause):
            return self._on_pause(event, context)
        if isinstance(event, WordsRecognized):
            return self._on_words(event, context)
        if isinstance(event, StreamEnded):
            return self._decide(event.t_s, context)
        if not isinstance(event, ProsodyTick):
            return []
        if event.speaking:
            self._last_speech_s = event.t_s
            return []
        reply = self._reply
        if reply is None or event.t_s < reply.end_s or self._partial_pending:
            return []
        settled = event.t_s - self._last_speech_s >= FINAL_WAIT_S
        return self._decide(event.t_s, context) if settled else []

    def _on_pause(self, pause: Pause, context: CoachContext) -> list[Cue]:
        silence_s = pause.end_s - pause.start_s
        if pause.start_s < context.call_start_s or silence_s < self._settings.min_customer_turn_s:
            return []
        cues = self._decide(pause.end_s, context) if self._reply is not None else []
        end_s = pause.end_s + self._settings.reply_window_s
        self._reply = _Reply(pause.end_s, end_s, silence_s)
        return cues

    def _on_words(self, event: WordsRecognized, context: CoachContext) -> list[Cue]:
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
            return []
        if any(w.start_s > reply.end_s for w in event.words):
            return self._decide(event.t_s, context)
        return []

    def _decide(self, t_s: float, context: CoachContext) -> list[Cue]:
        reply, self._reply = self._reply, None
        if reply is None or len(reply.words) < MIN_REPLY_WORDS:
            return []
        if self._phrases.find(reply.words):
            return []
        evidence: dict[str, float | str] = {
            "silence_s": round(reply.silence_s, 1),
            "expected": EXPECTED[context.language],
        }
        message = self._settings.message.text(context.language)
        closed_s = min(reply.end_s, t_s)
        return [Cue(self.name, t_s, reply.start_s, message, evidence, evidence_end_s=closed_s)]

"""The engine's timeline: immutable values on the stream clock.

Prosody events come from `desktop.prosody.analyzer`; the engine adds recognised words and
notices. Every time is in seconds of the stream clock (samples / sample rate since the
stream began), never wall-clock time, so a file gives the same timeline every run.
"""

from dataclasses import dataclass

from desktop.audio.call_source import CustomerState
from desktop.conversation.figures import ConversationFigures
from desktop.conversation.turns import (
    DeadAir,
    HoldChanged,
    Interruption,
    Overlap,
    Silence,
    Turn,
    TurnStarted,
)
from desktop.prosody.analyzer import (
    Pause,
    ProsodySummary,
    ProsodyTick,
    SpeechOffset,
    SpeechOnset,
    SpeechSegment,
    SyllableNucleus,
)
from desktop.recognition.words import Word


@dataclass(frozen=True, slots=True)
class WordsRecognized:
    """Words from the recognizer. `final` words are settled; partial ones may still change
    and replace the previous partial words of the same utterance. `t_s` is the stream time
    at which they became known."""

    t_s: float
    words: tuple[Word, ...]
    final: bool


@dataclass(frozen=True, slots=True)
class Notice:
    """Something a person should know about the engine itself, said once.

    kind: "no-model" (running without recognition), "model-ready", "source-lost",
    "source-back", "dropped-blocks", "paused", "resumed", "source-switched".
    """

    t_s: float
    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class NewCallRequested:
    """The agent pressed "new call"; stamped with the stream time at which the engine got it."""

    t_s: float


@dataclass(frozen=True, slots=True)
class SnoozeRequested:
    """The agent asked for no more cues during the current call."""

    t_s: float


@dataclass(frozen=True, slots=True)
class CustomerChannelChanged:
    """Whether what the agent hears is heard, from `t_s` on (and why not)."""

    t_s: float
    state: CustomerState


@dataclass(frozen=True, slots=True)
class StreamEnded:
    """The last event of a stream: its whole-stream summary.

    `words` is the number of final words recognised, None when no recognizer ran;
    `recognizer` is "vosk:<model folder>" or "none"; `cues` counts the cues shown per cue
    name (every enabled cue, zeros included), empty when no coach ran. With a customer
    channel, `customer` is the customer side's prosody and `conversation` the call's
    turn figures; both None without one.
    """

    t_s: float
    source: str
    summary: ProsodySummary
    words: int | None
    recognizer: str
    cues: tuple[tuple[str, int], ...] = ()
    customer: ProsodySummary | None = None
    conversation: ConversationFigures | None = None


EngineEvent = (
    SpeechSegment
    | Pause
    | SpeechOnset
    | SpeechOffset
    | SyllableNucleus
    | ProsodyTick
    | WordsRecognized
    | Notice
    | NewCallRequested
    | SnoozeRequested
    | StreamEnded
    | CustomerChannelChanged
    | TurnStarted
    | Turn
    | Overlap
    | Interruption
    | DeadAir
    | Silence
    | HoldChanged
)


def heard_from_customer(event: object) -> bool:
    """Prosody measured on the customer's side. The agent's rules, tempo, baselines and
    figures are about the agent and never take it (who speaks is decided from it upstream)."""
    prosody = SpeechSegment | Pause | SpeechOnset | SpeechOffset | SyllableNucleus | ProsodyTick
    return isinstance(event, prosody) and event.speaker == "customer"

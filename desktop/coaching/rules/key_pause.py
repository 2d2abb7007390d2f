"""Key-point pause: a short pause before key information lets it land (DESIGN.md, "Tempo":
listeners recognise and remember words after a pause better).

Key information is a key phrase (the supervisor's list, `key_phrases.txt`) or, when
`auto_key_points` is on, an automatic key point (`desktop.coaching.keypoints`: numbers,
amounts, dates, weekdays, spelled codes). For its first FINAL word, mid-utterance, the rule
measures the silence before it and fires when it is shorter than `min_pause_ms`. Every key
point found is also judged (`Judgement` "key_point"): met when it came after a long enough
pause, or opened an utterance or the call.

The silence is the longest engine `Pause` between the previous word and this one (word times
are widened by `WORD_TIME_TOLERANCE_S`, since vosk's boundaries are not the VAD's), or else the
gap between vosk's word times (then under the VAD's 200 ms minimum pause). Mid-utterance means
that the agent spoke within `MID_UTTERANCE_S` before: the first word after a long silence
opens a new utterance and is not judged. Where a key point's start is ambiguous
(`KeyPoint.lead`), a long enough pause before any of its possible first words is enough.
"""

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.coaching.cue import CoachContext, Cue, CueName, RuleEvent
from desktop.coaching.judgement import Judgement
from desktop.coaching.keypoints import find_key_points
from desktop.coaching.phrases import PhraseMatcher
from desktop.coaching.settings import KeyPauseSettings, Language
from desktop.events import WordsRecognized
from desktop.prosody.analyzer import Pause
from desktop.recognition.words import Word

MID_UTTERANCE_S = 1.5
WORD_TIME_TOLERANCE_S = 0.06
PAUSE_HISTORY = 64


@dataclass(frozen=True, slots=True)
class _Span:
    """Key information in words[first:end]; it may also start as early as words[lead]."""

    lead: int
    first: int
    end: int


class KeyPauseRule:
    name: CueName = "key_pause"

    def __init__(
        self, settings: KeyPauseSettings, key_phrases: PhraseMatcher, language: Language
    ) -> None:
        self._settings = settings
        self._key_phrases = key_phrases
        self._language = language
        self._pauses: deque[Pause] = deque(maxlen=PAUSE_HISTORY)
        self._previous: Word | None = None

    def reset_call(self) -> None:
        self._previous = None

    def observe(self, event: RuleEvent, context: CoachContext) -> list[Cue | Judgement]:
        if isinstance(event, Pause):
            if event.speaker == "agent":
                self._pauses.append(event)
            return []
        if not isinstance(event, WordsRecognized) or not event.final or not event.words:
            return []
        words = [w for w in event.words if w.start_s >= context.call_start_s]
        out: list[Cue | Judgement] = []
        for span, phrase, kind in self._candidates(words):
            cue = self._judge(words, span, phrase, kind, event.t_s, context)
            start_s = words[span.first].start_s
            out.append(Judgement("key_point", event.t_s, start_s, met=cue is None))
            if cue is not None:
                out.append(cue)
        if words:
            self._previous = words[-1]
        return out

    def _candidates(self, words: Sequence[Word]) -> list[tuple[_Span, str, str]]:
        """(where in `words`, phrase, kind), in order of first word."""
        found = {
            match.first: (
                _Span(match.first, match.first, match.end),
                match.phrase.text,
                "key_phrase",
            )
            for match in self._key_phrases.find(words)
        }
        if self._settings.auto_key_points:
            for point in find_key_points([w.text for w in words], self._language):
                text = " ".join(w.text for w in words[point.first : point.end])
                span = _Span(point.lead, point.first, point.end)
                found.setdefault(point.first, (span, text, point.kind))
        return [found[first] for first in sorted(found)]

    def _judge(
        self,
        words: Sequence[Word],
        span: _Span,
        phrase: str,
        kind: str,
        t_s: float,
        context: CoachContext,
    ) -> Cue | None:
        lead, first = span.lead, span.first
        silences = [self._silence_before(words, i) for i in range(lead, first + 1)]
        if any(s is None for s in silences):
            return None
        pause_s = max(s for s in silences if s is not None)
        if pause_s >= MID_UTTERANCE_S or pause_s * 1000.0 >= self._settings.min_pause_ms:
            return None
        evidence: dict[str, float | str] = {
            "phrase": phrase,
            "kind": kind,
            "pause_ms": float(round(pause_s * 1000.0)),
            "min_pause_ms": self._settings.min_pause_ms,
        }
        message = self._settings.message.text(context.language)
        # The pause judged lies before the first word: the last word completes the evidence.
        end_s = words[span.end - 1].end_s
        return Cue(self.name, t_s, words[first].start_s, message, evidence, evidence_end_s=end_s)

    def _silence_before(self, words: Sequence[Word], i: int) -> float | None:
        """Seconds of silence before words[i], or None when nothing was said before it."""
        previous = words[i - 1] if i > 0 else self._previous
        if previous is None:
            return None
        start_s, end_s = previous.end_s, words[i].start_s
        silence = max(0.0, end_s - start_s)
        for pause in self._pauses:
            overlaps = (
                pause.end_s >= start_s - WORD_TIME_TOLERANCE_S
                and pause.start_s <= end_s + WORD_TIME_TOLERANCE_S
            )
            if overlaps:
                silence = max(silence, pause.end_s - pause.start_s)
        return silence

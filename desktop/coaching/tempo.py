"""The tempo meter: the agent's articulation rate over a rolling window of speech.

Articulation rate = syllables per second of speech, pauses excluded (De Jong & Wempe 2009),
measured over the last `window_s` seconds of speech of the current call (the window reaches
back over pauses and customer turns, never into the previous call). Syllables are counted
in one of two ways (`RateSource`):

- "nuclei": acoustic syllable nuclei from the prosody (`desktop.prosody.syllables`), known
  about 0.6 s after they happen. Without a speech model this is all there is. The rate is
  measured at every nucleus inside known speech and at every segment end; a nucleus at the
  very end of the window counts half (its syllable straddles the end), so the estimate is
  unbiased.
- "words": the syllables of the recognised words (`word_marks`), from the first readable
  recognised word on. The acoustic count still merges some syllables in fast speech (its
  tempo response is about true^0.75-0.95); the word count does not (docs/benchmarks.md,
  "Syllable count per speaker"). A segment's words are known once its final words come, or
  the partial words of the utterance still open reach the segment's end: 1-2 s after it, with
  vosk's lag. Rates are still measured when the nuclei come (at every nucleus and segment
  end, as above), not when the words do: speech whose words are not known yet counts its
  nuclei, each as many syllables as a nucleus stood for in the agent's last minute of speech
  counted both ways (`nucleus_scale`). So a measurement is as quick as the acoustic one and,
  but for its last second or few, counted in words. Both ways count by the same spelling
  rules: one estimator, one baseline.

The switch to words happens between two segments (never inside one: at the first readable
recognised word, before a segment none of whose nuclei was counted yet), so no syllable is
counted twice or lost. Every closed segment is also reported with its syllable count and
source (`SegmentTempo`), so the baseline learner learns from the same estimator the haste
rule measures with.
"""

from collections import deque

from desktop.coaching.nucleus_scale import NucleusScale
from desktop.coaching.rules.speech import SpeechTimeline, StreamClock
from desktop.coaching.settings import Language
from desktop.coaching.tempo_events import RateSource, SegmentTempo, TempoEvent, TempoMeasured
from desktop.coaching.word_marks import MAX_WORD_WAIT_S, SettledSegment, WordSettler
from desktop.coaching.word_syllables import syllable_count
from desktop.events import EngineEvent, StreamEnded, WordsRecognized
from desktop.prosody.analyzer import SpeechSegment, SyllableNucleus


class TempoMeter:
    def __init__(self, window_s: float, language: Language, keep_speech_s: float) -> None:
        """`keep_speech_s`: seconds of speech a user of the measurements looks back over
        (the window, and the haste rule's sustain time)."""
        self._window_s = window_s
        self._language = language
        self._timeline = SpeechTimeline(keep_speech_s=keep_speech_s + MAX_WORD_WAIT_S)
        self._clock = StreamClock()
        self._marks_s: deque[float] = deque()
        """Counted syllables: nuclei while counting nuclei, then settled segments' marks."""
        self._scale = NucleusScale()
        self._words_heard = False
        self._last_segment_end_s = float("-inf")
        self._last_nucleus_s = float("-inf")
        self._settler: WordSettler | None = None
        """None while counting nuclei; the words' settler from the switch on."""

    @property
    def source(self) -> RateSource:
        return "nuclei" if self._settler is None else "words"

    def observe(self, event: EngineEvent, call_start_s: float) -> list[TempoEvent]:
        """What `event` completed: rate measurements and counted segments, in time order."""
        self._timeline.observe(event)
        self._clock.advance(event)
        if isinstance(event, WordsRecognized) and not self._words_heard:
            self._words_heard = any(
                syllable_count(w.text, self._language) is not None for w in event.words
            )
        if self._settler is None:
            out = self._count_nuclei(event, call_start_s)
            switch_s = self._switch_point_s() if self._words_heard else None
            if switch_s is None:
                return out
            self._settler = WordSettler(self._language, switch_s)
        else:
            out = []
        return out + self._count_words(self._settler, event, call_start_s)

    def _switch_point_s(self) -> float | None:
        """Where counting in words may begin: after the last closed segment, or before the
        open one if none of its nuclei was counted yet; None while a segment is half counted."""
        open_start_s = self._timeline.open_start_s
        if open_start_s is None:
            return self._last_segment_end_s
        if self._last_nucleus_s >= open_start_s:
            return None
        return (self._last_segment_end_s + open_start_s) / 2.0

    def _count_nuclei(self, event: EngineEvent, call_start_s: float) -> list[TempoEvent]:
        if isinstance(event, SyllableNucleus):
            self._marks_s.append(event.t_s)
            self._last_nucleus_s = event.t_s
            return self._measured(event.t_s, call_start_s, mark_at_end=True)
        if isinstance(event, SpeechSegment):
            self._last_segment_end_s = event.end_s
            segment = SegmentTempo(event.start_s, event.end_s, event.syllables, "nuclei")
            return [*self._measured(event.end_s, call_start_s, mark_at_end=False), segment]
        return []

    def _count_words(
        self, settler: WordSettler, event: EngineEvent, call_start_s: float
    ) -> list[TempoEvent]:
        if isinstance(event, SpeechSegment):
            settler.add_segment(event)
        elif isinstance(event, SyllableNucleus):
            settler.add_nucleus(event.t_s)
        elif isinstance(event, WordsRecognized) and event.final:
            settler.add_final_words(event.words, event.t_s)
        elif isinstance(event, WordsRecognized):
            settler.add_partial_words(event.words)
        ended = isinstance(event, StreamEnded)
        settled = settler.settle(self._clock.now_s, self._timeline.open_start_s, ended)
        out: list[TempoEvent] = [self._settle(segment) for segment in settled]
        if isinstance(event, SyllableNucleus):
            out.extend(self._measured(event.t_s, call_start_s, mark_at_end=True))
        elif isinstance(event, SpeechSegment):
            out.extend(self._measured(event.end_s, call_start_s, mark_at_end=False))
        return out

    def _settle(self, segment: SettledSegment) -> SegmentTempo:
        self._marks_s.extend(segment.marks_s)
        syllables = len(segment.marks_s)
        if segment.source == "words":
            self._scale.add(segment.end_s - segment.start_s, syllables, segment.nuclei)
        return SegmentTempo(segment.start_s, segment.end_s, syllables, segment.source)

    def _measured(self, end_s: float, call_start_s: float, mark_at_end: bool) -> list[TempoEvent]:
        """The rate over the window of speech ending at `end_s`; `mark_at_end`: a syllable
        nucleus lies at `end_s` (half of its syllable is in the window)."""
        if not self._timeline.covers(end_s):
            return []
        start_s = self._timeline.window_start_s(end_s, self._window_s, call_start_s)
        if start_s is None:
            return []
        while self._marks_s and self._marks_s[0] <= start_s:
            self._marks_s.popleft()
        syllables = float(sum(1 for t in self._marks_s if start_s < t <= end_s))
        end_mark = 1.0
        if self._settler is not None:
            scale = self._scale.syllables_per_nucleus
            syllables += scale * self._settler.unsettled_nuclei(start_s, end_s)
            end_mark = scale
        rate_syl_s = (syllables - (0.5 * end_mark if mark_at_end else 0.0)) / self._window_s
        clock_s = self._timeline.speech_clock_s(end_s)
        now_s = self._clock.now_s
        return [TempoMeasured(now_s, start_s, end_s, rate_syl_s, clock_s, self.source)]

"""A tiny builder of hand-made engine timelines for the rule tests.

Speech is given as segments with a syllable rate and a loudness; words as text with times.
`events()` returns what the engine would emit, in the order it would emit it: ticks every
100 ms, a `Pause` when speech resumes, nuclei shortly after they happen, each `SpeechSegment`
0.3 s after it closes, words when the test says they became known.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.coaching.cue import Baselines, CoachContext, Cue, Rule, RuleEvent
from desktop.coaching.judgement import Judgement
from desktop.coaching.settings import Language
from desktop.coaching.tempo import TempoMeter
from desktop.events import EngineEvent, WordsRecognized
from desktop.prosody.analyzer import Pause, ProsodyTick, SpeechSegment, SyllableNucleus
from desktop.recognition.words import Word

TICK_S = 0.1
PAUSE_KNOWN_AFTER_S = 0.06
SEGMENT_KNOWN_AFTER_S = 0.3
NUCLEUS_KNOWN_AFTER_S = 0.5
QUIET_DB = -70.0


def syllable_words(start_s: float, end_s: float, rate_syl_s: float) -> list[Word]:
    """One-syllable words ("ja") filling [start_s, end_s] at `rate_syl_s`, end to end."""
    n = round((end_s - start_s) * rate_syl_s)
    step_s = (end_s - start_s) / n
    return [
        Word("ja", round(start_s + i * step_s, 6), round(start_s + (i + 1) * step_s, 6), 0.9)
        for i in range(n)
    ]


def words_at(text: str, start_s: float, step_s: float = 0.3, gap_s: float = 0.0) -> list[Word]:
    """Words of `text`, each `step_s` long, `gap_s` apart, the first starting at `start_s`."""
    out = []
    t = start_s
    for token in text.split():
        out.append(Word(token, round(t, 6), round(t + step_s, 6), 0.9))
        t += step_s + gap_s
    return out


@dataclass
class Timeline:
    segments: list[tuple[float, float, float, float]] = field(default_factory=list)
    """(start_s, end_s, rate_syl_s, loudness_db) of each speech segment."""
    extra: list[tuple[float, int, EngineEvent]] = field(default_factory=list)
    """(emit time, seq, event) of words and hand-placed events."""

    def speak(
        self, start_s: float, end_s: float, rate_syl_s: float = 4.0, loudness_db: float = -30.0
    ) -> "Timeline":
        self.segments.append((start_s, end_s, rate_syl_s, loudness_db))
        return self

    def speak_steadily(
        self,
        start_s: float,
        end_s: float,
        rate_syl_s: float = 4.0,
        loudness_db: float = -30.0,
        segment_s: float = 4.0,
        pause_s: float = 0.3,
    ) -> float:
        """Segments of `segment_s` separated by `pause_s` from start to (about) end; returns
        the end of the last segment."""
        t = start_s
        while t + segment_s <= end_s + 1e-9:
            self.speak(t, t + segment_s, rate_syl_s, loudness_db)
            t += segment_s + pause_s
        return t - pause_s

    def say(
        self, words: list[Word], known_s: float | None = None, final: bool = True
    ) -> "Timeline":
        """Recognised words, known at `known_s` (default: 0.5 s after the last word)."""
        t_s = known_s if known_s is not None else words[-1].end_s + 0.5
        self.add(WordsRecognized(t_s, tuple(words), final), t_s)
        return self

    def add(self, event: EngineEvent, known_s: float) -> "Timeline":
        self.extra.append((known_s, len(self.extra), event))
        return self

    def events(self, until_s: float | None = None) -> list[EngineEvent]:
        return [event for _, event in self.timed_events(until_s)]

    def split(self, at_s: float, until_s: float | None = None) -> tuple[list[EngineEvent], ...]:
        """The events known before `at_s`, and the rest (to cut a stream at a call boundary)."""
        timed = self.timed_events(until_s)
        return (
            [event for known, event in timed if known < at_s],
            [event for known, event in timed if known >= at_s],
        )

    def timed_events(self, until_s: float | None = None) -> list[tuple[float, EngineEvent]]:
        """(time the engine would emit it, event), in emission order."""
        segments = sorted(self.segments)
        end_s = until_s if until_s is not None else max(s[1] for s in segments) + 1.0
        timed: list[tuple[float, int, int, EngineEvent]] = []
        for k, (start, stop, rate, _) in enumerate(segments):
            if k > 0:
                previous_end = segments[k - 1][1]
                timed.append((start + PAUSE_KNOWN_AFTER_S, 0, 0, Pause(previous_end, start)))
            n = round((stop - start) * rate)
            for i in range(n):
                t = start + (i + 0.5) * (stop - start) / n
                known = min(t + NUCLEUS_KNOWN_AFTER_S, stop + SEGMENT_KNOWN_AFTER_S)
                timed.append((known, 1, i, SyllableNucleus(round(t, 6))))
            known = stop + SEGMENT_KNOWN_AFTER_S
            timed.append((known, 2, 0, SpeechSegment(start, stop, n)))
        ticks = round(end_s / TICK_S)
        for i in range(1, ticks + 1):
            t = round(i * TICK_S, 6)
            loudness = self._loudness_at(t - TICK_S / 2)
            speaking = loudness is not None
            level = loudness if loudness is not None else QUIET_DB
            timed.append((t, 3, 0, ProsodyTick(t, level, level, None, speaking, -60.0)))
        for known, seq, event in self.extra:
            timed.append((known, 4, seq, event))
        timed.sort(key=lambda item: (item[0], item[1], item[2]))
        return [(known, event) for known, _, _, event in timed if known <= end_s + 1e-9]

    def _loudness_at(self, t_s: float) -> float | None:
        for start, stop, _, loudness in self.segments:
            if start <= t_s < stop:
                return loudness
        return None


def with_tempo(
    events: Sequence[EngineEvent],
    meter: TempoMeter | None = None,
    call_start_s: float = 0.0,
    language: Language = "nl",
) -> list[RuleEvent]:
    """The events with the tempo meter's measurements after the event that completed them,
    as the coach passes them to the rules (window 8 s, as the haste default)."""
    meter = meter or TempoMeter(8.0, language, keep_speech_s=12.0)
    out: list[RuleEvent] = []
    for event in events:
        out.append(event)
        out.extend(meter.observe(event, call_start_s))
    return out


def context(
    language: Language = "nl",
    rate_syl_s: float | None = None,
    loudness_db: float | None = None,
    call_start_s: float = 0.0,
    word_rate_syl_s: float | None = None,
) -> CoachContext:
    baselines = Baselines(rate_syl_s, loudness_db, word_rate_syl_s)
    return CoachContext(language, baselines, call_start_s)


def run(rule: Rule, events: Sequence[RuleEvent], ctx: CoachContext | None = None) -> list[Cue]:
    """Feed every event to the rule, as the coach does; return all cues it proposed."""
    return [out for out in outputs(rule, events, ctx) if isinstance(out, Cue)]


def judged(
    rule: Rule, events: Sequence[RuleEvent], ctx: CoachContext | None = None
) -> list[Judgement]:
    """Feed every event to the rule; return every judgement it made (card or not)."""
    return [out for out in outputs(rule, events, ctx) if isinstance(out, Judgement)]


def outputs(
    rule: Rule, events: Sequence[RuleEvent], ctx: CoachContext | None = None
) -> list[Cue | Judgement]:
    ctx = ctx or context()
    return [out for event in events for out in rule.observe(event, ctx)]

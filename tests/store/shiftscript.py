"""Hand-made shift timelines: what the engine and the coach would hand the recorder.

Speech is given as segments with a syllable rate and a loudness; calls, cues and words at the
times the test says. `events()` returns the timeline in the order the engine emits it: ticks
every 100 ms, a `Pause` just after speech resumes, nuclei shortly after they happen, each
`SpeechSegment` 0.3 s after it closes, and `StreamEnded` last.
"""

from dataclasses import dataclass, field

from desktop.coaching.calls import CallStarted, CallStartReason
from desktop.coaching.cue import Cue, CueName
from desktop.engine import TimelineEvent
from desktop.events import StreamEnded, WordsRecognized
from desktop.prosody.analyzer import (
    Pause,
    ProsodySummary,
    ProsodyTick,
    SpeechSegment,
    SyllableNucleus,
)
from desktop.recognition.words import Word

TICK_S = 0.1
PAUSE_KNOWN_AFTER_S = 0.06
NUCLEUS_KNOWN_AFTER_S = 0.5
SEGMENT_KNOWN_AFTER_S = 0.3
QUIET_DB = -70.0


@dataclass
class ShiftScript:
    segments: list[tuple[float, float, float, float]] = field(default_factory=list)
    """(start_s, end_s, rate_syl_s, loudness_db)."""
    extra: list[tuple[float, int, TimelineEvent]] = field(default_factory=list)

    def speak(
        self, start_s: float, end_s: float, rate_syl_s: float = 4.0, loudness_db: float = -30.0
    ) -> "ShiftScript":
        self.segments.append((start_s, end_s, rate_syl_s, loudness_db))
        return self

    def speak_steadily(
        self, start_s: float, end_s: float, rate_syl_s: float = 4.0, pause_s: float = 0.5
    ) -> "ShiftScript":
        """4-s segments with `pause_s` between them, from start_s to (about) end_s."""
        t = start_s
        while t + 4.0 <= end_s + 1e-9:
            self.speak(t, t + 4.0, rate_syl_s)
            t += 4.0 + pause_s
        return self

    def call(self, t_s: float, reason: CallStartReason = "manual") -> "ShiftScript":
        return self.add(CallStarted(t_s, reason), t_s)

    def cue(self, name: CueName, t_s: float, evidence: dict[str, float | str]) -> "ShiftScript":
        return self.add(Cue(name, t_s, t_s - 1.0, f"{name} message", evidence), t_s)

    def say(self, text: str, start_s: float, step_s: float = 0.3) -> "ShiftScript":
        words = tuple(
            Word(token, round(start_s + k * step_s, 6), round(start_s + (k + 1) * step_s, 6), 1)
            for k, token in enumerate(text.split())
        )
        return self.add(WordsRecognized(words[-1].end_s + 0.5, words, True), words[-1].end_s + 0.5)

    def add(self, event: TimelineEvent, known_s: float) -> "ShiftScript":
        self.extra.append((known_s, len(self.extra), event))
        return self

    def timed_events(self, until_s: float) -> list[tuple[float, TimelineEvent]]:
        """(stream time at which the recorder gets it, event), in order, ending the stream."""
        segments = sorted(self.segments)
        timed: list[tuple[float, int, int, TimelineEvent]] = []
        for k, (start, stop, rate, _) in enumerate(segments):
            if k > 0:
                timed.append((start + PAUSE_KNOWN_AFTER_S, 0, 0, Pause(segments[k - 1][1], start)))
            n = round((stop - start) * rate)
            for i in range(n):
                t = start + (i + 0.5) * (stop - start) / n
                known = min(t + NUCLEUS_KNOWN_AFTER_S, stop + SEGMENT_KNOWN_AFTER_S)
                timed.append((known, 1, i, SyllableNucleus(round(t, 6))))
            timed.append((stop + SEGMENT_KNOWN_AFTER_S, 2, 0, SpeechSegment(start, stop, n)))
        for i in range(1, round(until_s / TICK_S) + 1):
            t = round(i * TICK_S, 6)
            loudness = self._loudness_at(t - TICK_S / 2)
            level = loudness if loudness is not None else QUIET_DB
            timed.append((t, 3, 0, ProsodyTick(t, level, level, None, loudness is not None, -60)))
        timed += [(known, 4, seq, event) for known, seq, event in self.extra]
        timed.sort(key=lambda item: (item[0], item[1], item[2]))
        kept = [(known, event) for known, _, _, event in timed if known <= until_s + 1e-9]
        return [*kept, (until_s, self.ended(until_s))]

    def events(self, until_s: float) -> list[TimelineEvent]:
        return [event for _, event in self.timed_events(until_s)]

    def ended(self, until_s: float) -> StreamEnded:
        summary = ProsodySummary(until_s, 0.0, 0.0, 0, ())
        return StreamEnded(until_s, "scripted", summary, None, "none")

    def talk_s(self) -> float:
        return sum(stop - start for start, stop, _, _ in self.segments)

    def syllables(self) -> int:
        return sum(round((stop - start) * rate) for start, stop, rate, _ in self.segments)

    def _loudness_at(self, t_s: float) -> float | None:
        for start, stop, _, loudness in self.segments:
            if start <= t_s < stop:
                return loudness
        return None


def steady_shift(until_s: float = 300.0) -> ShiftScript:
    """Two calls of steady speech with a cue in each: the recorder's everyday input."""
    script = ShiftScript().speak_steadily(5.0, 100.0, 4.0).speak_steadily(130.0, until_s - 20.0)
    script.call(130.0, "manual")
    script.cue("haste", 50.0, {"rate_syl_s": 6.1, "baseline_syl_s": "none"})
    script.cue("monologue", 200.0, {"speech_s": 45.0})
    return script

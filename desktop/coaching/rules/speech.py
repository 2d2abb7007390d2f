"""Where the agent spoke: the speech/pause timeline the rate-based rules measure against.

Built from the engine's `SpeechSegment` (closed speech, exact) and `Pause` events (a pause is
reported when speech resumes, so its end is the start of the segment now open). Time spent in
pauses is not speech: an articulation rate divides syllables by speech time only (De Jong &
Wempe 2009), and a window "of 8 s of speech" reaches back over pauses and customer turns.
A segment with no pause before it (the first of the stream) is opened by the first speaking
`ProsodyTick` instead, at that tick's start: within a tick of the truth.
"""

from collections import deque

from desktop.coaching.cue import RuleEvent
from desktop.events import EngineEvent
from desktop.prosody.analyzer import (
    TICK_FRAMES,
    Pause,
    ProsodyTick,
    SpeechOffset,
    SpeechOnset,
    SpeechSegment,
)
from desktop.prosody.frames import HOP_S
from desktop.prosody.vad import VadSettings

TICK_S = TICK_FRAMES * HOP_S
MIN_PAUSE_S = VadSettings().min_pause_s
"""A new segment starts at least this long after the previous one ended."""


def event_time_s(event: EngineEvent) -> float:
    """The stream time an event tells of: its end for a segment or a pause, else its t_s."""
    if isinstance(event, SpeechSegment | Pause | SpeechOffset):
        return event.end_s
    if isinstance(event, SpeechOnset):
        return event.start_s
    return event.t_s


class StreamClock:
    """The latest stream time seen: when a rule decides, even on a late-arriving event."""

    def __init__(self) -> None:
        self.now_s = 0.0

    def advance(self, event: EngineEvent) -> float:
        self.now_s = max(self.now_s, event_time_s(event))
        return self.now_s


class SpeechTimeline:
    """Speech intervals of the recent past, enough for `keep_speech_s` seconds of speech."""

    def __init__(self, keep_speech_s: float) -> None:
        self._keep_speech_s = keep_speech_s
        self._closed: deque[tuple[float, float]] = deque()
        self._closed_s = 0.0
        self._forgotten_s = 0.0
        self._open_start_s: float | None = None

    @property
    def open_start_s(self) -> float | None:
        """Start of the speech segment in progress, None while the agent is silent."""
        return self._open_start_s

    def observe(self, event: RuleEvent) -> None:
        if isinstance(event, Pause):
            self._open_start_s = event.end_s
        elif isinstance(event, ProsodyTick):
            if event.speaking and self._open_start_s is None:
                last_end_s = self._closed[-1][1] if self._closed else None
                tick_start_s = event.t_s - TICK_S
                if last_end_s is None or tick_start_s >= last_end_s + MIN_PAUSE_S:
                    self._open_start_s = tick_start_s
        elif isinstance(event, SpeechSegment):
            self._closed.append((event.start_s, event.end_s))
            self._closed_s += event.end_s - event.start_s
            if self._open_start_s is not None and event.end_s > self._open_start_s:
                self._open_start_s = None
            while self._closed and self._closed_s - self._duration(0) >= self._keep_speech_s:
                self._closed_s -= self._duration(0)
                self._forgotten_s += self._duration(0)
                self._closed.popleft()

    def covers(self, t_s: float) -> bool:
        """Whether `t_s` lies in known speech (a closed segment, or the open one)."""
        if self._open_start_s is not None and t_s >= self._open_start_s:
            return True
        return any(start <= t_s <= end for start, end in reversed(self._closed))

    def speech_s(self, from_s: float, to_s: float) -> float:
        """Seconds of speech between two stream times (the open segment runs to `to_s`)."""
        total = sum(max(0.0, min(end, to_s) - max(start, from_s)) for start, end in self._closed)
        if self._open_start_s is not None:
            total += max(0.0, to_s - max(self._open_start_s, from_s))
        return total

    def speech_clock_s(self, t_s: float) -> float:
        """Seconds of speech from the start of the stream up to `t_s` (forgotten segments
        included), for `t_s` within the speech kept."""
        return self._forgotten_s + self.speech_s(float("-inf"), t_s)

    def window_start_s(self, end_s: float, speech_s: float, not_before_s: float) -> float | None:
        """The stream time from which there are exactly `speech_s` seconds of speech up to
        `end_s`, or None when there is less speech than that since `not_before_s`."""
        needed = speech_s
        spans = list(self._closed)
        if self._open_start_s is not None:
            spans.append((self._open_start_s, end_s))
        for start, end in reversed(spans):
            start, end = max(start, not_before_s), min(end, end_s)
            if end <= start:
                continue
            if end - start >= needed - 1e-9:  # float sums of segment lengths
                return max(start, end - needed)
            needed -= end - start
        return None

    def _duration(self, index: int) -> float:
        start, end = self._closed[index]
        return end - start

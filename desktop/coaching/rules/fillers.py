"""Fillers (off by default): "eh", "ehm" at `max_per_min` or more per minute of speech.

Filler words are FINAL words matching `fillers.txt` (plus the supervisor's). Their rate is
counted over the last `window_s` seconds of speech in this call (pauses excluded, see
`speech.SpeechTimeline`), measured each time final words arrive, once a full window of
speech has been heard. One cue per stretch of frequent fillers: the rule re-arms when the
rate drops below the threshold. Evidence: fillers per minute of speech.
"""

from collections import deque

from desktop.coaching.cue import CoachContext, Cue, CueName, RuleEvent
from desktop.coaching.phrases import PhraseMatcher
from desktop.coaching.rules.speech import SpeechTimeline
from desktop.coaching.settings import FillerSettings
from desktop.events import WordsRecognized


class FillerRule:
    name: CueName = "fillers"

    def __init__(self, settings: FillerSettings, fillers: PhraseMatcher) -> None:
        self._settings = settings
        self._fillers = fillers
        self._timeline = SpeechTimeline(keep_speech_s=settings.window_s)
        self._filler_times_s: deque[float] = deque()
        self._armed = True

    def reset_call(self) -> None:
        self._filler_times_s.clear()
        self._armed = True

    def observe(self, event: RuleEvent, context: CoachContext) -> list[Cue]:
        self._timeline.observe(event)
        if not isinstance(event, WordsRecognized) or not event.final or not event.words:
            return []
        words = [w for w in event.words if w.start_s >= context.call_start_s]
        self._filler_times_s.extend(match.start_s for match in self._fillers.find(words))
        if not words or not self._timeline.covers(words[-1].start_s):
            return []
        end_s = words[-1].end_s
        start_s = self._timeline.window_start_s(
            end_s, self._settings.window_s, context.call_start_s
        )
        if start_s is None:
            return []
        while self._filler_times_s and self._filler_times_s[0] < start_s:
            self._filler_times_s.popleft()
        count = sum(1 for t in self._filler_times_s if t <= end_s)
        per_min = count * 60.0 / self._settings.window_s
        if per_min < self._settings.max_per_min:
            self._armed = True
            return []
        if not self._armed:
            return []
        self._armed = False
        evidence: dict[str, float | str] = {
            "per_min": round(per_min, 1),
            "fillers": float(count),
            "window_s": self._settings.window_s,
        }
        message = self._settings.message.text(context.language)
        return [Cue(self.name, event.t_s, start_s, message, evidence, evidence_end_s=end_s)]

"""Haste: speaking faster than the customer can follow (DESIGN.md, cue table and "Tempo").

The articulation rate (syllable nuclei per second of speech, pauses excluded) over the last
`window_s` seconds of speech in this call is hasty when it is above BOTH the floor and the
agent's own baseline × `baseline_factor` (the tempo JND is about 10 %), or above the ceiling.
Until the agent's baseline is known only the floor applies (and the ceiling, which is higher),
as `HasteSettings` documents. A cue is proposed once the rate has stayed hasty for
`sustain_s` seconds of speech, and again after every further `sustain_s` of hasty speech: a
stretch that goes on is new evidence, and the gate may have held the first proposal (another
card was showing). The gate's cooldown for haste keeps a shown card from repeating.

The rate is measured at every syllable nucleus inside known speech (nuclei arrive up to a
few seconds late, in order) and at every segment end. A nucleus at the very end of the window
counts half: its syllable straddles the end, so the estimate is unbiased.
"""

from collections import deque

from desktop.coaching.cue import CoachContext, Cue, CueName
from desktop.coaching.rules.speech import SpeechTimeline, StreamClock
from desktop.coaching.settings import HasteSettings
from desktop.events import EngineEvent
from desktop.prosody.analyzer import SpeechSegment, SyllableNucleus


def haste_threshold_syl_s(settings: HasteSettings, baseline_syl_s: float | None) -> float:
    """The rate above which speech is hasty: min(ceiling, max(floor, baseline × factor)),
    or the floor alone (capped by the ceiling) while there is no baseline."""
    if baseline_syl_s is None:
        return min(settings.ceiling_syl_s, settings.floor_syl_s)
    lower = max(settings.floor_syl_s, baseline_syl_s * settings.baseline_factor)
    return min(settings.ceiling_syl_s, lower)


class HasteRule:
    name: CueName = "haste"

    def __init__(self, settings: HasteSettings) -> None:
        self._settings = settings
        self._timeline = SpeechTimeline(keep_speech_s=settings.window_s + settings.sustain_s)
        self._nuclei_s: deque[float] = deque()
        self._clock = StreamClock()
        self._stretch_start_s: float | None = None
        self._proposed_at_s: float | None = None

    def reset_call(self) -> None:
        self._stretch_start_s = None
        self._proposed_at_s = None

    def observe(self, event: EngineEvent, context: CoachContext) -> list[Cue]:
        self._timeline.observe(event)
        self._clock.advance(event)
        if isinstance(event, SyllableNucleus):
            self._nuclei_s.append(event.t_s)
            return self._measure(event.t_s, context, nucleus_at_end=True)
        if isinstance(event, SpeechSegment):
            return self._measure(event.end_s, context, nucleus_at_end=False)
        return []

    def _measure(self, end_s: float, context: CoachContext, nucleus_at_end: bool) -> list[Cue]:
        settings = self._settings
        if not self._timeline.covers(end_s):
            return []
        start_s = self._timeline.window_start_s(end_s, settings.window_s, context.call_start_s)
        if start_s is None:
            return []
        while self._nuclei_s and self._nuclei_s[0] <= start_s:
            self._nuclei_s.popleft()
        syllables = sum(1 for t in self._nuclei_s if start_s < t <= end_s)
        rate_syl_s = (syllables - (0.5 if nucleus_at_end else 0.0)) / settings.window_s
        baseline = context.baselines.articulation_rate_syl_s
        threshold = haste_threshold_syl_s(settings, baseline)
        if rate_syl_s <= threshold:
            self._stretch_start_s = None
            self._proposed_at_s = None
            return []
        if self._stretch_start_s is None:
            self._stretch_start_s = end_s
        since_s = self._stretch_start_s if self._proposed_at_s is None else self._proposed_at_s
        if self._timeline.speech_s(since_s, end_s) < settings.sustain_s:
            return []
        self._proposed_at_s = end_s
        evidence: dict[str, float | str] = {
            "rate_syl_s": round(rate_syl_s, 2),
            "baseline_syl_s": round(baseline, 2) if baseline is not None else "none",
            "threshold_syl_s": round(threshold, 2),
            "window_s": settings.window_s,
        }
        message = settings.message.text(context.language)
        return [Cue(self.name, self._clock.now_s, self._stretch_start_s, message, evidence)]

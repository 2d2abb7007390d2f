"""Haste: speaking faster than the customer can follow (DESIGN.md, cue table and "Tempo").

The rule judges the coach's tempo measurements (`desktop.coaching.tempo`: the articulation
rate over the last `window_s` seconds of speech in this call, from recognised words when a
speech model runs, else from acoustic syllable nuclei). A rate is hasty when it is above
BOTH the floor and the agent's own baseline × `baseline_factor` (the tempo JND is about
10 %), or above the ceiling. The baseline is the one learned from the same estimator as the
measurement (`Baselines.rate_syl_s`). Until it is known only the floor applies (and the
ceiling, which is higher), as `HasteSettings` documents.

A cue is proposed once the rate has stayed hasty for `sustain_s` seconds of speech, and again
after every further `sustain_s` of hasty speech: a stretch that goes on is new evidence, and
the gate may have held the first proposal (another card was showing). The gate's cooldown for
haste keeps a shown card from repeating.
"""

from desktop.coaching.cue import CoachContext, Cue, CueName, RuleEvent
from desktop.coaching.settings import HasteSettings
from desktop.coaching.tempo_events import TempoMeasured


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
        self._stretch_start_s: float | None = None
        self._since_speech_s = 0.0
        """Speech clock at the stretch start or at the last proposal."""

    def reset_call(self) -> None:
        self._stretch_start_s = None

    def observe(self, event: RuleEvent, context: CoachContext) -> list[Cue]:
        if not isinstance(event, TempoMeasured):
            return []
        settings = self._settings
        baseline = context.baselines.rate_syl_s(event.source)
        threshold = haste_threshold_syl_s(settings, baseline)
        if event.rate_syl_s <= threshold:
            self._stretch_start_s = None
            return []
        if self._stretch_start_s is None:
            self._stretch_start_s = event.end_s
            self._since_speech_s = event.speech_clock_s
        if event.speech_clock_s - self._since_speech_s < settings.sustain_s:
            return []
        self._since_speech_s = event.speech_clock_s
        evidence: dict[str, float | str] = {
            "rate_syl_s": round(event.rate_syl_s, 2),
            "baseline_syl_s": round(baseline, 2) if baseline is not None else "none",
            "threshold_syl_s": round(threshold, 2),
            "window_s": settings.window_s,
            "syllables_from": event.source,
        }
        message = settings.message.text(context.language)
        start_s = self._stretch_start_s
        return [Cue(self.name, event.t_s, start_s, message, evidence, evidence_end_s=event.end_s)]

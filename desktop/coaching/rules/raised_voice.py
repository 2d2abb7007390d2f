"""Raised voice: the agent's loudness well above their own normal, sustained (DESIGN.md:
"don't fight an angry person: the first one to get angry loses").

Only speaking ticks count. A tick is loud at the agent's loudness baseline +
`above_baseline_db` or more. The voice is raised when the last `sustain_s` seconds of speaking
ticks (100 ms each) begin and end with a loud tick and at least `MIN_LOUD_FRACTION` of them
are loud: the quiet dips between syllables and words do not break a loud stretch, but the
loud part itself must span `sustain_s`. Those ticks must lie within `sustain_s` +
`MAX_PAUSES_S` of stream time, so loud words scattered over a minute do not add up. Without a
baseline there is no cue (the agent's normal is unknown). One cue per loud stretch; the rule
re-arms when the loud fraction has fallen below `REARM_FRACTION` or the ticks thinned out.
Evidence: the median loudness of the stretch and the baseline, in dB.
"""

from collections import deque
from statistics import median

from desktop.coaching.cue import CoachContext, Cue, CueName, RuleEvent
from desktop.coaching.settings import RaisedVoiceSettings
from desktop.prosody.analyzer import TICK_FRAMES, ProsodyTick
from desktop.prosody.frames import HOP_S

TICK_S = TICK_FRAMES * HOP_S
MIN_LOUD_FRACTION = 0.8
REARM_FRACTION = 0.5
MAX_PAUSES_S = 3.0


class RaisedVoiceRule:
    name: CueName = "raised_voice"

    def __init__(self, settings: RaisedVoiceSettings) -> None:
        self._settings = settings
        self._needed = max(1, round(settings.sustain_s / TICK_S))
        self._ticks: deque[ProsodyTick] = deque(maxlen=self._needed)
        self._armed = True

    def reset_call(self) -> None:
        self._ticks.clear()
        self._armed = True

    def wait(self, cue: Cue) -> None:
        """The gate held `cue` back for a cooldown: propose again while the voice stays
        raised (the next tick that still satisfies the condition)."""
        self._armed = True

    def observe(self, event: RuleEvent, context: CoachContext) -> list[Cue]:
        if not isinstance(event, ProsodyTick) or not event.speaking:
            return []
        baseline_db = context.baselines.loudness_db
        if baseline_db is None:
            self.reset_call()
            return []
        self._ticks.append(event)
        oldest_s = event.t_s - self._settings.sustain_s - MAX_PAUSES_S
        while self._ticks and self._ticks[0].t_s - TICK_S < oldest_s:
            self._ticks.popleft()
        threshold_db = baseline_db + self._settings.above_baseline_db
        loud = sum(1 for tick in self._ticks if tick.loudness_db >= threshold_db)
        fraction = loud / self._needed
        if fraction < REARM_FRACTION:
            self._armed = True
        spans = (
            len(self._ticks) == self._needed
            and min(self._ticks[0].loudness_db, self._ticks[-1].loudness_db) >= threshold_db
        )
        if not self._armed or not spans or fraction < MIN_LOUD_FRACTION:
            return []
        self._armed = False
        level_db = median(tick.loudness_db for tick in self._ticks)
        evidence: dict[str, float | str] = {
            "level_db": round(level_db, 1),
            "baseline_db": round(baseline_db, 1),
            "above_baseline_db": round(level_db - baseline_db, 1),
        }
        start_s = self._ticks[0].t_s - TICK_S
        message = self._settings.message.text(context.language)
        return [Cue(self.name, event.t_s, start_s, message, evidence, evidence_end_s=event.t_s)]

"""Monologue: the agent has spoken `max_speech_s` without a pause of `min_break_s` or more
(DESIGN.md: customer colours, "green customers want you to check: did I explain that well?").

A stretch starts with speech after a pause of at least `min_break_s` (the engine's `Pause`,
exact, reported as speech resumes) or with the first speaking tick when no such pause is
known (start of the stream or of a call). Shorter pauses do not break it. The cue fires at
the first speaking tick `max_speech_s` after the stretch began, once per stretch (again on
each later tick of the stretch while the gate makes it wait, see `wait`); evidence is the
stretch's length so far, pauses included. With the customer channel a real customer turn
breaks the stretch too, however short the agent's pause around it: the agent's next turn
starts a new stretch (`TurnStarted`); the customer's "ja", "hm" (backchannels) do not.
"""

from desktop.coaching.cue import CoachContext, Cue, CueName, RuleEvent
from desktop.coaching.settings import MonologueSettings
from desktop.conversation.turns import TurnStarted
from desktop.prosody.analyzer import TICK_FRAMES, Pause, ProsodyTick
from desktop.prosody.frames import HOP_S

TICK_S = TICK_FRAMES * HOP_S


class MonologueRule:
    name: CueName = "monologue"

    def __init__(self, settings: MonologueSettings) -> None:
        self._settings = settings
        self._stretch_start_s: float | None = None
        self._fired = False

    def reset_call(self) -> None:
        self._stretch_start_s = None
        self._fired = False

    def wait(self, cue: Cue) -> None:
        """The gate held `cue` back for a cooldown: propose it again on the next speaking
        tick of the same stretch (a break ends the stretch, and with it the cue)."""
        if cue.evidence_t_s == self._stretch_start_s:
            self._fired = False

    def observe(self, event: RuleEvent, context: CoachContext) -> list[Cue]:
        if isinstance(event, TurnStarted):
            if event.speaker == "agent" and event.start_s > (self._stretch_start_s or 0.0):
                self._stretch_start_s = event.start_s
                self._fired = False
            return []
        if isinstance(event, Pause):
            if event.end_s - event.start_s >= self._settings.min_break_s:
                self._stretch_start_s = event.end_s
                self._fired = False
            return []
        if not isinstance(event, ProsodyTick) or not event.speaking:
            return []
        if self._stretch_start_s is None:
            self._stretch_start_s = max(event.t_s - TICK_S, context.call_start_s)
        speech_s = event.t_s - self._stretch_start_s
        if self._fired or speech_s < self._settings.max_speech_s:
            return []
        self._fired = True
        message = self._settings.message.text(context.language)
        evidence: dict[str, float | str] = {"speech_s": round(speech_s, 1)}
        start_s = self._stretch_start_s
        return [Cue(self.name, event.t_s, start_s, message, evidence, evidence_end_s=event.t_s)]

"""The gate: what keeps coaching gentle. Rules propose cues; the gate decides what is shown.

One card at a time, a global cooldown, a cooldown per cue, a cap per call, a warm-up at the
start of a shift, and snooze for the rest of the call. Agents switch off tools that nag
(DESIGN.md), so every check here errs on the side of silence.

The gate only says "not now". Whether a cue held for a cooldown may come back later is the
coach's and the rule's business (`Coach._gated`): a lasting condition (a monologue that goes
on, a voice still raised) is proposed again and shown once the cooldown is over; a moment
(a phrase, a pause before a number, an interruption) is stale by then and stays held.
"""

from dataclasses import dataclass

from desktop.coaching.cue import Cue, CueName
from desktop.coaching.settings import GateSettings


@dataclass(frozen=True, slots=True)
class GateDecision:
    shown: bool
    reason: str
    """"shown", or why not: "warm-up", "snoozed", "call cap", "card showing", "cooldown",
    "cue cooldown"."""


class Gate:
    def __init__(self, settings: GateSettings, cue_cooldowns_s: dict[CueName, float]) -> None:
        self._settings = settings
        self._cue_cooldowns_s = cue_cooldowns_s
        self._last_shown_s: float | None = None
        self._last_shown_by_cue: dict[CueName, float] = {}
        self._shown_this_call = 0
        self._snoozed = False

    def continue_from(self, previous: "Gate") -> None:
        """Carry on from the gate `previous` (a coach rebuilt under a new policy): the cards
        already shown keep their cooldowns and count towards the cap, and a snooze holds."""
        self._last_shown_s = previous._last_shown_s
        self._last_shown_by_cue = dict(previous._last_shown_by_cue)
        self._shown_this_call = previous._shown_this_call
        self._snoozed = previous._snoozed

    def new_call(self) -> None:
        """A call began: the cap counts afresh and snooze ends; cooldowns keep running."""
        self._shown_this_call = 0
        self._snoozed = False

    def snooze(self) -> None:
        self._snoozed = True

    def decide(self, cue: Cue) -> GateDecision:
        """Decide on one proposed cue; a shown cue starts the cooldowns."""
        reason = self._reason_to_hold(cue)
        if reason is not None:
            return GateDecision(False, reason)
        self._last_shown_s = cue.t_s
        self._last_shown_by_cue[cue.name] = cue.t_s
        self._shown_this_call += 1
        return GateDecision(True, "shown")

    def _reason_to_hold(self, cue: Cue) -> str | None:
        s = self._settings
        if cue.t_s < s.shift_warmup_s:
            return "warm-up"
        if self._snoozed:
            return "snoozed"
        if self._shown_this_call >= s.max_cues_per_call:
            return "call cap"
        if self._last_shown_s is not None:
            since_s = cue.t_s - self._last_shown_s
            if since_s < s.card_visible_s:
                return "card showing"
            if since_s < s.global_cooldown_s:
                return "cooldown"
        last_same_s = self._last_shown_by_cue.get(cue.name)
        if last_same_s is not None and cue.t_s - last_same_s < self._cue_cooldowns_s.get(
            cue.name, 0.0
        ):
            return "cue cooldown"
        return None

"""The coach: the engine's timeline in, the cues to show out.

It tracks calls, learns the agent's baselines, lets every enabled rule look at every event,
and passes what the rules propose through the gate. Everything runs on the engine's worker
thread and on the stream clock, so a recording gives the same cues every run.
"""

from dataclasses import dataclass

from desktop.coaching.baseline import BaselineLearner
from desktop.coaching.calls import CallStarted, CallTracker
from desktop.coaching.cue import CUE_NAMES, CoachContext, Cue, CueName, Rule
from desktop.coaching.gate import Gate
from desktop.coaching.settings import CueSettings, Policy
from desktop.events import EngineEvent, SnoozeRequested

CoachEvent = Cue | CallStarted


@dataclass(frozen=True, slots=True)
class HeldCue:
    """A cue a rule proposed and the gate held back, with the reason (for diagnostics)."""

    cue: Cue
    reason: str


def cue_cooldowns_s(cues: CueSettings) -> dict[CueName, float]:
    return {name: getattr(cues, name).cooldown_s for name in CUE_NAMES}


def enabled_cue_names(cues: CueSettings) -> list[CueName]:
    return [name for name in CUE_NAMES if getattr(cues, name).enabled]


class Coach:
    def __init__(self, policy: Policy, rules: list[Rule], learner: BaselineLearner) -> None:
        self._policy = policy
        self._rules = rules
        self._learner = learner
        self._calls = CallTracker(policy.calls)
        self._gate = Gate(policy.gate, cue_cooldowns_s(policy.cues))
        self._shown = {name: 0 for name in enabled_cue_names(policy.cues)}
        self.held: list[HeldCue] = []

    @property
    def shown_counts(self) -> dict[str, int]:
        """Cues shown so far per enabled cue name (zeros included)."""
        return {str(name): count for name, count in self._shown.items()}

    def observe(self, event: EngineEvent) -> list[CoachEvent]:
        out: list[CoachEvent] = []
        started = self._calls.observe(event)
        if started is not None:
            self._gate.new_call()
            for rule in self._rules:
                rule.reset_call()
            out.append(started)
        if isinstance(event, SnoozeRequested):
            self._gate.snooze()
        self._learner.observe(event)
        context = CoachContext(
            self._policy.language, self._learner.current(), self._calls.call_start_s
        )
        for rule in self._rules:
            for cue in rule.observe(event, context):
                decision = self._gate.decide(cue)
                if decision.shown:
                    self._shown[cue.name] = self._shown.get(cue.name, 0) + 1
                    out.append(cue)
                else:
                    self.held.append(HeldCue(cue, decision.reason))
        return out


def build_coach(policy: Policy, learner: BaselineLearner | None = None) -> Coach:
    """A coach with every enabled rule of the policy, learning baselines from scratch unless
    a learner (loaded from the agent's saved baseline) is given."""
    from desktop.coaching.rules import build_rules

    if learner is None:
        learner = BaselineLearner(policy.cues.haste.baseline_warmup_s)
    return Coach(policy, build_rules(policy.cues, policy.language), learner)

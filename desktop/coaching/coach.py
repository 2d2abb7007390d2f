"""The coach: the engine's timeline in, the cues to show out.

It tracks calls, measures the agent's tempo (`tempo.TempoMeter`), learns the agent's
baselines (leaving out tempo the haste rule calls hasty, see baseline.py), lets every
enabled rule look at every event and tempo measurement, and passes what the rules propose
through the gate. For a meter in the UI it also reports the tempo (`TempoReading`, not
gated) at most every `READING_INTERVAL_S`. Everything runs on the engine's worker thread and
on the stream clock, so a recording gives the same cues every run.
"""

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.coaching.baseline import BaselineLearner
from desktop.coaching.calls import CallStarted, CallTracker
from desktop.coaching.cue import (
    CUE_NAMES,
    Baselines,
    CoachContext,
    Cue,
    CueName,
    Rule,
    RuleEvent,
)
from desktop.coaching.gate import Gate
from desktop.coaching.judgement import Judgement
from desktop.coaching.rules.haste import haste_threshold_syl_s
from desktop.coaching.rules.speech import StreamClock
from desktop.coaching.settings import CueSettings, Policy
from desktop.coaching.tempo import TempoMeter
from desktop.coaching.tempo_events import TempoMeasured
from desktop.conversation.turns import TurnSettings
from desktop.events import EngineEvent, SnoozeRequested, heard_from_customer

WAITING_REASONS = frozenset({"card showing", "cooldown", "cue cooldown"})
"""Held for these reasons a lasting cue may come back when the reason is gone. Held for the
warm-up, a snooze or the call's cap it may not: those say "no cards now", not "not yet"."""

MAX_HELD = 1000
"""Held-back cues kept for diagnostics: the most recent ones. Rules propose again and again
while their condition lasts (haste every 4 s of hasty speech), so a shift's worth would
grow without end; the app never reads them, benchmarks read one scenario's."""
READING_INTERVAL_S = 0.5
"""Stream seconds between two tempo readings, at least: enough for a meter to move smoothly."""


@dataclass(frozen=True, slots=True)
class TempoReading:
    """The agent's tempo now, for the overlay's meter (stream clock).

    rate_syl_s: articulation rate over the haste rule's window of speech; baseline_syl_s:
    the agent's own baseline from the same estimator, None until learned; hasty_above_syl_s:
    the rate above which the haste rule counts speech as hasty (floor, baseline × factor,
    ceiling). Shown whatever the gate does, and whether or not the haste cue is enabled.
    """

    t_s: float
    rate_syl_s: float
    baseline_syl_s: float | None
    hasty_above_syl_s: float


CoachEvent = Cue | CallStarted | TempoReading | Judgement


@dataclass(frozen=True, slots=True)
class HeldCue:
    """A cue a rule proposed and the gate held back, with the reason (for diagnostics)."""

    cue: Cue
    reason: str


def turn_settings(policy: Policy) -> TurnSettings:
    """The turn tracker's thresholds, from the cues that rest on its judgements."""
    cues = policy.cues
    return TurnSettings(
        backchannel_max_s=cues.interrupting.backchannel_max_s,
        min_overtalk_s=cues.interrupting.min_overtalk_s,
        dead_air_s=cues.dead_air.min_silence_s,
        new_call_silence_s=policy.calls.new_call_after_silence_s,
    )


def cue_cooldowns_s(cues: CueSettings) -> dict[CueName, float]:
    return {name: getattr(cues, name).cooldown_s for name in CUE_NAMES}


def enabled_cue_names(cues: CueSettings) -> list[CueName]:
    return [name for name in CUE_NAMES if getattr(cues, name).enabled]


class Coach:
    def __init__(self, policy: Policy, rules: list[Rule], learner: BaselineLearner) -> None:
        self._policy = policy
        self._rules = rules
        self._customer_rules = [rule for rule in rules if getattr(rule, "hears_customer", False)]
        """The rules that also take the customer's prosody (pace matching)."""
        self._learner = learner
        self._calls = CallTracker(policy.calls)
        self._gate = Gate(policy.gate, cue_cooldowns_s(policy.cues))
        self._shown = {name: 0 for name in enabled_cue_names(policy.cues)}
        haste = policy.cues.haste
        self._meter = TempoMeter(
            haste.window_s, policy.language, keep_speech_s=haste.window_s + haste.sustain_s
        )
        self._clock = StreamClock()
        self._unread: TempoMeasured | None = None
        self._last_reading_s: float | None = None
        self.held: deque[HeldCue] = deque(maxlen=MAX_HELD)
        """The last MAX_HELD cues the gate held back, oldest first."""
        self._waiting: dict[CueName, float] = {}
        """Cues waiting for the cooldown to end: name → where their evidence began."""

    def continue_from(self, previous: "Coach") -> None:
        """Take over the stream from the coach this one replaces (the policy was reloaded
        mid-shift): the call in progress with its snooze, cap and cooldowns, the stream clock
        and the cards shown. A coach that began afresh announced a "stream start" call at 0 s
        in the middle of a call; the history took it for a new call starting where the
        current one did (a 0-s call, the rest of the call under the next number) and the
        agent's snooze ended. The rules start afresh: they are the new policy's."""
        self._calls.continue_from(previous._calls)
        self._gate.continue_from(previous._gate)
        self._clock.now_s = previous._clock.now_s
        for name in self._shown:
            self._shown[name] = previous._shown.get(name, 0)

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
        now_s = self._clock.advance(event)
        if heard_from_customer(event):
            return out + self._customer_prosody(event)
        events: list[RuleEvent] = [event, *self._meter.observe(event, self._calls.call_start_s)]
        learned = self._learner.current()
        for item in events:
            self._learner.observe(item, learn_rate=not self._hasty(item, learned))
        context = CoachContext(
            self._policy.language, self._learner.current(), self._calls.call_start_s
        )
        for item in events:
            for rule in self._rules:
                out.extend(self._gated(rule, rule.observe(item, context)))
        out.extend(self._reading(events, now_s, context))
        return out

    def _customer_prosody(self, event: EngineEvent) -> list[CoachEvent]:
        """The customer's prosody goes only to the rules that compare with it."""
        if not self._customer_rules:
            return []
        context = CoachContext(
            self._policy.language, self._learner.current(), self._calls.call_start_s
        )
        out: list[CoachEvent] = []
        for rule in self._customer_rules:
            out.extend(self._gated(rule, rule.observe(event, context)))
        return out

    def _hasty(self, item: RuleEvent, baselines: Baselines) -> bool:
        """A tempo measurement above the haste threshold of a known baseline."""
        if not isinstance(item, TempoMeasured):
            return False
        baseline = baselines.rate_syl_s(item.source)
        if baseline is None:
            return False
        return item.rate_syl_s > haste_threshold_syl_s(self._policy.cues.haste, baseline)

    def _gated(self, rule: Rule, proposed: Sequence[Cue | Judgement]) -> list[CoachEvent]:
        """The cues the gate lets through; judgements go into the timeline as they are. A
        lasting cue held back only because another card was shown a moment ago waits: its
        rule (when it has `wait`) proposes it again while its condition still holds, so it
        can come once the cooldown is over."""
        shown: list[CoachEvent] = []
        for cue in proposed:
            if isinstance(cue, Judgement):
                shown.append(cue)
                continue
            decision = self._gate.decide(cue)
            if decision.shown:
                self._shown[cue.name] = self._shown.get(cue.name, 0) + 1
                self._waiting.pop(cue.name, None)
                shown.append(cue)
                continue
            if self._waiting.get(cue.name) != cue.evidence_t_s:
                self.held.append(HeldCue(cue, decision.reason))  # once per wait, not per tick
            wait = getattr(rule, "wait", None)
            if decision.reason in WAITING_REASONS and wait is not None:
                self._waiting[cue.name] = cue.evidence_t_s
                wait(cue)
            else:
                self._waiting.pop(cue.name, None)
        return shown

    def _reading(
        self, events: list[RuleEvent], now_s: float, context: CoachContext
    ) -> list[TempoReading]:
        """The latest tempo measurement as a reading, unless one was given less than
        READING_INTERVAL_S ago; a measurement held back goes out with a later event."""
        for item in events:
            if isinstance(item, TempoMeasured):
                self._unread = item
        measured = self._unread
        last_s = self._last_reading_s
        if measured is None or (last_s is not None and now_s - last_s < READING_INTERVAL_S - 1e-9):
            return []
        self._unread = None
        self._last_reading_s = now_s
        baseline = context.baselines.rate_syl_s(measured.source)
        threshold = haste_threshold_syl_s(self._policy.cues.haste, baseline)
        return [TempoReading(now_s, measured.rate_syl_s, baseline, threshold)]


def build_coach(policy: Policy, learner: BaselineLearner | None = None) -> Coach:
    """A coach with every enabled rule of the policy, learning baselines from scratch unless
    a learner (loaded from the agent's saved baseline) is given."""
    from desktop.coaching.rules import build_rules

    if learner is None:
        learner = BaselineLearner(policy.cues.haste.baseline_warmup_s)
    return Coach(policy, build_rules(policy.cues, policy.language), learner)

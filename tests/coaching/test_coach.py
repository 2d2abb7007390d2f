"""The coach wires calls, baselines, rules and gate together on the stream clock."""

from dataclasses import dataclass, field

from desktop.coaching.baseline import BaselineLearner
from desktop.coaching.calls import CallStarted
from desktop.coaching.coach import Coach
from desktop.coaching.cue import CoachContext, Cue, CueName
from desktop.coaching.settings import GateSettings, Policy
from desktop.events import EngineEvent, NewCallRequested, SnoozeRequested
from desktop.prosody.analyzer import ProsodyTick


@dataclass
class BlameEveryTick:
    """A scripted rule: proposes a blame cue on every speaking tick, and records what it saw."""

    name: CueName = "blame"
    contexts: list[CoachContext] = field(default_factory=list)
    resets: int = 0

    def observe(self, event: EngineEvent, context: CoachContext) -> list[Cue]:
        self.contexts.append(context)
        if isinstance(event, ProsodyTick) and event.speaking:
            return [Cue("blame", event.t_s, event.t_s, "msg", {"phrase": "u had moeten"})]
        return []

    def reset_call(self) -> None:
        self.resets += 1


def ticks(start_s: float, end_s: float) -> list[ProsodyTick]:
    n = round((end_s - start_s) * 10)
    return [ProsodyTick(start_s + i / 10, -25.0, -22.0, 180.0, True, -70.0) for i in range(n)]


def make(rule: BlameEveryTick) -> Coach:
    policy = Policy(gate=GateSettings(global_cooldown_s=30.0, shift_warmup_s=10.0))
    return Coach(policy, [rule], BaselineLearner(warmup_s=5.0))


def run(coach: Coach, events: list[EngineEvent]) -> list[object]:
    return [out for event in events for out in coach.observe(event)]


def test_proposals_pass_the_gate_and_the_rest_is_held_with_reasons() -> None:
    """Proposed every 100 ms for 80 s, blame shows after the 10 s warm-up and then once its
    own 60 s cooldown (longer than the global 30 s) has passed."""
    rule = BlameEveryTick()
    coach = make(rule)
    out = run(coach, list(ticks(0.0, 80.0)))
    shown = [o for o in out if isinstance(o, Cue)]
    assert [round(c.t_s, 6) for c in shown] == [10.0, 70.0]
    assert coach.shown_counts["blame"] == 2
    reasons = {h.reason for h in coach.held}
    assert reasons == {"warm-up", "card showing", "cooldown", "cue cooldown"}


def test_counts_list_every_enabled_cue_with_zeros() -> None:
    """The summary's counts name each enabled cue, fillers (off by default) not."""
    coach = make(BlameEveryTick())
    assert set(coach.shown_counts) == {
        "haste",
        "key_pause",
        "acknowledgement",
        "interrupting",
        "dead_air",
        "pace_matching",
        "monologue",
        "policy_shield",
        "blame",
        "raised_voice",
    }
    assert set(coach.shown_counts.values()) == {0}


def test_rules_see_the_baseline_once_learned_and_the_call_start() -> None:
    """Baselines are None until 5 s of speech, then the learned loudness; calls reset rules."""
    rule = BlameEveryTick()
    coach = make(rule)
    out = run(coach, [*ticks(0.0, 6.0), NewCallRequested(6.0), *ticks(6.0, 7.0)])
    assert rule.contexts[0].baselines.loudness_db is None
    assert rule.contexts[-1].baselines.loudness_db == -22.0
    assert rule.contexts[-1].call_start_s == 6.0
    assert [o for o in out if isinstance(o, CallStarted)] == [
        CallStarted(0.0, "stream start"),
        CallStarted(6.0, "manual"),
    ]
    assert rule.resets == 2


def test_snooze_holds_cues_until_the_next_call() -> None:
    """After a snooze nothing is shown in this call; a new call shows cues again."""
    coach = make(BlameEveryTick())
    events: list[EngineEvent] = [SnoozeRequested(0.05), *ticks(0.0, 50.0)]
    assert not [o for o in run(coach, events) if isinstance(o, Cue)]
    after = run(coach, [NewCallRequested(50.0), *ticks(50.0, 51.0)])
    assert [o.t_s for o in after if isinstance(o, Cue)] == [50.0]


def test_a_coach_rebuilt_mid_call_carries_on_the_call() -> None:
    """A policy reload mid-call: the new coach announces no call of its own, keeps the call's
    start for its rules, keeps the cooldown of the card just shown and the agent's snooze,
    and the next real call start still ends the snooze."""
    old_rule, new_rule = BlameEveryTick(), BlameEveryTick()
    old = make(old_rule)
    first = run(old, [*ticks(0.0, 20.0), NewCallRequested(20.0), *ticks(20.0, 25.0)])
    assert [o.t_s for o in first if isinstance(o, CallStarted)] == [0.0, 20.0]
    assert [round(o.t_s, 6) for o in first if isinstance(o, Cue)] == [10.0]  # 20.0: cooldown
    new = make(new_rule)
    new.continue_from(old)
    carried = run(new, ticks(25.0, 69.0))
    assert not [o for o in carried if isinstance(o, CallStarted)]
    assert {c.call_start_s for c in new_rule.contexts} == {20.0}
    assert not [o for o in carried if isinstance(o, Cue)]  # blame's 60 s cooldown from 10.0
    shown = run(new, ticks(69.0, 71.0))
    assert [round(o.t_s, 6) for o in shown if isinstance(o, Cue)] == [70.0]
    assert new.shown_counts["blame"] == 2

    snoozed_old, snoozed_new = make(BlameEveryTick()), make(BlameEveryTick())
    run(snoozed_old, [*ticks(0.0, 12.0), SnoozeRequested(12.0)])
    snoozed_new.continue_from(snoozed_old)
    assert not [o for o in run(snoozed_new, ticks(12.0, 80.0)) if isinstance(o, Cue)]
    after = run(snoozed_new, [NewCallRequested(80.0), *ticks(80.0, 81.0)])
    assert [type(o).__name__ for o in after][:2] == ["CallStarted", "Cue"]

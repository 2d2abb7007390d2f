"""A lasting cue the gate holds back for a cooldown comes back when the cooldown is over, as
long as its condition still holds (issue 13: 95 s of talking gave no monologue card because a
haste card at 36 s put the gate in its cooldown when the monologue came due at 45 s)."""

from desktop.coaching.baseline import BaselineLearner
from desktop.coaching.coach import Coach
from desktop.coaching.cue import Cue
from desktop.coaching.rules.haste import HasteRule
from desktop.coaching.rules.monologue import MonologueRule
from desktop.coaching.settings import CueSettings, GateSettings, HasteSettings, Policy

from timeline import Timeline

GATE = GateSettings(shift_warmup_s=0.0, global_cooldown_s=30.0)
HASTE = HasteSettings(ceiling_syl_s=6.5, sustain_s=4.0, window_s=8.0)


def coach() -> Coach:
    policy = Policy(gate=GATE, cues=CueSettings(haste=HASTE))
    rules = [HasteRule(HASTE), MonologueRule(policy.cues.monologue)]
    return Coach(policy, rules, BaselineLearner(warmup_s=10_000.0))


def shown(tl: Timeline, until_s: float) -> list[Cue]:
    c = coach()
    return [out for e in tl.events(until_s=until_s) for out in c.observe(e) if isinstance(out, Cue)]


def calm_then_hasty(end_s: float) -> Timeline:
    """Calm talk to 31 s, then hasty talk (8 syllables/s, above the 6.5 ceiling), with only
    short 0.4 s pauses: one unbroken stretch for the monologue rule."""
    tl = Timeline()
    t = tl.speak_steadily(0.0, 31.0, rate_syl_s=4.0, segment_s=5.0, pause_s=0.4)
    tl.speak_steadily(t + 0.4, end_s, rate_syl_s=8.0, segment_s=5.0, pause_s=0.4)
    return tl


def test_a_monologue_held_by_the_cooldown_comes_back_while_the_talking_goes_on() -> None:
    """Haste is shown first; the monologue, due at 45 s inside the 30 s cooldown, is shown
    as soon as the cooldown is over, with the stretch's length at that moment."""
    cues = shown(calm_then_hasty(95.0), 96.0)
    names = [c.name for c in cues]
    assert names[:2] == ["haste", "monologue"], names
    haste, monologue = cues[0], cues[1]
    assert 30.0 < haste.t_s < 45.0  # the haste card came before the monologue was due
    assert monologue.t_s >= haste.t_s + GATE.global_cooldown_s
    assert monologue.t_s < haste.t_s + GATE.global_cooldown_s + 1.0  # at the first chance
    assert monologue.evidence_t_s == 0.0  # the same stretch
    assert monologue.evidence["speech_s"] >= 60.0


def test_a_held_monologue_is_stale_once_the_stretch_has_ended() -> None:
    """If the agent breaks off (a 3 s pause) during the cooldown, the held monologue is
    gone: the new stretch is too short for a monologue of its own."""
    tl = calm_then_hasty(50.0)
    tl.speak_steadily(53.5, 80.0, rate_syl_s=4.0, segment_s=5.0, pause_s=0.4)
    cues = shown(tl, 82.0)
    assert [c.name for c in cues] == ["haste"]

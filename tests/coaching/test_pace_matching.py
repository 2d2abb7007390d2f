"""Pace matching: the agent's tempo against the customer's own tempo in this call."""

from desktop.coaching.coach import build_coach
from desktop.coaching.cue import Baselines, CoachContext, Cue
from desktop.coaching.rules.pace_matching import PaceMatchingRule
from desktop.coaching.settings import PaceMatchingSettings, Policy
from desktop.prosody.analyzer import Speaker, SpeechSegment

CONTEXT = CoachContext("nl", Baselines(), call_start_s=0.0)


def segments(speaker: Speaker, start_s: float, n: int, rate_syl_s: float) -> list[SpeechSegment]:
    """n segments of 2 s speech with 0.5 s pauses at `rate_syl_s`."""
    return [
        SpeechSegment(start_s + 2.5 * k, start_s + 2.5 * k + 2.0, round(2 * rate_syl_s), speaker)
        for k in range(n)
    ]


def run(rule: PaceMatchingRule, events: list[SpeechSegment]) -> list[Cue]:
    return [cue for event in events for cue in rule.observe(event, CONTEXT)]


def test_agent_much_faster_than_the_customer_gets_one_proposal_per_window() -> None:
    """Customer at 3 syll/s for 20 s, then the agent at 5 syll/s (1.67×) for 20 s of speech:
    one proposal with both rates as evidence; the next needs a fresh window."""
    rule = PaceMatchingRule(PaceMatchingSettings())
    cues = run(rule, segments("customer", 0.0, 10, 3.0) + segments("agent", 30.0, 12, 5.0))
    assert len(cues) == 1
    assert cues[0].evidence == {"agent_rate_syl_s": 5.0, "customer_rate_syl_s": 3.0}
    assert cues[0].evidence_end_s == 30.0 + 2.5 * 9 + 2.0


def test_a_matching_pace_or_too_little_customer_speech_gives_nothing() -> None:
    """At 1.2× the customer's tempo (below 1.3×), or before 15 s of customer speech, no cue."""
    rule = PaceMatchingRule(PaceMatchingSettings())
    assert run(rule, segments("customer", 0.0, 10, 4.0) + segments("agent", 30, 12, 4.8)) == []
    rule = PaceMatchingRule(PaceMatchingSettings())
    assert run(rule, segments("customer", 0.0, 5, 3.0) + segments("agent", 30.0, 12, 6.0)) == []


def test_the_customer_tempo_is_forgotten_with_the_call() -> None:
    """A new call starts the customer's tempo afresh."""
    rule = PaceMatchingRule(PaceMatchingSettings())
    run(rule, segments("customer", 0.0, 10, 3.0))
    rule.reset_call()
    assert run(rule, segments("agent", 30.0, 12, 6.0)) == []


def test_the_coach_gives_customer_segments_to_this_rule_only() -> None:
    """Through the whole coach: customer prosody reaches pace matching and no agent rule
    (no haste from the customer's fast speech, no monologue from their long turn)."""
    coach = build_coach(Policy())
    customer_fast = segments("customer", 0.0, 40, 8.0)  # 100 s of very fast customer speech
    out = [item for event in customer_fast for item in coach.observe(event)]
    assert not [item for item in out if isinstance(item, Cue)]
    assert list(coach.held) == []

"""Every key point and customer turn the coach judged reaches the history's counts, whether
or not the gate showed a card; the store only counts the coach's Judgement events."""

from dataclasses import replace

from desktop.coaching.coach import build_coach
from desktop.coaching.judgement import Judgement
from desktop.coaching.settings import Policy
from desktop.events import Notice, WordsRecognized
from desktop.prosody.analyzer import Pause, ProsodyTick
from desktop.recognition.words import Word
from desktop.store.judges import NOTHING, judgements_of, measured_counts


def words(text: str, start_s: float, step_s: float = 0.3) -> tuple[Word, ...]:
    return tuple(
        Word(token, start_s + k * step_s, start_s + (k + 1) * step_s, 1.0)
        for k, token in enumerate(text.split())
    )


def judged(events: list, policy: Policy | None = None) -> list[Judgement]:
    """Run the real coach over `events`; the judgements in its timeline."""
    coach = build_coach(policy or Policy())
    return [out for event in events for out in coach.observe(event) if isinstance(out, Judgement)]


def test_key_points_are_judged_and_rushed_ones_marked() -> None:
    """A key phrase ("het bedrag"), an amount and a date said straight on: three key points,
    each at its first word, all without a pause; the counts follow."""
    said = words("dus het bedrag is twaalf euro en de monteur komt op vijf maart", 1.0)
    found = judged([WordsRecognized(5.0, said, final=True)])
    assert [(j.kind, j.evidence_t_s, j.met) for j in found] == [
        ("key_point", said[1].start_s, False),
        ("key_point", said[4].start_s, False),
        ("key_point", said[11].start_s, False),
    ]
    counts = judgements_of(found[0])
    assert counts.key_points_s == counts.key_points_rushed_s == (said[1].start_s,)


def test_a_key_point_after_a_pause_is_met() -> None:
    """With a 600 ms pause before the amount, the key point counts but is not rushed."""
    first = words("u betaalt dan", 1.0)
    amount = words("twaalf euro", first[-1].end_s + 0.6)
    found = judged(
        [Pause(first[-1].end_s, amount[0].start_s), WordsRecognized(4.0, first + amount, True)]
    )
    assert [(j.kind, j.met) for j in found] == [("key_point", True)]
    counts = judgements_of(found[0])
    assert len(counts.key_points_s) == 1 and counts.key_points_rushed_s == ()


def test_partial_words_and_a_disabled_cue_judge_nothing() -> None:
    """Partial hypotheses are not judged; with the key-pause cue off nothing is measured."""
    said = words("het bedrag is twaalf euro", 1.0)
    assert judged([WordsRecognized(3.0, said, final=False)]) == []
    policy = Policy()
    off = replace(policy.cues, key_pause=replace(policy.cues.key_pause, enabled=False))
    policy_off = replace(policy, cues=off)
    assert "key_points" not in measured_counts(policy_off)
    assert judged([WordsRecognized(3.0, said, final=True)], policy_off) == []


def test_a_reply_without_acknowledgement_is_judged_once_words_are_recognised() -> None:
    """After a 7 s silence (the fallback customer turn), a reply straight to the procedure is
    judged unacknowledged at the reply's start; before a speech model runs nothing is."""
    reply = words("u moet dan een nieuw formulier invullen", 9.0)
    ticks = [
        ProsodyTick(round(11.6 + 0.1 * k, 6), -70.0, -70.0, None, False, -60.0)
        for k in range(1, 80)
    ]
    with_model = [Notice(0.0, "model-ready", "ready"), Pause(2.0, 9.0)]
    found = judged([*with_model, WordsRecognized(11.6, reply, final=True), *ticks])
    turns = [j for j in found if j.kind == "customer_turn"]
    assert [(j.evidence_t_s, j.met) for j in turns] == [(9.0, False)]
    counts = judgements_of(turns[0])
    assert counts.customer_turns_s == counts.replies_unacknowledged_s == (9.0,)
    assert judgements_of(Pause(2.0, 9.0)) is NOTHING


def test_an_acknowledging_reply_is_judged_met() -> None:
    """ "Dat begrijp ik" first: the turn counts and is acknowledged."""
    reply = words("dat begrijp ik helemaal ik regel het meteen", 9.0)
    found = judged(
        [
            Notice(0.0, "model-ready", "ready"),
            Pause(2.0, 9.0),
            WordsRecognized(12.0, reply, final=True),
        ]
    )
    assert [(j.kind, j.met) for j in found if j.kind == "customer_turn"] == [
        ("customer_turn", True)
    ]

"""The shadow judges count every key point and customer turn, and what the rules made of
them, whether or not the gate showed a card."""

from dataclasses import replace

from desktop.coaching.calls import CallStarted
from desktop.coaching.settings import Policy
from desktop.events import Notice, WordsRecognized
from desktop.prosody.analyzer import Pause, ProsodyTick
from desktop.recognition.words import Word
from desktop.store.judges import ShadowJudges


def words(text: str, start_s: float, step_s: float = 0.3) -> tuple[Word, ...]:
    return tuple(
        Word(token, start_s + k * step_s, start_s + (k + 1) * step_s, 1.0)
        for k, token in enumerate(text.split())
    )


def test_key_points_are_counted_and_rushed_ones_marked() -> None:
    """A key phrase ("het bedrag"), an amount and a date said straight on: three key points,
    each at its first word, all without a pause before them."""
    judges = ShadowJudges(Policy())
    said = words("dus het bedrag is twaalf euro en de monteur komt op vijf maart", 1.0)
    judged = judges.observe(WordsRecognized(5.0, said, final=True))
    assert judged.key_points_s == (said[1].start_s, said[4].start_s, said[11].start_s)
    assert judged.key_points_rushed_s == judged.key_points_s


def test_a_key_point_after_a_pause_is_not_rushed() -> None:
    """With a 600 ms pause before the amount, the key point counts but is not rushed."""
    judges = ShadowJudges(Policy())
    first = words("u betaalt dan", 1.0)
    amount = words("twaalf euro", first[-1].end_s + 0.6)
    judges.observe(Pause(first[-1].end_s, amount[0].start_s))
    judged = judges.observe(WordsRecognized(4.0, first + amount, final=True))
    assert len(judged.key_points_s) == 1 and judged.key_points_rushed_s == ()


def test_partial_words_and_a_disabled_cue_count_nothing() -> None:
    """Partial hypotheses are not judged; with the key-pause cue off nothing is measured."""
    said = words("het bedrag is twaalf euro", 1.0)
    assert (
        ShadowJudges(Policy()).observe(WordsRecognized(3.0, said, final=False)).key_points_s == ()
    )
    policy = Policy()
    off = replace(policy.cues, key_pause=replace(policy.cues.key_pause, enabled=False))
    judges = ShadowJudges(replace(policy, cues=off))
    assert "key_points" not in judges.measured
    assert judges.observe(WordsRecognized(3.0, said, final=True)).key_points_s == ()


def test_customer_turns_count_once_words_are_recognised() -> None:
    """A 7 s silence is a customer turn only when replies can be judged (a speech model is
    running) and only inside the current call."""
    judges = ShadowJudges(Policy())
    assert judges.observe(Pause(10.0, 17.0)).customer_turns_s == ()
    judges.observe(Notice(18.0, "model-ready", "ready"))
    assert judges.observe(Pause(20.0, 27.0)).customer_turns_s == (27.0,)
    assert judges.observe(Pause(28.0, 30.0)).customer_turns_s == ()
    judges.observe(CallStarted(40.0, "manual"))
    assert judges.observe(Pause(35.0, 45.0)).customer_turns_s == ()


def test_a_reply_without_acknowledgement_is_counted() -> None:
    """After a customer turn, a reply that goes straight to the procedure is judged
    unacknowledged (at the reply's start), however the gate would have decided."""
    judges = ShadowJudges(Policy())
    judges.observe(Notice(0.0, "model-ready", "ready"))
    assert judges.observe(Pause(2.0, 9.0)).customer_turns_s == (9.0,)
    reply = words("u moet dan een nieuw formulier invullen", 9.0)
    judges.observe(WordsRecognized(11.6, reply, final=True))
    unacknowledged: list[float] = []
    for k in range(1, 80):
        t = round(11.6 + 0.1 * k, 6)
        tick = ProsodyTick(t, -70.0, -70.0, None, False, -60.0)
        unacknowledged += judges.observe(tick).replies_unacknowledged_s
    assert unacknowledged == [9.0]

"""The two-sided figures (talk/listen share, interruptions, dead air, the customer's tempo)
and the sentences about them, from hand-built histories with known answers."""

import csv
from dataclasses import replace
from pathlib import Path

import pytest
from test_feedback import BASE

from desktop.report.story import haste_caption
from desktop.summary import load
from desktop.summary.calls import CallLabeller
from desktop.summary.conversation import Conversation, conversation
from desktop.summary.export import COLUMNS, write_csv
from desktop.summary.feedback import choose, choose_feedback
from desktop.summary.headline import headline_rows
from desktop.summary.listening import call_list, listening_sentences
from desktop.ui.summary_calls import call_title

from histories import history, interval


def two_sided(call: int, number: int, agent_s: float, customer_s: float, **kw: object):
    """An interval in which the agent spoke `agent_s` at 4.5 syll/s and the customer
    `customer_s` at 4.0."""
    return interval(
        call,
        number,
        agent_s,
        round(agent_s * 4.5),
        customer_talk_s=customer_s,
        customer_syllables=round(customer_s * 4.0),
        overtalk_s=kw.get("overtalk_s", 0.0),  # type: ignore[arg-type]
        interruptions=kw.get("interruptions", 0),  # type: ignore[arg-type]
        dead_air_s=kw.get("dead_air_s", 0.0),  # type: ignore[arg-type]
    )


def shift_of_three_calls():
    """Call 1 and 2 about half each; call 3 the agent speaks 70 % of the time, cuts in once
    and leaves 12 s of dead air."""
    return history(
        [
            two_sided(1, 0, 5.0, 5.0),
            two_sided(1, 1, 5.0, 5.0),
            two_sided(2, 0, 5.0, 4.0),
            two_sided(2, 1, 4.0, 5.0),
            two_sided(3, 0, 7.0, 3.0, interruptions=1, overtalk_s=1.4),
            two_sided(3, 1, 7.0, 3.0, dead_air_s=0.0),
            two_sided(3, 2, 0.0, 0.0, dead_air_s=10.0),
            two_sided(3, 3, 7.0, 3.0, dead_air_s=2.0),
        ]
    )


def test_the_shares_counts_and_tempos_add_up() -> None:
    summary = load.summarise(shift_of_three_calls())
    c = summary.figures.conversation
    assert c.heard
    assert c.talk_share == pytest.approx(40.0 / 68.0)
    assert c.listen_share == pytest.approx(28.0 / 68.0)
    assert (c.interruptions, c.dead_air_s, c.overtalk_s) == (1, 12.0, pytest.approx(1.4))
    assert c.customer_rate_syl_s == pytest.approx(4.0, abs=0.05)
    assert c.agent_rate_syl_s == pytest.approx(4.5, abs=0.05)
    by_call = {b.number: b.conversation for b in summary.calls}
    assert by_call[3].talk_share == pytest.approx(0.7)
    assert by_call[1].talk_share == pytest.approx(0.5)
    assert by_call[1].customer_rate_syl_s is None  # 10 s of the customer: too little to say
    assert by_call[3].interruptions == 1 and by_call[1].interruptions == 0


def test_not_heard_is_none_never_zero() -> None:
    """An older shift (no customer channel): every two-sided figure is None, and the window
    says so in one sentence instead of showing zeros."""
    summary = load.summarise(history([interval(1, 0, 8.0, 36), interval(1, 1, 6.0, 27)]))
    c = summary.figures.conversation
    assert not c.heard
    assert c.talk_share is None and c.listen_share is None and c.interruptions is None
    assert c.dead_air_s is None and c.customer_rate_syl_s is None
    assert all(not b.conversation.heard for b in summary.calls)
    nl = listening_sentences(summary.figures, summary.calls, "nl")
    en = listening_sentences(summary.figures, summary.calls, "en")
    assert nl == (
        "Het klantkanaal is in deze dienst niet gehoord: wie hoeveel sprak is niet gemeten.",
    )
    assert "not measured" in en[0] and "0" not in nl[0] + en[0]


def test_a_shift_whose_channel_went_off_compares_only_heard_time() -> None:
    """Talk share over the intervals the customer was heard in, not the agent's whole talk."""
    c = conversation([two_sided(1, 0, 5.0, 5.0), interval(1, 1, 9.0, 40)])
    assert c.talk_share == pytest.approx(0.5)


def test_the_sentences_name_what_stood_out() -> None:
    summary = load.summarise(shift_of_three_calls())
    nl = listening_sentences(summary.figures, summary.calls, "nl")
    assert nl == (
        "Je liet de klant meestal uitpraten: 1 keer begon je terwijl de klant nog sprak.",
        "In gesprek 3 sprak je 70% van de tijd; in de andere gesprekken rond de helft.",
        "Je tempo paste bij dat van de klant: jij 4,5, de klant 4,0 lettergrepen per seconde.",
        "In gesprek 3 was het 12 seconden stil aan de lijn; zeg dan gerust even wat je aan "
        "het doen bent.",
    )
    en = listening_sentences(summary.figures, summary.calls, "en")
    assert en[1] == "In call 3 you spoke 70% of the time; in the other calls about half."


def test_a_clearly_faster_pace_and_no_interruptions() -> None:
    """The agent at 6 syll/s against a customer at 4 (1.5 ×) in call 2 is named; never
    cutting in is said as such; no dead air is said as such."""
    fast = [
        interval(
            2,
            k,
            6.0,
            36,
            customer_talk_s=6.0,
            customer_syllables=24,
            interruptions=0,
            overtalk_s=0.0,
            dead_air_s=0.0,
        )
        for k in range(4)
    ]
    calm = [two_sided(1, k, 5.0, 5.0) for k in range(4)]
    summary = load.summarise(history(calm + fast))
    nl = listening_sentences(summary.figures, summary.calls, "nl")
    assert nl[0].startswith("Je liet de klant steeds uitpraten")
    assert "Je tempo lag in gesprek 2 duidelijk boven dat van de klant." in nl
    assert nl[-1] == "Er vielen geen lange stiltes aan de lijn."


def test_no_sentence_names_a_feeling() -> None:
    """Behaviour only (EU AI Act 5(1)(f)): no word for an emotion in any sentence."""
    summary = load.summarise(shift_of_three_calls())
    words = " ".join(
        listening_sentences(summary.figures, summary.calls, "nl")
        + listening_sentences(summary.figures, summary.calls, "en")
    ).lower()
    for feeling in ("boos", "geïrriteerd", "blij", "angry", "upset", "frustrat", "happy", "emot"):
        assert feeling not in words


def test_the_csv_keeps_its_old_columns_and_adds_the_customers(tmp_path: Path) -> None:

    old = COLUMNS[: COLUMNS.index("evidence") + 1]
    assert old[0] == "record" and old[-1] == "evidence" and len(old) == 20
    new = COLUMNS[len(old) :]
    assert set(new) == {
        "customer_talk_s",
        "customer_syllables",
        "talk_share_agent",
        "overtalk_s",
        "interruptions",
        "dead_air_s",
        "call_in_summary",
    }
    shift = history(
        [two_sided(1, 0, 6.0, 4.0, interruptions=1, overtalk_s=1.2), interval(1, 1, 9.0, 40)]
    )
    path = tmp_path / "shift.csv"
    write_csv(shift, path)
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    heard, unheard = rows
    assert (heard["talk_share_agent"], heard["customer_talk_s"], heard["interruptions"]) == (
        "0.6",
        "4",
        "1",
    )
    assert heard["customer_syllables"] == "16" and heard["overtalk_s"] == "1.2"
    customer = [c for c in new if c != "call_in_summary"]
    assert all(unheard[c] == "" for c in customer)  # not measured: empty, never 0
    assert heard["call_in_summary"] == unheard["call_in_summary"] == "1"


def test_letting_the_customer_finish_is_praised_or_tipped() -> None:
    """With the customer heard in at least two calls: never cutting in is praise (with the
    number of calls); cutting in more often than every other call is the tip."""

    def heard(interruptions: int) -> Conversation:
        return Conversation(True, 600.0, 500.0, 3.0, interruptions, 0.0, 4.6, 4.4)

    never = replace(BASE, conversation=heard(0), calls_heard=5)
    assert choose(never) == ("listening", None)
    feedback = choose_feedback(never)
    assert feedback.nl == (
        "Je liet de klant in alle 5 gesprekken uitpraten: je begon nooit terwijl de klant nog "
        "sprak."
    )
    assert feedback.en == "You let the customer finish in all 5 calls: you never cut in."
    assert choose(replace(BASE, conversation=heard(4), calls_heard=5)) == ("effort", "interrupting")
    once = choose_feedback(replace(BASE, conversation=heard(1), calls_heard=10))
    assert once.praise == "listening" and "maar 1 keer" in once.nl
    # One call heard is too little to say; not heard says nothing at all.
    assert choose(replace(BASE, conversation=heard(0), calls_heard=1)) == ("effort", None)
    assert choose(BASE) == ("effort", None)


def test_the_command_lines_rows_name_the_two_sided_figures() -> None:
    """`speech-coach summary` prints them; not heard is one "not measured" row, no zeros."""
    heard = dict(headline_rows(load.summarise(shift_of_three_calls()).figures, "nl"))
    assert heard["Aan het woord"] == "jij 59%, klant 41%"
    assert heard["Klant onderbroken"] == "1 keer"
    assert heard["Stilte aan de lijn"] == "12 s"
    assert heard["Tempo van de klant"] == "4,0 lettergrepen/s (jij 4,5)"
    unheard = headline_rows(load.summarise(history([interval(1, 0, 8.0, 36)])).figures, "en")
    assert unheard[-1] == ("Speaking", "not measured (customer channel not heard)")
    assert "Dead air" not in dict(unheard)


@pytest.mark.parametrize(
    ("numbers", "nl", "en"),
    [
        ([3], "gesprek 3", "call 3"),
        ([5, 2], "gesprekken 2 en 5", "calls 2 and 5"),
        ([4, 2, 5], "gesprekken 2, 4 en 5", "calls 2, 4 and 5"),
    ],
)
def test_calls_are_named_in_order(numbers: list[int], nl: str, en: str) -> None:
    assert (call_list(numbers, True), call_list(numbers, False)) == (nl, en)


def test_many_faster_calls_read_as_several() -> None:
    """More than two calls clearly faster than the customer: no list of numbers."""
    fast = [
        interval(n, k, 8.0, 48, customer_talk_s=8.0, customer_syllables=32)
        for n in range(1, 5)
        for k in range(2)
    ]
    summary = load.summarise(history(fast))
    assert "Je tempo lag in meerdere gesprekken duidelijk boven dat van de klant." in (
        listening_sentences(summary.figures, summary.calls, "nl")
    )


def test_calls_are_named_as_the_agent_counts_them(tmp_path: Path) -> None:
    """The stream's first "call" is the wait before the first customer (no speech): the calls
    after it are named from 1 in the sentences, the haste caption, the list and the charts,
    as the menu's status line named them while the shift ran (`CallLabeller`)."""
    calls = shift_of_three_calls()
    later = [
        replace(i, call_number=i.call_number + 1, start_s=i.start_s + 100.0)
        for i in calls.intervals
    ]
    waited = history([interval(1, k, 0.0, 0, words=0) for k in range(3)] + later)
    summary = load.summarise(waited)
    assert [(b.number, b.label) for b in summary.calls] == [(2, 1), (3, 2), (4, 3)]
    plain = load.summarise(calls)
    for language in ("nl", "en"):
        assert listening_sentences(summary.figures, summary.calls, language) == (
            listening_sentences(plain.figures, plain.calls, language)
        )
    hurried = tuple(replace(b, hasty_share=0.6 if b.number == 3 else 0.0) for b in summary.calls)
    assert haste_caption(hurried, "nl") == "Het meest gehaast in gesprek 2 (60%)"
    assert [call_title(b, "nl") for b in summary.calls] == ["Gesprek 1", "Gesprek 2", "Gesprek 3"]

    live = CallLabeller()
    seen = []
    for call in waited.calls:  # the stream as the live session saw it
        live.call_started()
        seen.append(live.label)
        live.agent_spoke(sum(i.talk_s for i in waited.intervals if i.call_number == call.number))
    assert seen == [1, 1, 2, 3]  # the wait was "gesprek 1" until the first customer came

    write_csv(waited, tmp_path / "shift.csv")
    with (tmp_path / "shift.csv").open(encoding="utf-8-sig") as file:
        named = {(r["call"], r["call_in_summary"]) for r in csv.DictReader(file)}
    assert named == {("1", ""), ("2", "1"), ("3", "2"), ("4", "3")}

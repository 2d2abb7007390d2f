"""Missing acknowledgement: after ≥ 5 s of agent silence in a call (the customer's turn),
the first 10 s of the agent's reply must hold an acknowledgement phrase."""

import pytest

from desktop.audio.call_source import CustomerState
from desktop.coaching.lexicon import load_lexicon
from desktop.coaching.phrases import PhraseMatcher
from desktop.coaching.rules.acknowledgement import AcknowledgementRule
from desktop.coaching.settings import AcknowledgementSettings, Language
from desktop.conversation.turns import Turn, TurnStarted
from desktop.events import CustomerChannelChanged, StreamEnded, WordsRecognized
from desktop.prosody.analyzer import Pause, ProsodySummary, ProsodyTick

from timeline import Timeline, context, run, words_at

SETTINGS = AcknowledgementSettings()
NO_ACK = "u moet de router even opnieuw opstarten"


def rule(language: Language = "nl") -> AcknowledgementRule:
    phrases = PhraseMatcher(load_lexicon("acknowledgement", language), fillers=["eh", "uh"])
    return AcknowledgementRule(SETTINGS, phrases)


def call(reply: str, silence_s: float = 7.0, reply_at_s: float = 0.0) -> Timeline:
    """Greeting 0-3 s, the customer talks for `silence_s`, the agent replies with `reply`
    (starting `reply_at_s` into the reply), then everyone is quiet until 40 s."""
    tl = Timeline()
    tl.speak(0.0, 3.0).say(words_at("goedemiddag u spreekt met anna", 0.2, step_s=0.4))
    start_s = 3.0 + silence_s
    words = words_at(reply, start_s + reply_at_s)
    tl.speak(start_s, words[-1].end_s).say(words)
    return tl


def test_reply_without_acknowledgement_fires_at_the_end_of_the_window() -> None:
    """A solution straight after a 7 s complaint: one cue when the 10 s window is over,
    its evidence complete when the window closed."""
    (cue,) = run(rule(), call(NO_ACK).events(until_s=40.0))
    assert cue.name == "acknowledgement"
    assert cue.evidence == {"silence_s": 7.0, "expected": "Ik begrijp dat …"}
    assert cue.evidence_t_s == pytest.approx(10.0)
    assert cue.evidence_end_s == pytest.approx(20.0)
    assert 20.0 <= cue.t_s <= 20.5
    assert cue.message == SETTINGS.message.nl


@pytest.mark.parametrize(
    "reply",
    [
        "wat vervelend voor u ik kijk het even na",
        "ik begrijp dat dit lastig is",
        "het spijt me eh dat dit zo gelopen is",
        "als ik u goed begrijp werkt de router niet",
        "dat snap ik helemaal",
        "mijn excuses daarvoor",
    ],
)
def test_acknowledging_reply_gives_no_cue(reply: str) -> None:
    """Empathy, apology or paraphrase in the reply: nothing to say."""
    assert run(rule(), call(reply).events(until_s=40.0)) == []


@pytest.mark.parametrize(("reply_at_s", "fires"), [(8.0, False), (10.5, True)])
def test_acknowledgement_must_start_inside_the_reply_window(reply_at_s: float, fires: bool) -> None:
    """The agent talks on; "wat vervelend" 8 s in counts, 10.5 s in is too late."""
    tl = Timeline()
    tl.speak(0.0, 3.0).say(words_at("goedemiddag met anna", 0.2, step_s=0.5))
    opening = words_at("ik zie hier dat uw abonnement is verlopen en dat", 10.0, step_s=0.5)
    ack = words_at("wat vervelend", 10.0 + reply_at_s)
    tl.speak(10.0, ack[-1].end_s)
    tl.say(opening + [w for w in words_at("nou", opening[-1].end_s)], known_s=16.0)
    tl.say(ack)
    assert len(run(rule(), tl.events(until_s=40.0))) == (1 if fires else 0)


@pytest.mark.parametrize(("silence_s", "fires"), [(4.9, False), (5.1, True)])
def test_customer_turn_must_be_long_enough(silence_s: float, fires: bool) -> None:
    """4.9 s of agent silence is not a customer turn worth acknowledging; 5.1 s is."""
    cues = run(rule(), call(NO_ACK, silence_s=silence_s).events(until_s=40.0))
    assert len(cues) == (1 if fires else 0)


def test_a_reply_of_a_word_or_two_is_no_evidence() -> None:
    """ "ja prima" after the customer's turn: too little to judge."""
    assert run(rule(), call("ja prima").events(until_s=40.0)) == []


def test_silence_from_before_the_call_is_not_a_customer_turn() -> None:
    """A pause that began before the current call started (between calls) does not count."""
    events = call(NO_ACK).events(until_s=40.0)
    assert run(rule(), events, context(call_start_s=5.0)) == []


def test_partial_words_neither_fire_nor_let_the_decision_run_ahead() -> None:
    """While a partial hypothesis is pending the rule waits: the late final words, with the
    acknowledgement inside the window, settle it, so no card; partials alone never fire."""
    tl = Timeline()
    tl.speak(0.0, 3.0).say(words_at("goedemiddag met anna", 0.2, step_s=0.5))
    first = words_at("u moet de router", 10.0)
    later = words_at("eh wat vervelend dat het niet werkt", 13.0, step_s=0.8)
    tl.speak(10.0, 11.2).speak(13.0, 18.6)
    tl.say(first, known_s=12.0)
    tl.say(later[:3], known_s=16.0, final=False)
    tl.say(later, known_s=25.0, final=True)
    assert run(rule(), tl.events(until_s=40.0)) == []
    tl.extra.pop()  # the final words never come: partials must not make a card either
    assert run(rule(), tl.events(until_s=40.0)) == []


def test_continuous_speech_is_decided_by_the_first_final_word_after_the_window() -> None:
    """The agent talks on past the window: once a final word starts after it, the rule knows
    the window held no acknowledgement (complete since the window closed, at 20 s)."""
    tl = Timeline()
    tl.speak(0.0, 3.0).say(words_at("goedemiddag met anna", 0.2, step_s=0.5))
    words = words_at(" ".join(["u moet de router opnieuw opstarten"] * 4), 10.0, step_s=0.5)
    tl.speak(10.0, words[-1].end_s).say(words)
    (cue,) = run(rule(), tl.events(until_s=40.0))
    assert cue.t_s == pytest.approx(words[-1].end_s + 0.5)
    assert cue.evidence_end_s == pytest.approx(20.0)


def test_reset_call_drops_a_pending_reply() -> None:
    """A new call before the window closed: the old reply is not judged."""
    r = rule()
    before, after = call(NO_ACK).split(15.0, until_s=40.0)
    run(r, before)
    r.reset_call()
    assert run(r, after) == []


def test_end_of_stream_decides_a_pending_reply() -> None:
    """The recording ends inside the window: the reply heard so far is judged, the window
    closed by the end."""
    events = call(NO_ACK).events(until_s=14.0)
    summary = ProsodySummary(14.0, 14.0, 10.0, 40, ())
    cues = run(rule(), [*events, StreamEnded(14.0, "test.wav", summary, 10, "none")])
    assert len(cues) == 1
    assert cues[0].evidence_end_s == pytest.approx(14.0)


def test_english_reply_and_expected_phrase() -> None:
    """In English, "I'm sorry to hear that" acknowledges; the card suggests "I understand"."""
    tl = call("i'm sorry to hear that let me check")
    assert run(rule("en"), tl.events(until_s=40.0), context("en")) == []
    (cue,) = run(rule("en"), call("please restart the router").events(40.0), context("en"))
    assert cue.evidence["expected"] == "I understand that …"
    assert cue.message == SETTINGS.message.en


def test_real_customer_turns_replace_the_silence_guess_while_the_channel_is_heard() -> None:
    """With a customer channel, an agent silence is no customer turn (the customer may be
    on hold or typing); a real customer turn of 7 s is. When the channel is lost, the
    silence guess is back."""
    heard = CustomerChannelChanged(0.0, CustomerState("listening"))
    reply = WordsRecognized(20.0, words_at("u moet een formulier invullen", 12.0), final=True)
    silence_only = [heard, Pause(2.0, 12.0), reply, *quiet_ticks(20.0, 30.0)]
    assert run(rule(), silence_only) == []
    customer_turn = [
        heard,
        TurnStarted(2.5, "customer", 2.0),
        Turn(12.5, "customer", 2.0, 11.5, 7.0),
        TurnStarted(12.5, "agent", 12.0),
        reply,
        *quiet_ticks(20.0, 30.0),
    ]
    (cue,) = run(rule(), customer_turn)
    assert cue.evidence["customer_speech_s"] == 7.0
    lost = CustomerChannelChanged(1.0, CustomerState("lost", "the output device vanished"))
    (fallback,) = run(rule(), [heard, lost, Pause(2.0, 12.0), reply, *quiet_ticks(20.0, 30.0)])
    assert fallback.evidence["silence_s"] == 10.0


def quiet_ticks(start_s: float, end_s: float) -> list[ProsodyTick]:
    """The agent silent from start_s to end_s, as 100 ms ticks."""
    n = round((end_s - start_s) * 10)
    return [
        ProsodyTick(round(start_s + 0.1 * k, 6), -70.0, -70.0, None, False, -60.0)
        for k in range(1, n)
    ]

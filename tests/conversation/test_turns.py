"""The turn tracker on exact onsets and offsets: who holds the floor, overlaps,
interruptions, backchannels, dead air and holds."""

from desktop.conversation.turns import (
    DeadAir,
    Interruption,
    Overlap,
    Silence,
    Turn,
    TurnEvent,
    TurnSettings,
    TurnStarted,
    TurnTracker,
)
from desktop.prosody.analyzer import Speaker, SpeechOffset, SpeechOnset


def run(speech: list[tuple[Speaker, float, float]], end_s: float, **settings: float) -> list:
    """Feed speech intervals (speaker, start, end) in the order a VAD would report them and
    advance the clock in 0.1 s steps, as the engine does."""
    tracker = TurnTracker(TurnSettings(**settings))
    reports: list[tuple[float, SpeechOnset | SpeechOffset]] = []
    for speaker, start_s, stop_s in speech:
        reports.append((start_s + 0.1, SpeechOnset(start_s, speaker)))
        reports.append((stop_s + 0.2, SpeechOffset(stop_s, speaker)))
    reports.sort(key=lambda item: item[0])
    events: list[TurnEvent] = []
    t_s = 0.0
    while t_s < end_s:
        t_s = round(t_s + 0.1, 3)
        while reports and reports[0][0] <= t_s:
            tracker.observe(reports.pop(0)[1])
        events.extend(tracker.advance(t_s))
    events.extend(tracker.finish(end_s))
    return events


def turns(events: list) -> list[tuple[str, float, float]]:
    return [(e.speaker, e.start_s, e.end_s) for e in events if isinstance(e, Turn)]


def test_alternating_speech_makes_one_turn_per_side_change() -> None:
    """Speech of one side with pauses inside is one turn until the other side speaks."""
    events = run(
        [("agent", 0.0, 2.0), ("agent", 2.5, 4.0), ("customer", 4.3, 9.0), ("agent", 9.4, 12.0)],
        end_s=13.0,
    )
    assert turns(events) == [
        ("agent", 0.0, 4.0),
        ("customer", 4.3, 9.0),
        ("agent", 9.4, 12.0),
    ]
    customer = [e for e in events if isinstance(e, Turn) and e.speaker == "customer"][0]
    assert abs(customer.speech_s - 4.7) < 1e-9


def test_a_backchannel_in_a_pause_does_not_take_the_floor() -> None:
    """A 0.4 s "ja" while the customer pauses is a backchannel: the customer keeps the turn."""
    events = run(
        [("customer", 0.0, 3.0), ("agent", 3.3, 3.7), ("customer", 4.2, 8.0), ("agent", 8.5, 11)],
        end_s=12.0,
    )
    assert turns(events) == [("customer", 0.0, 8.0), ("agent", 8.5, 11.0)]
    assert not any(isinstance(e, Interruption) for e in events)


def test_a_backchannel_over_speech_is_an_overlap_but_no_interruption() -> None:
    """A 0.5 s "hm" while the customer speaks overlaps, but is no interruption."""
    events = run([("customer", 0.0, 6.0), ("agent", 2.0, 2.5)], end_s=7.0)
    overlaps = [e for e in events if isinstance(e, Overlap)]
    assert [(o.by, o.start_s, o.end_s) for o in overlaps] == [("agent", 2.0, 2.5)]
    assert not any(isinstance(e, Interruption) for e in events)
    assert turns(events) == [("customer", 0.0, 6.0)]


def test_cutting_in_for_two_seconds_is_one_interruption_judged_after_one_second() -> None:
    """The agent comes in 2 s before the customer stops and goes on: an interruption, judged
    once at its start + min_overtalk_s; the floor passes when the customer stops."""
    events = run([("customer", 0.0, 6.0), ("agent", 4.0, 9.0)], end_s=10.0)
    interruptions = [e for e in events if isinstance(e, Interruption)]
    assert [(i.start_s, i.t_s) for i in interruptions] == [(4.0, 5.0)]
    assert turns(events) == [("customer", 0.0, 6.0), ("agent", 4.0, 9.0)]


def test_a_short_overlap_at_a_change_of_turn_is_no_interruption() -> None:
    """Starting 0.3 s before the customer finishes is an ordinary change of turn."""
    events = run([("customer", 0.0, 5.0), ("agent", 4.7, 8.0)], end_s=9.0)
    assert not any(isinstance(e, Interruption) for e in events)
    assert turns(events) == [("customer", 0.0, 5.0), ("agent", 4.7, 8.0)]


def test_the_customer_cutting_in_is_not_the_agent_interrupting() -> None:
    """Only the agent can interrupt here: the coaching is about the agent's behaviour."""
    events = run([("agent", 0.0, 6.0), ("customer", 3.0, 9.0)], end_s=10.0)
    assert not any(isinstance(e, Interruption) for e in events)


def test_dead_air_is_judged_at_ten_seconds_and_closed_when_speech_resumes() -> None:
    """12 s of silence after speech: DeadAir at its start + 10 s, Silence with its length."""
    events = run([("agent", 0.0, 3.0), ("customer", 15.0, 17.0)], end_s=18.0)
    dead = [e for e in events if isinstance(e, DeadAir)]
    assert [(d.start_s, d.t_s) for d in dead] == [(3.0, 13.0)]
    silences = [e for e in events if isinstance(e, Silence)]
    assert [(s.start_s, s.end_s) for s in silences] == [(3.0, 15.0)]


def test_a_silence_that_starts_a_new_call_is_no_dead_air() -> None:
    """Between calls (a silence past the new-call silence) nothing is dead air."""
    events = run([("agent", 0.0, 3.0), ("agent", 70.0, 72.0)], end_s=73.0, dead_air_s=10.0)
    assert [e for e in events if isinstance(e, DeadAir)] != []  # judged live at 13 s...
    assert not any(isinstance(e, Silence) for e in events)  # ...but not counted afterwards


def test_a_hold_is_not_dead_air_and_ends_with_speech() -> None:
    """Silence during an announced hold is not dead air; speech ends the hold."""
    tracker = TurnTracker(TurnSettings())
    tracker.observe(SpeechOnset(0.0, "agent"))
    tracker.observe(SpeechOffset(2.0, "agent"))
    events = list(tracker.advance(3.0))
    events += tracker.hold(3.0, True)
    for k in range(4, 30):
        events += tracker.advance(float(k))
    tracker.observe(SpeechOnset(30.0, "agent"))
    events += tracker.advance(31.0)
    assert not any(isinstance(e, DeadAir | Silence) for e in events)
    assert tracker.on_hold is False


def test_turn_started_comes_before_its_turn_and_in_order() -> None:
    """Every Turn is preceded by its TurnStarted, with the same start."""
    events = run([("agent", 0.0, 2.0), ("customer", 2.5, 6.0), ("agent", 6.4, 8.0)], end_s=9.0)
    started = [(e.speaker, e.start_s) for e in events if isinstance(e, TurnStarted)]
    assert started == [("agent", 0.0), ("customer", 2.5), ("agent", 6.4)]

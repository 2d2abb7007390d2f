"""Monologue: 45 s of speech with no pause of 1.5 s or more; shorter pauses don't break it."""

import pytest

from desktop.coaching.rules.monologue import MonologueRule
from desktop.coaching.settings import MonologueSettings

from timeline import Timeline, context, run

SETTINGS = MonologueSettings()


def talk(until_s: float, pause_s: float = 0.5, start_s: float = 0.0) -> Timeline:
    tl = Timeline()
    tl.speak_steadily(start_s, until_s, segment_s=5.0, pause_s=pause_s)
    return tl


@pytest.mark.parametrize(("until_s", "fires"), [(44.8, False), (45.2, True)])
def test_speech_with_short_pauses_fires_at_45_s(until_s: float, fires: bool) -> None:
    """Pauses of 0.5 s do not break the stretch: 44.8 s of it is fine, 45.2 s is a monologue."""
    tl = talk(43.5)  # 5 s segments with 0.5 s pauses, the last ending at 43.5 s
    tl.speak(44.0, until_s)
    cues = run(MonologueRule(SETTINGS), tl.events(until_s=until_s + 5.0))
    assert len(cues) == (1 if fires else 0)


def test_evidence_and_times() -> None:
    """The cue comes on the tick where 45 s is reached, naming the length and the start;
    that tick completed the evidence."""
    (cue,) = run(MonologueRule(SETTINGS), talk(60.0).events())
    assert cue.name == "monologue"
    assert cue.t_s == pytest.approx(45.0)
    assert cue.evidence_t_s == pytest.approx(0.0)
    assert cue.evidence_end_s == cue.t_s
    assert cue.evidence == {"speech_s": 45.0}
    assert cue.message == SETTINGS.message.nl


@pytest.mark.parametrize(("pause_s", "fires"), [(1.4, True), (1.6, False)])
def test_pause_of_min_break_restarts_the_stretch(pause_s: float, fires: bool) -> None:
    """A 1.4 s pause every 5 s is not a break (cue); 1.6 s pauses give the customer room."""
    cues = run(MonologueRule(SETTINGS), talk(70.0, pause_s=pause_s).events())
    assert len(cues) == (1 if fires else 0)


def test_one_cue_per_stretch_and_another_after_a_break() -> None:
    """Two minutes without a break give one cue; after a 3 s break a new long stretch, a second."""
    tl = talk(120.0)
    tl.speak_steadily(124.0, 175.0, segment_s=5.0, pause_s=0.5)
    cues = run(MonologueRule(SETTINGS), tl.events())
    assert [round(c.evidence_t_s) for c in cues] == [0, 124]


def test_reset_call_starts_a_new_stretch() -> None:
    """A new call in the middle of talking starts the count afresh."""
    before, after = talk(80.0).split(30.0)
    rule = MonologueRule(SETTINGS)
    run(rule, before)
    rule.reset_call()
    (cue,) = run(rule, after, context(call_start_s=30.0))
    assert cue.evidence_t_s == pytest.approx(29.9, abs=0.11)


def test_silence_is_never_a_monologue() -> None:
    """Ticks without speech never fire, however long."""
    tl = Timeline().speak(0.0, 1.0)
    assert run(MonologueRule(SETTINGS), tl.events(until_s=200.0)) == []


def test_a_real_customer_turn_breaks_the_stretch_however_short_the_pause() -> None:
    """With the customer channel, the customer answering in a 1 s gap (shorter than the
    1.5 s break) ends the agent's stretch; the agent's next turn starts a new one."""
    from desktop.conversation.turns import TurnStarted
    from desktop.prosody.analyzer import Pause, ProsodyTick

    def ticks(start_s: float, end_s: float) -> list[ProsodyTick]:
        n = round((end_s - start_s) * 10)
        return [
            ProsodyTick(round(start_s + 0.1 * k, 6), -30.0, -30.0, 150.0, True, -60.0)
            for k in range(1, n + 1)
        ]

    talk = [*ticks(0.0, 30.0), Pause(30.0, 31.0), *ticks(31.0, 60.0)]
    assert [c.name for c in run(MonologueRule(MonologueSettings()), talk)] == ["monologue"]
    answered = [
        *ticks(0.0, 30.0),
        Pause(30.0, 31.0),
        TurnStarted(31.6, "customer", 30.1),
        TurnStarted(31.7, "agent", 31.0),
        *ticks(31.0, 60.0),
    ]
    assert run(MonologueRule(MonologueSettings()), answered) == []

"""Raised voice: loudness ≥ baseline + 6 dB over 3 s of speech (80 % of the ticks), and only
when the agent's loudness baseline is known."""

import pytest

from desktop.coaching.rules.raised_voice import RaisedVoiceRule
from desktop.coaching.settings import RaisedVoiceSettings

from timeline import Timeline, context, run

SETTINGS = RaisedVoiceSettings()
BASELINE = context(loudness_db=-30.0)


def loud(level_db: float, seconds: float, calm_before_s: float = 5.0) -> Timeline:
    tl = Timeline()
    tl.speak(0.0, calm_before_s, loudness_db=-30.0)
    tl.speak(calm_before_s + 0.3, calm_before_s + 0.3 + seconds, loudness_db=level_db)
    return tl


@pytest.mark.parametrize(("level_db", "fires"), [(-24.5, False), (-23.5, True)])
def test_level_must_reach_baseline_plus_6_db(level_db: float, fires: bool) -> None:
    """5.5 dB over the baseline is not raised; 6.5 dB is."""
    cues = run(RaisedVoiceRule(SETTINGS), loud(level_db, 5.0).events(), BASELINE)
    assert len(cues) == (1 if fires else 0)


@pytest.mark.parametrize(("seconds", "fires"), [(2.6, False), (3.2, True)])
def test_loudness_must_last_3_s_of_speech(seconds: float, fires: bool) -> None:
    """A loud 2.6 s outburst is not sustained (under 80 % of 3 s); 3.2 s is."""
    cues = run(RaisedVoiceRule(SETTINGS), loud(-20.0, seconds).events(), BASELINE)
    assert len(cues) == (1 if fires else 0)


def test_evidence_names_level_and_baseline() -> None:
    """The card compares the stretch's median loudness with the agent's own baseline."""
    (cue,) = run(RaisedVoiceRule(SETTINGS), loud(-21.0, 6.0).events(), BASELINE)
    assert cue.name == "raised_voice"
    assert cue.evidence == {"level_db": -21.0, "baseline_db": -30.0, "above_baseline_db": 9.0}
    assert cue.t_s == pytest.approx(5.3 + 3.0, abs=0.11)
    assert cue.evidence_t_s == pytest.approx(5.3, abs=0.11)
    assert cue.evidence_end_s == cue.t_s  # the tick that completed 3 s of loud speech


def test_quiet_dips_between_words_do_not_break_a_loud_stretch() -> None:
    """Loud words with short quieter ticks between them (1 in 8) are still a raised voice."""
    tl = Timeline()
    t = 0.0
    while t < 6.0:
        tl.speak(t, t + 0.7, loudness_db=-20.0).speak(t + 0.7, t + 0.8, loudness_db=-29.0)
        t += 0.8
    assert len(run(RaisedVoiceRule(SETTINGS), tl.events(), BASELINE)) == 1


def test_loud_words_scattered_over_a_minute_do_not_add_up() -> None:
    """Single loud seconds among long silences are not 3 s of raised voice."""
    tl = Timeline()
    for k in range(10):
        tl.speak(k * 6.0, k * 6.0 + 1.0, loudness_db=-20.0)
    assert run(RaisedVoiceRule(SETTINGS), tl.events(), BASELINE) == []


def test_no_baseline_no_cue() -> None:
    """Until the agent's normal loudness is known, loud speech is not judged."""
    assert run(RaisedVoiceRule(SETTINGS), loud(-10.0, 10.0).events(), context()) == []


def test_one_cue_per_loud_stretch_and_rearmed_after_calm() -> None:
    """Ten loud seconds give one cue; after calm speech a second loud stretch, another."""
    tl = loud(-20.0, 10.0)
    tl.speak(15.6, 25.0, loudness_db=-30.0).speak(25.3, 30.0, loudness_db=-20.0)
    cues = run(RaisedVoiceRule(SETTINGS), tl.events(), BASELINE)
    assert len(cues) == 2
    assert cues[1].evidence_t_s >= 25.0

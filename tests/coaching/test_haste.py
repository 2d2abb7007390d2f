"""Haste: articulation rate over 8 s of speech above floor AND baseline × 1.15, or above the
ceiling, for 4 s of speech; proposed again after every further 4 s of hasty speech (the gate
decides what is shown). The rates come from the tempo meter, as in the coach."""

from dataclasses import replace

import pytest

from desktop.coaching.cue import CoachContext, Cue
from desktop.coaching.rules.haste import HasteRule, haste_threshold_syl_s
from desktop.coaching.settings import HasteSettings
from desktop.coaching.tempo import TempoMeter
from desktop.events import EngineEvent

from timeline import (
    NUCLEUS_KNOWN_AFTER_S,
    TICK_S,
    Timeline,
    context,
    syllable_words,
    with_tempo,
)
from timeline import run as run_rule

SETTINGS = HasteSettings()


def run(
    rule: HasteRule,
    events: list[EngineEvent],
    ctx: CoachContext | None = None,
    window_s: float = 8.0,
) -> list[Cue]:
    """The rule over the events and the tempo meter's measurements of them."""
    meter = TempoMeter(window_s, "nl", keep_speech_s=window_s + 4.0)
    return run_rule(rule, with_tempo(events, meter), ctx)


def steady(rate_syl_s: float, seconds: float = 40.0) -> Timeline:
    tl = Timeline()
    tl.speak_steadily(0.0, seconds, rate_syl_s)
    return tl


def test_threshold_combines_floor_baseline_and_ceiling() -> None:
    """min(ceiling, max(floor, baseline × factor)); the floor alone without a baseline."""
    assert haste_threshold_syl_s(SETTINGS, None) == 5.5
    assert haste_threshold_syl_s(SETTINGS, 4.0) == 5.5
    assert haste_threshold_syl_s(SETTINGS, 5.0) == pytest.approx(5.75)
    assert haste_threshold_syl_s(SETTINGS, 6.0) == 6.5


def test_calm_speech_gives_no_cue() -> None:
    """Forty seconds at 4.5 syll/s never look hasty."""
    assert run(HasteRule(SETTINGS), steady(4.5).events()) == []


@pytest.mark.parametrize(("rate", "fires"), [(5.25, False), (5.75, True)])
def test_without_baseline_the_floor_decides(rate: float, fires: bool) -> None:
    """Before the baseline is learned, just below the floor is calm, just above is hasty."""
    cues = run(HasteRule(SETTINGS), steady(rate).events(), context(rate_syl_s=None))
    assert bool(cues) == fires


@pytest.mark.parametrize(("rate", "fires"), [(5.5, False), (6.0, True)])
def test_with_baseline_both_floor_and_baseline_factor_must_be_exceeded(
    rate: float, fires: bool
) -> None:
    """Baseline 5.0 × 1.15 = 5.75: 5.5 is above the floor only (no cue), 6.0 is above both."""
    cues = run(HasteRule(SETTINGS), steady(rate).events(), context(rate_syl_s=5.0))
    assert bool(cues) == fires


@pytest.mark.parametrize(("rate", "fires"), [(6.25, False), (6.75, True)])
def test_a_fast_speakers_baseline_is_capped_by_the_ceiling(rate: float, fires: bool) -> None:
    """Baseline 6.0 × 1.15 = 6.9 is above the ceiling 6.5: the ceiling still catches 6.75."""
    cues = run(HasteRule(SETTINGS), steady(rate).events(), context(rate_syl_s=6.0))
    assert bool(cues) == fires


def test_evidence_names_rate_baseline_and_window() -> None:
    """The card shows the measured rate against the baseline, and when the stretch began."""
    cue = run(HasteRule(SETTINGS), steady(6.75).events(), context(rate_syl_s=5.0))[0]
    assert cue.name == "haste"
    assert cue.evidence["rate_syl_s"] == pytest.approx(6.75, abs=0.1)
    assert cue.evidence["baseline_syl_s"] == 5.0
    assert cue.evidence["window_s"] == 8.0
    assert cue.message == SETTINGS.message.nl
    # 8 s of speech to fill the window, then 4 s of speech sustained (plus the 0.3 s pauses).
    assert 8.0 <= cue.evidence_t_s <= 9.0
    assert cue.evidence_t_s + 4.0 <= cue.t_s <= cue.evidence_t_s + 5.5
    # The window that completed the 4 s ends at a nucleus, measured when it is known.
    assert cue.evidence_end_s is not None
    assert cue.evidence_t_s + 4.0 <= cue.evidence_end_s <= cue.t_s <= cue.evidence_end_s + 0.5


def test_evidence_says_none_without_baseline_and_message_follows_language() -> None:
    """No baseline is shown as "none"; an English context gets the English message."""
    cue = run(HasteRule(SETTINGS), steady(6.0).events(), context("en"))[0]
    assert cue.evidence["baseline_syl_s"] == "none"
    assert cue.message == SETTINGS.message.en


@pytest.mark.parametrize(("fast_s", "fires"), [(3.5, False), (4.5, True)])
def test_hasty_rate_must_be_sustained(fast_s: float, fires: bool) -> None:
    """With a 2 s window the rate is hasty for about as long as the fast speech: 3.5 s of it
    is not sustained enough, 4.5 s is."""
    settings = replace(SETTINGS, window_s=2.0)
    tl = Timeline()
    tl.speak(0.0, 10.0, 4.0).speak(10.0 + 1e-3, 10.0 + fast_s, 7.0)
    tl.speak(10.3 + fast_s, 30.0, 4.0)
    assert len(run(HasteRule(settings), tl.events(), window_s=2.0)) == (1 if fires else 0)


def test_a_continuing_stretch_is_proposed_again_every_sustain_period() -> None:
    """A long fast stretch is proposed again after each further 4 s of speech (the first
    proposal may have been held by the gate), all with the stretch's start as evidence; calm
    speech stops the proposals and a new fast stretch starts its own."""
    tl = Timeline()
    t = tl.speak_steadily(0.0, 40.0, 6.75)
    first_end_s = t
    t = tl.speak_steadily(t + 0.3, t + 30.0, 4.0)
    second_fast_s = t + 0.3
    tl.speak_steadily(second_fast_s, second_fast_s + 40.0, 6.75)
    cues = run(HasteRule(SETTINGS), tl.events())
    first = [c for c in cues if c.evidence_t_s < first_end_s]
    second = [c for c in cues if c.evidence_t_s > second_fast_s]
    assert len(first) + len(second) == len(cues)
    assert len(first) >= 5 and len(second) >= 5
    assert len({c.evidence_t_s for c in first}) == 1
    gaps_s = [b.t_s - a.t_s for a, b in zip(first, first[1:], strict=False)]
    assert min(gaps_s) >= 4.0  # at least sustain_s of speech between proposals
    assert not [c for c in cues if first_end_s + 9.0 < c.t_s < second_fast_s]


def test_too_little_speech_in_the_call_is_not_judged() -> None:
    """Fewer than window_s seconds of speech since the call began: no rate, no cue."""
    tl = Timeline()
    tl.speak(0.0, 7.5, 7.0)
    assert run(HasteRule(SETTINGS), tl.events(until_s=12.0)) == []


def test_the_window_does_not_reach_into_the_previous_call() -> None:
    """After a call boundary the fast speech of the previous call no longer counts."""
    tl = Timeline()
    tl.speak(0.0, 20.0, 7.0).speak(80.0, 86.0, 7.0)
    rule = HasteRule(SETTINGS)
    meter = TempoMeter(8.0, "nl", keep_speech_s=12.0)
    first_call, second_call = tl.split(79.0)
    assert len(run_rule(rule, with_tempo(first_call, meter))) >= 1
    rule.reset_call()
    second = with_tempo(second_call, meter, call_start_s=79.0)
    assert run_rule(rule, second, context(call_start_s=79.0)) == []


def test_long_pauses_are_not_speech_time() -> None:
    """Fast speech broken by customer turns is still fast: pauses are left out of the rate."""
    tl = Timeline()
    for k in range(6):
        tl.speak(k * 10.0, k * 10.0 + 3.0, 6.75)
    cues = run(HasteRule(SETTINGS), tl.events())
    assert len(cues) >= 1
    assert all(c.evidence["rate_syl_s"] == pytest.approx(6.75, abs=0.15) for c in cues)


def worded(rate_syl_s: float, nuclei_syl_s: float, seconds: float = 40.0) -> Timeline:
    """Speech whose recognised words have `rate_syl_s` syllables per second while the
    acoustic detector finds only `nuclei_syl_s` (it merges syllables of fast speech)."""
    tl = Timeline()
    t = 0.0
    while t + 4.0 <= seconds:
        tl.speak(t, t + 4.0, nuclei_syl_s).say(syllable_words(t, t + 4.0, rate_syl_s))
        t += 4.3
    return tl


def test_with_words_the_rate_is_counted_in_the_words() -> None:
    """Fast speech the acoustic count reads as calm (5.0) is hasty by its words (6.75); only
    the stream's first segment, over before the first word was known, counts nuclei."""
    events = worded(6.75, nuclei_syl_s=5.0).events()
    assert run(HasteRule(SETTINGS), steady(5.0).events()) == []
    cues = run(HasteRule(SETTINGS), events)
    assert len(cues) >= 1
    assert cues[-1].evidence["rate_syl_s"] == pytest.approx(6.75, abs=0.15)
    assert cues[-1].evidence["syllables_from"] == "words"
    # Measured when the nuclei came, not when the words did (0.5 s after their 4 s of
    # speech): the speech whose words are not known yet counts its nuclei, scaled.
    delays_s = [c.t_s - c.evidence_end_s for c in cues if c.evidence_end_s is not None]
    assert len(delays_s) == len(cues)
    assert all(d <= NUCLEUS_KNOWN_AFTER_S + TICK_S + 1e-6 for d in delays_s)


def test_a_word_rate_is_judged_against_the_word_baseline() -> None:
    """Words at 6.0 syll/s: hasty against a word baseline of 5.0 (threshold 5.75), calm
    against a word baseline of 5.5 (threshold 6.3), whatever the acoustic baseline says."""
    events = worded(6.0, nuclei_syl_s=4.5).events()
    hasty = context(rate_syl_s=5.5, word_rate_syl_s=5.0)
    calm = context(rate_syl_s=5.0, word_rate_syl_s=5.5)
    cues = run(HasteRule(SETTINGS), events, hasty)
    assert cues and cues[0].evidence["baseline_syl_s"] == 5.0
    assert run(HasteRule(SETTINGS), events, calm) == []

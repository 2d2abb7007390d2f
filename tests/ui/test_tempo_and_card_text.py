"""The meter's arithmetic and the words on a cue card."""

import pytest

from desktop.coaching.cue import Cue
from desktop.coaching.settings import CueSettings, HasteSettings, Message
from desktop.ui.cue_text import card_text, evidence_line
from desktop.ui.tempo import meter_fraction, smoothed, tempo_view


def test_the_needle_sits_at_the_normal_mark_at_the_agents_own_tempo() -> None:
    """Speaking at baseline puts the needle on the "your normal" mark, in the calm zone."""
    view = tempo_view(4.8, 4.8, 5.52)
    assert view.needle == pytest.approx(view.normal_mark)
    assert view.zone == "calm" and not view.learning


@pytest.mark.parametrize(("rate", "zone"), [(4.0, "calm"), (5.2, "brisk"), (5.6, "hasty")])
def test_zones_follow_the_haste_threshold(rate: float, zone: str) -> None:
    """Above the threshold is hasty; the upper half of the way to it is brisk."""
    assert tempo_view(rate, 4.8, 5.52).zone == zone


def test_without_a_baseline_the_meter_says_it_is_learning() -> None:
    """Before the baseline is known, normal is placed from the threshold and flagged."""
    view = tempo_view(5.0, None, 5.75)
    assert view.learning
    assert view.normal_mark == pytest.approx(meter_fraction(1.0))
    assert view.hasty_from == pytest.approx(meter_fraction(1.15))


def test_the_needle_is_clamped_and_eases_towards_its_target() -> None:
    """Extreme rates stay on the meter; the needle moves part of the way per repaint."""
    assert meter_fraction(10.0) == 1.0 and meter_fraction(0.0) == 0.0
    assert 0.0 < smoothed(0.0, 1.0) < 1.0


def test_a_haste_card_has_the_supervisors_message_in_the_chosen_language() -> None:
    """Title from the app, message from the policy (overridable), numbers in local style."""
    cues = CueSettings(haste=HasteSettings(message=Message(nl="Rustig!", en="Easy!")))
    cue = Cue("haste", 30.0, 22.0, "ignored", {"rate_syl_s": 6.43, "baseline_syl_s": 4.9})
    dutch = card_text(cue, cues, "nl")
    assert (dutch.title, dutch.message) == ("Rustiger aan", "Rustig!")
    assert dutch.evidence == "6,4 lettergrepen/s — jouw normaal 4,9"
    english = card_text(cue, cues, "en")
    assert english.message == "Easy!"
    assert english.evidence == "6.4 syllables/s — your normal 4.9"


def test_before_a_baseline_the_haste_card_names_the_limit() -> None:
    """No baseline yet: the card compares with the threshold instead."""
    cue = Cue(
        "haste",
        30.0,
        22.0,
        "",
        {"rate_syl_s": 6.9, "baseline_syl_s": "none", "threshold_syl_s": 5.5},
    )
    assert evidence_line(cue, "nl") == "6,9 lettergrepen/s — grens 5,5"


def test_evidence_lines_for_the_word_cues() -> None:
    """Key pause names the phrase and the pause; shields offer the alternative."""
    key = Cue("key_pause", 5.0, 4.0, "", {"phrase": "twaalf euro", "pause_ms": 80.0})
    assert evidence_line(key, "nl") == "pauze van 80 ms vóór “twaalf euro”"
    shield = Cue(
        "policy_shield",
        5.0,
        4.0,
        "",
        {"phrase": "dat is beleid", "alternative": "Ik kijk wat wel kan"},
    )
    assert evidence_line(shield, "en") == "Try: “Ik kijk wat wel kan”"
    assert evidence_line(Cue("haste", 1.0, 1.0, "", {}), "nl") == ""

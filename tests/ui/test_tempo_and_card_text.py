"""The meter's arithmetic and the words on a cue card."""

import pytest

from desktop.coaching.cue import Cue
from desktop.coaching.settings import CueSettings, HasteSettings, Message
from desktop.ui.cue_text import card_text, evidence_line, measured_line
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


def test_a_haste_card_has_the_supervisors_title_and_message_in_the_chosen_language() -> None:
    """Title and message from the policy (both overridable), the evidence in words."""
    haste = HasteSettings(
        title=Message(nl="Tempo!", en="Pace!"), message=Message(nl="Rustig!", en="Easy!")
    )
    cue = Cue("haste", 30.0, 22.0, "ignored", {"rate_syl_s": 6.43, "baseline_syl_s": 4.9})
    dutch = card_text(cue, CueSettings(haste=haste), "nl")
    assert (dutch.title, dutch.message) == ("Tempo!", "Rustig!")
    assert dutch.evidence == "Veel sneller dan je normaal"
    english = card_text(cue, CueSettings(haste=haste), "en")
    assert (english.title, english.message) == ("Pace!", "Easy!")
    assert english.evidence == "Much faster than your normal"
    assert card_text(cue, CueSettings(), "nl").title == "Rustiger aan"


@pytest.mark.parametrize(
    ("rate", "words"),
    [(5.7, "Duidelijk sneller dan je normaal"), (6.4, "Veel sneller dan je normaal")],
)
def test_the_haste_card_says_how_much_faster_than_the_agents_normal(rate, words) -> None:
    """15 to 30 % above the normal is "clearly faster", beyond that "much faster"."""
    cue = Cue("haste", 30.0, 22.0, "", {"rate_syl_s": rate, "baseline_syl_s": 4.9})
    assert evidence_line(cue, "nl") == words


def test_before_a_baseline_the_haste_card_speaks_of_the_customer() -> None:
    """No baseline yet: no "your normal"; the card says what the limit means, no number."""
    cue = Cue(
        "haste",
        30.0,
        22.0,
        "",
        {"rate_syl_s": 6.9, "baseline_syl_s": "none", "threshold_syl_s": 5.5},
    )
    assert evidence_line(cue, "nl") == "Sneller dan een klant makkelijk volgt"
    assert measured_line(cue, "nl") == "6,9 lettergrepen per seconde; grens 5,5"


def test_evidence_lines_for_the_word_cues() -> None:
    """Key pause names the phrase, in words; shields offer the alternative; one quote style
    per language; the summary's line has the number with its unit written out."""
    key = Cue("key_pause", 5.0, 4.0, "", {"phrase": "twaalf euro", "pause_ms": 80.0})
    assert evidence_line(key, "nl") == "Geen pauze vóór ‘twaalf euro’"
    assert measured_line(key, "nl") == "pauze van 80 milliseconden vóór ‘twaalf euro’"
    short = Cue("key_pause", 5.0, 4.0, "", {"phrase": "twaalf euro", "pause_ms": 180.0})
    assert evidence_line(short, "en") == "Only a short pause before “twaalf euro”"
    shield = Cue(
        "policy_shield",
        5.0,
        4.0,
        "",
        {"phrase": "dat is beleid", "alternative": "Ik kijk wat wel kan"},
    )
    assert evidence_line(shield, "en") == "Try: “Ik kijk wat wel kan”"
    assert evidence_line(shield, "nl") == "Probeer: ‘Ik kijk wat wel kan’"
    assert evidence_line(Cue("haste", 1.0, 1.0, "", {}), "nl") == ""


def test_the_acknowledgement_card_gives_its_example_once() -> None:
    """The example is in the evidence line only, not in the message as well."""
    cue = Cue("acknowledgement", 5.0, 4.0, "", {"expected": "Ik begrijp dat …"})
    card = card_text(cue, CueSettings(), "nl")
    assert "Ik begrijp" not in card.message
    assert card.evidence == "Bijvoorbeeld: ‘Ik begrijp dat …’"


def test_dutch_card_texts_use_one_quotation_style() -> None:
    """Every default Dutch title and message quotes with ‘…’ only (no „…”, “…”)."""
    from desktop.coaching.cue import CUE_NAMES

    cues = CueSettings()
    for name in CUE_NAMES:
        settings = getattr(cues, name)
        for words in (settings.title.nl, settings.message.nl):
            assert not set(words) & set("„“”\"'"), (name, words)

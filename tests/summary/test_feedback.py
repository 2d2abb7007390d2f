"""Feedback: the right praise and tip for the shift, said specifically in Dutch and English."""

import re
from dataclasses import replace

import pytest

from desktop.summary import Share, ShiftFigures, choose_feedback
from desktop.summary.feedback import CUE_TIPS, choose
from desktop.summary.sentences import TIPS, praise_sentence

from histories import STARTED

BASE = ShiftFigures(
    shift_id=1,
    started_utc=STARTED,
    recorded_s=8 * 3600.0,
    talk_s=3600.0,
    calls=20,
    average_rate_syl_s=4.8,
    peak_rate_syl_s=6.0,
    baseline_rate_syl_s=4.7,
    haste_threshold_syl_s=5.5,
    hasty_share=0.15,
    key_points=Share(6, 9),
    acknowledged=Share(5, 7),
    cues=20,
    cues_by_name=(),
)
"""A middling shift: nothing clearly good, nothing clearly weak, one cue per call."""


@pytest.mark.parametrize(
    ("changes", "praise", "tip"),
    [
        ({"talk_s": 0.0}, "no_speech", None),
        ({}, "effort", None),
        ({"hasty_share": 0.02, "key_points": Share(9, 10)}, "tempo", None),
        ({"key_points": Share(10, 10), "hasty_share": 0.3}, "key_points", "tempo"),
        ({"key_points": Share(3, 3), "acknowledged": Share(1, 4)}, "key_points", "acknowledgement"),
        ({"hasty_share": 0.25, "key_points": Share(1, 5), "cues": 4}, "few_cues", "key_points"),
        ({"key_points": Share(2, 2), "acknowledged": None}, "effort", None),
        ({"hasty_share": 0.0, "talk_s": 45.0}, "effort", None),
        ({"cues": 0}, "few_cues", None),
        ({"cues_by_name": (("monologue", 4), ("blame", 3))}, "effort", "monologue"),
        ({"cues_by_name": (("fillers", 1),)}, "effort", None),
        (
            {"hasty_share": 0.0, "cues_by_name": (("haste", 3), ("raised_voice", 2))},
            "tempo",
            "raised_voice",
        ),
    ],
    ids=[
        "no speech",
        "middling: praise the work",
        "best skill wins",
        "praise and tip differ",
        "weak acknowledgement",
        "weakest skill is the tip",
        "too few key points to praise",
        "too little talk to judge tempo",
        "no cues at all",
        "most frequent cue",
        "a single cue is no pattern",
        "no tip about what was praised",
    ],
)
def test_the_choice_of_praise_and_tip(
    changes: dict[str, object], praise: str, tip: str | None
) -> None:
    assert choose(replace(BASE, **changes)) == (praise, tip)  # type: ignore[arg-type]


def test_praise_carries_the_shifts_numbers() -> None:
    """The praise names this shift's numbers; Dutch with a decimal comma."""
    feedback = choose_feedback(replace(BASE, key_points=Share(9, 10), hasty_share=0.3))
    assert "9 van de 10 kernpunten" in feedback.nl
    assert "9 of 10 key points" in feedback.en
    few = choose_feedback(replace(BASE, cues=6))
    assert "0,3 per gesprek" in few.nl and "0.3 per call" in few.en
    calm = choose_feedback(replace(BASE, hasty_share=0.04))
    assert "4%" in calm.nl and "4%" in calm.en


def test_praise_comes_first_then_one_tip() -> None:
    """Two sentences: the praise, then the tip ("Probeer"/"try")."""
    feedback = choose_feedback(replace(BASE, key_points=Share(10, 10), hasty_share=0.3))
    for text, verb in ((feedback.nl, "Probeer"), (feedback.en, "try")):
        sentences = re.split(r"(?<=[.”])\s+", text)
        assert len(sentences) == 2
        assert verb in sentences[1] and verb not in sentences[0]
    assert feedback.text("nl") == feedback.nl and feedback.text("en") == feedback.en


def test_without_a_tip_there_is_one_sentence() -> None:
    feedback = choose_feedback(replace(BASE, talk_s=0.0))
    assert feedback.nl == "In deze dienst is geen spraak opgenomen."
    assert feedback.en == "No speech was recorded in this shift."


@pytest.mark.parametrize("key", sorted(TIPS))
def test_every_tip_is_an_invitation_in_both_languages(key: str) -> None:
    dutch, english = TIPS[key]
    assert dutch.startswith("Probeer") or " probeer " in dutch.lower()
    assert "try" in english.lower()


def test_every_cue_has_a_tip() -> None:
    assert set(CUE_TIPS.values()) <= set(TIPS)


@pytest.mark.parametrize("key", ["tempo", "key_points", "acknowledgement", "few_cues", "effort"])
def test_every_praise_reads_well_in_both_languages(key: str) -> None:
    figures = replace(BASE, hasty_share=0.05)
    dutch = praise_sentence(key, figures, "nl")
    english = praise_sentence(key, figures, "en")
    assert dutch != english and dutch.endswith(".") and english.endswith(".")
    assert re.search(r"\d", dutch) and re.search(r"\d", english)


def test_effort_speaks_of_one_call_in_the_singular() -> None:
    one = replace(BASE, calls=1, talk_s=30.0)
    assert praise_sentence("effort", one, "nl") == (
        "Je voerde 1 gesprek met samen minder dan een minuut spreektijd."
    )
    assert praise_sentence("effort", one, "en") == (
        "You handled 1 call with less than a minute of talk time in all."
    )

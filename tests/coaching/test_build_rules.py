"""build_rules: one rule per enabled cue, with the lexicons of the configured language."""

from dataclasses import replace

from desktop.coaching.cue import CUE_NAMES
from desktop.coaching.rules import build_rules
from desktop.coaching.settings import CueSettings
from desktop.events import WordsRecognized

from timeline import context, run, words_at


def test_default_settings_enable_every_cue_but_fillers() -> None:
    """Fillers are off by default (DESIGN.md); every other cue has its rule, in table order."""
    names = [rule.name for rule in build_rules(CueSettings(), "nl")]
    assert names == [name for name in CUE_NAMES if name != "fillers"]


def test_disabled_cues_have_no_rule_and_enabled_fillers_do() -> None:
    """The supervisor's enabled switches decide which rules exist."""
    defaults = CueSettings()
    settings = replace(
        defaults,
        haste=replace(defaults.haste, enabled=False),
        blame=replace(defaults.blame, enabled=False),
        fillers=replace(defaults.fillers, enabled=True),
    )
    names = {rule.name for rule in build_rules(settings, "en")}
    assert "haste" not in names and "blame" not in names
    assert "fillers" in names


def test_extra_phrases_of_the_configured_language_only() -> None:
    """`extra_phrases_nl` is used for a Dutch coach, `extra_phrases_en` for an English one."""
    defaults = CueSettings()
    shield = replace(
        defaults.policy_shield,
        extra_phrases_nl=("dat doet de buitendienst => Ik regel het met de buitendienst.",),
        extra_phrases_en=("field service does that => I'll arrange it with field service.",),
    )
    settings = replace(defaults, policy_shield=shield)
    words = words_at("ja dat doet de buitendienst", 1.0)
    event = WordsRecognized(3.0, tuple(words), True)
    (dutch,) = [r for r in build_rules(settings, "nl") if r.name == "policy_shield"]
    (english,) = [r for r in build_rules(settings, "en") if r.name == "policy_shield"]
    (cue,) = run(dutch, [event])
    assert cue.evidence["alternative"] == "Ik regel het met de buitendienst."
    assert run(english, [event], context("en")) == []


def test_extra_phrases_join_the_filler_tolerance_of_other_lists() -> None:
    """A supervisor's extra filler may sit inside a phrase of another list like "eh" does."""
    defaults = CueSettings()
    settings = replace(defaults, fillers=replace(defaults.fillers, extra_phrases_nl=("tja",)))
    (shield,) = [r for r in build_rules(settings, "nl") if r.name == "policy_shield"]
    event = WordsRecognized(3.0, tuple(words_at("dat is tja ons beleid", 1.0)), True)
    assert len(run(shield, [event])) == 1
    (plain,) = [r for r in build_rules(defaults, "nl") if r.name == "policy_shield"]
    assert run(plain, [event]) == []

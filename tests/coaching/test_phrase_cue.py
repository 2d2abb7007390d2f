"""Policy shield and blame: a listed phrase said (final words) gives a cue with the better
alternative; partial words, similar innocent sentences and other calls do not."""

import pytest

from desktop.coaching.lexicon import load_lexicon
from desktop.coaching.phrases import PhraseMatcher
from desktop.coaching.rules.phrase_cue import PhraseCueRule
from desktop.coaching.settings import BLAME_MESSAGE, POLICY_SHIELD_MESSAGE, CueSettings, Language
from desktop.events import WordsRecognized

from timeline import context, run, words_at

CUES = CueSettings()


def rule(kind: str = "policy_shield", language: Language = "nl") -> PhraseCueRule:
    phrases = PhraseMatcher(load_lexicon(kind, language), fillers=["eh", "ehm", "uh", "um"])  # type: ignore[arg-type]
    return PhraseCueRule(kind, getattr(CUES, kind), phrases)  # type: ignore[arg-type]


def said(text: str, start_s: float = 2.0, final: bool = True) -> list[WordsRecognized]:
    words = words_at(text, start_s)
    return [WordsRecognized(words[-1].end_s + 0.5, tuple(words), final)]


def test_policy_shield_phrase_fires_with_phrase_and_alternative() -> None:
    """ "dat is ons beleid" in a final result: a cue naming it and the better wording, its
    evidence from the phrase's first word to the end of its last."""
    (cue,) = run(rule(), said("ja sorry maar dat is ons beleid mevrouw"))
    assert cue.name == "policy_shield"
    assert cue.evidence == {
        "phrase": "dat is ons beleid",
        "alternative": "Wat ik wél voor u kan doen, is …",
    }
    assert cue.evidence_t_s == pytest.approx(2.0 + 3 * 0.3)
    assert cue.evidence_end_s == pytest.approx(2.0 + 7 * 0.3)
    assert cue.message == POLICY_SHIELD_MESSAGE.nl


@pytest.mark.parametrize(
    "text",
    [
        "daar kan ik eh niets aan doen",
        "daar kan ik niks aan doen",
        "dat mag niet van het systeem",
        "tja regels zijn regels",
        "Dat is óns beleid",
    ],
)
def test_policy_shield_variants_fire(text: str) -> None:
    """Listed variants, an inserted "eh", capitals and accents all count."""
    assert len(run(rule(), said(text))) == 1


@pytest.mark.parametrize(
    "text",
    [
        "ik kijk wat ik wel voor u kan doen",
        "ons beleid is dat wij u altijd terugbellen",
        "daar kan ik iets aan doen",
        "het systeem is traag vandaag",
    ],
)
def test_innocent_sentences_do_not_fire(text: str) -> None:
    """Sentences near the listed words but with another meaning make no card."""
    assert run(rule(), said(text)) == []


def test_blame_phrase_fires_with_its_own_name_and_message() -> None:
    """The same class watches the blame list under the name "blame"."""
    (cue,) = run(rule("blame"), said("ja dan heeft u het verkeerd gedaan"))
    assert cue.name == "blame"
    assert cue.evidence["phrase"] == "dan heeft u het verkeerd gedaan"
    assert cue.evidence["alternative"]
    assert cue.message == BLAME_MESSAGE.nl


def test_partial_words_never_fire() -> None:
    """A partial hypothesis "dat is ons beleid" may still change: no card until final."""
    assert run(rule(), said("dat is ons beleid", final=False)) == []


def test_each_occurrence_is_one_cue() -> None:
    """Two different shields in one result are two cues; the gate decides what shows."""
    cues = run(rule(), said("dat is ons beleid en daar kan ik niets aan doen"))
    assert [c.evidence["phrase"] for c in cues] == [
        "dat is ons beleid",
        "daar kan ik niets aan doen",
    ]


def test_words_from_before_the_call_are_ignored() -> None:
    """Final words that started before the current call belong to the previous one."""
    assert run(rule(), said("dat is ons beleid", start_s=2.0), context(call_start_s=10.0)) == []


def test_english_lists_and_message() -> None:
    """English policy shields and blame phrases, with English messages and alternatives."""
    (cue,) = run(rule("policy_shield", "en"), said("sorry but that's our policy"), context("en"))
    assert cue.evidence["alternative"] == "What I can do for you is …"
    assert cue.message == POLICY_SHIELD_MESSAGE.en
    (cue,) = run(rule("blame", "en"), said("well you should have called us"), context("en"))
    assert cue.evidence["phrase"] == "you should have called"
    assert run(rule("blame", "en"), said("you should have received an email"), context("en")) == []

"""Lexicon files: parsing, the shipped lists, and the supervisor's extra phrases."""

from pathlib import Path

import pytest

from desktop.coaching.lexicon import LEXICON_KINDS, lexicon_path, load_lexicon, parse_lexicon
from desktop.coaching.text import normalise_words
from desktop.errors import UserError


def test_normalisation_drops_case_diacritics_and_punctuation() -> None:
    """Vosk's plain words and a supervisor's typed phrase reduce to the same words."""
    assert normalise_words("Dat is óns Beleid, hè?") == ("dat", "is", "ons", "beleid", "he")
    assert normalise_words("drieëntwintig") == ("drieentwintig",)
    assert normalise_words("I'm sorry — e-mailadres") == ("im", "sorry", "emailadres")


def test_parse_keeps_text_alternative_and_skips_comments_and_repeats() -> None:
    """Comments and blank lines are ignored, `=>` splits off the alternative, repeats go."""
    phrases = parse_lexicon(
        [
            "# comment",
            "",
            "Dat is ons beleid  =>  Wat ik wél kan doen …  # trailing comment",
            "dat is ons beleid => a second alternative is ignored",
            "ik begrijp",
            "   ...   ",
        ]
    )
    assert [p.text for p in phrases] == ["Dat is ons beleid", "ik begrijp"]
    assert phrases[0].words == ("dat", "is", "ons", "beleid")
    assert phrases[0].alternative == "Wat ik wél kan doen …"
    assert phrases[1].alternative == ""


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("kind", LEXICON_KINDS)
def test_every_shipped_lexicon_exists_and_is_substantial(kind: str, language: str) -> None:
    """Each list ships in both languages, with more than a token handful of phrases."""
    phrases = load_lexicon(kind, language)  # type: ignore[arg-type]
    minimum = 8 if kind == "fillers" else 40
    assert len(phrases) >= minimum, (kind, language, len(phrases))


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("kind", ["policy_shield", "blame"])
def test_every_policy_and_blame_phrase_has_an_alternative(kind: str, language: str) -> None:
    """A card that names a bad phrase always offers the better one."""
    missing = [p.text for p in load_lexicon(kind, language) if not p.alternative]  # type: ignore[arg-type]
    assert missing == []


def test_lists_hold_the_phrases_the_spec_names() -> None:
    """The Dutch lists contain the phrases the issue and DESIGN.md quote."""

    def texts(kind: str) -> set[tuple[str, ...]]:
        return {p.words for p in load_lexicon(kind, "nl")}  # type: ignore[arg-type]

    for phrase in [
        "ik begrijp dat",
        "dat snap ik",
        "wat vervelend",
        "het spijt me",
        "excuses",
        "terecht dat u",
        "goed dat u belt",
        "als ik u goed begrijp",
    ]:
        assert normalise_words(phrase) in texts("acknowledgement"), phrase
    for phrase in ["let op", "belangrijk is", "uw referentienummer", "het bedrag"]:
        assert normalise_words(phrase) in texts("key_phrases"), phrase
    for phrase in [
        "dat is ons beleid",
        "daar kan ik niets aan doen",
        "dat mag niet van het systeem",
        "regels zijn regels",
    ]:
        assert normalise_words(phrase) in texts("policy_shield"), phrase
    for phrase in ["u had moeten", "dan heeft u het verkeerd gedaan", "u heeft niet goed gelezen"]:
        assert normalise_words(phrase) in texts("blame"), phrase
    for phrase in ["eh", "ehm", "uh", "uhm", "nou eh"]:
        assert normalise_words(phrase) in texts("fillers"), phrase


def test_supervisor_phrases_are_added_after_the_shipped_ones() -> None:
    """Extra phrases from the configuration join the list, with their own alternative."""
    phrases = load_lexicon("policy_shield", "nl", ["Dat regelt de afdeling => Ik zet het door."])
    assert phrases[-1].words == ("dat", "regelt", "de", "afdeling")
    assert phrases[-1].alternative == "Ik zet het door."


def test_a_missing_list_is_a_user_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A broken installation gets one clear sentence, not a traceback."""
    monkeypatch.setattr("desktop.coaching.lexicon.resource_path", lambda *p: tmp_path.joinpath(*p))
    with pytest.raises(UserError, match="reinstall"):
        load_lexicon("blame", "nl")
    assert lexicon_path("blame", "en").name == "blame.txt"

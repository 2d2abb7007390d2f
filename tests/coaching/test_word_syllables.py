"""Syllables of recognised words from their spelling, Dutch and English."""

import pytest

from desktop.coaching.word_syllables import syllable_count

DUTCH = {
    # plain vowel groups, schwa counts
    "goedemiddag": 4,
    "maandag": 2,
    "twaalf": 1,
    "vijftig": 2,
    "begrijp": 2,
    "vervelend": 3,
    "energiebedrijf": 5,
    "jaarafrekening": 5,
    "referentienummer": 6,
    # one vowel sound spelled with three letters
    "mooi": 1,
    "nieuw": 1,
    "eeuwig": 2,
    "koeien": 2,
    "uien": 2,
    "eieren": 3,
    "niveau": 2,
    # hiatus without a diaeresis
    "januari": 4,
    "actueel": 3,
    "video": 3,
    "theater": 3,
    # diaeresis starts a syllable; other accents only mark stress
    "België": 3,
    "geïnteresseerd": 5,
    "ideeën": 3,
    "tweeëntwintig": 4,
    "één": 1,
    "oké": 2,
    # "ij", "y", "qu"
    "tijd": 1,
    "bijeen": 2,
    "baby": 2,
    "yoga": 2,
    "frequent": 2,
    # loanwords, also inside compounds; spelled abbreviations; clitics
    "online": 2,
    "klantenservice": 4,
    "postcode": 2,
    "e-mail": 2,
    "btw": 3,
    "'t": 0,
    "auto's": 2,
    "zo'n": 1,
}

ENGLISH = {
    "the": 1,
    "are": 1,
    "please": 1,
    "whole": 1,
    "table": 2,
    "little": 2,
    "makes": 1,
    "boxes": 2,
    "called": 1,
    "wanted": 2,
    "hundred": 2,
    "via": 2,
    "radio": 3,
    "nation": 2,
    "actual": 3,
    "situation": 4,
    "language": 2,
    "information": 4,
    "inconvenience": 5,
    "immediately": 5,
    "completely": 3,
    "going": 2,
    "saying": 2,
    "didn't": 2,
    "don't": 1,
    "I'm": 1,
    "you're": 1,
    "yes": 1,
    "happy": 2,
    "understand": 3,
    "apologise": 4,
    "reference": 3,
    "february": 4,
    "wednesday": 2,
}


@pytest.mark.parametrize(("word", "count"), DUTCH.items())
def test_dutch_words(word: str, count: int) -> None:
    """Dutch spelling: vowel units longest first, hiatus, diaeresis, loanwords."""
    assert syllable_count(word, "nl") == count


@pytest.mark.parametrize(("word", "count"), ENGLISH.items())
def test_english_words(word: str, count: int) -> None:
    """English spelling: vowel groups with silent -e, -es, -ed, hiatus and -n't."""
    assert syllable_count(word, "en") == count


def test_the_language_decides_the_rules() -> None:
    """The same letters are counted by the rules of the language: Dutch has no silent e."""
    assert syllable_count("make", "nl") == 2
    assert syllable_count("make", "en") == 1


@pytest.mark.parametrize("word", ["12", "3e", "[unk]", "<unk>", "안녕하세요", "", "-"])
def test_words_that_cannot_be_read_give_none(word: str) -> None:
    """Digits, markers and other scripts are not guessed: the caller falls back."""
    assert syllable_count(word, "nl") is None
    assert syllable_count(word, "en") is None


def test_case_does_not_matter() -> None:
    """Vosk writes lowercase, a supervisor or another model may not."""
    assert syllable_count("Goedemiddag", "nl") == syllable_count("goedemiddag", "nl") == 4

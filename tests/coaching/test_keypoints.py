"""Automatic key points in Dutch and English recognised words: where each one starts."""

import pytest

from desktop.coaching.keypoints import find_key_points
from desktop.coaching.numbers import number_strength
from desktop.coaching.settings import Language
from desktop.coaching.text import normalise_word


def points(text: str, language: Language = "nl") -> list[tuple[str, str]]:
    """(words of the key point, kind) for each key point found."""
    words = text.split()
    return [(" ".join(words[p.first : p.end]), p.kind) for p in find_key_points(words, language)]


@pytest.mark.parametrize(
    ("word", "strength"),
    [
        ("drieëntwintig", "strong"),
        ("tweeënhalf", "strong"),
        ("anderhalf", "strong"),
        ("tweehonderdvijftig", "strong"),
        ("negentienhonderdvijfentachtig", "strong"),
        ("eenentwintigste", "strong"),
        ("twaalf", "strong"),
        ("één", "strong"),
        ("1250", "strong"),
        ("een", "weak"),
        ("half", "weak"),
        ("eerste", "weak"),
        ("vierde", "weak"),
        ("achten", None),
        ("vieren", None),
        ("eens", None),
        ("tweeën", None),
        ("honderden", None),
        ("achter", None),
        ("tiener", None),
    ],
)
def test_dutch_number_words(word: str, strength: str | None) -> None:
    """Compounds and ordinals are numbers; "een" alone is the article; look-alikes are not."""
    assert number_strength(normalise_word(word), "nl", word) == strength


@pytest.mark.parametrize(
    ("word", "strength"),
    [
        ("twenty-three", "strong"),
        ("thousand", "strong"),
        ("thirtieth", "strong"),
        ("one", "weak"),
        ("second", "weak"),
        ("often", None),
        ("none", None),
    ],
)
def test_english_number_words(word: str, strength: str | None) -> None:
    """English cardinals and ordinals; "one" and "second" are weak on their own."""
    assert number_strength(normalise_word(word), "en", word) == strength


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("u betaalt twaalf euro vijftig per maand", [("twaalf euro vijftig", "amount")]),
        ("dat is drie procent rente", [("drie procent", "amount")]),
        ("het is een euro", [("een euro", "amount")]),
        ("dat was op drieëntwintig maart", [("drieëntwintig maart", "date")]),
        ("op de eerste april", [("eerste april", "date")]),
        ("ik bel u maandag terug", [("maandag", "weekday")]),
        ("ik bel u vrijdagmiddag", [("vrijdagmiddag", "weekday")]),
        ("op dinsdag de achtste april", [("dinsdag de achtste april", "date")]),
        (
            "maandag vijftien maart om tien uur",
            [("maandag vijftien maart", "date"), ("tien", "number")],
        ),
        ("maandag en vijftien maart", [("maandag", "weekday"), ("vijftien maart", "date")]),
        ("binnen vijf werkdagen", [("vijf", "number")]),
        ("twee en twintig procent", [("twee en twintig procent", "amount")]),
        ("het nummer is één twee drie", [("één twee drie", "number")]),
        ("om half drie", [("half drie", "number")]),
        ("uw code is anton bernard drie vier", [("anton bernard drie vier", "code")]),
        ("dat is k l m drie", [("l m drie", "code")]),
        ("een moment ik kijk even", []),
        ("de eerste keer en de tweede keer", []),
        ("dat kan u een keer", []),
        ("ik zet u even door", []),
        ("pieter en willem", []),
    ],
)
def test_dutch_key_points(text: str, expected: list[tuple[str, str]]) -> None:
    """Numbers, amounts, dates, weekdays and codes are found; articles and ordinals alone not."""
    assert points(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("that is twenty three pounds fifty", [("twenty three pounds fifty", "amount")]),
        ("on the third of may", [("third of may", "date")]),
        ("on june the third", [("june the third", "date")]),
        ("on monday the third of may", [("monday the third of may", "date")]),
        ("you may one day", []),
        ("one moment please", []),
        ("just a second", []),
        ("one hundred and five", [("one hundred and five", "number")]),
        ("it is x-ray four two", [("x-ray four two", "code")]),
        ("alpha bravo charlie", [("alpha bravo charlie", "code")]),
        ("i think so", []),
        ("ten minutes", [("ten", "number")]),
    ],
)
def test_english_key_points(text: str, expected: list[tuple[str, str]]) -> None:
    """English numbers, amounts, dates and NATO-spelled codes; pronoun "one" is not a number."""
    assert points(text, "en") == expected


def test_ambiguous_starts_are_reported_as_lead() -> None:
    """A code after "a", or a date after "the", may start one word earlier: `lead` says so."""
    words = "your reference is a b c one two".split()
    (code,) = find_key_points(words, "en")
    assert (code.lead, code.first) == (3, 4)
    words = "op de drieëntwintigste maart".split()
    (date,) = find_key_points(words, "nl")
    assert (date.lead, date.first) == (1, 2)
    words = "u betaalt twaalf euro".split()
    (amount,) = find_key_points(words, "nl")
    assert amount.lead == amount.first == 2


def test_same_words_differ_by_language() -> None:
    """Dutch "ten" ("ten slotte") is no number; English "ten" is."""
    assert points("ten slotte nog dit", "nl") == []
    assert points("ten more", "en") == [("ten", "number")]

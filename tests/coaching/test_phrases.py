"""Phrase matching on timed words: tolerant of vosk's spelling and small slips, not of more."""

import random
from difflib import SequenceMatcher

import pytest

from desktop.coaching.lexicon import parse_lexicon
from desktop.coaching.phrases import EXACT_ONLY, PhraseMatcher, words_match
from desktop.recognition.words import Word

from timeline import words_at

FILLERS = ["eh", "uhm"]


def matcher(*lines: str) -> PhraseMatcher:
    return PhraseMatcher(parse_lexicon(lines), fillers=FILLERS)


def found(m: PhraseMatcher, text: str) -> list[str]:
    return [match.phrase.text for match in m.find(words_at(text, 0.0))]


def test_match_reports_phrase_times_and_words() -> None:
    """A match carries the phrase, the first word's start, the last word's end, its words."""
    words = words_at("nou dat is ons beleid helaas", 1.0, step_s=0.2, gap_s=0.05)
    (match,) = matcher("dat is ons beleid").find(words)
    assert match.phrase.text == "dat is ons beleid"
    assert (match.first, match.end) == (1, 5)
    assert match.start_s == pytest.approx(1.25)
    assert match.end_s == pytest.approx(2.2)
    assert [w.text for w in match.words] == ["dat", "is", "ons", "beleid"]


@pytest.mark.parametrize(
    ("heard", "expected"),
    [
        ("Dat is óns Beleid", ["dat is ons beleid"]),  # case and diacritics
        ("dat is ons beleidt", ["dat is ons beleid"]),  # one-letter slip in a long word
        ("dat is eh ons beleid", ["dat is ons beleid"]),  # one filler inside
        ("dat is ons bereid", ["dat is ons beleid"]),  # ratio 0.83: still the phrase
    ],
)
def test_tolerated_variants_match(heard: str, expected: list[str]) -> None:
    """Spelling, case, accents, a small slip and one inserted filler still match."""
    assert found(matcher("dat is ons beleid"), heard) == expected


@pytest.mark.parametrize(
    "heard",
    [
        "dat is eh eh ons beleid",  # two fillers
        "eh",  # a filler alone
        "dat is onze beleid",  # a short word differs ("ons"/"onze" is exact-only territory)
        "dat was ons beleid",  # a short word differs
        "dat is ons",  # incomplete
        "dat is ons beloofd",  # a long word too different
        "dat is echt ons beleid",  # a non-filler word inserted
    ],
)
def test_other_wordings_do_not_match(heard: str) -> None:
    """More than one filler, a different short word or a real insertion is another phrase."""
    assert found(matcher("dat is ons beleid"), heard) == []


def test_filler_is_not_skipped_before_the_first_word() -> None:
    """The match starts at the phrase's first word, never at a filler before it."""
    (match,) = matcher("het spijt me").find(words_at("eh het spijt me", 0.0))
    assert match.first == 1


def test_short_words_must_be_exact_and_long_words_may_differ_slightly() -> None:
    """Fuzzy matching is for words of four letters or more, at ratio 0.8."""
    assert words_match("kan", "kan")
    assert not words_match("kan", "kon")
    assert not words_match("had", "heb")
    assert words_match("begrepen", "begreepen")
    assert words_match("apologise", "apologize")
    assert not words_match("vervelend", "vertellen")


def test_split_and_joined_compounds_match() -> None:
    """A compound heard as two words, or two phrase words heard as one, still matches."""
    assert found(matcher("uw referentienummer"), "uw referentie nummer is") == [
        "uw referentienummer"
    ]
    assert found(matcher("e-mail adres"), "het emailadres") == ["e-mail adres"]


def test_longest_phrase_wins_and_matches_do_not_overlap() -> None:
    """At one position the longest phrase is reported, and its words are used up."""
    m = matcher("ik begrijp", "ik begrijp dat u", "dat u")
    assert found(m, "ja ik begrijp dat u boos bent") == ["ik begrijp dat u"]
    assert found(m, "ik begrijp het en ik begrijp dat u") == ["ik begrijp", "ik begrijp dat u"]


def test_words_said_far_apart_are_not_one_phrase() -> None:
    """A phrase's words must follow each other within a second."""
    words = [Word("let", 0.0, 0.2, 0.9), Word("op", 1.5, 1.7, 0.9)]
    assert matcher("let op").find(words) == []
    words = [Word("let", 0.0, 0.2, 0.9), Word("op", 0.9, 1.1, 0.9)]
    assert len(matcher("let op").find(words)) == 1


def test_english_contractions_match_with_or_without_apostrophe() -> None:
    """ "i'm sorry" in the lexicon matches vosk's "i'm sorry" and "im sorry"."""
    m = matcher("i'm sorry")
    assert found(m, "oh i'm sorry") == ["i'm sorry"]
    assert found(m, "oh im sorry") == ["i'm sorry"]
    assert found(m, "i am sorry") == []


def test_negations_and_modals_are_never_fuzzy() -> None:
    """ "iets" is not a slip of "niets": the sentence means the opposite."""
    assert not words_match("niets", "iets")
    assert not words_match("cannot", "can")
    m = matcher("daar kan ik niets aan doen")
    assert found(m, "daar kan ik iets aan doen") == []
    assert found(m, "daar kan ik niets aan doen") == ["daar kan ik niets aan doen"]


def test_length_check_before_difflib_changes_no_answer() -> None:
    """Ruling pairs out by their lengths first (so that only pairs of close length reach
    difflib and its small cache) answers exactly as difflib's ratio alone does."""
    rng = random.Random(5)

    def made_up() -> str:
        return "".join(rng.choice("aeiouklmnprst") for _ in range(rng.randint(1, 12)))

    pairs = [(made_up(), made_up()) for _ in range(3000)]
    pairs += [(w, w + "s") for w, _ in pairs[:300]] + [(w, w[:-1]) for w, _ in pairs[:300]]
    for expected, heard in pairs:
        long_enough = min(len(expected), len(heard)) >= 4
        exact_only = expected in EXACT_ONLY or heard in EXACT_ONLY
        ratio = SequenceMatcher(None, expected, heard, autojunk=False).ratio()
        reference = expected == heard or (long_enough and not exact_only and ratio >= 0.8)
        assert words_match(expected, heard) == reference, (expected, heard)

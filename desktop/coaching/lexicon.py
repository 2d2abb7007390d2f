"""Phrase lists: the shipped lexicons in `resources/lexicons/<language>/` plus the supervisor's.

File format (UTF-8): one phrase per line; `#` starts a comment; blank lines are ignored. A line
of a policy-shield or blame list may name a better alternative after ` => `:

    dat is ons beleid => Wat ik wél voor u kan doen, is …

Phrases are stored as written (for the card) and as normalised words (for matching, see
`desktop.coaching.text`). The same phrase twice is kept once, the first alternative winning.

A supervisor's extra phrase is one such line without a comment. `phrase_problem` says what
the syntax cannot express, so the configuration check can refuse it instead of the matcher
quietly hearing something else: phrases are plain words, not patterns.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from desktop.coaching.settings import Language
from desktop.coaching.text import fold, normalise_words
from desktop.errors import UserError
from desktop.resources import resource_path

LexiconKind = Literal["acknowledgement", "key_phrases", "policy_shield", "blame", "fillers"]
LEXICON_KINDS: tuple[LexiconKind, ...] = (
    "acknowledgement",
    "key_phrases",
    "policy_shield",
    "blame",
    "fillers",
)
ALTERNATIVE_SEPARATOR = " => "
COMMENT = "#"
ALTERNATIVE_KINDS: tuple[LexiconKind, ...] = ("policy_shield", "blame")
"""The lists whose phrases may carry a better wording: only their cards show one."""

_PHRASE_PUNCTUATION = frozenset(" .,!?;:'’`´-‐‑\"“”")
"""Besides letters and digits, what a phrase may hold: sentence punctuation (a word break)
and apostrophes and hyphens (closed up, "e-mail" = "email"); see `desktop.coaching.text`."""

# fmt: off
COMMON_WORDS: dict[Language, frozenset[str]] = {
    "nl": frozenset(
        "de het een en of maar dat die dit deze is was zijn ben bent wordt er ik je jij u "
        "we wij ze zij hij hem haar ons mijn uw in op aan te van voor met om bij naar "
        "uit tot als dan ook nog al wel niet geen zo ja nee".split()
    ),
    "en": frozenset(
        "a an the and or but that this these those is are was were be been am it its i "
        "you he she we they me him her us them my your our in on at to of for with by "
        "from as if so not no yes do does did".split()
    ),
}
# fmt: on
"""Words so frequent that, alone, a phrase of them would match nearly every sentence."""


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase as written (`text`), its normalised words, and an optional better wording."""

    text: str
    words: tuple[str, ...]
    alternative: str = ""


def parse_phrase(line: str) -> Phrase | None:
    """One lexicon line (comment already removed) -> a Phrase, or None when it holds no words."""
    text, alternative = split_alternative(line)
    text = " ".join(text.split())
    words = normalise_words(text)
    if not words:
        return None
    return Phrase(text=text, words=words, alternative=" ".join((alternative or "").split()))


def phrase_problem(text: str, language: Language) -> str | None:
    """Why the phrase part of an extra phrase (its alternative already split off) cannot be
    matched as written, or None.

    Refused: characters the matcher would drop or read as a word break though they mean
    something else (pattern signs like "(a+)+$" or ".*", emoji, letters outside a-z after
    the accents are dropped, `#`, `=>`), a phrase left without any word, and a phrase that
    is a single letter or one very common word ("a", "de"), which would match almost
    every sentence.
    """
    if COMMENT in text:
        return f"holds {COMMENT!r}, which starts a comment in a phrase list"
    if ALTERNATIVE_SEPARATOR.strip() in text:
        return "holds '=>' more than once"
    folded = fold(text)
    odd = [ch for ch in dict.fromkeys(folded) if not _plain(ch)]
    if odd:
        shown = " ".join(repr(ch) if ch.isprintable() else f"U+{ord(ch):04X}" for ch in odd)
        return (
            f"holds {shown}, which a phrase cannot use: phrases are plain words (letters, "
            "digits, spaces, ' and -); patterns and symbols are not understood"
        )
    words = normalise_words(text)
    if not words:
        return "holds no word to listen for"
    if len(words) == 1 and len(words[0]) == 1:
        return f"is only {words[0]!r}, a single letter or digit: it would match far too often"
    if len(words) == 1 and words[0] in COMMON_WORDS[language]:
        return (
            f"is only the word {words[0]!r}, which is too common on its own: it would match "
            "almost every sentence"
        )
    return None


def split_alternative(line: str) -> tuple[str, str | None]:
    """ "phrase => better wording" -> ("phrase", "better wording"); no arrow -> (line, None)."""
    text, arrow, alternative = line.partition(ALTERNATIVE_SEPARATOR.strip())
    return text, (alternative if arrow else None)


def _plain(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("0" <= ch <= "9") or ch in _PHRASE_PUNCTUATION


def parse_lexicon(lines: Iterable[str]) -> tuple[Phrase, ...]:
    """Parse lexicon lines; comments, blank lines and repeated phrases are dropped."""
    phrases: dict[tuple[str, ...], Phrase] = {}
    for raw in lines:
        phrase = parse_phrase(raw.split("#", 1)[0])
        if phrase is not None and phrase.words not in phrases:
            phrases[phrase.words] = phrase
    return tuple(phrases.values())


def lexicon_path(kind: LexiconKind, language: Language) -> Path:
    return resource_path("lexicons", language, f"{kind}.txt")


def load_lexicon(
    kind: LexiconKind, language: Language, extra_phrases: Iterable[str] = ()
) -> tuple[Phrase, ...]:
    """The shipped list of `kind` in `language`, followed by the supervisor's extra phrases
    (same line syntax, e.g. "dat regelt de afdeling => Ik zet het voor u door.")."""
    path = lexicon_path(kind, language)
    try:
        shipped = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise UserError(
            f"The {kind} phrase list {path} cannot be read ({error.strerror or error}); "
            "reinstall Speech Coach."
        ) from error
    return parse_lexicon([*shipped, *extra_phrases])

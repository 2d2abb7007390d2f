"""Phrase lists: the shipped lexicons in `resources/lexicons/<language>/` plus the supervisor's.

File format (UTF-8): one phrase per line; `#` starts a comment; blank lines are ignored. A line
of a policy-shield or blame list may name a better alternative after ` => `:

    dat is ons beleid => Wat ik wél voor u kan doen, is …

Phrases are stored as written (for the card) and as normalised words (for matching, see
`desktop.coaching.text`). The same phrase twice is kept once, the first alternative winning.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from desktop.coaching.settings import Language
from desktop.coaching.text import normalise_words
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


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase as written (`text`), its normalised words, and an optional better wording."""

    text: str
    words: tuple[str, ...]
    alternative: str = ""


def parse_phrase(line: str) -> Phrase | None:
    """One lexicon line (comment already removed) -> a Phrase, or None when it holds no words."""
    text, _, alternative = line.partition(ALTERNATIVE_SEPARATOR.strip())
    text = " ".join(text.split())
    words = normalise_words(text)
    if not words:
        return None
    return Phrase(text=text, words=words, alternative=" ".join(alternative.split()))


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

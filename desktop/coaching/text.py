"""Word normalisation shared by the lexicons, the phrase matcher and the key-point finder.

Vosk writes lowercase words without punctuation, but a model's lexicon may keep diacritics
("één", "drieëntwintig") or apostrophes and hyphens ("i'm", "e-mail"), and supervisors type
phrases with capitals and commas. Both sides are reduced to the same plain form: lowercase
ASCII letters and digits, diacritics dropped, apostrophes and hyphens closed up, any other
punctuation a word break.
"""

import re
import unicodedata

_JOINERS = re.compile(r"['’`´\-‐‑]")
_BREAKS = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lowercase `text` and drop its diacritics ("Één" -> "een")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_words(text: str) -> tuple[str, ...]:
    """Split `text` into normalised words: "Dat is óns beleid, hè?" -> ("dat", "is", "ons",
    "beleid", "he"); "e-mailadres" -> ("emailadres",); "I'm" -> ("im",)."""
    return tuple(word for word in _BREAKS.split(_JOINERS.sub("", fold(text))) if word)


def normalise_word(text: str) -> str:
    """One recognised word in normalised form ("" when it is only punctuation)."""
    return "".join(normalise_words(text))

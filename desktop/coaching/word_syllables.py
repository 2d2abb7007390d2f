"""Syllables of a recognised word, from its spelling, in Dutch or English.

Counting the syllables of the words the recogniser heard is far more exact than counting
loudness peaks in fast speech, where reduced syllables merge (docs/benchmarks.md). Spelling
rules do it well enough: a syllable has one vowel sound, so the count is the number of vowel
units of the word.

- Dutch: a run of vowel letters is split into units, longest first: the spellings of one
  vowel sound ("aai ooi oei ieu eeu eau", "ij ei ui eu oe ie aa ee oo uu ou au", loan "ai oi
  ay ey oy") and otherwise single letters, so "mooi" and "nieuw" have one syllable and
  "januari" (ja-nu-a-ri) and "actueel" (ac-tu-eel) keep their hiatus. A diaeresis starts a
  syllable of its own ("België", "geïnteresseerd"); other accents only mark stress ("één").
  A "u" after "q" is a consonant ("frequent").
- English: vowel groups ("a e i o u y"), minus a silent final "e" (not in "-le": "table"),
  minus the "e" of "-es"/"-ed" where it is not heard ("makes", "called", but "boxes",
  "wanted"), plus the hiatus of "ia io iu ua uo" ("via", "radio", "actual"; not "-tion"),
  plus one for "-n't" after a consonant ("didn't").
- Both: a few common words the rules get wrong are listed (`EXCEPTIONS`). A word without a
  vowel letter is spelled out letter by letter ("btw", "kpn"); a clitic with an apostrophe
  ("'t", "'s") has none.

A word that cannot be read this way (digits, another script, "[unk]") gives None: the caller
then falls back to the acoustic count. Accuracy on real speech: docs/benchmarks.md.
"""

import re
import unicodedata
from functools import lru_cache

from desktop.coaching.settings import Language

_DUTCH_UNITS = re.compile(
    r"aai|ooi|oei|ieu|eeu|eau|ij|ei|ui|eu|oe|ie|aa|ee|oo|uu|ou|au|ai|oi|ay|ey|oy|[aeiouy]|[äëïöü]"
)
_DUTCH_RUNS = re.compile(r"(?:ij|[aeiouyäëïöü])+")
_VOWEL = re.compile(r"[aeiouyäëïöü]")
_LETTERS = re.compile(r"[a-zäëïöü]+")
_ENGLISH_GROUPS = re.compile(r"[aeiouy]+")
_ENGLISH_HIATUS = re.compile(r"(?<![tscxg])(?:i[ao]|ien[ct])|iu|(?<![qg])u[ao]")
_ENGLISH_SILENT_E = re.compile(r"[^aeiouy]e(?:ly|ment|ful|ness|less)$")
_APOSTROPHES = "'’`´"

EXCEPTIONS: dict[Language, dict[str, int]] = {
    "nl": {
        # English loanwords as Dutch callers and agents say them
        "online": 2,
        "offline": 2,
        "service": 2,
        "website": 2,
        "update": 2,
        "updates": 2,
        "team": 1,
        "teams": 1,
        "smartphone": 2,
        "software": 2,
        "hardware": 2,
        "live": 1,
        "cookies": 2,
        "voicemail": 2,
        "headset": 2,
        "feedback": 2,
        "deal": 1,
        "museum": 3,
        "jeans": 1,
        "care": 1,
        "code": 1,
        "codes": 1,
        "mobile": 2,
    },
    "en": {
        "maybe": 2,
        "wednesday": 2,
        "every": 2,
        "everything": 3,
        "area": 3,
        "idea": 3,
        "create": 2,
        "created": 3,
        "people": 2,
        "business": 2,
        "quiet": 2,
        "science": 2,
        "society": 4,
        "variety": 4,
        "recipe": 3,
        "simile": 3,
        "apostrophe": 4,
    },
}


def syllable_count(word: str, language: Language) -> int | None:
    """Syllables of one recognised word as spelled in `language`, or None when the word
    cannot be read (see the module docstring for the rules)."""
    return _count(word, language)


@lru_cache(maxsize=4096)
def _count(word: str, language: Language) -> int | None:
    # Small on purpose: the cache lives as long as the process, and a shift's vocabulary
    # would fill a large one (16384 words held 3.8 MB); counting a word anew takes µs.
    text = _plain(word)
    if text is None:
        return None
    clitic = any(mark in word for mark in _APOSTROPHES)
    letters = "".join(_LETTERS.findall(text))
    if not letters:
        return None
    listed = _listed(letters, language)
    if listed is not None:
        return listed
    if not _VOWEL.search(letters):
        return 0 if clitic else len(letters)
    if language == "nl":
        return _dutch(letters)
    return _english(letters, negated=text.endswith("n't"))


def _listed(letters: str, language: Language) -> int | None:
    """The listed count of the word or, in Dutch, of a compound ending in a listed word
    ("klantenservice" = "klanten" + "service")."""
    exceptions = EXCEPTIONS[language]
    if letters in exceptions:
        return exceptions[letters]
    if language != "nl":
        return None
    for end in range(3, len(letters) - 2):
        head, tail = letters[:end], letters[end:]
        if tail in exceptions and _VOWEL.search(head):
            return _dutch(head) + exceptions[tail]
    return None


def _plain(word: str) -> str | None:
    """Lowercase, apostrophes as "'", stress accents dropped, diaereses kept; None when the
    word holds anything but Latin letters, apostrophes and hyphens."""
    out = []
    for ch in word.casefold():
        if ch in _APOSTROPHES:
            out.append("'")
            continue
        if ch in "-‐‑":
            continue
        base = unicodedata.normalize("NFD", ch)
        letter, marks = base[0], base[1:]
        if not ("a" <= letter <= "z"):
            return None
        out.append(unicodedata.normalize("NFC", ch) if marks == "\u0308" else letter)
    return "".join(out)


def _dutch(letters: str) -> int:
    letters = letters.replace("qu", "qw")
    if letters.startswith("y") and len(letters) > 1 and letters[1] in "aeiou":
        letters = "j" + letters[1:]
    runs = _DUTCH_RUNS.findall(letters)
    return max(1, sum(len(_DUTCH_UNITS.findall(run)) for run in runs))


def _english(letters: str, negated: bool) -> int:
    letters = "".join(c for c in unicodedata.normalize("NFD", letters) if c.isascii())
    if letters.startswith("y"):
        letters = "j" + letters[1:]
    letters = letters.replace("qu", "qw")
    count = len(_ENGLISH_GROUPS.findall(letters))
    count += len(_ENGLISH_HIATUS.findall(letters))
    if count > 1 and _silent_ending(letters):
        count -= 1
    if count > 1 and _ENGLISH_SILENT_E.search(letters):
        count -= 1
    if negated and len(letters) > 3 and letters[-3] not in "aeiouy":
        count += 1
    if letters.endswith("ing") and len(letters) > 3 and letters[-4] in "aeiouy":
        count += 1
    return max(1, count)


def _silent_ending(letters: str) -> bool:
    """A final "e", "es" or "ed" that is not pronounced as a syllable of its own."""
    if letters.endswith("e"):
        stem = letters[:-1]
        return stem[-1:] not in "aeiouy" and not re.search(r"[^aeiouy]l$", stem)
    if letters.endswith(("es", "ed")):
        stem = letters[:-2]
        if not stem or stem[-1] in "aeiouy":
            return False
        if letters.endswith("es"):
            return not stem.endswith(("s", "x", "z", "ch", "sh", "g", "c"))
        return not stem.endswith(("t", "d")) and not re.search(r"[^aeiouylr][rl]$", stem)
    return False

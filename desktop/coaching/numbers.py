"""Number words in Dutch and English as a small recogniser writes them.

Dutch writes numbers below a million as one word built from a few parts: "drieëntwintig"
(drie-en-twintig), "tweehonderdvijftig", "tweeënhalf", ordinals with "-ste"/"-de"
("drieëntwintigste", "vierde"). English writes "twenty three" or "twenty-three" and ordinals
"third", "twenty first". All checks work on normalised words (`desktop.coaching.text`), so
"drieëntwintig" arrives as "drieentwintig".

Some number words are mostly something else: Dutch "een" is far more often the article than
"one" (vosk writes the numeral as "één" when its lexicon has it), English "one" is a pronoun,
"half" an adjective, and "eerste"/"second" rarely key information on their own. These are
*weak*: they belong to a number when other number words, an amount or a month go with them.
"""

import re
from typing import Literal

from desktop.coaching.settings import Language

NumberStrength = Literal["strong", "weak"]

_NL_PARTS = (
    "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien "
    "vijftien zestien zeventien achttien negentien twintig dertig veertig vijftig zestig "
    "zeventig tachtig negentig honderd duizend miljoen miljard half"
).split()
_NL_PART = "|".join(sorted(_NL_PARTS, key=len, reverse=True))
_NL_NUMBER = re.compile(rf"(?:(?:{_NL_PART})(?:en)?)*(?:{_NL_PART}|anderhalf|anderhalve)")
_NL_ORDINAL = re.compile(rf"(?:(?:(?:{_NL_PART})(?:en)?)*(?:{_NL_PART})(?:ste|de)|eerste|derde)")
_NL_COMPOUND_ORDINAL = re.compile(rf"(?:(?:{_NL_PART})(?:en)?)+(?:eerste|derde)")
_NL_WEAK = frozenset(
    "een half eerste tweede derde vierde vijfde zesde zevende achtste negende tiende".split()
)

_EN_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_EN_BIG = "hundred thousand million billion".split()
_EN_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth"
).split()
_EN_TEN = "|".join(_EN_TENS)
_EN_COMPOUND = re.compile(rf"(?:{_EN_TEN})(?:{'|'.join(_EN_UNITS[1:10] + _EN_ORDINALS[:9])})")
_EN_CARDINALS = frozenset(_EN_UNITS + _EN_TENS + _EN_BIG)
_EN_WEAK = frozenset({"one", "half", *_EN_ORDINALS[:10]})

DIGIT_WORDS: dict[Language, frozenset[str]] = {
    "nl": frozenset(_NL_PARTS[:10]),
    "en": frozenset(_EN_UNITS[:10]),
}
"""The numerals nought to nine, as spoken digit by digit in phone numbers and codes."""


def number_strength(word: str, language: Language, raw: str = "") -> NumberStrength | None:
    """Whether the normalised `word` is a number word ("strong"), one that is a number only
    in company ("weak"), or no number (None). Words with digits are strong. `raw` is the word
    as recognised: Dutch "één" with its accents is the numeral, not the article."""
    if not word:
        return None
    if any(ch.isdigit() for ch in word):
        return "strong"
    if language == "nl":
        return _dutch(word, raw)
    return _english(word)


def _dutch(word: str, raw: str) -> NumberStrength | None:
    if word == "een" and raw.casefold() in {"één", "eén", "éen"}:
        return "strong"
    if word in _NL_WEAK:
        return "weak"
    if any(p.fullmatch(word) for p in (_NL_NUMBER, _NL_ORDINAL, _NL_COMPOUND_ORDINAL)):
        return "strong"
    return None


def _english(word: str) -> NumberStrength | None:
    if word in _EN_WEAK:
        return "weak"
    if word in _EN_CARDINALS or word in _EN_ORDINALS or _EN_COMPOUND.fullmatch(word):
        return "strong"
    return None

"""Automatic key points: numbers, amounts, dates, weekdays and spelled-out codes.

A listener remembers such information better after a short pause (DESIGN.md, "Tempo"), so
the key-point pause cue watches where they start. Works on recognised words (Dutch or
English, as vosk writes them) and returns, for each key point, the index of its first word:
- a number: a run of number words or digits ("drieëntwintig", "twee en twintig", "one
  hundred and five"); a run of weak words only ("een", "one", "half") counts only with an
  amount or a month;
- an amount: a number with a currency or percent word, and the number after it ("twaalf euro
  vijftig", "drie procent");
- a date: a number before a month ("drieëntwintig maart", "the third of march") or, in
  English, a month before a number ("march third"); a weekday on its own ("maandag") or
  right before a date or number, with it ("dinsdag de achtste april");
- a code: at least `MIN_CODE_TOKENS` spelled characters in a row: single letters or digits,
  spelling-alphabet words (Dutch "anton bernard", NATO "alpha bravo"), digit words. A weak
  token ("u", "een", "a", "i") may sit inside a code but does not start or end it.

Where the start is ambiguous, `lead` is the earliest word at which the key point may start:
weak tokens before a code ("a b c": is "a" the article or the letter?) and "de"/"the" before
a number ("the third of may"). The pause cue accepts a pause before any of them.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from desktop.coaching.numbers import DIGIT_WORDS, number_strength
from desktop.coaching.settings import Language
from desktop.coaching.text import normalise_word
from desktop.coaching.vocabulary import (
    CODE_WORDS,
    CONNECTORS,
    DATE_GLUE,
    MONTH_FIRST_EXCLUDED,
    MONTHS,
    UNITS,
    WEAK_CODE_TOKENS,
    WEEKDAYS,
)

KeyPointKind = Literal["number", "amount", "date", "weekday", "code"]
MIN_CODE_TOKENS = 3
_ARTICLES: dict[Language, frozenset[str]] = {"nl": frozenset({"de"}), "en": frozenset({"the"})}


@dataclass(frozen=True, slots=True)
class KeyPoint:
    """Key information in words[first:end]; it may also start as early as words[lead]."""

    first: int
    end: int
    kind: KeyPointKind
    lead: int


def find_key_points(words: Sequence[str], language: Language) -> list[KeyPoint]:
    """Key points in the recognised `words` (as vosk wrote them), in order, not overlapping:
    where a code and a number overlap, the one that starts first is kept."""
    norm = [normalise_word(word) for word in words]
    found = sorted(
        _codes(norm, language) + _numbers(norm, words, language) + _weekdays(norm, language),
        key=lambda point: (point.first, -point.end),
    )
    kept: list[KeyPoint] = []
    for point in found:
        if not kept or point.first >= kept[-1].end:
            kept.append(point)
    return _weekday_dates(kept)


def _weekday_dates(points: list[KeyPoint]) -> list[KeyPoint]:
    """A weekday right before a date or a number is one date: "dinsdag de achtste april",
    "monday the third of march" (nobody pauses inside it)."""
    out: list[KeyPoint] = []
    for point in points:
        previous = out[-1] if out else None
        joins = previous is not None and previous.kind == "weekday" and point.lead == previous.end
        if previous is not None and joins and point.kind in ("date", "number"):
            out[-1] = KeyPoint(previous.first, point.end, "date", previous.lead)
        else:
            out.append(point)
    return out


def _numbers(norm: list[str], raw: Sequence[str], language: Language) -> list[KeyPoint]:
    points: list[KeyPoint] = []
    i = 0
    while i < len(norm):
        if number_strength(norm[i], language, raw[i]) is None:
            i += 1
            continue
        first = i
        end, strong = _number_run(norm, raw, i, language)
        kind: KeyPointKind = "number"
        if end < len(norm) and norm[end] in UNITS[language]:
            kind, strong = "amount", True
            end = _number_run(norm, raw, end + 1, language)[0]
        elif (month_end := _month_after(norm, end, language)) is not None:
            kind, strong, end = "date", True, month_end
        if language == "en" and (month := _month_before(norm, first)) is not None:
            kind, strong, first = "date", True, month
        if strong:
            lead = first - 1 if first > 0 and norm[first - 1] in _ARTICLES[language] else first
            points.append(KeyPoint(first, end, kind, lead))
        i = max(end, i + 1)
    return points


def _number_run(
    norm: list[str], raw: Sequence[str], i: int, language: Language
) -> tuple[int, bool]:
    """End of the number run starting at i (connectors only between number words), and
    whether it holds a strong number word."""
    strong = False
    while i < len(norm):
        strength = number_strength(norm[i], language, raw[i])
        if strength is None:
            break
        strong = strong or strength == "strong"
        i += 1
        joined = i + 1 < len(norm) and norm[i] in CONNECTORS[language]
        if joined and number_strength(norm[i + 1], language, raw[i + 1]) is not None:
            i += 1
    return i, strong


def _month_after(norm: list[str], end: int, language: Language) -> int | None:
    """End of "<month>" or "of <month>" right after a number, or None."""
    if end < len(norm) and norm[end] in MONTHS[language]:
        return end + 1
    glued = end + 1 < len(norm) and norm[end] in DATE_GLUE[language]
    if glued and norm[end + 1] in MONTHS[language]:
        return end + 2
    return None


def _month_before(norm: list[str], first: int) -> int | None:
    """Start of an English "<month> [the]" right before a number, or None."""
    month = first - 2 if first >= 2 and norm[first - 1] == "the" else first - 1
    if month >= 0 and norm[month] in MONTHS["en"] and norm[month] not in MONTH_FIRST_EXCLUDED:
        return month
    return None


def _weekdays(norm: list[str], language: Language) -> list[KeyPoint]:
    days = WEEKDAYS[language]
    return [
        KeyPoint(i, i + 1, "weekday", i)
        for i, word in enumerate(norm)
        if any(word.startswith(day) and len(word) <= len(day) + 7 for day in days)
    ]


def _codes(norm: list[str], language: Language) -> list[KeyPoint]:
    points: list[KeyPoint] = []
    i = 0
    while i < len(norm):
        end = i
        while end < len(norm) and _is_code_token(norm[end], language):
            end += 1
        first, last = i, end
        while first < last and norm[first] in WEAK_CODE_TOKENS[language]:
            first += 1
        while last > first and norm[last - 1] in WEAK_CODE_TOKENS[language]:
            last -= 1
        if last - first >= MIN_CODE_TOKENS:
            points.append(KeyPoint(first, last, "code", i))
        i = max(end, i + 1)
    return points


def _is_code_token(word: str, language: Language) -> bool:
    return (
        len(word) == 1
        or word.isdigit()
        or word in DIGIT_WORDS[language]
        or word in CODE_WORDS[language]
    )

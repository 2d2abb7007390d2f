"""Check the supervisor's strings and lists: every text bounded, printable, and meaning what
it says.

Card texts and better wordings reach the overlay, the log and every `analyze` cue line, so a
control character, an ANSI escape sequence or a text-direction override (U+202E makes a
terminal show the rest backwards) is refused rather than passed on. Extra phrases must also
be something the phrase matcher can hear as written (`desktop.coaching.lexicon`).

Each function returns the converted value or raises `Invalid` with one message per problem,
each reading on from the key path ("item 2 must be at most 200 characters, got ...").
"""

import re
import unicodedata
from pathlib import Path
from typing import Any

from desktop.coaching.lexicon import (
    ALTERNATIVE_KINDS,
    ALTERNATIVE_SEPARATOR,
    COMMENT,
    phrase_problem,
    split_alternative,
)
from desktop.coaching.settings import Language
from desktop.config.hints import did_you_mean
from desktop.config.problems import Hint, describe
from desktop.config.schema import (
    MAX_KEY_PATHS,
    MAX_PATH_CHARS,
    MAX_PHRASES,
    MAX_TEXT_CHARS,
    Key,
)
from desktop.config.suggest import FREEABLE, unknown_name

_UNSAFE_CATEGORIES = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))
"""Control (ESC, tab, newline), format (BiDi embeddings, overrides and isolates, zero-width
characters), surrogate, private-use and unassigned characters, and line/paragraph
separators: none belongs in a one-line card, and several can rewrite a terminal."""
_CONTROL_NAMES = {0: "NULL", 7: "BELL", 8: "BACKSPACE", 9: "TAB", 10: "LINE FEED",
                  13: "CARRIAGE RETURN", 27: "ESCAPE", 127: "DELETE"}  # fmt: skip
"""Unicode gives control characters no name; these are the ones people meet."""
_ANSI_SEQUENCE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|.)?")


Reason = str | tuple[str, Hint | None]
"""Why a value is refused, reading on from the key path, with a hint when there is one."""


class Invalid(Exception):
    """A value that does not fit its key: one reason per problem found in it."""

    def __init__(self, *reasons: Reason) -> None:
        self.reasons = tuple(
            (reason, None) if isinstance(reason, str) else reason for reason in reasons
        )
        super().__init__("; ".join(message for message, _ in self.reasons))


def unsafe_character(text: str) -> str | None:
    """The first character of `text` that must not reach a screen, named ("U+202E
    (RIGHT-TO-LEFT OVERRIDE)"), or None."""
    for ch in text:
        if unicodedata.category(ch) in _UNSAFE_CATEGORIES:
            name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(ord(ch), "a control character")
            return f"U+{ord(ch):04X} ({name})"
    return None


def _without_unsafe(text: str) -> str:
    """`text` with escape sequences and other unsafe characters removed: the suggestion."""
    text = _ANSI_SEQUENCE.sub("", text)
    return "".join(ch for ch in text if unicodedata.category(ch) not in _UNSAFE_CATEGORIES)


def _unsafe_message(text: str, what: str) -> tuple[str, Hint | None] | None:
    found = unsafe_character(text)
    if found is None:
        return None
    message = (
        f"must be {what} without control, escape or text-direction characters; it holds {found}"
    )
    cleaned = " ".join(_without_unsafe(text).split())
    return message, did_you_mean(describe(cleaned)) if cleaned else None


def _length(text: str) -> str:
    return f"{len(text)} characters ({describe(text)})"


def check_text(key: Key, raw: Any) -> str:
    """A card text: 1 to MAX_TEXT_CHARS printable characters, trimmed."""
    if not isinstance(raw, str) or not raw.strip():
        raise Invalid(f"must be {key.expectation()}, got {describe(raw)}")
    text = raw.strip()
    if len(text) > MAX_TEXT_CHARS:
        raise Invalid(f"must be {key.expectation()}, got {_length(text)}")
    unsafe = _unsafe_message(text, "a text")
    if unsafe:
        raise Invalid(unsafe)
    return text


def check_path(key: Key, raw: Any, folder: Path) -> str | None:
    """A folder path (relative to the file's folder), or None for ""."""
    if not isinstance(raw, str):
        raise Invalid(f"must be {key.expectation()}, got {describe(raw)}")
    text = raw.strip()
    if not text:
        return None
    if len(text) > MAX_PATH_CHARS:
        raise Invalid(f"must be a folder path of at most {MAX_PATH_CHARS} characters, got "
                      f"{_length(text)}")  # fmt: skip
    unsafe = _unsafe_message(text, "a folder path")
    if unsafe:
        raise Invalid(unsafe)
    return str(folder / Path(text).expanduser())  # an absolute path wins in `/`


def check_key_paths(key: Key, raw: Any) -> tuple[str, ...]:
    """`[agent] may_change`: at most MAX_KEY_PATHS names, each a setting or a section."""
    if not isinstance(raw, list):
        raise Invalid(f"must be {key.expectation()}, got {describe(raw)}")
    if len(raw) > MAX_KEY_PATHS:
        raise Invalid(f"must be a list of at most {MAX_KEY_PATHS} setting names, got {len(raw)}")
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, str):
            raise Invalid(f"must be a list of setting names; item {index} is {describe(item)}")
    items = tuple(item.strip() for item in raw)
    unknown = [item for item in items if item not in FREEABLE]
    if unknown:
        raise Invalid(*(unknown_name(item) for item in unknown))
    return items


def check_phrases(key: Key, raw: Any) -> tuple[str, ...]:
    """Extra phrases: at most MAX_PHRASES, each one `phrase_problem` accepts, and a better
    wording after "=>" only in the lists whose cards show one. Every bad item is reported."""
    if not isinstance(raw, list):
        raise Invalid(f"must be {key.expectation()}, got {describe(raw)}")
    if len(raw) > MAX_PHRASES:
        raise Invalid(f"must be a list of at most {MAX_PHRASES} phrases, got {len(raw)}")
    language: Language = "en" if key.name.endswith("_en") else "nl"
    kind = key.section.rpartition(".")[2]
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, str):  # a list of the wrong type: one mistake, said once
            raise Invalid(f"must be a list of texts; item {index} is {describe(item)}")
    problems: list[Reason] = []
    for index, item in enumerate(raw, start=1):
        problem = _phrase_item(item.strip(), language, kind in ALTERNATIVE_KINDS)
        if isinstance(problem, tuple):
            problems.append((f"item {index} {problem[0]}", problem[1]))
        elif problem:
            problems.append(f"item {index} {problem}")
    if problems:
        raise Invalid(*problems)
    return tuple(item.strip() for item in raw)


def _phrase_item(item: str, language: Language, alternatives: bool) -> Reason | None:
    """Why one extra phrase is refused, ending in the value found, or None."""
    if not item:
        return f"must be a phrase of 1 to {MAX_TEXT_CHARS} characters, got {describe(item)}"
    if len(item) > MAX_TEXT_CHARS:
        return f"must be a phrase of at most {MAX_TEXT_CHARS} characters, got {_length(item)}"
    phrase, alternative = split_alternative(item)
    if COMMENT in item:
        return f"holds {COMMENT!r}, which starts a comment in a phrase list, got {describe(item)}"
    if alternative is not None and ALTERNATIVE_SEPARATOR.strip() in alternative:
        return f"holds '=>' more than once, got {describe(item)}"
    if alternative is not None and not alternatives:
        shield, blame = (f"[cues.{kind}]" for kind in ALTERNATIVE_KINDS)
        return (
            f"holds '=>', but only {shield} and {blame} phrases name a better wording after "
            f"it, got {describe(item)}"
        )
    problem = phrase_problem(phrase, language)
    if problem:
        return f"{problem}, got {describe(item)}"
    if alternative is not None:
        if not alternative.strip():
            return f"has '=>' but no better wording after it, got {describe(item)}"
        unsafe = _unsafe_message(alternative, "a better wording")
        if unsafe:
            return unsafe
    return None

"""The shape of a key in the supervisor file, and lookups over the one table in `keys.py`.

A key's TOML path ("cues.haste.floor_syl_s") maps to an attribute path in `Policy`
("cues.haste.floor_syl_s"); the exceptions are `[general]` (top-level Policy fields),
`message_nl/en` and `title_nl/en` (`Message` values) and `[agent] may_change` (`agent_may_change`).
"""

from dataclasses import dataclass
from typing import Any, Literal

from desktop.coaching.settings import Policy

SCHEMA_VERSION = 1

Kind = Literal["bool", "int", "float", "choice", "path", "text", "phrases", "key_paths"]

MAX_TEXT_CHARS = 200
"""A card shows one short sentence; longer texts do not fit."""
MAX_PHRASES = 500
"""Per list; the shipped lists hold a few dozen each."""
MAX_PATH_CHARS = 1000
"""Longer than any real folder path (Windows' limit is 260 without long-path support)."""
MAX_KEY_PATHS = 100
"""`[agent] may_change` names settings or sections; there are fewer than 100 of them."""


@dataclass(frozen=True, slots=True)
class Key:
    """One setting: its TOML path, what it accepts, and a line of help for the default file.

    Numbers must lie in [low, high] (inclusive); `unit` is spelt out for the supervisor.
    """

    path: str
    kind: Kind
    doc: str
    unit: str = ""
    low: float = 0.0
    high: float = 0.0
    choices: tuple[str, ...] = ()

    @property
    def section(self) -> str:
        return self.path.rpartition(".")[0]

    @property
    def name(self) -> str:
        return self.path.rpartition(".")[2]

    @property
    def attr(self) -> str:
        """The attribute path in `Policy` that this key sets."""
        if self.path == "agent.may_change":
            return "agent_may_change"
        if self.section == "general":
            return self.name
        for language in ("nl", "en"):
            for text in ("message", "title"):
                if self.name == f"{text}_{language}":
                    return f"{self.section}.{text}.{language}"
        return self.path

    def expectation(self) -> str:
        """What a valid value looks like, as the end of "must be ..."."""
        if self.kind == "bool":
            return "true or false"
        if self.kind in ("int", "float"):
            what = "a whole number" if self.kind == "int" else "a number"
            return f"{what} between {self.low:g} and {self.high:g}"
        if self.kind == "choice":
            return "one of " + ", ".join(f'"{choice}"' for choice in self.choices)
        if self.kind == "path":
            return 'a text (a folder path, or "" for none)'
        if self.kind == "text":
            return f"a text of 1 to {MAX_TEXT_CHARS} characters"
        if self.kind == "phrases":
            return (
                f"a list of at most {MAX_PHRASES} phrases of 1 to {MAX_TEXT_CHARS} characters, "
                'e.g. ["dat snap ik"]'
            )
        return 'a list of setting names, e.g. ["general.language"]'


@dataclass(frozen=True, slots=True)
class Relation:
    """Two keys that must keep an order: `smaller` <= `larger` (or < when `strict`)."""

    smaller: str
    larger: str
    strict: bool = False

    def holds(self, values: dict[str, Any]) -> bool:
        low, high = values[self.smaller], values[self.larger]
        return bool(low < high) if self.strict else bool(low <= high)

    def words(self) -> str:
        return "less than" if self.strict else "at most"


def policy_value(policy: Policy, attr: str) -> Any:
    """Follow a dotted attribute path into a (nested) Policy."""
    value: Any = policy
    for part in attr.split("."):
        value = getattr(value, part)
    return value


def toml_default(key: Key) -> Any:
    """The product default of a key as it is written in the file (lists, "" for no path)."""
    value = policy_value(Policy(), key.attr)
    if key.kind == "path":
        return value or ""
    if key.kind in ("phrases", "key_paths"):
        return list(value)
    return value

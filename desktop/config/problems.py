"""What goes wrong in a configuration file, said so a supervisor can fix it without help."""

from dataclasses import dataclass
from typing import Any

from desktop.coaching.settings import Language
from desktop.errors import UserError


@dataclass(frozen=True, slots=True)
class Hint:
    """What the supervisor most likely meant or should do ("did you mean [gate].sounds?"),
    in both languages. Whether a problem gets one is judged once, where the problem is found;
    `config check`, the log and the settings-problem window only say it."""

    en: str
    nl: str

    def text(self, language: Language) -> str:
        return self.nl if language == "nl" else self.en


@dataclass(frozen=True, slots=True)
class Problem:
    """One error or warning about one file.

    `key_path` is dotted as in `[agent] may_change` ("cues.haste.ceiling_syl_s"; a section is
    "cues.haste" with `section` set; "" when it is about the whole file). `message` reads on
    from the key: "must be a number between 3 and 10, got 'fast'". `line`/`column` are
    1-based, for syntax errors only.
    """

    file: str
    key_path: str
    message: str
    line: int | None = None
    column: int | None = None
    section: bool = False
    """True when `key_path` names a section: shown as "[cues.haste]"."""
    hint: Hint | None = None
    """What to do about it, when that can be told; shown after the message."""

    def __str__(self) -> str:
        """The problem in English on one line, as `config check` and the log print it."""
        where = self.file
        if self.line is not None:
            where += f", line {self.line}, column {self.column}"
        return f"{where}: {self.what()}" + (f" ({self.hint.en})" if self.hint else "")

    def what(self) -> str:
        """The key (or section) and the message, without the file, position and hint."""
        if not self.key_path:
            return self.message
        key_path = printable(self.key_path)
        shown = f"[{key_path}]" if self.section else display_path(key_path)
        return f"{shown} {self.message}"


@dataclass(frozen=True, slots=True)
class ProblemReport:
    """What is wrong in the settings files right now, for whoever fixes them: the errors
    (what was ignored or replaced) and the warnings (what else was noticed)."""

    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()


class ConfigError(UserError):
    """Every error found in the configuration files, all at once (plus the warnings so far).

    `str()` is one problem per line. It is a `UserError`, so the CLI prints it and exits 2;
    `speech-coach config check` exits 1 instead.
    """

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = list(problems)
        self.warnings = list(warnings or [])


def display_path(key_path: str) -> str:
    """ "cues.haste.floor_syl_s" → "[cues.haste].floor_syl_s"; top-level keys stay bare."""
    section, dot, key = key_path.rpartition(".")
    return f"[{section}].{key}" if dot else key_path


def printable(name: str, limit: int = 100) -> str:
    """A name from the file (an unknown key may be any quoted text) safe to print: other
    characters than printable ones escaped as in Python, cut at `limit` characters."""
    if len(name) > limit:
        name = name[: limit - 3] + "..."
    if name.isprintable():
        return name
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in name)


def describe(value: Any) -> str:
    """A found value as the supervisor wrote it: 'fast', true, 12, [1, 2], a table."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, dict):
        return "a section (table)"
    if isinstance(value, list):
        text = "[" + ", ".join(describe(item) for item in value[:5])
        return text + (", ...]" if len(value) > 5 else "]")
    if isinstance(value, int | float):
        return str(value)
    return f"{value} (a {type(value).__name__})"  # TOML dates and times

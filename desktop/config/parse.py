"""Read one configuration file into a TOML document, or say precisely why it cannot be read.

A syntax error does not hide the file's other problems: `desktop.config.recovery` finds
every syntax error and the document without them, which is checked too (for reporting
only: nothing of a file with a syntax error is applied).
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.config.hints import (
    SECTION_GIVEN_TWICE,
    SYNTAX_HINTS,
    decimal_comma_line,
    section_skipped,
)
from desktop.config.problems import Problem
from desktop.config.recovery import MAX_SYNTAX_ERRORS, SyntaxSpot, error_spot, recover

MAX_FILE_BYTES = 1_000_000
"""A real supervisor file is a few kilobytes; anything this big is the wrong file."""


@dataclass(frozen=True, slots=True)
class Unparsed:
    """A file that cannot be used: why, and for syntax errors what it says apart from them."""

    problems: tuple[Problem, ...]
    """Why: one problem, or every syntax error found."""
    rest: dict[str, Any] | None = None
    """The document without its broken statements, to find its other problems; None when
    there is none to be had (not text, not UTF-8, or syntax errors that could not be told
    apart)."""
    left_out: frozenset[str] = field(default_factory=frozenset)
    """Every word on the lines left out (`recovery.Recovery.left_out`)."""


def read_document(path: Path) -> dict[str, Any] | Unparsed:
    """Parse `path` as TOML, or say why it cannot be used (every syntax error, and the
    document without them).

    A UTF-8 byte-order mark (Windows Notepad writes one) is accepted.
    """
    file = str(path)
    data = _read_bytes(path)
    if isinstance(data, str):
        return Unparsed((Problem(file, "", data),))
    if b"\x00" in data:
        why = "not a text file (it holds binary data); a configuration file is plain UTF-8 text"
        return Unparsed((Problem(file, "", why),))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, column = _byte_position(data, err.start)
        byte = data[err.start]
        why = f"not UTF-8 text (byte 0x{byte:02X}); save the file with the encoding UTF-8"
        return Unparsed((Problem(file, "", why, line, column),))
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        first = error_spot(str(err), text)
    except RecursionError:
        why = "TOML syntax error: lists or tables nested too deeply"
        return Unparsed((Problem(file, "", why),))
    recovery = recover(text, first)
    lines = text.split("\n")
    problems = [_syntax_problem(file, lines, spot) for spot in recovery.errors]
    if recovery.document is None:
        why = (
            f"it has more than {MAX_SYNTAX_ERRORS} syntax errors; fix these first"
            if len(recovery.errors) >= MAX_SYNTAX_ERRORS
            else "fix the syntax error above first"
        )
        problems.append(Problem(file, "", f"the rest of the file is not checked: {why}"))
    return Unparsed(tuple(problems), recovery.document, recovery.left_out)


def _read_bytes(path: Path) -> bytes | str:
    """The file's bytes, or why they cannot be had."""
    try:
        if path.is_dir():
            return "a folder, not a configuration file"
        if not path.exists():
            return "no such file"
        if not path.is_file():
            return "not a regular file"
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        return "cannot be read: permission denied"
    except OSError as err:
        return f"cannot be read: {err.strerror or err}"
    if len(data) > MAX_FILE_BYTES:
        return f"larger than {MAX_FILE_BYTES // 1000} kB; not a configuration file"
    return data


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _syntax_problem(file: str, lines: list[str], spot: SyntaxSpot) -> Problem:
    """A syntax error as the supervisor should read it: tomllib's reason, with a hint when
    the likely slip is known (a decimal comma on that line above all)."""
    hint = SYNTAX_HINTS.get(spot.reason)
    if hint is None and spot.reason.startswith("Cannot declare"):
        hint = SECTION_GIVEN_TWICE
    if spot.line <= len(lines):
        hint = decimal_comma_line(lines[spot.line - 1]) or hint
    if spot.section_left_out:
        hint = section_skipped(hint)
    return Problem(file, "", f"TOML syntax error: {spot.reason}", spot.line, spot.column, hint=hint)

"""Find every TOML syntax error in a file, and what the file says apart from them.

tomllib stops at the first error, so a file with a decimal comma on line 3 and a mistyped
key on line 9 would show only the comma: fixed, saved, and then the next problem. To report
everything in one go, the broken statement is left out (its lines blanked, so every line
keeps its number) and the text is parsed again, up to MAX_SYNTAX_ERRORS times.

Which lines make up the broken statement:
- its first line is the line after the last statement tomllib read completely: tomllib reads
  statement after statement, so the text before the broken one parses on its own (the
  nearest earlier line where it does, among lines that can start a statement);
- it ends at the error line, except when the error line itself starts a sound statement (a
  list left open on the line before: "Unclosed array" is reported at the next key);
- if it leaves a list, table or multi-line string open, the lines after it that cannot
  start a statement of their own (the rest of that list: `"b",`, `]`) go with it;
- a broken section header (or a statement that swallowed one, such as a string left open
  over several sections) takes the rest of that section with it: its keys would otherwise
  be read as keys of the section above, and be reported against the wrong section.

The result is for reporting only. What the lines left out meant is unknown, so nothing of a
file with a syntax error is applied (`desktop.config.running`), and checks that depend on a
key being absent are skipped for keys named in them (`left_out`).
"""

import re
import tomllib
from dataclasses import dataclass, replace
from typing import Any

MAX_SYNTAX_ERRORS = 10
"""A file with more is the wrong file, or needs rewriting: the rest waits for a fix."""
PARSE_BUDGET_CHARS = 2_000_000
"""Text tomllib may read while recovering (~0.15 s); a supervisor file is a few kB and
needs a few parses per error, a 1 MB file with an unclosed string at the top would need
thousands."""

_WHERE = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")
_CAN_START = re.compile(r"\s*(\[|[A-Za-z0-9_\-\"'])")
"""A line that can begin a statement: a section header or a (bare or quoted) key."""
_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')
_WORD = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True, slots=True)
class SyntaxSpot:
    """One syntax error: tomllib's reason, its 1-based position, and whether a whole
    section was left out with it (a broken header)."""

    reason: str
    line: int
    column: int
    section_left_out: bool = False
    at_end: bool = False
    """tomllib said "end of document": something opened earlier was never closed."""


@dataclass(frozen=True, slots=True)
class Recovery:
    """Every syntax error found, and the document without the broken statements (None when
    they could not be told apart, or there were more than MAX_SYNTAX_ERRORS)."""

    errors: tuple[SyntaxSpot, ...]
    document: dict[str, Any] | None
    left_out: frozenset[str]
    """Every word on the lines left out: names of keys the file may set there."""


class _OutOfBudget(Exception):
    pass


class _Parser:
    """tomllib on a list of lines, within PARSE_BUDGET_CHARS in all."""

    def __init__(self) -> None:
        self.budget = PARSE_BUDGET_CHARS

    def first_error(self, lines: list[str]) -> SyntaxSpot | dict[str, Any]:
        text = "\n".join(lines)
        self.budget -= len(text)
        if self.budget < 0:
            raise _OutOfBudget
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            return error_spot(str(err), text)


def error_spot(message: str, text: str) -> SyntaxSpot:
    """tomllib's "Invalid value (at line 3, column 7)" as a reason and a position.

    Python 3.11's TOMLDecodeError has no lineno/colno attributes (3.14 adds them), so the
    position is read from the message; "end of document" becomes the last line's end.
    """
    found = _WHERE.search(message)
    reason = message[: found.start()] if found else message
    if found and found.group(1):
        return SyntaxSpot(reason, int(found.group(1)), int(found.group(2)))
    end_column = len(text) - (text.rfind("\n") + 1) + 1
    return SyntaxSpot(reason, text.count("\n") + 1, end_column, at_end=found is not None)


def recover(text: str, first: SyntaxSpot) -> Recovery:
    """Every syntax error in `text`, beginning with `first` (tomllib's), and the rest of
    the document."""
    lines = text.split("\n")
    parser = _Parser()
    errors: list[SyntaxSpot] = []
    left_out: set[str] = set()
    parsed: SyntaxSpot | dict[str, Any] = first
    while isinstance(parsed, SyntaxSpot):
        if len(errors) == MAX_SYNTAX_ERRORS:
            return Recovery(tuple(errors), None, frozenset(left_out))
        try:
            region, section = _broken_statement(parser, lines, parsed.line - 1)
        except (_OutOfBudget, RecursionError):
            return Recovery((*errors, parsed), None, frozenset(left_out))
        errors.append(_where_it_broke(parsed, region, lines, section))
        for index in region:
            left_out.update(_WORD.findall(lines[index]))
            lines[index] = ""
        try:
            parsed = parser.first_error(lines)
        except (_OutOfBudget, RecursionError):
            return Recovery(tuple(errors), None, frozenset(left_out))
    return Recovery(tuple(errors), parsed, frozenset(left_out))


def _broken_statement(parser: _Parser, lines: list[str], error: int) -> tuple[list[int], bool]:
    """The 0-based lines of the statement broken at line `error`, and whether they include
    the rest of a section (a broken header). Raises _OutOfBudget when they cannot be found
    within the budget."""
    start = _statement_start(parser, lines, error)
    if start < error and _starts_sound_statement(parser, lines, start, error):
        region = list(range(start, error))
    else:
        region = list(range(start, error + 1))
        if _leaves_open("\n".join(lines[start : error + 1])):
            region += _rest_of_open_statement(parser, lines, start, error + 1)
    if not any(_looks_like_header(lines[i]) for i in region):
        return region, False
    # The section its keys belong to is left out: they go with it.
    after = region[-1] + 1
    end = next((i for i in range(after, len(lines)) if _is_header(lines[i])), len(lines))
    skipped = [i for i in range(after, end) if _is_statement_text(lines[i])]
    return region + list(range(after, end)), bool(skipped)


def _where_it_broke(
    spot: SyntaxSpot, region: list[int], lines: list[str], section: bool
) -> SyntaxSpot:
    """`spot` moved to where the supervisor must look, when tomllib noticed the error later
    than it was made: a list left open is reported at the next key (the ']' is missing at
    the end of the statement before it); a string or list never closed is reported at the
    end of the file (it was opened where its statement starts)."""
    error = spot.line - 1
    if region[-1] < error:
        last = max((i for i in region if _is_statement_text(lines[i])), default=region[-1])
        line, column = last, len(lines[last].rstrip()) + 1
    elif spot.at_end and region[0] < error:
        line = region[0]
        column = len(lines[line]) - len(lines[line].lstrip()) + 1
    else:
        line, column = error, spot.column
    return replace(spot, line=line + 1, column=column, section_left_out=section)


def _statement_start(parser: _Parser, lines: list[str], error: int) -> int:
    """The nearest line at or before `error` where the text before it parses on its own."""
    for start in range(error, -1, -1):
        if start < error and not _CAN_START.match(lines[start]):
            continue
        if start == 0 or isinstance(parser.first_error(lines[:start]), dict):
            return start
    return 0


def _starts_sound_statement(parser: _Parser, lines: list[str], start: int, line: int) -> bool:
    """With lines start..line-1 left out, does line `line` begin a statement tomllib reads
    past (the whole rest parses, or the next error is further on)?"""
    if not _is_statement_text(lines[line]):
        return False
    trial = lines[:start] + [""] * (line - start) + lines[line:]
    parsed = parser.first_error(trial)
    return isinstance(parsed, dict) or parsed.line - 1 > line


def _rest_of_open_statement(parser: _Parser, lines: list[str], start: int, after: int) -> list[int]:
    """The lines from `after` on that continue a list or string left open (they cannot
    start a statement of their own), up to the first line that can."""
    rest: list[int] = []
    for index in range(after, len(lines)):
        if not _is_statement_text(lines[index]):
            continue  # blank or a comment: harmless either way
        if _starts_sound_statement(parser, lines, start, index):
            break
        rest.append(index)
    return rest


def _is_header(line: str) -> bool:
    return line.lstrip().startswith("[")


def _looks_like_header(line: str) -> bool:
    """A section header, however mangled (`[cue=s.haste]`, `=[gate]`, `calls]`): a line that
    starts with '[' (no key can), or has a bracket and no '=' or nothing before its '='."""
    bare = _QUOTED.sub("", line).split("#", 1)[0].strip()
    if bare.startswith("["):
        return True
    return ("[" in bare or "]" in bare) and ("=" not in bare or bare.startswith("="))


def _is_statement_text(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _leaves_open(statement: str) -> bool:
    """Roughly: does `statement` open more lists/tables (or multi-line strings) than it
    closes? Quoted text is ignored; good enough to tell `a = [` from `a = 5,5`."""
    if statement.count('"""') % 2 or statement.count("'''") % 2:
        return True
    bare = _QUOTED.sub("", statement)
    bare = "\n".join(line.split("#", 1)[0] for line in bare.split("\n"))
    return bare.count("[") + bare.count("{") > bare.count("]") + bare.count("}")

"""Read one configuration file into a TOML document, or say precisely why it cannot be read."""

import re
import tomllib
from pathlib import Path
from typing import Any

from desktop.config.problems import Problem

MAX_FILE_BYTES = 1_000_000
"""A real supervisor file is a few kilobytes; anything this big is the wrong file."""

_WHERE = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")
_DECIMAL_COMMA = re.compile(r"=\s*-?\d+,\d+\s*(#.*)?$")
"""`floor_syl_s = 5,5`: the Dutch way to write 5.5, and a TOML syntax error."""
_WINDOWS_PATH_HINT = (
    'a backslash starts an escape in "..."; write Windows paths in single quotes '
    "('C:\\models\\nl') or with forward slashes"
)
# tomllib's message (without its position) → what a supervisor should do about it.
_HINTS = {
    "Invalid value": 'text must be in quotes, e.g. language = "en"',
    "Cannot overwrite a value": "this key or section is given twice",
    "Unescaped '\\' in a string": _WINDOWS_PATH_HINT,
    "Invalid hex value": _WINDOWS_PATH_HINT,
    "Unterminated string": "a closing quote is missing",
    "Illegal character '\\n'": "a closing quote is missing at the end of the line",
    "Expected '=' after a key in a key/value pair": "write each setting as key = value",
    "Unclosed array": "a ']' is missing at the end of a list",
}


def read_document(path: Path) -> dict[str, Any] | Problem:
    """Parse `path` as TOML; on any failure return the one Problem that explains it.

    A UTF-8 byte-order mark (Windows Notepad writes one) is accepted.
    """
    file = str(path)
    data = _read_bytes(path)
    if isinstance(data, str):
        return Problem(file, "", data)
    if b"\x00" in data:
        return Problem(
            file,
            "",
            "not a text file (it holds binary data); a configuration file is plain UTF-8 text",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, column = _byte_position(data, err.start)
        return Problem(
            file,
            "",
            f"not UTF-8 text (byte 0x{data[err.start]:02X}); save the file with the encoding UTF-8",
            line,
            column,
        )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        return _syntax_problem(file, text, str(err))
    except RecursionError:
        return Problem(file, "", "TOML syntax error: lists or tables nested too deeply")


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


def _syntax_problem(file: str, text: str, message: str) -> Problem:
    """Split tomllib's "Invalid value (at line 3, column 7)" into a message and a position.

    Python 3.11's TOMLDecodeError has no lineno/colno attributes (3.14 adds them), so the
    position is read from the message; "end of document" becomes the last line's end.
    """
    found = _WHERE.search(message)
    reason = message[: found.start()] if found else message
    line: int | None = None
    column: int | None = None
    if found and found.group(1):
        line, column = int(found.group(1)), int(found.group(2))
    elif found:
        line = text.count("\n") + 1
        column = len(text) - (text.rfind("\n") + 1) + 1
    hint = _HINTS.get(reason)
    if hint is None and reason.startswith("Cannot declare"):
        hint = "this section is given twice"
    lines = text.splitlines()
    if line is not None and line <= len(lines) and _DECIMAL_COMMA.search(lines[line - 1]):
        hint = "a decimal number takes a point, not a comma: write 5.5, not 5,5"
    sentence = f"TOML syntax error: {reason}" + (f" ({hint})" if hint else "")
    return Problem(file, "", sentence, line, column)

"""Shared helpers for the configuration tests: load a file and collect what it says."""

import re
from pathlib import Path

from desktop.config import ConfigError, Problem, load_policy
from desktop.config.default_file import render_default_file
from desktop.config.keys import KEYS_BY_PATH


def outcome(*paths: Path) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) of loading `paths`; anything raised but ConfigError fails the test."""
    try:
        result = load_policy(*paths)
    except ConfigError as error:
        return error.problems, error.warnings
    return [], list(result.warnings)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def sound_default_file() -> list[str]:
    """The commented default file with every `# key = value` line written out: valid, and
    every section of the product in it."""
    names = {path.rpartition(".")[2] for path in KEYS_BY_PATH}
    lines = []
    for line in render_default_file("en").split("\n"):
        found = re.match(r"^#\s?([a-z_]+) = ", line)
        lines.append(line.split("#", 1)[1].lstrip() if found and found[1] in names else line)
    return lines

"""Shared helpers for the configuration tests: load a file and collect what it says."""

from pathlib import Path

from desktop.config import ConfigError, Problem, load_policy


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

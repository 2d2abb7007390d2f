"""The system-wide x agent policy files of the lock matrix, and what the app must run with.

Each file is valid, broken in one key, unusable (a TOML syntax error) or missing. The system
file locks retention 3650 days and 7 cards per call; the agent tries to set the language
(freed by the default may_change), 50 cards (locked), retention 1 day (locked) and a haste
ceiling (free while the system file does not set it, locked once it does, even brokenly).
"""

from dataclasses import dataclass
from pathlib import Path

from desktop.config import ConfigDirs

V1 = "schema_version = 1\n"
SYSTEM = {
    "valid": V1 + "[privacy]\nretention_days = 3650\n[gate]\nmax_cues_per_call = 7\n",
    "broken-key": V1 + "[privacy]\nretention_days = 3650\n[gate]\nmax_cues_per_call = 7\n"
    "[cues.haste]\nceiling_syl_s = 'fast'\n",
    "unusable": V1 + "[privacy\nretention_days = 3650\n",
    "missing": None,
}
AGENT = {
    "valid": V1 + '[general]\nlanguage = "en"\n[privacy]\nretention_days = 1\n'
    "[gate]\nmax_cues_per_call = 50\n[cues.haste]\nceiling_syl_s = 9.5\n",
    "broken-key": V1 + '[general]\nlanguage = "fr"\n[privacy]\nretention_days = 1\n'
    "[gate]\nmax_cues_per_call = 50\n[cues.haste]\nceiling_syl_s = 9.5\n",
    "unusable": V1 + "[general\nlanguage = 'en'\n",
    "missing": None,
}


@dataclass(frozen=True, slots=True)
class Expected:
    """What the app runs with: the four contested values, whether the supervisor's file was
    sound, and which files ("system", "agent") the problems shown name."""

    retention_days: int
    max_cues_per_call: int
    ceiling_syl_s: float
    language: str
    supervisor_ok: bool
    problem_files: frozenset[str]


def _e(retention: int, cues: int, ceiling: float, language: str, ok: bool, *files: str) -> Expected:
    return Expected(retention, cues, ceiling, language, ok, frozenset(files))


# fmt: off
MATRIX: dict[tuple[str, str], Expected] = {
    ("valid", "valid"):           _e(3650, 7, 9.5, "en", True),
    ("valid", "broken-key"):      _e(3650, 7, 9.5, "nl", True, "agent"),
    ("valid", "unusable"):        _e(3650, 7, 6.5, "nl", True, "agent"),
    ("valid", "missing"):         _e(3650, 7, 6.5, "nl", True),
    # The broken ceiling stays locked (the default stands in): the agent's 9.5 is refused.
    ("broken-key", "valid"):      _e(3650, 7, 6.5, "en", False, "system"),
    ("broken-key", "broken-key"): _e(3650, 7, 6.5, "nl", False, "system", "agent"),
    ("broken-key", "unusable"):   _e(3650, 7, 6.5, "nl", False, "system", "agent"),
    ("broken-key", "missing"):    _e(3650, 7, 6.5, "nl", False, "system"),
    # Nothing of the system file can be read: every key locked at its default except the
    # default may_change (the language), and nothing deleted (retention 3650).
    ("unusable", "valid"):        _e(3650, 6, 6.5, "en", False, "system"),
    ("unusable", "broken-key"):   _e(3650, 6, 6.5, "nl", False, "system", "agent"),
    ("unusable", "unusable"):     _e(3650, 6, 6.5, "nl", False, "system", "agent"),
    ("unusable", "missing"):      _e(3650, 6, 6.5, "nl", False, "system"),
    # No system file: the agent's file is all there is; its broken parts are left out, and
    # an unreadable one deletes nothing.
    ("missing", "valid"):         _e(1, 50, 9.5, "en", True),
    ("missing", "broken-key"):    _e(1, 50, 9.5, "nl", True, "agent"),
    ("missing", "unusable"):      _e(3650, 6, 6.5, "nl", True, "agent"),
    ("missing", "missing"):       _e(90, 6, 6.5, "nl", True),
}
# fmt: on


def write_pair(dirs: ConfigDirs, system: str, agent: str) -> tuple[Path, Path]:
    """Write (or remove) both files for one cell of the matrix; their paths."""
    paths = (dirs.system / "supervisor.toml", dirs.user / "supervisor.toml")
    for path, text in zip(paths, (SYSTEM[system], AGENT[agent]), strict=True):
        if text is None:
            path.unlink(missing_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return paths

"""`speech-coach config check FILE` and `speech-coach config default`."""

import locale
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from desktop.coaching.settings import Language
from desktop.config import ConfigError, load_policy
from desktop.config.default_file import render_default_file


def check(file: str) -> int:
    """Validate one supervisor file: 0 and "FILE: valid" (plus warnings), or 1 and every
    problem, one per line on stderr. A path that does not exist is a usage error: 2."""
    path = Path(file)
    if not path.exists() and not path.is_symlink():
        print(f"{file}: no such file", file=sys.stderr)
        return 2
    try:
        result = load_policy(path)
    except ConfigError as error:
        for warning in error.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        count = len(error.problems)
        print(f"{file}: not valid ({count} problem{'s' if count != 1 else ''})", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{file}: valid")
    return 0


def print_default(language: str | None = None) -> int:
    """Write the commented default file as UTF-8 whatever the console's code page, so
    `speech-coach config default > supervisor.toml` gives a file the app can read. Its
    comments are in `language`, by default Dutch on a Dutch system and English elsewhere."""
    chosen: Language = "nl" if (language or system_language()) == "nl" else "en"
    sys.stdout.flush()
    sys.stdout.buffer.write(render_default_file(chosen).encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


def system_language(environ: Mapping[str, str] = os.environ) -> str:
    """The two-letter language of the system's locale (LC_ALL, LC_MESSAGES, LANG, as POSIX
    orders them; on Windows the user's default locale), "" when unknown."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value[:2].lower()
    code = (locale.getlocale()[0] or "").lower()
    return "nl" if code.startswith("dutch") else code[:2]  # Windows says "Dutch_Netherlands"

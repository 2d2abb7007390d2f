"""`speech-coach config check FILE` and `speech-coach config default`."""

import sys
from pathlib import Path

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


def print_default() -> int:
    """Write the commented default file as UTF-8 whatever the console's code page, so
    `speech-coach config default > supervisor.toml` gives a file the app can read."""
    sys.stdout.flush()
    sys.stdout.buffer.write(render_default_file().encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0

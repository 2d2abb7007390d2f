"""Where the app keeps the agent's own files: one place, so the CLI and the app agree.

All under platformdirs' per-user data dir (`~/.local/share/speech-coach` on Linux,
`%LOCALAPPDATA%\\speech-coach` on Windows), without the doubled app-author folder.
"""

from pathlib import Path

import platformdirs

APP_NAME = "speech-coach"


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def baseline_path() -> Path:
    """The agent's learned tempo and loudness baseline (JSON)."""
    return user_data_dir() / "baseline.json"

"""Where the history file lives by default: the platform's per-user data folder."""

from pathlib import Path

import platformdirs

HISTORY_FILE_NAME = "history.sqlite"


def default_history_path() -> Path:
    """`<user data dir>/history.sqlite`, e.g. ~/.local/share/speech-coach/history.sqlite."""
    data_dir = platformdirs.user_data_dir("speech-coach", appauthor=False)
    return Path(data_dir) / HISTORY_FILE_NAME

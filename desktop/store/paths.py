"""Where the history file lives by default: the platform's per-user data folder."""

from pathlib import Path

from desktop.paths import user_data_dir

HISTORY_FILE_NAME = "history.sqlite"


def default_history_path() -> Path:
    """`<user data dir>/history.sqlite`, e.g. ~/.local/share/speech-coach/history.sqlite."""
    return user_data_dir() / HISTORY_FILE_NAME

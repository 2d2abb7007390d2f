"""The history file's default place is the app's one per-user data folder."""

from pathlib import Path

import pytest

from desktop.paths import user_data_dir
from desktop.store import HISTORY_FILE_NAME, default_history_path


def test_the_history_lives_in_the_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Next to the baseline and the models, wherever the platform puts the app's data."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_history_path() == user_data_dir() / HISTORY_FILE_NAME
    assert default_history_path() == tmp_path / "speech-coach" / "history.sqlite"

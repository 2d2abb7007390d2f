"""Fixtures of the history tests: a fresh history file per test."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store import HistoryStore, open_history


@pytest.fixture
def history_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite"


@pytest.fixture
def store(history_path: Path) -> Iterator[HistoryStore]:
    opened = open_history(history_path, retention_days=90)
    assert opened.notice is None
    yield opened.store
    opened.store.close()

"""The real app, offscreen, started on a sound system-wide policy and a broken agent file:
the supervisor's retention holds, so an old shift is not deleted (issue 14's reproduction)."""

import logging
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.app import CoachApp, StartOptions
from desktop.store.utc import to_text
from desktop.ui.single_instance import SingleInstance

from app_process import use_private_user_dirs

V1 = "schema_version = 1\n"


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Private per-user folders, a private system config folder, no sound server."""
    return use_private_user_dirs(tmp_path, monkeypatch)


def run_app_once(tmp_path: Path) -> CoachApp:
    """Start the app (no microphone, no model), let it open its history, and close it."""
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    instance = SingleInstance(f"speech-coach-test-{uuid.uuid4().hex[:8]}")
    assert instance.try_become_primary()
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    app = CoachApp(qt_app, StartOptions("no such microphone", None, None), instance, settings)
    app.start()
    app.close()
    return app


def shift_starts(history: Path) -> list[str]:
    with sqlite3.connect(history) as connection:
        return [row[0] for row in connection.execute("SELECT started_utc FROM shifts")]


def test_a_broken_agent_file_does_not_shorten_the_system_retention(
    qtbot, tmp_path: Path, home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """System file: retention 3650 days. Agent file: `language = "fr"`. A shift of 200 days
    ago stays; the app runs with the system's retention, shows the agent's problem and logs
    it with file, key and value."""
    caplog.set_level(logging.WARNING)
    history = home / ".local" / "share" / "speech-coach" / "history.sqlite"
    run_app_once(tmp_path)  # records one (short) shift
    old = to_text(datetime.now(UTC) - timedelta(days=200))
    with sqlite3.connect(history) as connection:
        connection.execute("UPDATE shifts SET started_utc = ?", (old,))
    system = tmp_path / "etc-xdg" / "speech-coach" / "supervisor.toml"
    system.parent.mkdir(parents=True)
    system.write_text(V1 + "[privacy]\nretention_days = 3650\n", encoding="utf-8")
    agent = home / ".config" / "speech-coach" / "supervisor.toml"
    agent.parent.mkdir(parents=True)
    agent.write_text(V1 + '[general]\nlanguage = "fr"\n', encoding="utf-8")

    app = run_app_once(tmp_path)
    assert app.policy.privacy.retention_days == 3650
    assert old in shift_starts(history)
    problem = f'{agent}: [general].language must be one of "nl", "en", got \'fr\''
    assert app.session.status.config_problem == problem
    assert problem in caplog.text and "running with the defaults" not in caplog.text

"""The composed app, in process and offscreen: no tray there, so the fallback window; no
microphone and no model, and still "ready"; a broken supervisor file is shown, not fatal;
quitting saves the baseline."""

import logging
import os
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.app import CoachApp, StartOptions
from desktop.store.opening import open_history
from desktop.ui.single_instance import SingleInstance
from desktop.ui.status import TrayState, tray_state

from app_process import use_private_user_dirs


@pytest.fixture()
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Private per-user folders and no sound server: nothing of the developer's is used."""
    return use_private_user_dirs(tmp_path, monkeypatch)


def start_app(qtbot, tmp_path: Path, config: str | None = None) -> CoachApp:
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    instance = SingleInstance(f"speech-coach-test-{uuid.uuid4().hex[:8]}")
    assert instance.try_become_primary()
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    app = CoachApp(qt_app, StartOptions("no such microphone", None, config), instance, settings)
    app.start()
    return app


def test_without_tray_microphone_or_model_the_app_is_ready_in_a_window(
    qtbot, tmp_path: Path, user_dirs: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Offscreen has no tray: the control window stands in; the log says ready; the status
    says the microphone is missing and (once the model search ends) that there is no model."""
    caplog.set_level(logging.INFO)
    app = start_app(qtbot, tmp_path)
    try:
        assert app.tray is None and app.window is not None and app.window.isVisible()
        assert any("ready: window (no system tray)" in r.message for r in caplog.records)
        qtbot.waitUntil(lambda: app.session.status.model == "missing", timeout=10000)
        qtbot.waitUntil(lambda: app.session.status.mic == "lost", timeout=10000)
        assert tray_state(app.session.status) == TrayState.MIC_LOST
        assert app.window.state_label.text().startswith("Geen microfoon")
    finally:
        app.close()
    data_dir = user_dirs / ".local" / "share" / "speech-coach"
    assert (data_dir / "baseline.json").is_file()
    opened = open_history(data_dir / "history.sqlite", retention_days=90)
    assert opened.notice is None
    assert len(opened.store.shift_overviews(min_call_talk_s=0.0)) == 1  # this shift, closed
    opened.store.close()


def test_a_broken_supervisor_file_is_shown_and_fixing_it_clears_the_problem(
    qtbot, tmp_path: Path, user_dirs: Path
) -> None:
    """A typo in the supervisor file: the app runs on defaults and says so; saving a fixed
    file is picked up without a restart."""
    config = tmp_path / "supervisor.toml"
    config.write_text("schema_version = 1\n[gate]\nglobal_cooldown_s = -5\n", encoding="utf-8")
    app = start_app(qtbot, tmp_path, str(config))
    try:
        problem = app.session.status.config_problem
        assert problem is not None and "global_cooldown_s" in problem
        assert app.menu.config_action.isVisible()
        replacement = tmp_path / "supervisor.toml.new"
        replacement.write_text("schema_version = 1\n[gate]\nglobal_cooldown_s = 45\n", "utf-8")
        os.replace(replacement, config)
        qtbot.waitUntil(lambda: app.session.status.config_problem is None, timeout=10000)
        assert app.policy.gate.global_cooldown_s == 45
        config.write_text("schema_version = 1\n[gate\n", encoding="utf-8")
        qtbot.waitUntil(lambda: app.session.status.config_problem is not None, timeout=10000)
        assert app.policy.gate.global_cooldown_s == 45  # the last good policy stays
    finally:
        app.close()


def test_end_shift_shows_the_summary_of_this_shift_and_closing_it_quits(
    qtbot, tmp_path: Path, user_dirs: Path
) -> None:
    """End shift: listening stops, the overlay goes, the summary window shows this shift."""
    app = start_app(qtbot, tmp_path)
    try:
        app.menu.end_shift_action.trigger()
        assert app.summary is not None and app.summary.isVisible()
        assert app.summary.summary is not None
        assert app.summary.summary.history.shift.shift_id == app.recorder.shift_id
        assert not app.overlay.pill.isVisible()
        with qtbot.waitSignal(app.summary.closed):
            app.summary.close()
    finally:
        app.close()


def test_the_summary_mid_shift_uses_the_baseline_the_coach_has_now(
    qtbot, tmp_path: Path, user_dirs: Path
) -> None:
    """A first day: no baseline at the start; once the coach has learned one, the summary
    opened from the menu shows it (issue 13: it said "not known yet" while a card named it)."""
    from desktop.coaching.tempo_events import TempoMeasured

    app = start_app(qtbot, tmp_path)
    try:
        learner = app._learner  # noqa: SLF001 (the coach's learner, fed as the engine would)
        for k in range(400):
            t = float(k)
            learner.observe(TempoMeasured(t, t - 8.0, t, 4.9, t, "nuclei"), learn_rate=True)
        learned = learner.current().articulation_rate_syl_s
        assert learned is not None
        app.show_summary()
        assert app.summary is not None and app.summary.summary is not None
        baseline = app.summary.summary.history.baseline
        assert baseline is not None
        assert baseline.articulation_rate_syl_s == pytest.approx(learned)
    finally:
        app.close()


def test_switching_language_relabels_window_and_menu(
    qtbot, tmp_path: Path, user_dirs: Path
) -> None:
    """English chosen from the menu: the window and the menu speak English, and it is kept."""
    app = start_app(qtbot, tmp_path)
    try:
        [action] = [a for a in app.menu.languages.actions() if a.data() == "en"]
        action.trigger()
        assert app.menu.quit_action.text() == "Quit"
        assert app.window is not None and app.window.new_call_button.text() == "New call"
        settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
        assert settings.value("ui/language") == "en"
    finally:
        app.close()

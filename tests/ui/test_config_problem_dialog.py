"""The settings-problem window of the running app shows the problems the configuration
found, with the hints it gave them: the app hands the records over, it does not re-judge."""

from pathlib import Path

from test_app import start_app, user_dirs  # noqa: F401  (user_dirs is a fixture)

from desktop.ui.config_problem import ConfigProblemDialog


def test_the_apps_settings_problem_window_shows_every_problem_with_its_hint(
    qtbot,
    tmp_path: Path,
    user_dirs: Path,  # noqa: F811
) -> None:
    """A supervisor file with a decimal comma and a mistyped key: the menu item opens the
    window, whose details list both with their Dutch tips; an edit that fixes the key but
    not the comma leaves one problem and its tip."""
    config = tmp_path / "supervisor.toml"
    config.write_text(
        "schema_version = 1\n[cues.haste]\nceiling_syl_s = 6,5\nflor_syl_s = 5.0\n", "utf-8"
    )
    app = start_app(qtbot, tmp_path, str(config))
    try:
        assert app.menu.config_action.isVisible()
        app.menu.config_action.trigger()
        dialog = app._dialog
        assert isinstance(dialog, ConfigProblemDialog) and dialog.isVisible()
        details = dialog.details.toPlainText()
        assert "  Tip: schrijf een decimaal getal met een punt, dus 6.5 en niet 6,5." in details
        assert "  Tip: bedoelde je [cues.haste].floor_syl_s?" in details
        dialog.close()

        config.write_text(
            "schema_version = 1\n[cues.haste]\nceiling_syl_s = 7,5\nfloor_syl_s = 5.0\n", "utf-8"
        )

        def first_tip() -> str:
            errors = app.watcher.report.errors
            return errors[0].hint.nl if errors and errors[0].hint else ""

        qtbot.waitUntil(lambda: "7.5" in first_tip(), timeout=10000)
        app.menu.config_action.trigger()
        details = app._dialog.details.toPlainText()  # type: ignore[union-attr]
        assert "dus 7.5 en niet 7,5" in details and "bedoelde je" not in details
    finally:
        app.close()

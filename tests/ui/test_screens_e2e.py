"""What an agent sees, on a real X desktop with a tray: the overlay with a cue card and the
tray menu open, and the no-tray window. Screenshots are kept in test-artifacts/ (and
copied to docs/screenshots when SPEECH_COACH_SCREENSHOTS names a folder) to be looked at.

A small program builds the app's real widgets (menu, tray icon, overlay, window) with
fixed content, so the pictures are the same every run.
"""

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_session import DesktopSession, desktop_session_fixture  # noqa: F401 (fixture)
from screen_checks import card_on_screen, pixels_like

pytestmark = pytest.mark.slow

MENU_RGB = (0xFF, 0xFF, 0xFF)
WINDOW_RGB = (0xEF, 0xEF, 0xEF)
"""Qt's default (Fusion) menu and window backgrounds."""
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

SCENE = """
import sys
from PySide6.QtCore import QPoint, QSettings, QTimer
from PySide6.QtWidgets import QApplication
from desktop.audio.devices import InputDevice
from desktop.ui.control_window import ControlWindow
from desktop.ui.cue_text import CardText
from desktop.ui.menu import CoachMenu
from desktop.ui.overlay import Overlay
from desktop.ui.status import AppStatus
from desktop.ui.tempo import tempo_view
from desktop.ui.tray import TrayIcon

app = QApplication(sys.argv)
language = sys.argv[2]
devices = [InputDevice(0, "Jabra Evolve2 40", "ALSA", 48000, 1, True)]
menu = CoachMenu(language, lambda: devices)
status = AppStatus(model="ready", call_label=3, customer="listening")
menu.set_status(status)
overlay = Overlay(QSettings(sys.argv[3], QSettings.Format.IniFormat), language)
overlay.show()
overlay.set_status(status)
overlay.pill.set_tempo(tempo_view(6.3, 4.8, 5.52))
overlay.pill.hear_voice()
if sys.argv[1] == "tray":
    tray = TrayIcon(menu, language)
    tray.set_status(AppStatus(model="ready", cue_visible=True))
    tray.show()
    card = CardText(
        "Rustiger aan" if language == "nl" else "Slow down a little",
        "Je spreekt snel — neem even de tijd." if language == "nl"
        else "You are speaking fast — take your time.",
        "Veel sneller dan je normaal" if language == "nl"
        else "Much faster than your normal",
    )
    overlay.show_card(card, visible_s=600)
    def open_menu():
        menu.menu.popup(QPoint(700, 420))
        print("shown", flush=True)
    QTimer.singleShot(1500, open_menu)
else:
    window = ControlWindow(menu, language)
    window.set_status(AppStatus(model="missing"))
    window.move(80, 80)
    window.show()
    QTimer.singleShot(1500, lambda: print("shown", flush=True))
app.exec()
"""


def show_scene(
    session: DesktopSession,
    kind: str,
    language: str,
    tmp_path: Path,
    shows: Callable[[Path], bool],
) -> Path:
    """Run the scene and screenshot it once `shows` holds (X draws asynchronously)."""
    program = subprocess.Popen(
        [sys.executable, "-c", SCENE, kind, language, str(tmp_path / f"{kind}.ini")],
        env=session.env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert program.stdout is not None
        assert program.stdout.readline().strip() == "shown"
        ARTIFACTS.mkdir(exist_ok=True)
        shot = session.screenshot_when(ARTIFACTS / f"screen-{kind}-{language}.png", shows)
    finally:
        program.terminate()
        program.wait(10)
    folder = os.environ.get("SPEECH_COACH_SCREENSHOTS")
    if folder:
        shutil.copy2(shot, Path(folder) / shot.name)
    return shot


def menu_shown(shot: Path) -> bool:
    """The menu opens at (700, 420): a light panel of the style's window colour below it."""
    return pixels_like(shot, MENU_RGB, (700, 420, 860, 600), tolerance=30) > 5000


def menu_and_card_shown(shot: Path) -> bool:
    return card_on_screen(shot) and menu_shown(shot)


def window_shown(shot: Path) -> bool:
    return pixels_like(shot, WINDOW_RGB, (80, 80, 300, 160), tolerance=30) > 5000


@pytest.mark.parametrize("language", ["nl", "en"])
def test_overlay_card_and_tray_menu_on_a_desktop(
    desktop_session: DesktopSession, tmp_path: Path, language: str
) -> None:
    """The overlay with a card and the open tray menu render on a real X server."""
    shot = show_scene(desktop_session, "tray", language, tmp_path, shows=menu_and_card_shown)
    assert card_on_screen(shot)
    assert menu_shown(shot)


def test_the_no_tray_window_on_a_desktop(desktop_session: DesktopSession, tmp_path: Path) -> None:
    """The fallback window renders with its buttons."""
    shot = show_scene(desktop_session, "window", "nl", tmp_path, shows=window_shown)
    assert window_shown(shot)

"""The virtual desktop really hosts a Qt tray app: a tray icon and a window are on screen.

A separate Python process runs the Qt program, as the real app will, with the xcb platform
plugin: this also proves that the system libraries the plugin needs are installed.
"""

import json
import select
import subprocess
import sys
from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage

from desktop_session import (  # noqa: F401 (the fixture `desktop_session`)
    TRAY_HEIGHT_PX,
    TRAY_WIDTH_PX,
    DesktopSession,
    desktop_session_fixture,
)

ICON_RGB = 0xE8590C  # orange: the tray icon's disc
WINDOW_RGB = 0x1C7ED6  # blue: the window's background
WINDOW_SIZE = (320, 160)

TRAY_PROGRAM = f"""
import json, sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QSystemTrayIcon

app = QApplication(sys.argv)
pixmap = QPixmap(64, 64)
pixmap.fill(Qt.GlobalColor.transparent)
painter = QPainter(pixmap)
painter.setPen(Qt.PenStyle.NoPen)
painter.setBrush(QColor({ICON_RGB:#x}))
painter.drawEllipse(2, 2, 60, 60)
painter.end()
tray = QSystemTrayIcon(QIcon(pixmap))
tray.setToolTip("Speech Coach")
tray.show()
window = QLabel("Speech Coach")
window.setWindowTitle("Speech Coach test")
window.setStyleSheet("background: #{WINDOW_RGB:06x}; color: white; font-size: 24px")
window.setAlignment(Qt.AlignmentFlag.AlignCenter)
window.resize(*{WINDOW_SIZE})
window.move(60, 60)
window.show()

def report():
    screen = app.primaryScreen().size()
    print(json.dumps({{
        "platform": app.platformName(),
        "tray_available": QSystemTrayIcon.isSystemTrayAvailable(),
        "tray_visible": tray.isVisible(),
        "screen": [screen.width(), screen.height()],
    }}), flush=True)

QTimer.singleShot(0, report)
sys.exit(app.exec())
"""


def first_line(process: subprocess.Popen[str], timeout_s: float = 30.0) -> str:
    """The process's first line of output, or "" if it printed none in time (or exited)."""
    assert process.stdout is not None
    readable, _, _ = select.select([process.stdout], [], [], timeout_s)
    return process.stdout.readline() if readable else ""


def rgb_pixels(path: Path) -> np.ndarray:
    """The screenshot as a (height, width, 3) array of 8-bit RGB."""
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    # copy: the array must not outlive the QImage that owns the bytes
    return rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def colour_count(pixels: np.ndarray, rgb: int) -> int:
    """How many pixels are (nearly: within 8 per channel) the colour `rgb`."""
    wanted = np.array([(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF])
    close = np.abs(pixels.astype(np.int16) - wanted).max(axis=2) <= 8
    return int(close.sum())


def shows_icon_in_tray_and_window(path: Path) -> bool:
    pixels = rgb_pixels(path)
    tray = pixels[-TRAY_HEIGHT_PX:, -TRAY_WIDTH_PX:]
    icon_in_tray = colour_count(tray, ICON_RGB)
    window = colour_count(pixels, WINDOW_RGB)
    return icon_in_tray >= 100 and window >= 0.8 * WINDOW_SIZE[0] * WINDOW_SIZE[1]


def test_a_qt_tray_icon_and_window_appear_on_the_virtual_desktop(
    desktop_session: DesktopSession,
    tmp_path: Path,
) -> None:
    """Under the session Qt uses xcb, finds the tray, and the screen shows icon and window."""
    program = subprocess.Popen(
        [sys.executable, "-c", TRAY_PROGRAM],
        env=desktop_session.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = first_line(program)
        if not line:
            program.kill()
            raise AssertionError(f"the Qt program said nothing: {program.communicate()[1]}")
        report = json.loads(line)
        assert report == {
            "platform": "xcb",
            "tray_available": True,
            "tray_visible": True,
            "screen": list(desktop_session.size),
        }
        shot = desktop_session.screenshot_when(tmp_path / "tray.png", shows_icon_in_tray_and_window)
    finally:
        program.terminate()
        program.communicate(timeout=10)

    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = rgb_pixels(shot)
    assert pixels.shape[1::-1] == desktop_session.size
    colours = np.unique(pixels.reshape(-1, 3), axis=0)
    assert len(colours) >= 3, "the screenshot is blank"

"""A QGuiApplication for drawing without a window: the command line's PDF export.

Painting text needs a Q(Gui)Application (fonts). On Linux without a display (a server, ssh,
CI) Qt's default platform plugin cannot start, so the offscreen plugin is chosen there, unless
the person set QT_QPA_PLATFORM themselves. With a display, and on Windows and macOS, Qt's own
choice stays: the offscreen plugin is not the platform's native font set-up there.
"""

import os
import sys
from collections.abc import MutableMapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication


def needs_offscreen(environ: MutableMapping[str, str], platform: str = sys.platform) -> bool:
    if environ.get("QT_QPA_PLATFORM"):
        return False
    if not platform.startswith("linux"):
        return False
    return not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY")


def ensure_gui_application(
    environ: MutableMapping[str, str] = os.environ,
) -> QCoreApplication:
    """The running application, or a new QGuiApplication (offscreen when there is no
    display). Keep the returned object alive while painting."""
    existing = QCoreApplication.instance()
    if existing is not None:
        return existing
    if needs_offscreen(environ):
        environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(["speech-coach"])

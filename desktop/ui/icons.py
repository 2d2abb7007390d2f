"""The tray icon for each state, drawn with QPainter (no image files to ship or lose).

A round badge a glance can read: its colour says how things are (teal listening, grey
paused, amber a tip, blue-grey no model, red microphone lost, orange settings problem) and
a simple white mark inside says it again for the colour-blind (a "!" on blue-grey: the
model failed to load).
"""

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from desktop.report.ink import AMBER, FAINT, SLATE, TEAL
from desktop.ui.status import TrayState

# One palette for the live app and the shift report (desktop/report/ink.py).
GREY = FAINT
RED = QColor("#d0483f")
ORANGE = QColor("#e07b28")

STATE_COLOURS: dict[TrayState, QColor] = {
    TrayState.LISTENING: TEAL,
    TrayState.PAUSED: GREY,
    TrayState.CUE_SHOWN: AMBER,
    TrayState.NO_MODEL: SLATE,
    TrayState.MODEL_FAILED: SLATE,
    TrayState.MIC_LOST: RED,
    TrayState.CONFIG_PROBLEM: ORANGE,
}

ICON_SIZES_PX = (16, 22, 24, 32, 48, 64)


def state_icon(state: TrayState) -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES_PX:
        icon.addPixmap(state_pixmap(state, size))
    return icon


def state_pixmap(state: TrayState, size_px: int) -> QPixmap:
    pixmap = QPixmap(size_px, size_px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size_px)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(STATE_COLOURS[state])
    painter.drawEllipse(QRectF(s * 0.04, s * 0.04, s * 0.92, s * 0.92))
    pen = QPen(QColor("white"), max(1.5, s * 0.09))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    _MARKS[state](painter, s)
    painter.end()
    return pixmap


def _wave(painter: QPainter, s: float) -> None:
    """Three bars of a sound wave: listening."""
    for x, h in ((0.34, 0.22), (0.5, 0.38), (0.66, 0.22)):
        painter.drawLine(QPointF(s * x, s * (0.5 - h / 2)), QPointF(s * x, s * (0.5 + h / 2)))


def _pause(painter: QPainter, s: float) -> None:
    for x in (0.41, 0.59):
        painter.drawLine(QPointF(s * x, s * 0.32), QPointF(s * x, s * 0.68))


def _speech_bubble(painter: QPainter, s: float) -> None:
    """A small speech bubble: a tip is on screen."""
    path = QPainterPath()
    path.addRoundedRect(QRectF(s * 0.28, s * 0.3, s * 0.44, s * 0.3), s * 0.08, s * 0.08)
    path.moveTo(s * 0.4, s * 0.6)
    path.lineTo(s * 0.36, s * 0.72)
    path.lineTo(s * 0.5, s * 0.6)
    painter.drawPath(path)


def _low_wave(painter: QPainter, s: float) -> None:
    """A flat, even wave: tempo and pauses are heard, words are not (no speech model)."""
    for x in (0.34, 0.5, 0.66):
        painter.drawLine(QPointF(s * x, s * 0.44), QPointF(s * x, s * 0.56))


def _slash(painter: QPainter, s: float) -> None:
    """A crossed-out microphone: lost."""
    painter.drawRoundedRect(QRectF(s * 0.42, s * 0.26, s * 0.16, s * 0.3), s * 0.08, s * 0.08)
    painter.drawLine(QPointF(s * 0.5, s * 0.62), QPointF(s * 0.5, s * 0.72))
    painter.drawLine(QPointF(s * 0.3, s * 0.3), QPointF(s * 0.7, s * 0.7))


def _exclamation(painter: QPainter, s: float) -> None:
    painter.drawLine(QPointF(s * 0.5, s * 0.28), QPointF(s * 0.5, s * 0.56))
    painter.drawPoint(QPointF(s * 0.5, s * 0.7))


_MARKS = {
    TrayState.LISTENING: _wave,
    TrayState.PAUSED: _pause,
    TrayState.CUE_SHOWN: _speech_bubble,
    TrayState.NO_MODEL: _low_wave,
    TrayState.MODEL_FAILED: _exclamation,
    TrayState.MIC_LOST: _slash,
    TrayState.CONFIG_PROBLEM: _exclamation,
}

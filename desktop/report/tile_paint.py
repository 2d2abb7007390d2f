"""A headline tile, painted: label on top, the value large, one or two lines of detail, and a
coloured edge for the tone (teal: went well, amber: the thing to try)."""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from desktop.report.draw import LEFT_MIDDLE, TOP_LEFT, draw_text
from desktop.report.ink import AMBER, AMBER_DEEP, FAINT, GRID, PAPER, SUBTLE, TEAL, TEXT, Ink
from desktop.report.tiles import Tile, Tone

VALUE_COLOURS: dict[Tone, QColor] = {
    "good": QColor("#23806f"),
    "attention": AMBER_DEEP,
    "neutral": TEXT,
    "unmeasured": FAINT,
}
EDGE_COLOURS: dict[Tone, QColor] = {"good": TEAL, "attention": AMBER}
LABEL_FONT = 10.5
VALUE_FONT = 24.0
DETAIL_FONT = 10.0


def paint_tile(painter: QPainter, rect: QRectF, tile: Tile, ink: Ink) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = rect.adjusted(ink.u(0.5), ink.u(0.5), -ink.u(0.5), -ink.u(0.5))
    radius = ink.u(8)
    painter.setPen(QPen(GRID, ink.u(1)))
    painter.setBrush(PAPER)
    painter.drawRoundedRect(box, radius, radius)
    edge = EDGE_COLOURS.get(tile.tone)
    if edge is not None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(edge)
        painter.drawRoundedRect(
            QRectF(
                box.left() + ink.u(6), box.top() + ink.u(12), ink.u(4), box.height() - ink.u(24)
            ),
            ink.u(2),
            ink.u(2),
        )
    inner = box.adjusted(ink.u(18), ink.u(9), -ink.u(10), -ink.u(8))
    label = QRectF(inner.left(), inner.top(), inner.width(), ink.u(16))
    draw_text(painter, label, tile.label, ink.font(LABEL_FONT, bold=True), SUBTLE, LEFT_MIDDLE)
    value = QRectF(inner.left(), label.bottom() + ink.u(1), inner.width(), ink.u(32))
    draw_text(painter, value, tile.value, ink.font(VALUE_FONT, bold=True), VALUE_COLOURS[tile.tone])
    detail = QRectF(
        inner.left(), value.bottom() + ink.u(1), inner.width(), inner.bottom() - value.bottom()
    )
    font = ink.font(DETAIL_FONT)
    painter.setFont(font)
    painter.setPen(SUBTLE if tile.measured else FAINT)
    painter.setClipRect(detail)
    painter.drawText(detail, int(TOP_LEFT) | int(Qt.TextFlag.TextWordWrap), tile.detail)
    painter.restore()

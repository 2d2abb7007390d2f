"""Small QPainter helpers the report's painters share: text in a box, its width, eliding."""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

Align = Qt.AlignmentFlag
LEFT_MIDDLE = Align.AlignLeft | Align.AlignVCenter
RIGHT_MIDDLE = Align.AlignRight | Align.AlignVCenter
CENTRE = Align.AlignCenter
TOP_LEFT = Align.AlignLeft | Align.AlignTop


def metrics(painter: QPainter, font: QFont) -> QFontMetricsF:
    """The font's metrics on the painter's device (a PDF is not a screen)."""
    return QFontMetricsF(font, painter.device())


def text_width(painter: QPainter, font: QFont, content: str) -> float:
    return metrics(painter, font).horizontalAdvance(content)


def draw_text(
    painter: QPainter,
    rect: QRectF,
    content: str,
    font: QFont,
    colour: QColor,
    flags: Qt.AlignmentFlag = LEFT_MIDDLE,
    elide: bool = True,
) -> None:
    """One line of text in `rect`, elided with "…" when it does not fit."""
    if elide:
        content = metrics(painter, font).elidedText(
            content, Qt.TextElideMode.ElideRight, rect.width()
        )
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(rect, flags, content)


def draw_wrapped(
    painter: QPainter, rect: QRectF, content: str, font: QFont, colour: QColor
) -> float:
    """Word-wrapped text from the top of `rect`; returns the height it took."""
    painter.setFont(font)
    painter.setPen(colour)
    flags = int(TOP_LEFT) | int(Qt.TextFlag.TextWordWrap)
    used = painter.boundingRect(rect, flags, content)
    painter.drawText(rect, flags, content)
    return min(used.height(), rect.height())


def wrapped_height(painter: QPainter, width: float, content: str, font: QFont) -> float:
    flags = int(TOP_LEFT) | int(Qt.TextFlag.TextWordWrap)
    rect = metrics(painter, font).boundingRect(QRectF(0, 0, width, 1e6), flags, content)
    return rect.height()

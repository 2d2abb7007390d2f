"""A cue card's text laid out before it is drawn: the card's height is measured, not guessed.

Title, message and evidence are each wrapped to the card's text width with the very fonts
the card paints with (`QTextLayout`, at word boundaries, or anywhere inside a word longer
than a line), stacked with a small gap, and the card takes the height of the result. So a
card shows its whole advice at every length the policy file accepts; the evidence line
("Probeer: ‘…’") is set as large as the message, because it is often the most useful part.
"""

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QPainter, QTextLayout, QTextOption

from desktop.ui.cue_text import CardText

CARD_WIDTH_PX = 320
TEXT_LEFT_PX = 24
"""Right of the amber bar."""
TEXT_RIGHT_PX = 14
TOP_PX = 12
BOTTOM_PX = 14
GAP_PX = 4
TEXT_WIDTH_PX = CARD_WIDTH_PX - TEXT_LEFT_PX - TEXT_RIGHT_PX

TITLE_PT = 10.5
BODY_PT = 9.5
EVIDENCE_PT = 9.0


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of the card, laid out: where it goes and how tall it is."""

    text: str
    font: QFont
    role: str
    """"title", "message" or "evidence": which colour it is painted in."""
    top_px: float
    height_px: float
    line_widths_px: tuple[float, ...]

    @property
    def rect(self) -> QRectF:
        return QRectF(TEXT_LEFT_PX, self.top_px, TEXT_WIDTH_PX, self.height_px)


def card_fonts(base: QFont) -> dict[str, QFont]:
    title = QFont(base)
    title.setPointSizeF(TITLE_PT)
    title.setBold(True)
    body = QFont(base)
    body.setPointSizeF(BODY_PT)
    evidence = QFont(base)
    evidence.setPointSizeF(EVIDENCE_PT)
    return {"title": title, "message": body, "evidence": evidence}


def _layout(text: str, font: QFont) -> QTextLayout:
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(TEXT_WIDTH_PX)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout


def lay_out_card(card: CardText, base: QFont) -> tuple[list[Block], int]:
    """The card's blocks, top to bottom, and the card's height in pixels."""
    fonts = card_fonts(base)
    blocks: list[Block] = []
    y = float(TOP_PX)
    for role, text in (
        ("title", card.title),
        ("message", card.message),
        ("evidence", card.evidence),
    ):
        if not text:
            continue
        layout = _layout(text, fonts[role])
        lines = [layout.lineAt(i) for i in range(layout.lineCount())]
        height = sum(line.height() for line in lines)
        widths = tuple(line.naturalTextWidth() for line in lines)
        blocks.append(Block(text, fonts[role], role, y, height, widths))
        y += height + GAP_PX
    return blocks, int(y - GAP_PX + BOTTOM_PX + 0.999)


def paint_blocks(painter: QPainter, blocks: list[Block], colours: dict[str, QColor]) -> None:
    for block in blocks:
        painter.setPen(colours[block.role])
        layout = _layout(block.text, block.font)
        layout.draw(painter, QPointF(TEXT_LEFT_PX, block.top_px))

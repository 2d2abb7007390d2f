"""Per-call bars, painted: one bar per call, as tall as the agent's talk time in it, teal for
calm speech with the hurried part amber on top, and the number of cues above it. Where the
customer channel was heard, a slimmer, lighter bar beside it is the customer's talk time on
the same scale: how the call was shared, seen at a glance.

`bar_slots` is the one place that says where each bar is, so a click on the window's chart
finds the call it landed on.
"""

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from desktop.coaching.settings import Language
from desktop.report.draw import CENTRE, LEFT_MIDDLE, RIGHT_MIDDLE, draw_text, text_width
from desktop.report.ink import (
    AMBER,
    CUSTOMER,
    FAINT,
    GRID,
    MUTED_BAR,
    SUBTLE,
    TEAL,
    TEXT,
    Ink,
)
from desktop.report.texts import text
from desktop.summary.calls import CallBar

AXIS_W = 30.0
TOP_LANE = 28.0
BOTTOM_LANE = 16.0
LEGEND_H = 16.0
MAX_BAR_W = 34.0
FONT = 10.0


def plot_rect(rect: QRectF, ink: Ink) -> QRectF:
    return QRectF(
        rect.left() + ink.u(AXIS_W),
        rect.top() + ink.u(TOP_LANE),
        rect.width() - ink.u(AXIS_W) - ink.u(6),
        rect.height() - ink.u(TOP_LANE + BOTTOM_LANE + LEGEND_H),
    )


def bar_slots(rect: QRectF, count: int, ink: Ink) -> list[QRectF]:
    """The horizontal slot (full plot height) of each of `count` bars, left to right."""
    plot = plot_rect(rect, ink)
    if count == 0:
        return []
    slot_w = plot.width() / count
    return [
        QRectF(plot.left() + k * slot_w, plot.top(), slot_w, plot.height()) for k in range(count)
    ]


def bar_at(rect: QRectF, bars: tuple[CallBar, ...], x: float, ink: Ink) -> int | None:
    """The number of the call whose slot holds `x`, or None."""
    for slot, bar in zip(bar_slots(rect, len(bars), ink), bars, strict=True):
        if slot.left() <= x < slot.right():
            return bar.number
    return None


def paint_call_bars(
    painter: QPainter,
    rect: QRectF,
    bars: tuple[CallBar, ...],
    language: Language,
    ink: Ink,
    highlight_call: int | None = None,
) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    plot = plot_rect(rect, ink)
    font = ink.font(FONT)
    if not bars:
        draw_text(painter, plot, text("chart.no_calls", language), ink.font(11.0), FAINT, CENTRE)
        painter.restore()
        return
    heard = any(b.conversation.customer_talk_s is not None for b in bars)
    top_min = max(max(b.talk_s, b.conversation.customer_talk_s or 0.0) for b in bars) / 60.0
    step = _step(top_min)
    scale_min = max(step, math.ceil(top_min / step) * step)
    _paint_axis(painter, plot, scale_min, step, language, ink)
    every = max(1, math.ceil(len(bars) * ink.u(22) / plot.width()))
    for k, (slot, bar) in enumerate(zip(bar_slots(rect, len(bars), ink), bars, strict=True)):
        width = min(slot.width() * 0.68, ink.u(MAX_BAR_W))
        left = slot.center().x() - width / 2
        if heard:  # the agent's bar left of the middle, the customer's right of it
            width = min(slot.width() * 0.42, ink.u(MAX_BAR_W * 0.8))
            left = slot.center().x() - width * 0.8
            _paint_customer_bar(painter, bar, left + width, width * 0.55, plot, scale_min, ink)
        height = bar.talk_s / 60.0 / scale_min * plot.height()
        hasty_h = height * (bar.hasty_share or 0.0)
        calm = MUTED_BAR if bar.hasty_share is None else TEAL
        radius = min(ink.u(3), width / 3)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(calm)
        painter.drawRoundedRect(QRectF(left, plot.bottom() - height, width, height), radius, radius)
        if hasty_h > 0:
            painter.setBrush(AMBER)
            painter.drawRoundedRect(
                QRectF(left, plot.bottom() - height, width, hasty_h), radius, radius
            )
        if bar.number == highlight_call:
            painter.setPen(QPen(TEXT, ink.u(1.4)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(
                QRectF(left, plot.bottom() - height, width, height), radius, radius
            )
        if bar.cues and slot.width() >= ink.u(12):
            cue_box = QRectF(
                slot.left(), plot.bottom() - height - ink.u(15), slot.width(), ink.u(14)
            )
            draw_text(
                painter,
                cue_box,
                str(bar.cues),
                ink.font(FONT, bold=True),
                SUBTLE,
                CENTRE,
                elide=False,
            )
        if k % every == 0:
            label = QRectF(
                slot.left() - ink.u(6),
                plot.bottom() + ink.u(2),
                slot.width() + ink.u(12),
                ink.u(14),
            )
            chosen = bar.number == highlight_call
            label_font = ink.font(FONT, bold=True) if chosen else font
            draw_text(
                painter,
                label,
                str(bar.label),
                label_font,
                TEXT if chosen else FAINT,
                CENTRE,
                elide=False,
            )
    _paint_legend(painter, rect, plot, language, ink, heard)
    painter.restore()


def _paint_customer_bar(
    painter: QPainter,
    bar: CallBar,
    left: float,
    width: float,
    plot: QRectF,
    scale_min: float,
    ink: Ink,
) -> None:
    customer_s = bar.conversation.customer_talk_s
    if customer_s is None or customer_s <= 0:
        return
    height = customer_s / 60.0 / scale_min * plot.height()
    radius = min(ink.u(2), width / 3)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(CUSTOMER)
    box = QRectF(left + ink.u(1.5), plot.bottom() - height, width, height)
    painter.drawRoundedRect(box, radius, radius)


def _step(top_min: float) -> float:
    for step in (0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0):
        if top_min / step <= 4:
            return step
    return 60.0


def _paint_axis(
    painter: QPainter, plot: QRectF, scale_min: float, step: float, language: Language, ink: Ink
) -> None:
    font = ink.font(FONT)
    value = 0.0
    while value <= scale_min + 1e-9:
        y = plot.bottom() - value / scale_min * plot.height()
        painter.setPen(QPen(GRID if value > 0 else GRID.darker(115), ink.u(1)))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        shown = f"{value:g}".replace(".", "," if language == "nl" else ".")
        label = QRectF(plot.left() - ink.u(AXIS_W), y - ink.u(8), ink.u(AXIS_W - 5), ink.u(16))
        draw_text(painter, label, shown, font, SUBTLE, RIGHT_MIDDLE, elide=False)
        value += step
    unit = QRectF(plot.left() - ink.u(AXIS_W), plot.top() - ink.u(TOP_LANE), ink.u(140), ink.u(14))
    draw_text(painter, unit, text("chart.calls.axis", language), font, SUBTLE, LEFT_MIDDLE)


def _paint_legend(
    painter: QPainter, rect: QRectF, plot: QRectF, language: Language, ink: Ink, heard: bool
) -> None:
    font = ink.font(FONT)
    y = plot.bottom() + ink.u(BOTTOM_LANE) + ink.u(2)
    x = plot.left()
    items = [(TEAL, text("chart.calls.calm", language)), (AMBER, text("chart.hasty", language))]
    if heard:
        items.append((CUSTOMER, text("chart.calls.customer", language)))
    for colour, label in items:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(x, y + ink.u(3), ink.u(10), ink.u(10)), ink.u(2), ink.u(2))
        draw_text(
            painter,
            QRectF(x + ink.u(14), y, ink.u(90), ink.u(16)),
            label,
            font,
            SUBTLE,
            LEFT_MIDDLE,
        )
        x += ink.u(14) + text_width(painter, font, label) + ink.u(16)
    cues = text("chart.calls.cue_count", language)
    draw_text(painter, QRectF(x, y, rect.right() - x, ink.u(16)), cues, font, FAINT, LEFT_MIDDLE)

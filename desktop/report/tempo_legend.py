"""The tempo chart's legend: a swatch and a label for every mark on the chart, laid out in as
many lines as the width needs (the chart reserves their height before it draws)."""

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF

from desktop.coaching.settings import Language
from desktop.report.draw import LEFT_MIDDLE, draw_text, text_width
from desktop.report.ink import (
    AMBER,
    AMBER_DEEP,
    CUSTOMER,
    FAINT,
    LINE,
    SUBTLE,
    TEAL,
    Ink,
    cue_colour,
    with_alpha,
)
from desktop.report.tempo_model import TempoChart
from desktop.report.texts import text
from desktop.store.intervals import INTERVAL_S
from desktop.summary.headline import cue_name
from desktop.summary.numbers import decimal

SMALL_FONT = 10.0
LINE_H = 16.0


def step_text(bucket_s: int | None) -> str:
    seconds = bucket_s or round(INTERVAL_S)
    return f"{seconds} s" if seconds < 60 else f"{seconds // 60} min"


Swatch = Callable[[QPainter, QRectF, Ink], None]


def legend_items(
    chart: TempoChart, step: str, language: Language
) -> list[tuple[Swatch, str, QColor]]:
    line = text("chart.tempo_line", language).format(step=step)
    items: list[tuple[Swatch, str, QColor]] = [(_line_swatch, line, SUBTLE)]
    if chart.customer_rates():
        items.append((_customer_swatch, text("chart.customer_tempo", language), SUBTLE))
    if chart.baseline_syl_s is not None:
        normal = decimal(chart.baseline_syl_s, language)
        items.append((_band_swatch, text("chart.normal", language).format(rate=normal), SUBTLE))
    threshold = decimal(chart.threshold_syl_s, language)
    items.append((_dash_swatch, text("chart.threshold", language).format(rate=threshold), SUBTLE))
    if not chart.whole_shift:
        return items  # the call's cues are listed under its chart
    counts: dict[str, int] = {}
    for mark in chart.cues:
        counts[mark.name] = counts.get(mark.name, 0) + 1
    for name, count in sorted(counts.items(), key=lambda item: -item[1]):
        items.append((_cue_swatch(name), f"{cue_name(name, language)} {count}", SUBTLE))
    axis = text("chart.hours" if chart.whole_shift else "chart.minutes", language)
    items.append((_no_swatch, axis, FAINT))
    return items


def _legend_lines(
    painter: QPainter, items: list[tuple[Swatch, str, QColor]], width: float, ink: Ink
) -> list[list[tuple[Swatch, str, QColor, float]]]:
    font = ink.font(SMALL_FONT)
    lines: list[list[tuple[Swatch, str, QColor, float]]] = [[]]
    used = ink.u(36)
    for swatch, label, colour in items:
        item_w = ink.u(22) + text_width(painter, font, label) + ink.u(14)
        if lines[-1] and used + item_w > width:
            lines.append([])
            used = ink.u(36)
        lines[-1].append((swatch, label, colour, item_w))
        used += item_w
    return lines


def legend_height(
    painter: QPainter, items: list[tuple[Swatch, str, QColor]], width: float, ink: Ink
) -> float:
    return len(_legend_lines(painter, items, width, ink)) * ink.u(LINE_H)


def paint_legend(
    painter: QPainter, items: list[tuple[Swatch, str, QColor]], rect: QRectF, ink: Ink
) -> None:
    font = ink.font(SMALL_FONT)
    y = rect.top()
    for line in _legend_lines(painter, items, rect.width(), ink):
        x = rect.left() + ink.u(36)
        for swatch, label, colour, item_w in line:
            swatch(painter, QRectF(x, y + ink.u(3), ink.u(16), ink.u(10)), ink)
            draw_text(
                painter,
                QRectF(x + ink.u(21), y, item_w, ink.u(LINE_H)),
                label,
                font,
                colour,
                LEFT_MIDDLE,
                elide=False,
            )
            x += item_w
        y += ink.u(LINE_H)


def _line_swatch(painter: QPainter, r: QRectF, ink: Ink) -> None:
    painter.setPen(QPen(LINE, ink.u(1.8)))
    painter.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()))


def _customer_swatch(painter: QPainter, r: QRectF, ink: Ink) -> None:
    pen = QPen(CUSTOMER, ink.u(1.4))
    pen.setDashPattern([3.0, 2.0])
    painter.setPen(pen)
    y = r.center().y()
    painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(CUSTOMER)
    for x in (r.left(), r.right()):
        painter.drawEllipse(QPointF(x, y), ink.u(2.0), ink.u(2.0))


def _band_swatch(painter: QPainter, r: QRectF, ink: Ink) -> None:
    painter.fillRect(r, with_alpha(TEAL, 46))
    painter.setPen(QPen(with_alpha(TEAL, 170), ink.u(1.2)))
    painter.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()))


def _dash_swatch(painter: QPainter, r: QRectF, ink: Ink) -> None:
    painter.fillRect(QRectF(r.left(), r.top(), r.width(), r.height() / 2), with_alpha(AMBER, 120))
    pen = QPen(AMBER_DEEP, ink.u(1.3))
    pen.setDashPattern([4.0, 3.0])
    painter.setPen(pen)
    painter.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()))


def _cue_swatch(name: str) -> Swatch:
    def swatch(painter: QPainter, r: QRectF, ink: Ink) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(cue_colour(name))
        c, s = r.center(), ink.u(5.0)
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(c.x() - s, c.y() - s * 0.8),
                    QPointF(c.x() + s, c.y() - s * 0.8),
                    QPointF(c.x(), c.y() + s * 0.8),
                ]
            )
        )

    return swatch


def _no_swatch(painter: QPainter, r: QRectF, ink: Ink) -> None:
    painter.setPen(QPen(FAINT, ink.u(1)))
    y = r.center().y()
    painter.drawLine(QPointF(r.left(), y), QPointF(r.right() - ink.u(3), y))
    painter.drawLine(QPointF(r.right() - ink.u(3), y), QPointF(r.right() - ink.u(7), y - ink.u(3)))
    painter.drawLine(QPointF(r.right() - ink.u(3), y), QPointF(r.right() - ink.u(7), y + ink.u(3)))

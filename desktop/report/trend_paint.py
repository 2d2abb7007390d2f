"""The trend over the last shifts, painted as small rows of bars: one row per skill, one bar
per shift (oldest left), the shift on show in teal and its value at the row's end. A shift
in which a skill was not measured gets a short grey dash, not an empty bar that reads as 0.
"""

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from desktop.coaching.settings import Language
from desktop.report.draw import CENTRE, LEFT_MIDDLE, RIGHT_MIDDLE, draw_text
from desktop.report.ink import FAINT, GRID, MUTED_BAR, SUBTLE, TEAL, TEXT, Ink
from desktop.report.texts import clock_time, short_date, text
from desktop.summary.numbers import decimal, percent
from desktop.summary.trend import TrendPoint

LABEL_W = 118.0
VALUE_W = 40.0
DATE_LANE = 16.0
FONT = 10.0
MAX_BAR_W = 16.0

Metric = tuple[str, Callable[[TrendPoint], float | None], bool, float]
"""(text key, value of a shift, is a share 0-1, the least value a full bar stands for).
Shares of skills are drawn on 0-100 %; the hurried share, small on a good day, on at least
0-30 %, so that a change from 5 % to 15 % is visible."""
METRICS: tuple[Metric, ...] = (
    ("trend.hasty", lambda p: p.hasty_share, True, 0.3),
    ("trend.key_points", lambda p: p.key_points_paused_share, True, 1.0),
    ("trend.acknowledged", lambda p: p.acknowledged_share, True, 1.0),
    ("trend.cues", lambda p: p.cues_per_call, False, 1.0),
)


def paint_trend(
    painter: QPainter,
    rect: QRectF,
    points: tuple[TrendPoint, ...],
    current_shift: int | None,
    language: Language,
    ink: Ink,
) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    row_h = (rect.height() - ink.u(DATE_LANE)) / len(METRICS)
    bars = QRectF(
        rect.left() + ink.u(LABEL_W),
        rect.top(),
        rect.width() - ink.u(LABEL_W + VALUE_W),
        rect.height() - ink.u(DATE_LANE),
    )
    current = next((p for p in points if p.shift_id == current_shift), None)
    for k, (key, value_of, is_share, full) in enumerate(METRICS):
        row = QRectF(rect.left(), rect.top() + k * row_h, rect.width(), row_h)
        label = QRectF(row.left(), row.top(), ink.u(LABEL_W - 8), row.height())
        draw_text(painter, label, text(key, language), ink.font(FONT), SUBTLE, LEFT_MIDDLE)
        lane = QRectF(bars.left(), row.top() + ink.u(4), bars.width(), row.height() - ink.u(8))
        _paint_row(painter, lane, points, value_of, full, current_shift, ink)
        value = value_of(current) if current is not None else None
        shown = "—" if value is None else (percent(value) if is_share else decimal(value, language))
        box = QRectF(row.right() - ink.u(VALUE_W), row.top(), ink.u(VALUE_W), row.height())
        draw_text(painter, box, shown, ink.font(FONT + 1, bold=True), TEXT, RIGHT_MIDDLE)
    dates = QRectF(bars.left(), bars.bottom(), bars.width(), ink.u(DATE_LANE))
    font = ink.font(FONT - 0.5)
    if len(points) < 2:
        draw_text(painter, dates, text("chart.trend.one", language), font, FAINT, CENTRE)
    else:
        first, last = (
            short_date(points[0].started_utc, language),
            short_date(points[-1].started_utc, language),
        )
        if first == last:  # shifts of one day: their start times tell them apart
            first += f" {clock_time(points[0].started_utc)}"
            last += f" {clock_time(points[-1].started_utc)}"
        draw_text(painter, dates, first, font, FAINT, LEFT_MIDDLE)
        draw_text(painter, dates, last, font, FAINT, RIGHT_MIDDLE)
    painter.restore()


def _paint_row(
    painter: QPainter,
    lane: QRectF,
    points: tuple[TrendPoint, ...],
    value_of: Callable[[TrendPoint], float | None],
    full: float,
    current_shift: int | None,
    ink: Ink,
) -> None:
    painter.setPen(QPen(GRID, ink.u(1)))
    painter.drawLine(QPointF(lane.left(), lane.bottom()), QPointF(lane.right(), lane.bottom()))
    if not points:
        return
    values = [value_of(p) for p in points]
    top = max([v for v in values if v is not None] + [full])
    slot_w = lane.width() / len(points)
    width = min(slot_w * 0.62, ink.u(MAX_BAR_W))
    for k, (point, value) in enumerate(zip(points, values, strict=True)):
        centre_x = lane.left() + (k + 0.5) * slot_w
        colour = TEAL if point.shift_id == current_shift else MUTED_BAR
        if value is None:
            painter.setPen(QPen(FAINT, ink.u(1.4)))
            y = lane.bottom() - ink.u(2)
            painter.drawLine(QPointF(centre_x - width / 3, y), QPointF(centre_x + width / 3, y))
            continue
        height = max(ink.u(1.5), value / top * lane.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        radius = min(ink.u(2), width / 3)
        painter.drawRoundedRect(
            QRectF(centre_x - width / 2, lane.bottom() - height, width, height), radius, radius
        )

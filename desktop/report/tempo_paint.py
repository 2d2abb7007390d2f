"""The tempo chart, painted: tempo per interval against the agent's normal and the haste line.

Read from the back to the front: the calls as alternating shades (the chosen one teal), the
agent's normal as a teal band (±10 %, about the smallest tempo change a listener hears), the
haste threshold as an amber dashed line, the tempo as a dark line whose hurried stretches are
filled and drawn amber, the customer's tempo in each call (where the customer channel was
heard) as a light dashed level under the agent's line, and the cues as coloured triangles
above the plot (in a call's chart with a faint line down to the moment they were shown). A
legend under the chart names every mark.
"""

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from desktop.coaching.settings import Language
from desktop.report.draw import CENTRE, LEFT_MIDDLE, RIGHT_MIDDLE, draw_text
from desktop.report.ink import (
    AMBER,
    AMBER_DEEP,
    CALL_SHADE,
    CUSTOMER,
    FAINT,
    GRID,
    LINE,
    SUBTLE,
    TEAL,
    TEAL_SOFT,
    Ink,
    cue_colour,
    with_alpha,
)
from desktop.report.tempo_legend import legend_height, legend_items, paint_legend, step_text
from desktop.report.tempo_model import TempoChart, bucketed, joined
from desktop.report.texts import elapsed, text
from desktop.summary.numbers import decimal
from desktop.summary.tempo import TempoPoint

NORMAL_BAND = 0.10
"""The band around the agent's normal: ±10 %, about the tempo JND (DESIGN.md)."""
POINT_SPACING = 4.0
"""Layout units per tempo point at least: a longer shift is bucketed to this."""
TICK_STEPS_S = (10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200)
BUCKETS_S = (30, 60, 120, 300, 600, 900, 1800, 3600)
"""A whole shift's line is drawn per bucket of one of these (at least 30 s: the tempo of a
single 10-s interval jumps with every customer turn); a call's line per 10-s interval."""
LABEL_SPACING = 56.0
FONT = 11.0
SMALL_FONT = 10.0


@dataclass(frozen=True, slots=True)
class _Frame:
    plot: QRectF
    start_s: float
    span_s: float
    low_syl_s: float
    high_syl_s: float

    def x(self, t_s: float) -> float:
        return self.plot.left() + (t_s - self.start_s) / self.span_s * self.plot.width()

    def y(self, rate_syl_s: float) -> float:
        share = (rate_syl_s - self.low_syl_s) / (self.high_syl_s - self.low_syl_s)
        return self.plot.bottom() - share * self.plot.height()


def paint_tempo_chart(
    painter: QPainter, rect: QRectF, chart: TempoChart, language: Language, ink: Ink
) -> None:
    """Paint `chart` into `rect` (legend included)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    bucket_s = _bucket_s(chart, rect.width() - ink.u(44), ink)
    legend = legend_items(chart, step_text(bucket_s), language)
    legend_h = legend_height(painter, legend, rect.width(), ink)
    plot = QRectF(
        rect.left() + ink.u(36),
        rect.top() + ink.u(16),
        rect.width() - ink.u(44),
        rect.height() - ink.u(16) - ink.u(20) - legend_h,
    )
    frame = _frame(chart, plot)
    _paint_calls(painter, frame, chart, ink)
    _paint_grid(painter, frame, language, ink)
    rates = chart.rates()
    if rates:
        _paint_normal(painter, frame, chart, ink)
        _paint_customer(painter, frame, chart, ink)
        _paint_tempo(painter, frame, chart, bucket_s, ink)
    else:
        draw_text(painter, plot, text("chart.no_tempo", language), ink.font(FONT), FAINT, CENTRE)
    _paint_cues(painter, frame, chart, ink)
    _paint_time_axis(painter, frame, chart, ink)
    paint_legend(
        painter, legend, QRectF(rect.left(), plot.bottom() + ink.u(22), rect.width(), legend_h), ink
    )
    painter.restore()


def _frame(chart: TempoChart, plot: QRectF) -> _Frame:
    values = chart.rates() + chart.customer_rates() + [chart.threshold_syl_s]
    if chart.baseline_syl_s is not None:
        values += [
            chart.baseline_syl_s * (1 - NORMAL_BAND),
            chart.baseline_syl_s * (1 + NORMAL_BAND),
        ]
    low = max(0.0, math.floor(min(values) - 0.3))
    high = math.ceil(max(values) + 0.3)
    return _Frame(plot, chart.start_s, chart.span_s, low, max(high, low + 1.0))


def _paint_calls(painter: QPainter, f: _Frame, chart: TempoChart, ink: Ink) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    for k, call in enumerate(chart.calls):
        left, right = max(f.x(call.start_s), f.plot.left()), min(f.x(call.end_s), f.plot.right())
        band = QRectF(left, f.plot.top(), max(right - left, ink.u(1)), f.plot.height())
        if call.number == chart.highlight_call:
            painter.fillRect(band, TEAL_SOFT)
            painter.fillRect(QRectF(left, f.plot.top(), band.width(), ink.u(2.5)), TEAL)
        elif chart.whole_shift and k % 2 == 1:
            painter.fillRect(band, CALL_SHADE)
        if chart.whole_shift and band.width() >= ink.u(18):
            label = QRectF(left, f.plot.bottom() - ink.u(15), band.width(), ink.u(14))
            draw_text(painter, label, str(call.label), ink.font(9.0), FAINT, CENTRE, elide=False)


def _paint_grid(painter: QPainter, f: _Frame, language: Language, ink: Ink) -> None:
    step = 0.5 if f.high_syl_s - f.low_syl_s <= 2.5 else 1.0
    value = math.ceil(f.low_syl_s / step) * step
    painter.setPen(QPen(GRID, ink.u(1)))
    font = ink.font(SMALL_FONT)
    while value <= f.high_syl_s + 1e-9:
        y = f.y(value)
        painter.setPen(QPen(GRID, ink.u(1)))
        painter.drawLine(QPointF(f.plot.left(), y), QPointF(f.plot.right(), y))
        label = QRectF(f.plot.left() - ink.u(34), y - ink.u(8), ink.u(28), ink.u(16))
        shown = decimal(value, language, 1 if step < 1 else 0)
        draw_text(painter, label, shown, font, SUBTLE, RIGHT_MIDDLE, elide=False)
        value += step
    unit = QRectF(f.plot.left() - ink.u(34), f.plot.top() - ink.u(16), ink.u(80), ink.u(14))
    draw_text(painter, unit, text("unit.rate", language), font, SUBTLE, LEFT_MIDDLE)


def _paint_normal(painter: QPainter, f: _Frame, chart: TempoChart, ink: Ink) -> None:
    baseline = chart.baseline_syl_s
    if baseline is not None:
        top, bottom = f.y(baseline * (1 + NORMAL_BAND)), f.y(baseline * (1 - NORMAL_BAND))
        painter.fillRect(
            QRectF(f.plot.left(), top, f.plot.width(), bottom - top), with_alpha(TEAL, 46)
        )
        painter.setPen(QPen(with_alpha(TEAL, 170), ink.u(1.2)))
        y = f.y(baseline)
        painter.drawLine(QPointF(f.plot.left(), y), QPointF(f.plot.right(), y))
    pen = QPen(AMBER_DEEP, ink.u(1.3))
    pen.setDashPattern([4.0, 3.0])
    painter.setPen(pen)
    y = f.y(chart.threshold_syl_s)
    painter.drawLine(QPointF(f.plot.left(), y), QPointF(f.plot.right(), y))


def _bucket_s(chart: TempoChart, plot_w: float, ink: Ink) -> int | None:
    """Seconds per point of the line: None (every 10-s interval) for a call."""
    if not chart.whole_shift:
        return None
    needed_s = chart.span_s * ink.u(POINT_SPACING) / max(plot_w, 1.0)
    return next((b for b in BUCKETS_S if b >= needed_s), BUCKETS_S[-1])


def _paint_tempo(
    painter: QPainter, f: _Frame, chart: TempoChart, bucket_s: int | None, ink: Ink
) -> None:
    points: list[TempoPoint] = list(chart.points)
    if bucket_s is not None:
        points = bucketed(points, float(bucket_s))
    runs = [
        [QPointF(f.x((p.start_s + p.end_s) / 2), f.y(p.rate_syl_s or 0.0)) for p in run]
        for run in joined(points)
    ]
    above = QRectF(
        f.plot.left(),
        f.plot.top() - ink.u(20),
        f.plot.width(),
        f.y(chart.threshold_syl_s) - f.plot.top() + ink.u(20),
    )
    threshold_y = f.y(chart.threshold_syl_s)
    painter.save()
    painter.setClipRect(above)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(with_alpha(AMBER, 120))
    for run in runs:
        if len(run) > 1:
            area = QPolygonF(
                [QPointF(run[0].x(), threshold_y), *run, QPointF(run[-1].x(), threshold_y)]
            )
            painter.drawPolygon(area)
    painter.restore()
    _stroke(painter, runs, LINE, ink)
    painter.save()
    painter.setClipRect(above)
    _stroke(painter, runs, AMBER_DEEP, ink)
    painter.restore()


def _paint_customer(painter: QPainter, f: _Frame, chart: TempoChart, ink: Ink) -> None:
    """The customer's tempo in each call: a light dashed level across the call's span (its
    talk, not the silence after it), with a dot at each end, beneath the agent's line."""
    pen = QPen(CUSTOMER, ink.u(1.6))
    pen.setDashPattern([3.0, 2.0])
    for call in chart.calls:
        if call.customer_rate_syl_s is None:
            continue
        talk = [p for p in chart.points if p.call_number == call.number and p.talk_s > 0]
        start_s = talk[0].start_s if talk else call.start_s
        end_s = talk[-1].end_s if talk else call.end_s
        left = max(f.x(start_s), f.plot.left())
        right = min(f.x(end_s), f.plot.right())
        y = f.y(call.customer_rate_syl_s)
        painter.setPen(pen)
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(CUSTOMER)
        for x in (left, right):
            painter.drawEllipse(QPointF(x, y), ink.u(2.0), ink.u(2.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)


def _stroke(painter: QPainter, runs: list[list[QPointF]], colour: QColor, ink: Ink) -> None:
    pen = QPen(colour, ink.u(1.8))
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for run in runs:
        if len(run) == 1:
            painter.setBrush(colour)
            painter.drawEllipse(run[0], ink.u(2.2), ink.u(2.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            continue
        path = QPainterPath(run[0])
        for point in run[1:]:
            path.lineTo(point)
        painter.drawPath(path)


def _paint_cues(painter: QPainter, f: _Frame, chart: TempoChart, ink: Ink) -> None:
    size = ink.u(5.0)
    for mark in chart.cues:
        x = f.x(mark.t_s)
        if not f.plot.left() - 1 <= x <= f.plot.right() + 1:
            continue
        colour = cue_colour(mark.name)
        if not chart.whole_shift:  # a whole shift's cues would hatch the plot
            painter.setPen(QPen(with_alpha(colour, 90), ink.u(1)))
            painter.drawLine(QPointF(x, f.plot.top()), QPointF(x, f.plot.bottom()))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        top = f.plot.top() - ink.u(2)
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(x - size, top - size * 1.6),
                    QPointF(x + size, top - size * 1.6),
                    QPointF(x, top),
                ]
            )
        )


def _paint_time_axis(painter: QPainter, f: _Frame, chart: TempoChart, ink: Ink) -> None:
    painter.setPen(QPen(GRID.darker(115), ink.u(1)))
    painter.drawLine(
        QPointF(f.plot.left(), f.plot.bottom()), QPointF(f.plot.right(), f.plot.bottom())
    )
    step = next(
        (s for s in TICK_STEPS_S if s / f.span_s * f.plot.width() >= ink.u(LABEL_SPACING)),
        TICK_STEPS_S[-1],
    )
    origin = chart.origin_s
    t = math.ceil((chart.start_s - origin) / step) * step + origin
    font = ink.font(SMALL_FONT)
    while t <= chart.start_s + f.span_s + 1e-6:
        x = f.x(t)
        painter.setPen(QPen(GRID.darker(115), ink.u(1)))
        painter.drawLine(QPointF(x, f.plot.bottom()), QPointF(x, f.plot.bottom() + ink.u(3)))
        label = QRectF(x - ink.u(30), f.plot.bottom() + ink.u(4), ink.u(60), ink.u(14))
        shown = _time_label(t - origin, chart.whole_shift, step)
        draw_text(painter, label, shown, font, SUBTLE, CENTRE)
        t += step


def _time_label(seconds: float, whole_shift: bool, step_s: float = 60.0) -> str:
    """Hours and minutes ("1:05") along a shift with ticks a minute or more apart; with
    closer ticks minutes and seconds ("0:10", "1:05:30"), so no two labels read the same."""
    total = round(seconds)
    if whole_shift and step_s >= 60:
        return f"{total // 3600}:{total % 3600 // 60:02d}"
    return elapsed(total)

"""The one-page A4 report of a shift, for a coaching conversation: title and date, the
feedback, the headline tiles, the tempo chart, a few sentences on how the agent and the
customer shared the calls, the per-call bars and the recent trend.

Painted with QPdfWriter and the same painters as the window, at a smaller scale (`PANEL`):
one layout unit of the window's charts is 0.72 pt on paper, so a chart keeps its proportions.
Page geometry below is in points (1/72 inch).
"""

import errno
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from desktop.coaching.settings import Language
from desktop.report.bars_paint import paint_call_bars
from desktop.report.draw import LEFT_MIDDLE, draw_text, draw_wrapped, wrapped_height
from desktop.report.ink import AMBER_DEEP, FAINT, SUBTLE, TEAL, TEAL_SOFT, TEXT, Ink
from desktop.report.story import feedback_lines, haste_caption, subtitle, title
from desktop.report.tempo_model import shift_chart
from desktop.report.tempo_paint import paint_tempo_chart
from desktop.report.texts import text
from desktop.report.tile_paint import paint_tile
from desktop.report.tiles import headline_tiles
from desktop.report.trend_paint import paint_trend
from desktop.summary.listening import listening_sentences
from desktop.summary.load import ShiftSummary
from desktop.summary.trend import TrendPoint

RESOLUTION_DPI = 300
PAGE_W_PT = 595.28
PAGE_H_PT = 841.89
MARGIN_PT = 40.0
PANEL = 0.72
"""Points per layout unit of the shared painters (tiles, charts) on paper."""
TILE_H_PT = 70.0
GAP_PT = 7.0


def write_shift_pdf(
    summary: ShiftSummary, trend: tuple[TrendPoint, ...], path: Path, language: Language
) -> None:
    """Write the report to `path` (raises OSError when it cannot be written). Needs a
    QGuiApplication (`desktop.report.headless.ensure_gui_application`)."""
    path.open("wb").close()  # a missing folder or a read-only place: the OS says why
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setTitle(f"Speech Coach — {title(summary, language)}")
    writer.setCreator("Speech Coach")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(errno.EIO, "Qt could not start the PDF", str(path))
    try:
        _paint_page(painter, summary, trend, language, writer.width() / PAGE_W_PT)
    finally:
        painter.end()


def _paint_page(
    painter: QPainter,
    summary: ShiftSummary,
    trend: tuple[TrendPoint, ...],
    language: Language,
    px_per_pt: float,
) -> None:
    pt = Ink(px_per_pt)
    panel = Ink(px_per_pt * PANEL)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    left, width = pt.u(MARGIN_PT), pt.u(PAGE_W_PT - 2 * MARGIN_PT)

    y = pt.u(MARGIN_PT)
    kicker = text("report.kicker", language).upper()
    draw_text(painter, QRectF(left, y, width, pt.u(12)), kicker, pt.font(8, bold=True), TEAL)
    y += pt.u(14)
    draw_text(
        painter,
        QRectF(left, y, width, pt.u(28)),
        title(summary, language),
        pt.font(20, bold=True),
        TEXT,
    )
    y += pt.u(28)
    draw_text(
        painter, QRectF(left, y, width, pt.u(14)), subtitle(summary, language), pt.font(10), SUBTLE
    )
    y += pt.u(24)

    y = _paint_feedback(painter, summary, language, QRectF(left, y, width, 0), pt) + pt.u(12)

    tiles = headline_tiles(summary.figures, language, summary.feedback.tip)
    tile_w = (width - 3 * pt.u(GAP_PT)) / 4
    for k, tile in enumerate(tiles):
        row, column = divmod(k, 4)
        box = QRectF(
            left + column * (tile_w + pt.u(GAP_PT)),
            y + row * (pt.u(TILE_H_PT) + pt.u(GAP_PT)),
            tile_w,
            pt.u(TILE_H_PT),
        )
        paint_tile(painter, box, tile, panel)
    y += 2 * pt.u(TILE_H_PT) + pt.u(GAP_PT) + pt.u(18)

    y = _heading(
        painter,
        text("chart.tempo", language),
        haste_caption(summary.calls, language),
        left,
        y,
        width,
        pt,
    )
    chart_h = pt.u(165)
    paint_tempo_chart(
        painter, QRectF(left, y, width, chart_h), shift_chart(summary), language, panel
    )
    y += chart_h + pt.u(12)
    y = _paint_listening(painter, summary, language, QRectF(left, y, width, 0), pt) + pt.u(12)

    bars_w = width * 0.56
    trend_left = left + bars_w + pt.u(24)
    trend_w = left + width - trend_left
    bottom_h = pt.u(PAGE_H_PT - MARGIN_PT - 22) - y - pt.u(18)
    _heading(painter, text("chart.calls", language), None, left, y, bars_w, pt)
    y_after = _heading(painter, text("chart.trend", language), None, trend_left, y, trend_w, pt)
    paint_call_bars(
        painter, QRectF(left, y_after, bars_w, bottom_h), summary.calls, language, panel
    )
    shift_id = summary.figures.shift_id
    paint_trend(
        painter, QRectF(trend_left, y_after, trend_w, bottom_h), trend, shift_id, language, panel
    )

    footer = text("report.footer", language).format(shift=shift_id)
    foot = QRectF(left, pt.u(PAGE_H_PT - MARGIN_PT - 12), width, pt.u(12))
    draw_text(painter, foot, footer, pt.font(7.5), FAINT)


def _heading(
    painter: QPainter, heading: str, note: str | None, left: float, y: float, width: float, pt: Ink
) -> float:
    draw_text(painter, QRectF(left, y, width, pt.u(16)), heading, pt.font(11.5, bold=True), TEXT)
    y += pt.u(17)
    if note:
        draw_text(painter, QRectF(left, y, width, pt.u(13)), note, pt.font(9), AMBER_DEEP)
        y += pt.u(14)
    return y + pt.u(2)


def _paint_listening(
    painter: QPainter, summary: ShiftSummary, language: Language, area: QRectF, pt: Ink
) -> float:
    """The "you and the customer" sentences under a heading, one per line; returns the
    bottom."""
    y = _heading(
        painter,
        text("listening.heading", language),
        None,
        area.left(),
        area.top(),
        area.width(),
        pt,
    )
    font = pt.font(9.5)
    sentences = listening_sentences(summary.figures, summary.calls, language)
    for sentence in sentences:
        shown = f"•  {sentence}" if len(sentences) > 1 else sentence
        y += draw_wrapped(
            painter, QRectF(area.left(), y, area.width(), pt.u(60)), shown, font, TEXT
        )
        y += pt.u(2)
    return y


def _paint_feedback(
    painter: QPainter, summary: ShiftSummary, language: Language, area: QRectF, pt: Ink
) -> float:
    """The feedback box; returns its bottom."""
    lines = feedback_lines(summary, language)
    inner_w = area.width() - pt.u(36)
    heading_font, body_font = pt.font(8.5, bold=True), pt.font(11)
    height = pt.u(14)
    for line in lines:
        if line.heading:
            height += pt.u(13)
        height += wrapped_height(painter, inner_w, line.sentence, body_font) + pt.u(8)
    height += pt.u(4)
    box = QRectF(area.left(), area.top(), area.width(), height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(TEAL_SOFT)
    painter.drawRoundedRect(box, pt.u(8), pt.u(8))
    painter.setBrush(TEAL)
    painter.drawRoundedRect(
        QRectF(box.left(), box.top(), pt.u(5), box.height()), pt.u(2.5), pt.u(2.5)
    )
    y = box.top() + pt.u(12)
    x = box.left() + pt.u(20)
    for line in lines:
        colour = TEAL if line.kind == "praise" else AMBER_DEEP
        if line.heading:
            draw_text(
                painter,
                QRectF(x, y, inner_w, pt.u(12)),
                line.heading.upper(),
                heading_font,
                colour,
                LEFT_MIDDLE,
            )
            y += pt.u(13)
        used = draw_wrapped(
            painter, QRectF(x, y, inner_w, pt.u(200)), line.sentence, body_font, TEXT
        )
        y += used + pt.u(8)
    return box.bottom()

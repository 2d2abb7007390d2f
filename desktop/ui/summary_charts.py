"""The summary window's charts: thin widgets around the report's painters, so the window and
the PDF draw the same pictures. Clicking a call's bar chooses that call."""

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.coaching.settings import Language
from desktop.report.bars_paint import bar_at, paint_call_bars
from desktop.report.ink import Ink
from desktop.report.tempo_model import TempoChart
from desktop.report.tempo_paint import paint_tempo_chart
from desktop.report.trend_paint import paint_trend
from desktop.summary.calls import CallBar
from desktop.summary.trend import TrendPoint


class _Chart(QWidget):
    def __init__(self, min_height_px: int) -> None:
        super().__init__()
        self.setMinimumHeight(min_height_px)
        self.setMinimumWidth(240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.language: Language = "nl"

    def sizeHint(self) -> QSize:
        return QSize(480, self.minimumHeight())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.paint(painter, QRectF(self.rect()).adjusted(4, 4, -4, -4))
        painter.end()

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        raise NotImplementedError


class TempoChartView(_Chart):
    """Tempo over the shift or over one call (`desktop.report.tempo_paint`)."""

    def __init__(self, min_height_px: int = 210) -> None:
        super().__init__(min_height_px)
        self.chart: TempoChart | None = None

    def set_chart(self, chart: TempoChart | None, language: Language) -> None:
        self.chart = chart
        self.language = language
        self.update()

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        if self.chart is not None:
            paint_tempo_chart(painter, rect, self.chart, self.language, Ink())


class CallBarsView(_Chart):
    """A bar per call; a click on one emits its call number."""

    call_clicked = Signal(int)

    def __init__(self, min_height_px: int = 160) -> None:
        super().__init__(min_height_px)
        self.bars: tuple[CallBar, ...] = ()
        self.highlight_call: int | None = None
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_bars(
        self, bars: tuple[CallBar, ...], language: Language, highlight_call: int | None
    ) -> None:
        self.bars = bars
        self.language = language
        self.highlight_call = highlight_call
        self.update()

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        paint_call_bars(painter, rect, self.bars, self.language, Ink(), self.highlight_call)

    def call_at(self, x_px: float) -> int | None:
        return bar_at(QRectF(self.rect()).adjusted(4, 4, -4, -4), self.bars, x_px, Ink())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        number = self.call_at(event.position().x())
        if event.button() == Qt.MouseButton.LeftButton and number is not None:
            self.call_clicked.emit(number)


class TrendView(_Chart):
    """The last shifts, a row of bars per skill (`desktop.report.trend_paint`)."""

    def __init__(self, min_height_px: int = 160) -> None:
        super().__init__(min_height_px)
        self.points: tuple[TrendPoint, ...] = ()
        self.current_shift: int | None = None

    def set_trend(
        self, points: tuple[TrendPoint, ...], current_shift: int | None, language: Language
    ) -> None:
        self.points = points
        self.current_shift = current_shift
        self.language = language
        self.update()

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        paint_trend(painter, rect, self.points, self.current_shift, self.language, Ink())

"""The shift summary window: how a shift went, at a glance, and every call behind it.

Left, the story: above the fold only the feedback (what went well, one thing to try) and the
tempo through the shift with the cues on it; a scroll away, for the agent who wants them, a
few sentences on how the agent and the customer shared the calls, the headline tiles, a bar
per call and the last shifts. The window fits the screen it opens on (1366×768 is still
common on call-centre PCs) and scrolls for the rest. Right, the calls: choosing one (in the
list, or by clicking its bar) shows its tempo and its cues with the evidence, and marks it on
the charts. On top, a picker of past shifts (newest first) and
the exports: the raw figures as CSV and the one-page PDF report.

The window reads the store only in `reload` and `show_shift`; it never writes to it. Paths to
export to come from the `choose_*_path` functions (the save dialog by default).
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.coaching.settings import Language
from desktop.report.pdf import write_shift_pdf
from desktop.report.story import (
    HASTY_CALL_SHARE,
    feedback_lines,
    haste_caption,
    subtitle,
    title,
)
from desktop.report.tempo_model import shift_chart
from desktop.report.texts import calls_text, clock_time, short_date, text
from desktop.report.tiles import headline_tiles
from desktop.store.history import HistoryStore
from desktop.store.records import ShiftOverview
from desktop.summary.calls import MIN_CALL_TALK_S
from desktop.summary.export import write_csv
from desktop.summary.listening import listening_sentences
from desktop.summary.load import TREND_SHIFTS, ShiftSummary, load_summary, load_trend
from desktop.summary.numbers import duration
from desktop.summary.trend import TrendPoint
from desktop.ui.icons import state_pixmap
from desktop.ui.status import TrayState
from desktop.ui.summary_calls import CallDetail, CallList
from desktop.ui.summary_charts import CallBarsView, TempoChartView, TrendView
from desktop.ui.summary_export import (
    ChooseSavePath,
    ask_for_csv_path,
    ask_for_pdf_path,
    suggested_path,
)
from desktop.ui.summary_feedback import FeedbackBanner
from desktop.ui.summary_listening import ListeningNotes
from desktop.ui.summary_style import STYLE
from desktop.ui.summary_tiles import TileGrid

WINDOW_SIZE_PX = (1320, 940)
"""The size wanted on a large screen; smaller screens get what fits (`fit_into`)."""
MINIMUM_SIZE_PX = (900, 560)
SCREEN_MARGIN_PX = 24
TITLE_BAR_PX = 40
"""Room left for the window manager's title bar, which the available area includes."""
SIDE_PANEL_PX = 380
TEMPO_CHART_PX = 230


class SummaryWindow(QWidget):
    """See the module docstring. `shift_id` None shows the newest shift."""

    shift_shown = Signal(int)
    """The id of the shift now on show."""
    exported = Signal(str, Path)
    """("csv" or "pdf", the file written)."""
    closed = Signal()

    def __init__(
        self,
        store: HistoryStore,
        language: Language = "nl",
        shift_id: int | None = None,
        *,
        choose_csv_path: ChooseSavePath = ask_for_csv_path,
        choose_pdf_path: ChooseSavePath = ask_for_pdf_path,
        trend_shifts: int = TREND_SHIFTS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._language: Language = language
        self._choose_csv_path = choose_csv_path
        self._choose_pdf_path = choose_pdf_path
        self._trend_shifts = trend_shifts
        self._summary: ShiftSummary | None = None
        self._trend: tuple[TrendPoint, ...] = ()
        self._overviews: list[ShiftOverview] = []
        self._call: int | None = None
        self.setStyleSheet(STYLE)
        self.setMinimumSize(*MINIMUM_SIZE_PX)
        self.fit_into(self.screen().availableGeometry())
        self._build()
        self.reload(shift_id)

    # --- public -------------------------------------------------------------------------

    @property
    def summary(self) -> ShiftSummary | None:
        """The shift on show (None: the history is empty)."""
        return self._summary

    @property
    def chosen_call(self) -> int | None:
        return self._call

    @property
    def showing_empty_state(self) -> bool:
        return self.pages.currentWidget() is self.empty_page

    def fit_into(self, area: QRect) -> None:
        """Take the wanted size, or as much of `area` (a screen's available geometry) as
        there is, and sit inside it: the bottom edge and the close button stay reachable."""
        width = min(WINDOW_SIZE_PX[0], area.width() - 2 * SCREEN_MARGIN_PX)
        height = min(WINDOW_SIZE_PX[1], area.height() - SCREEN_MARGIN_PX - TITLE_BAR_PX)
        self.resize(max(width, MINIMUM_SIZE_PX[0]), max(height, MINIMUM_SIZE_PX[1]))
        self.move(
            area.left() + max(0, (area.width() - self.width()) // 2),
            area.top() + max(0, (area.height() - self.height() - TITLE_BAR_PX) // 2),
        )

    def reload(self, shift_id: int | None = None) -> None:
        """Read the list of shifts and the trend again (e.g. after a shift ended) and show
        `shift_id`, else the shift on show, else the newest."""
        self._overviews = self._store.shift_overviews(MIN_CALL_TALK_S)
        self._trend = load_trend(self._store, self._trend_shifts)
        self._fill_picker()
        known = {o.shift.shift_id for o in self._overviews}
        current = self._summary.figures.shift_id if self._summary else None
        wanted = next((s for s in (shift_id, current) if s in known), None)
        if wanted is None and self._overviews:
            wanted = self._overviews[0].shift.shift_id
        if wanted is None:
            self._summary = None
            self._render()
            return
        self.show_shift(wanted)

    def show_shift(self, shift_id: int) -> bool:
        """Show shift `shift_id`; False (and nothing changes) when there is no such shift."""
        found = load_summary(self._store, shift_id)
        if found is None:
            return False
        self._summary = found
        self._call = _most_hurried_call(found)
        self._select_in_picker(shift_id)
        self._render()
        self.shift_shown.emit(shift_id)
        return True

    def choose_call(self, number: int | None) -> None:
        """Show call `number` in the detail panel and mark it on the charts."""
        if self._summary is None:
            return
        if number is not None and number not in {b.number for b in self._summary.calls}:
            return
        self._call = number
        self._render_call()

    def set_language(self, language: Language) -> None:
        self._language = language
        self._fill_picker()
        if self._summary is not None:
            self._select_in_picker(self._summary.figures.shift_id)
        self._render()

    def export_csv(self) -> Path | None:
        """Ask where, write the shift's raw figures as CSV; the path written, or None."""
        summary = self._summary
        if summary is None:
            return None
        suggested = suggested_path(summary.figures, ".csv", self._language)
        path = self._choose_csv_path(self, self._t("window.csv_title"), suggested)
        if path is None:
            return None
        return self._saved("csv", path, lambda: write_csv(summary.history, path))

    def export_pdf(self) -> Path | None:
        """Ask where, write the one-page PDF report; the path written, or None."""
        summary = self._summary
        if summary is None:
            return None
        suggested = suggested_path(summary.figures, ".pdf", self._language)
        path = self._choose_pdf_path(self, self._t("window.pdf_title"), suggested)
        if path is None:
            return None
        trend, language = self._trend, self._language
        return self._saved("pdf", path, lambda: write_shift_pdf(summary, trend, path, language))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        event.accept()

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        self.title_label = _label("", "title")
        self.subtitle_label = _label("", "subtitle")
        self.shift_label = _label("", "hint")
        self.shift_picker = QComboBox()
        self.shift_picker.currentIndexChanged.connect(self._picked)
        self.csv_button = QPushButton()
        self.csv_button.clicked.connect(self.export_csv)
        self.pdf_button = QPushButton()
        self.pdf_button.setObjectName("primary")
        self.pdf_button.clicked.connect(self.export_pdf)
        self.status_label = _label("", "status")
        self.status_label.hide()

        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.title_label)
        heading.addWidget(self.subtitle_label)
        header = QHBoxLayout()
        header.setSpacing(10)
        header.addLayout(heading, 1)
        header.addWidget(self.shift_label)
        header.addWidget(self.shift_picker)
        header.addWidget(self.csv_button)
        header.addWidget(self.pdf_button)

        self.pages = QStackedWidget()
        self.empty_page = self._build_empty_page()
        self.dashboard = self._build_dashboard()
        self.pages.addWidget(self.empty_page)
        self.pages.addWidget(self.dashboard)

        page = QWidget()
        page.setObjectName("summaryPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.status_label)
        layout.addWidget(self.pages, 1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

    def _build_dashboard(self) -> QWidget:
        self.feedback = FeedbackBanner()
        self.tiles = TileGrid()
        self.tempo_heading = _label("", "heading")
        self.haste_caption = _label("", "caption")
        self.tempo_chart = TempoChartView(TEMPO_CHART_PX)
        self.listening_heading = _label("", "heading")
        self.listening = ListeningNotes()
        self.calls_chart_heading = _label("", "heading")
        self.call_bars = CallBarsView()
        self.call_bars.call_clicked.connect(self._bar_clicked)
        self.trend_heading = _label("", "heading")
        self.trend_view = TrendView()
        self.calls_heading = _label("", "heading")
        self.call_list = CallList()
        self.call_list.setMinimumHeight(220)
        self.call_list.call_chosen.connect(self.choose_call)
        self.call_detail = CallDetail()

        bottom = QHBoxLayout()
        bottom.setSpacing(12)
        bottom.addWidget(_card(self.calls_chart_heading, self.call_bars), 3)
        self.trend_card = _card(self.trend_heading, self.trend_view)
        bottom.addWidget(self.trend_card, 2)
        story = QVBoxLayout()
        story.setSpacing(12)
        story.addWidget(self.feedback)
        self.tempo_card = _card(self.tempo_heading, self.haste_caption, self.tempo_chart)
        story.addWidget(self.tempo_card)
        self.listening_card = _card(self.listening_heading, self.listening)
        story.addWidget(self.listening_card)
        self.more_heading = _label("", "heading")
        story.addWidget(self.more_heading)
        story.addWidget(self.tiles)
        story.addLayout(bottom)
        story.addStretch(1)

        side = _card(self.calls_heading, self.call_list, self.call_detail)
        side.setFixedWidth(SIDE_PANEL_PX)
        board = QWidget()
        layout = QHBoxLayout(board)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(14)
        layout.addLayout(story, 1)
        layout.addWidget(side)
        return board

    def _build_empty_page(self) -> QWidget:
        icon = QLabel()
        icon.setPixmap(state_pixmap(TrayState.LISTENING, 72))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_title = _label("", "emptyTitle")
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_body = _label("", "emptyBody")
        self.empty_body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_body.setMaximumWidth(560)
        card = _card(icon, self.empty_title, self.empty_body, margins_px=40, spacing_px=14)
        card.setMaximumWidth(640)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    # --- rendering ----------------------------------------------------------------------

    def _t(self, key: str) -> str:
        return text(key, self._language)

    def _render(self) -> None:
        language = self._language
        self.setWindowTitle(f"Speech Coach — {self._t('window.title')}")
        self.shift_label.setText(self._t("window.shift"))
        self.csv_button.setText(self._t("window.export_csv"))
        self.pdf_button.setText(self._t("window.export_pdf"))
        summary = self._summary
        for widget in (self.shift_label, self.shift_picker, self.csv_button, self.pdf_button):
            widget.setVisible(summary is not None)
        if summary is None:
            self.title_label.setText(self._t("window.title"))
            self.subtitle_label.setText(
                self._t("window.in_memory") if self._store.in_memory else ""
            )
            self.empty_title.setText(self._t("empty.title"))
            self.empty_body.setText(self._t("empty.body"))
            self.pages.setCurrentWidget(self.empty_page)
            return
        self.pages.setCurrentWidget(self.dashboard)
        self.title_label.setText(title(summary, language))
        line = subtitle(summary, language)
        if self._store.in_memory:
            line += " — " + self._t("window.in_memory")
        self.subtitle_label.setText(line)
        self.feedback.set_lines(feedback_lines(summary, language))
        self.tiles.set_tiles(headline_tiles(summary.figures, language, summary.feedback.tip))
        self.tempo_heading.setText(self._t("chart.tempo"))
        self.more_heading.setText(self._t("window.more_figures"))
        self.listening_heading.setText(self._t("listening.heading"))
        self.listening.set_sentences(listening_sentences(summary.figures, summary.calls, language))
        caption = haste_caption(summary.calls, language)
        self.haste_caption.setText(caption or "")
        self.haste_caption.setVisible(caption is not None)
        self.calls_chart_heading.setText(self._t("chart.calls"))
        self.trend_heading.setText(self._t("chart.trend"))
        self.trend_view.set_trend(self._trend, summary.figures.shift_id, language)
        self.calls_heading.setText(
            f"{self._t('calls.heading')} ({len(summary.calls)})"
            if summary.calls
            else self._t("calls.heading")
        )
        self.call_list.set_calls(summary.calls, language)
        self._render_call()

    def _render_call(self) -> None:
        summary = self._summary
        if summary is None:
            return
        language = self._language
        self.tempo_chart.set_chart(shift_chart(summary, self._call), language)
        self.call_bars.set_bars(summary.calls, language, self._call)
        self.call_list.blockSignals(True)
        self.call_list.select_call(self._call)
        self.call_list.blockSignals(False)
        self.call_detail.show_call(summary, self._call, language)

    def _fill_picker(self) -> None:
        self.shift_picker.blockSignals(True)
        self.shift_picker.clear()
        for overview in self._overviews:
            self.shift_picker.addItem(
                _picker_text(overview, self._language), overview.shift.shift_id
            )
        self.shift_picker.blockSignals(False)

    def _select_in_picker(self, shift_id: int) -> None:
        index = self.shift_picker.findData(shift_id)
        self.shift_picker.blockSignals(True)
        self.shift_picker.setCurrentIndex(index)
        self.shift_picker.blockSignals(False)

    def _picked(self, index: int) -> None:
        shift_id = self.shift_picker.itemData(index)
        if isinstance(shift_id, int):
            self.show_shift(shift_id)

    def _bar_clicked(self, number: int) -> None:
        self.choose_call(number)

    def _saved(self, kind: str, path: Path, write: Callable[[], None]) -> Path | None:
        try:
            write()
        except OSError as error:
            reason = error.strerror or str(error)
            self._show_status(self._t("window.not_saved").format(reason=reason), "error")
            return None
        self._show_status(self._t("window.saved").format(path=path), "info")
        self.exported.emit(kind, path)
        return path

    def _show_status(self, message: str, kind: str) -> None:
        self.status_label.setProperty("kind", kind)
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)
        self.status_label.setText(message)
        self.status_label.show()


def _label(content: str, name: str) -> QLabel:
    label = QLabel(content)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def _card(*widgets: QWidget, margins_px: int = 14, spacing_px: int = 6) -> QFrame:
    card = QFrame()
    card.setObjectName("card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(margins_px + 2, margins_px - 2, margins_px + 2, margins_px)
    layout.setSpacing(spacing_px)
    for widget in widgets:
        layout.addWidget(widget)
    return card


def _picker_text(overview: ShiftOverview, language: Language) -> str:
    started = overview.shift.started_utc
    return text("window.picker", language).format(
        date=short_date(started, language),
        clock=clock_time(started),
        talk=duration(overview.talk_s, language),
        calls=calls_text(overview.calls, language),
    )


def _most_hurried_call(summary: ShiftSummary) -> int | None:
    """The call to open with: the one with the most hurried talk, if any call was hurried
    for at least `HASTY_CALL_SHARE` of it (that is where a coach would look first)."""
    hurried = [
        b for b in summary.calls if b.hasty_share is not None and b.hasty_share >= HASTY_CALL_SHARE
    ]
    if not hurried:
        return None
    return max(hurried, key=lambda b: b.talk_s * (b.hasty_share or 0.0)).number

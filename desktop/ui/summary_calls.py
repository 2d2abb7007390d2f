"""The calls of a shift as a list, and the chosen call in detail: its tempo (the shift's chart,
zoomed to the call) and its cues in time order with the evidence behind each."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.coaching.settings import Language
from desktop.report.ink import AMBER, TEAL, cue_colour
from desktop.report.story import HASTY_CALL_SHARE
from desktop.report.tempo_model import call_chart
from desktop.report.texts import text
from desktop.report.tiles import rate_text
from desktop.summary.calls import CallBar
from desktop.summary.load import ShiftSummary
from desktop.summary.numbers import duration, percent
from desktop.ui.summary_charts import TempoChartView
from desktop.ui.summary_evidence import CueRow, cue_rows

CALL_ROLE = Qt.ItemDataRole.UserRole
DOT_PX = 12


def cues_text(count: int, language: Language) -> str:
    if count == 0:
        return text("calls.cues.none", language)
    if count == 1:
        return text("calls.cues.one", language)
    return text("calls.cues.many", language).format(n=count)


def call_facts(bar: CallBar, language: Language) -> str:
    """ "1 min 31 spreektijd · 4,8 lg/s · 2 tips"."""
    rate = rate_text(bar.rate_syl_s, language) if bar.rate_syl_s is not None else "—"
    return text("calls.facts", language).format(
        talk=duration(bar.talk_s, language), rate=rate, cues=cues_text(bar.cues, language)
    )


def call_sharing(bar: CallBar, language: Language, acknowledged: bool = True) -> str | None:
    """ "jij 56%, klant 44% aan het woord · 1× onderbroken · 12 s stilte · 6 van 8 erkend",
    the parts that were measured (counts of 0 left out: the list names what stood out; the
    acknowledgements only when `acknowledged`); None when the customer channel was not heard."""
    c = bar.conversation
    share, listen = c.talk_share, c.listen_share
    if not c.heard or share is None or listen is None:
        return None
    parts = [text("calls.share", language).format(agent=percent(share), customer=percent(listen))]
    if c.interruptions:
        parts.append(unbroken(text("calls.interruptions", language).format(n=c.interruptions)))
    if c.dead_air_s is not None and c.dead_air_s >= 1.0:
        seconds = round(c.dead_air_s)
        parts.append(unbroken(text("calls.dead_air", language).format(seconds=seconds)))
    if acknowledged and bar.acknowledged is not None and bar.acknowledged.whole > 0:
        part, whole = bar.acknowledged.part, bar.acknowledged.whole
        parts.append(unbroken(text("calls.acknowledged", language).format(part=part, whole=whole)))
    return " · ".join(parts)


def unbroken(fact: str) -> str:
    """A short fact that wraps as a whole ("klant 2× onderbroken", not "klant 2×" and
    "onderbroken" on two lines): its spaces made non-breaking."""
    return fact.replace(" ", "\u00a0")


def call_lines(bar: CallBar, language: Language) -> str:
    """The list's text of a call: title, facts, and how the call was shared where known."""
    lines = [call_title(bar, language), call_facts(bar, language)]
    sharing = call_sharing(bar, language, acknowledged=False)  # the detail has the rest
    if sharing is not None:
        lines.append(sharing)
    return "\n".join(lines)


def call_title(bar: CallBar, language: Language) -> str:
    """ "Gesprek 4", plus the hurried share when it counts (on the title line, where a
    narrow panel has room for it)."""
    title = text("calls.item", language).format(call=bar.label)
    if bar.hasty_share is not None and bar.hasty_share >= HASTY_CALL_SHARE:
        title += " · " + text("calls.hurried", language).format(share=percent(bar.hasty_share))
    return title


def dot(colour: QColor, size_px: int = DOT_PX) -> QPixmap:
    pixmap = QPixmap(size_px, size_px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(1, 1, size_px - 2, size_px - 2)
    painter.end()
    return pixmap


class CallList(QListWidget):
    """One line per call with speech; choosing one emits its number."""

    call_chosen = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("callList")
        self.setSpacing(1)
        self.setWordWrap(True)  # a long line of facts wraps rather than scrolls sideways
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.currentItemChanged.connect(self._changed)

    def set_calls(self, bars: tuple[CallBar, ...], language: Language) -> None:
        self.blockSignals(True)
        self.clear()
        for bar in bars:
            hurried = bar.hasty_share is not None and bar.hasty_share >= HASTY_CALL_SHARE
            item = QListWidgetItem(call_lines(bar, language))
            icon = QIcon(dot(AMBER if hurried else TEAL))
            icon.addPixmap(dot(AMBER if hurried else TEAL), QIcon.Mode.Selected)
            item.setIcon(icon)
            item.setData(CALL_ROLE, bar.number)
            self.addItem(item)
        self.blockSignals(False)

    def numbers(self) -> list[int]:
        return [int(self.item(k).data(CALL_ROLE)) for k in range(self.count())]

    def select_call(self, number: int | None) -> None:
        """Make call `number` the current one (emits `call_chosen`); None clears the choice."""
        if number is None:
            self.setCurrentRow(-1)
            return
        numbers = self.numbers()
        if number in numbers:
            self.setCurrentRow(numbers.index(number))

    def _changed(self, current: QListWidgetItem | None, _: QListWidgetItem | None) -> None:
        if current is not None:
            self.call_chosen.emit(int(current.data(CALL_ROLE)))


class CueRowView(QFrame):
    """One cue: time into the call, a dot in the cue's colour, title, message, evidence."""

    def __init__(self, row: CueRow) -> None:
        super().__init__()
        self.setObjectName("cueRow")
        self.row = row
        time_label = QLabel(row.time_in_call)
        time_label.setObjectName("cueTime")
        time_label.setFixedWidth(44)
        time_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        marker = QLabel()
        marker.setPixmap(dot(cue_colour(row.name), 10))
        marker.setAlignment(Qt.AlignmentFlag.AlignTop)
        marker.setContentsMargins(0, 4, 0, 0)
        self.title_label = QLabel(row.title)
        self.title_label.setObjectName("cueTitle")
        self.message_label = QLabel(row.message)
        self.message_label.setWordWrap(True)
        self.evidence_label = QLabel(row.evidence)
        self.evidence_label.setObjectName("cueEvidence")
        self.evidence_label.setWordWrap(True)
        self.evidence_label.setVisible(bool(row.evidence))
        words = QVBoxLayout()
        words.setSpacing(2)
        for label in (self.title_label, self.message_label, self.evidence_label):
            words.addWidget(label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 6)
        layout.setSpacing(10)
        layout.addWidget(time_label)
        layout.addWidget(marker)
        layout.addLayout(words, 1)


class CallDetail(QWidget):
    """The chosen call: what it was, its tempo, and its cues."""

    def __init__(self) -> None:
        super().__init__()
        self.call_number: int | None = None
        self.rows: tuple[CueRow, ...] = ()
        self.title_label = QLabel()
        self.title_label.setObjectName("detailTitle")
        self.facts_label = QLabel()
        self.facts_label.setObjectName("hint")
        self.facts_label.setWordWrap(True)
        self.chart = TempoChartView(min_height_px=170)
        self.cues_heading = QLabel()
        self.cues_heading.setObjectName("heading")
        self.placeholder = QLabel()
        self.placeholder.setObjectName("hint")
        self.placeholder.setWordWrap(True)
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.setSpacing(6)
        for widget in (self.title_label, self.facts_label, self.chart, self.cues_heading):
            layout.addWidget(widget)
        layout.addLayout(self._rows_box)
        layout.addWidget(self.placeholder)
        layout.addStretch(1)
        self.row_views: list[CueRowView] = []

    def show_call(
        self, summary: ShiftSummary | None, number: int | None, language: Language
    ) -> None:
        bar = next((b for b in summary.calls if b.number == number), None) if summary else None
        self.call_number = bar.number if bar is not None else None
        for view in self.row_views:
            self._rows_box.removeWidget(view)
            view.deleteLater()
        self.row_views = []
        showing = summary is not None and bar is not None
        for widget in (self.title_label, self.facts_label, self.chart, self.cues_heading):
            widget.setVisible(showing)
        if summary is None or bar is None:
            self.rows = ()
            self.placeholder.setText(text("detail.choose", language))
            self.placeholder.show()
            return
        self.title_label.setText(text("detail.title", language).format(call=bar.label))
        facts = text("detail.facts", language).format(
            at=duration(bar.start_s, language),
            length=duration(bar.duration_s, language),
            talk=duration(bar.talk_s, language),
        )
        sharing = call_sharing(bar, language) or text("detail.not_heard", language)
        self.facts_label.setText(f"{facts}\n{sharing}")
        self.chart.set_chart(call_chart(summary, bar.number), language)
        self.rows = cue_rows(summary.history.cues, bar.number, bar.start_s, language)
        self.cues_heading.setText(f"{text('detail.cues', language)} ({len(self.rows)})")
        for row in self.rows:
            view = CueRowView(row)
            self._rows_box.addWidget(view)
            self.row_views.append(view)
        self.placeholder.setText(text("detail.no_cues", language))
        self.placeholder.setVisible(not self.rows)

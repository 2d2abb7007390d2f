"""The always-on overlay: a small tempo pill and, below it, one cue card at a time.

Both are frameless, translucent, always-on-top tool windows that are shown without being
activated and never take focus, so typing into the CRM is never interrupted. The card is
also transparent for input: clicks go through it to the window underneath. The pill is the
one thing that takes the mouse, so the agent can drag it out of the way; where it was
dropped is remembered per screen (QSettings, UI state only).
"""

from PySide6.QtCore import QObject, QPoint, QRect, QRectF, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QWidget

from desktop.coaching.settings import Language
from desktop.report.ink import AMBER, SLATE, TEAL
from desktop.ui.card_layout import CARD_WIDTH_PX, Block, lay_out_card, paint_blocks
from desktop.ui.cue_text import CardText
from desktop.ui.icons import GREY, ORANGE, RED
from desktop.ui.status import AppStatus, TrayState, tray_state
from desktop.ui.tempo import TempoView, smoothed
from desktop.ui.texts import customer_text, state_text, text

PILL_SIZE_PX = (320, 58)
CUSTOMER_ROW_PX = 18
"""The pill grows by this row once a customer channel reports its state."""
STATUS_PT = 8.5
STATUS_LEFT_PX = 36
STATUS_WIDTH_PX = PILL_SIZE_PX[0] - STATUS_LEFT_PX - 14
CARD_GAP_PX = 6
SCREEN_MARGIN_PX = 24
REPAINT_INTERVAL_MS = 100
"""The meter's repaint rate: smooth enough for a needle, cheap enough to forget."""
FADE_STEPS = 10
READING_STALE_S = 6.0
"""After this long without a tempo reading (the agent listens, or the customer talks) the
meter rests: no needle, no verdict about speech that is over."""
VOICE_HOLD_S = 0.6
"""The listening dot stays lit this long after the last tick with speech in it."""

BACKGROUND = QColor(28, 34, 42, 225)
TEXT = QColor("#f1f4f7")
SUBTLE_TEXT = QColor("#aab4bf")
TRACK = QColor(255, 255, 255, 40)
EVIDENCE_TEXT = QColor("#d3dae2")
"""Lighter than the pill's status line: the evidence ("Probeer: ‘…’") is advice to read."""
_CARD_COLOURS = {"title": TEXT, "message": TEXT, "evidence": EVIDENCE_TEXT}

_ZONE_COLOURS = {"calm": TEAL, "brisk": QColor("#9cc46a"), "hasty": AMBER}
_STATE_COLOURS = {
    TrayState.MIC_LOST: RED,
    TrayState.PAUSED: GREY,
    TrayState.CONFIG_PROBLEM: ORANGE,
    TrayState.NO_MODEL: SLATE,
    TrayState.MODEL_FAILED: SLATE,
}
"""The dot's colour per state, as the tray icon's (a tip on screen keeps the dot calm)."""
_CUSTOMER_COLOURS = {"listening": TEAL, "off": GREY, "unavailable": GREY, "lost": ORANGE}

_OVERLAY_FLAGS = (
    Qt.WindowType.Tool
    | Qt.WindowType.FramelessWindowHint
    | Qt.WindowType.WindowStaysOnTopHint
    | Qt.WindowType.WindowDoesNotAcceptFocus
)


def _make_overlay_window(widget: QWidget, click_through: bool) -> None:
    flags = _OVERLAY_FLAGS
    if click_through:
        flags |= Qt.WindowType.WindowTransparentForInput
    widget.setWindowFlags(flags)
    widget.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
    widget.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)


class TempoPill(QWidget):
    """The small, always-visible part: listening dot, tempo meter, one line of status."""

    dropped = Signal(QPoint)
    """Emitted with the new top-left corner after the agent dragged the pill."""

    def __init__(self, language: Language) -> None:
        super().__init__()
        _make_overlay_window(self, click_through=False)
        self.setFixedSize(*PILL_SIZE_PX)
        self.setWindowTitle("Speech Coach")
        self.language = language
        self.status = AppStatus()
        self.snoozed = False
        self._view: TempoView | None = None
        self._needle = 0.0
        self._voice_left_s = 0.0
        self._reading_age_s = 0.0
        self._drag_offset: QPoint | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(REPAINT_INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    @property
    def view(self) -> TempoView | None:
        """The tempo to show, None before the first reading and while the meter rests."""
        return self._view if self._reading_age_s < READING_STALE_S else None

    def set_tempo(self, view: TempoView) -> None:
        if self.view is None:
            self._needle = view.needle
        self._view = view
        self._reading_age_s = 0.0

    def set_resting(self, resting: bool) -> None:
        """Paused: nothing moves, so the meter stops repainting (no CPU while paused)."""
        if resting:
            self._timer.stop()
            self._view = None
        elif not self._timer.isActive():
            self._timer.start()

    def hear_voice(self) -> None:
        self._voice_left_s = VOICE_HOLD_S

    def _tick(self) -> None:
        self._voice_left_s = max(0.0, self._voice_left_s - REPAINT_INTERVAL_MS / 1000)
        self._reading_age_s += REPAINT_INTERVAL_MS / 1000
        if self._view is not None:
            self._needle = smoothed(self._needle, self._view.needle)
        if self.isVisible():
            self.update()

    def status_line(self) -> str:
        """The most useful line now: trouble first, then snooze, then the tempo verdict
        (also without a speech model: tempo needs none), then what the app is doing. A card
        on screen is not repeated here."""
        state = tray_state(self.status)
        if state in (TrayState.MIC_LOST, TrayState.PAUSED, TrayState.CONFIG_PROBLEM):
            return state_text(state, self.language)
        if self.snoozed:
            return text("overlay.snoozed", self.language)
        view = self.view
        if view is None:
            if state is TrayState.NO_MODEL:
                return state_text(state, self.language)
            return state_text(TrayState.LISTENING, self.language)
        zone = text(f"overlay.{view.zone}", self.language)
        if view.learning:
            return f"{zone} · {text('overlay.learning', self.language)}"
        return zone

    def customer_line(self) -> str:
        return customer_text(self.status, self.language)

    def set_status(self, status: AppStatus) -> None:
        self.status = status
        height = PILL_SIZE_PX[1] + (CUSTOMER_ROW_PX if status.customer is not None else 0)
        if height != self.height():
            self.setFixedSize(PILL_SIZE_PX[0], height)
        self.set_resting(status.paused)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bounds = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BACKGROUND)
        painter.drawRoundedRect(bounds, 16, 16)
        self._paint_dot(painter)
        self._paint_meter(painter)
        painter.end()

    def dot_colour(self) -> QColor:
        state = tray_state(self.status)
        if state not in _STATE_COLOURS and self.snoozed:
            return QColor(GREY)
        colour = QColor(_STATE_COLOURS.get(state, TEAL))
        if state not in _STATE_COLOURS and self._voice_left_s <= 0:
            colour.setAlpha(110)  # quiet: listening, nobody speaking
        return colour

    def _paint_dot(self, painter: QPainter) -> None:
        colour = self.dot_colour()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(QRectF(16, 13, 12, 12))

    def _paint_meter(self, painter: QPainter) -> None:
        label_font = QFont(self.font())
        label_font.setPointSizeF(9.5)
        label_font.setBold(True)
        painter.setFont(label_font)
        painter.setPen(TEXT)
        painter.drawText(
            QRectF(36, 8, 60, 22),
            Qt.AlignmentFlag.AlignVCenter,
            text("overlay.tempo", self.language),
        )
        track = QRectF(100, 15, self.width() - 120, 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(TRACK)
        painter.drawRoundedRect(track, 4, 4)
        view = self.view
        if view is not None and tray_state(self.status) not in (
            TrayState.MIC_LOST,
            TrayState.PAUSED,
        ):
            hasty = QRectF(
                track.left() + track.width() * view.hasty_from,
                track.top(),
                track.width() * (1 - view.hasty_from),
                track.height(),
            )
            painter.setBrush(QColor(AMBER.red(), AMBER.green(), AMBER.blue(), 70))
            painter.drawRoundedRect(hasty, 4, 4)
            fill = QRectF(track.left(), track.top(), track.width() * self._needle, track.height())
            painter.setBrush(_ZONE_COLOURS[view.zone])
            painter.drawRoundedRect(fill, 4, 4)
            x = track.left() + track.width() * view.normal_mark
            painter.setPen(QPen(TEXT, 2))
            painter.drawLine(int(x), int(track.top() - 4), int(x), int(track.bottom() + 4))
        small = self.status_font()
        painter.setFont(small)
        painter.setPen(SUBTLE_TEXT)
        metrics = QFontMetrics(small)
        line = metrics.elidedText(self.status_line(), Qt.TextElideMode.ElideRight, STATUS_WIDTH_PX)
        painter.drawText(
            QRectF(STATUS_LEFT_PX, 31, STATUS_WIDTH_PX, 20), Qt.AlignmentFlag.AlignVCenter, line
        )
        customer = self.customer_line()
        if customer and self.status.customer is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_CUSTOMER_COLOURS.get(self.status.customer, GREY))
            painter.drawEllipse(QRectF(19, 53, 7, 7))
            painter.setPen(SUBTLE_TEXT)
            shown = metrics.elidedText(customer, Qt.TextElideMode.ElideRight, STATUS_WIDTH_PX)
            painter.drawText(
                QRectF(STATUS_LEFT_PX, 47, STATUS_WIDTH_PX, 18),
                Qt.AlignmentFlag.AlignVCenter,
                shown,
            )

    def status_font(self) -> QFont:
        small = QFont(self.font())
        small.setPointSizeF(STATUS_PT)
        return small

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_offset = event.globalPosition().toPoint() - self.pos()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_offset is not None:
            self.move(event.globalPosition().toPoint() - self._drag_offset)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_offset is not None:
            self._drag_offset = None
            self.dropped.emit(self.pos())


class CueCard(QWidget):
    """One tip: title, message, evidence. Click-through; fades out after its time is up."""

    def __init__(self) -> None:
        super().__init__()
        _make_overlay_window(self, click_through=True)
        self.setFixedWidth(CARD_WIDTH_PX)
        self.card: CardText | None = None
        self._blocks: list[Block] = []
        self.opacity = 0.0
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.timeout.connect(self._start_fade)
        self._fade = QTimer(self)
        self._fade.timeout.connect(self._fade_step)

    def show_card(self, card: CardText, visible_s: float, fade_s: float) -> None:
        """Show `card` now (replacing any card on screen) for `visible_s`, then fade."""
        self.card = card
        self.opacity = 1.0
        self._fade.stop()
        self._fade.setInterval(max(1, int(fade_s * 1000 / FADE_STEPS)))
        self._blocks, height = lay_out_card(card, self.font())
        self.setFixedHeight(height)
        self._hold.start(int(visible_s * 1000))
        self.show()
        self.update()

    def dismiss(self) -> None:
        self._hold.stop()
        self._fade.stop()
        self.opacity = 0.0
        self.card = None
        self.hide()

    def _start_fade(self) -> None:
        self._fade.start()

    def _fade_step(self) -> None:
        self.opacity = max(0.0, self.opacity - 1.0 / FADE_STEPS)
        self.update()
        if self.opacity <= 0.0:
            self.dismiss()

    def blocks(self) -> list[Block]:
        """The card's text as laid out for painting (empty without a card)."""
        return self._blocks

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.card is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setOpacity(self.opacity)
        bounds = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BACKGROUND)
        painter.drawRoundedRect(bounds, 14, 14)
        painter.setBrush(AMBER)
        painter.drawRoundedRect(
            QRectF(bounds.left() + 10, bounds.top() + 14, 4, bounds.height() - 28), 2, 2
        )
        paint_blocks(painter, self._blocks, _CARD_COLOURS)
        painter.end()


class Overlay(QObject):
    """The pill and the card as one thing: placed together, shown together."""

    def __init__(self, settings: QSettings, language: Language) -> None:
        super().__init__()
        self._settings = settings
        self.pill = TempoPill(language)
        self.card = CueCard()
        self.pill.dropped.connect(self._remember_position)

    def show(self) -> None:
        self.pill.move(self._remembered_position())
        self.pill.show()
        self.pill.raise_()

    def hide(self) -> None:
        self.card.dismiss()
        self.pill.hide()

    def set_language(self, language: Language) -> None:
        self.pill.language = language
        self.pill.update()

    def set_status(self, status: AppStatus) -> None:
        self.pill.set_status(status)
        if self.card.isVisible():
            self.card.move(self._card_position())

    def set_snoozed(self, snoozed: bool) -> None:
        self.pill.snoozed = snoozed
        if snoozed:
            self.card.dismiss()

    def show_card(self, card: CardText, visible_s: float, fade_s: float = 1.0) -> None:
        self.card.move(self._card_position())
        self.card.show_card(card, visible_s, fade_s)
        self.card.move(self._card_position())  # height known now

    def _card_position(self) -> QPoint:
        pill = self.pill.geometry()
        below = QPoint(pill.left(), pill.bottom() + CARD_GAP_PX)
        screen = QGuiApplication.screenAt(pill.center()) or QGuiApplication.primaryScreen()
        if below.y() + self.card.height() > screen.availableGeometry().bottom():
            return QPoint(pill.left(), pill.top() - CARD_GAP_PX - self.card.height())
        return below

    def _remember_position(self, top_left: QPoint) -> None:
        screen = QGuiApplication.screenAt(self.pill.geometry().center())
        if screen is None:
            return
        area = screen.availableGeometry()
        self._settings.setValue("overlay/screen", screen.name())
        self._settings.setValue(f"overlay/position/{screen.name()}", top_left - area.topLeft())
        self.card.move(self._card_position())

    def _remembered_position(self) -> QPoint:
        """Where the agent last put the pill on the screen they last used, kept on screen;
        by default the top right corner of the primary screen."""
        screens = {screen.name(): screen for screen in QGuiApplication.screens()}
        name = str(self._settings.value("overlay/screen", ""))
        screen = screens.get(name) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        offset = self._settings.value(f"overlay/position/{screen.name()}")
        if isinstance(offset, QPoint):
            wanted = area.topLeft() + offset
        else:
            wanted = QPoint(
                area.right() - PILL_SIZE_PX[0] - SCREEN_MARGIN_PX, area.top() + SCREEN_MARGIN_PX
            )
        return _kept_inside(wanted, area)


def _kept_inside(top_left: QPoint, area: QRect) -> QPoint:
    x = min(max(top_left.x(), area.left()), area.right() - PILL_SIZE_PX[0])
    y = min(max(top_left.y(), area.top()), area.bottom() - PILL_SIZE_PX[1] - CUSTOMER_ROW_PX)
    return QPoint(x, y)

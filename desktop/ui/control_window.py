"""The small normal window used when the desktop has no system tray.

Same controls as the tray menu: the state with its icon, the three buttons an agent uses
during calls, and the rest of the menu behind "More". Closing it quits the app, as closing
any normal window would.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from desktop.coaching.settings import Language
from desktop.ui.icons import state_pixmap
from desktop.ui.menu import CoachMenu
from desktop.ui.status import AppStatus, tray_state
from desktop.ui.texts import state_text, text

ICON_PX = 28


class ControlWindow(QWidget):
    closed = Signal()

    def __init__(self, menu: CoachMenu, language: Language) -> None:
        super().__init__()
        self._menu = menu
        self._language = language
        self._status = AppStatus()
        self.setWindowTitle(text("window.title", language))
        self.icon_label = QLabel()
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.pause_button = QPushButton()
        self.pause_button.clicked.connect(lambda: menu.pause.trigger())
        self.new_call_button = QPushButton()
        self.new_call_button.clicked.connect(menu.new_call_action.trigger)
        self.snooze_button = QPushButton()
        self.snooze_button.clicked.connect(menu.snooze_action.trigger)
        self.more_button = QToolButton()
        self.more_button.setMenu(menu.menu)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        header = QHBoxLayout()
        header.addWidget(self.icon_label)
        header.addWidget(self.state_label, 1)
        buttons = QHBoxLayout()
        for button in (self.pause_button, self.new_call_button, self.snooze_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addLayout(buttons)
        self._render()

    def set_status(self, status: AppStatus) -> None:
        self._status = status
        self._render()

    def set_language(self, language: Language) -> None:
        self._language = language
        self._render()

    def _render(self) -> None:
        state = tray_state(self._status)
        self.icon_label.setPixmap(state_pixmap(state, ICON_PX))
        self.state_label.setText(state_text(state, self._language))
        pause_key = "menu.resume" if self._status.paused else "menu.pause"
        self.pause_button.setText(text(pause_key, self._language))
        self.new_call_button.setText(text("menu.new_call", self._language))
        self.snooze_button.setText(text("menu.snooze", self._language))
        self.more_button.setText(text("window.more", self._language))
        self.setWindowTitle(text("window.title", self._language))
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignVCenter)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        event.accept()

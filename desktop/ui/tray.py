"""The tray icon: the app's state at a glance, the menu on a click."""

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from desktop.coaching.settings import Language
from desktop.ui.icons import state_icon
from desktop.ui.menu import CoachMenu
from desktop.ui.status import AppStatus, TrayState, tray_state
from desktop.ui.texts import state_text


class TrayIcon(QObject):
    activated = Signal()
    """The agent clicked the icon itself (not the menu): bring the overlay forward."""

    def __init__(self, menu: CoachMenu, language: Language) -> None:
        super().__init__()
        self._language = language
        self._status = AppStatus()
        self.icon = QSystemTrayIcon()
        self.icon.setContextMenu(menu.menu)
        self.icon.activated.connect(self._on_activated)
        self.state = TrayState.LISTENING
        self._render()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def set_status(self, status: AppStatus) -> None:
        self._status = status
        self._render()

    def set_language(self, language: Language) -> None:
        self._language = language
        self._render()

    def tooltip(self) -> str:
        return self.icon.toolTip()

    def _render(self) -> None:
        self.state = tray_state(self._status)
        self.icon.setIcon(state_icon(self.state))
        self.icon.setToolTip(f"Speech Coach — {state_text(self.state, self._language)}")

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.activated.emit()

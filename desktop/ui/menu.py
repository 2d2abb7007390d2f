"""The one menu of the app, shared by the tray icon and the no-tray window.

It only says what the agent chose (signals); `app.py` connects those to the engine and the
windows. The microphone list is read when the submenu opens, so a headset plugged in a
minute ago is there.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from desktop.audio.devices import InputDevice
from desktop.coaching.settings import Language
from desktop.errors import UserError
from desktop.ui.status import AppStatus
from desktop.ui.texts import status_line, text

ListDevices = Callable[[], list[InputDevice]]


class CoachMenu(QObject):
    """The menu, top to bottom: a one-line status; what an agent uses during calls; ending
    the shift; settings; and, far from "end shift", quitting without a summary."""

    pause_toggled = Signal(bool)
    """True: pause (close the microphone); False: resume."""
    new_call = Signal()
    snooze = Signal()
    hold_toggled = Signal(bool)
    """True: the agent put the customer on hold (silence is not dead air); False: ended."""
    customer_channel_toggled = Signal(bool)
    """True: the agent switched the customer channel off; False: on again."""
    microphone_chosen = Signal(object)
    """The device name chosen, or None for the system default."""
    show_overlay = Signal()
    hide_overlay = Signal()
    show_summary = Signal()
    model_setup = Signal()
    show_config_problem = Signal()
    language_chosen = Signal(str)
    about = Signal()
    autostart_toggled = Signal(bool)
    """True: start Speech Coach at login from now on; False: no longer."""
    end_shift = Signal()
    """Stop coaching and show how the shift went; closing that window quits."""
    quit = Signal()

    def __init__(self, language: Language, list_devices: ListDevices) -> None:
        super().__init__()
        self._language = language
        self._list_devices = list_devices
        self._status = AppStatus()
        self.current_device: str | None = None
        self.menu = QMenu()
        self.status_action = self.menu.addAction("")
        self.status_action.setEnabled(False)
        self.menu.addSeparator()
        self.pause = self._action(
            "menu.pause", lambda: self.pause_toggled.emit(not self._status.paused)
        )
        self.new_call_action = self._action("menu.new_call", self.new_call.emit)
        self.snooze_action = self._action("menu.snooze", self.snooze.emit)
        self.hold_action = self._action(
            "menu.hold", lambda: self.hold_toggled.emit(self.hold_action.isChecked())
        )
        self.hold_action.setCheckable(True)
        self.hold_action.setVisible(False)
        self.menu.addSeparator()
        self.end_shift_action = self._action("menu.end_shift", self.end_shift.emit)
        self.summary_action = self._action("menu.summary", self.show_summary.emit)
        self.menu.addSeparator()
        self.microphones = self.menu.addMenu(text("menu.microphone", language))
        self.microphones.aboutToShow.connect(self._fill_microphones)
        self.customer_action = self._action(
            "menu.customer_off",
            lambda: self.customer_channel_toggled.emit(self.customer_action.isChecked()),
        )
        self.customer_action.setCheckable(True)
        self.overlay_action = self._action("menu.show_overlay", self._toggle_overlay)
        self.overlay_action.setCheckable(True)
        self.overlay_action.setChecked(True)
        self.languages = self.menu.addMenu(text("menu.language", language))
        self._fill_languages()
        self.autostart_action = self._action(
            "menu.autostart", lambda: self.autostart_toggled.emit(self.autostart_action.isChecked())
        )
        self.autostart_action.setCheckable(True)
        self.model_action = self._action("menu.model_setup", self.model_setup.emit)
        self.config_action = self._action("menu.config_problem", self.show_config_problem.emit)
        self.config_action.setVisible(False)
        self.menu.addSeparator()
        self.about_action = self._action("menu.about", self.about.emit)
        self.quit_action = self._action("menu.quit", self.quit.emit)
        self._keyed = {
            self.new_call_action: "menu.new_call",
            self.snooze_action: "menu.snooze",
            self.hold_action: "menu.hold",
            self.customer_action: "menu.customer_off",
            self.overlay_action: "menu.show_overlay",
            self.summary_action: "menu.summary",
            self.model_action: "menu.model_setup",
            self.config_action: "menu.config_problem",
            self.autostart_action: "menu.autostart",
            self.about_action: "menu.about",
            self.end_shift_action: "menu.end_shift",
            self.quit_action: "menu.quit",
        }
        self._render_status()

    def _action(self, key: str, slot: Callable[[], None]) -> QAction:
        action = self.menu.addAction(text(key, self._language))
        action.triggered.connect(slot)
        return action

    def _toggle_overlay(self) -> None:
        (self.show_overlay if self.overlay_action.isChecked() else self.hide_overlay).emit()

    def set_status(self, status: AppStatus) -> None:
        self._status = status
        self.config_action.setVisible(status.config_problem is not None)
        self.hold_action.setVisible(status.customer == "listening")
        self.hold_action.setChecked(status.on_hold)
        self._render_status()

    def _render_status(self) -> None:
        """The top line says how things are ("Luistert mee · gesprek 3"); pausing is an
        action word, never a ticked box."""
        self.status_action.setText(status_line(self._status, self._language))
        key = "menu.resume" if self._status.paused else "menu.pause"
        self.pause.setText(text(key, self._language))

    def set_overlay_shown(self, shown: bool) -> None:
        self.overlay_action.setChecked(shown)

    def set_customer_channel(self, off: bool, locked: bool) -> None:
        """Show whether the agent switched the customer channel off; greyed out when the
        supervisor's policy decides it."""
        self.customer_action.setChecked(off)
        self.customer_action.setEnabled(not locked)

    def set_autostart(self, enabled: bool, locked: bool) -> None:
        """Show whether the app starts at login; greyed out when the supervisor decides."""
        self.autostart_action.setChecked(enabled)
        self.autostart_action.setEnabled(not locked)

    def set_language(self, language: Language) -> None:
        self._language = language
        for action, key in self._keyed.items():
            action.setText(text(key, language))
        self._render_status()
        self.microphones.setTitle(text("menu.microphone", language))
        self.languages.setTitle(text("menu.language", language))
        for action in self.languages.actions():
            action.setChecked(action.data() == language)

    def _fill_languages(self) -> None:
        group = QActionGroup(self.languages)
        for code, label in (("nl", "Nederlands"), ("en", "English")):
            action = self.languages.addAction(label)
            action.setData(code)
            action.setCheckable(True)
            action.setChecked(code == self._language)
            group.addAction(action)
            action.triggered.connect(lambda _=False, c=code: self.language_chosen.emit(c))

    def _fill_microphones(self) -> None:
        self.microphones.clear()
        group = QActionGroup(self.microphones)
        default = self.microphones.addAction(text("menu.default_microphone", self._language))
        choices: list[tuple[QAction, str | None]] = [(default, None)]
        try:
            devices = self._list_devices()
        except UserError as error:
            broken = self.microphones.addAction(str(error))
            broken.setEnabled(False)
            devices = []
        if devices:
            self.microphones.addSeparator()
        for device in devices:
            choices.append((self.microphones.addAction(device.name), device.name))
        for action, name in choices:
            action.setCheckable(True)
            action.setChecked(name == self.current_device)
            group.addAction(action)
            action.triggered.connect(lambda _=False, n=name: self._choose(n))

    def _choose(self, name: str | None) -> None:
        self.current_device = name
        self.microphone_chosen.emit(name)

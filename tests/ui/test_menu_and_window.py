"""The shared menu and the no-tray window: every control says what the agent chose."""

from PySide6.QtWidgets import QSystemTrayIcon

from desktop.audio.devices import InputDevice
from desktop.errors import UserError
from desktop.ui.control_window import ControlWindow
from desktop.ui.menu import CoachMenu
from desktop.ui.status import AppStatus, TrayState
from desktop.ui.tray import TrayIcon

HEADSET = InputDevice(3, "USB headset", "ALSA", 48000, 1, False)


def test_pause_action_toggles_and_relabels(qtbot) -> None:
    """Pause emits True, the label becomes Hervatten once the status says paused."""
    menu = CoachMenu("nl", lambda: [])
    with qtbot.waitSignal(menu.pause_toggled) as blocker:
        menu.pause.trigger()
    assert blocker.args == [True]
    menu.set_status(AppStatus(paused=True))
    assert menu.pause.text() == "Hervatten"


def test_the_microphone_submenu_lists_devices_when_opened(qtbot) -> None:
    """Opening the submenu reads the devices now; choosing one emits its name."""
    menu = CoachMenu("nl", lambda: [HEADSET])
    menu.microphones.aboutToShow.emit()
    labels = [a.text() for a in menu.microphones.actions() if not a.isSeparator()]
    assert labels == ["Standaardmicrofoon van het systeem", "USB headset"]
    with qtbot.waitSignal(menu.microphone_chosen) as blocker:
        menu.microphones.actions()[-1].trigger()
    assert blocker.args == ["USB headset"]
    assert menu.current_device == "USB headset"


def test_a_broken_sound_library_shows_as_a_disabled_line_not_a_crash(qtbot) -> None:
    """PortAudio missing: the submenu says so; the default entry still works."""

    def broken() -> list[InputDevice]:
        raise UserError("PortAudio is not installed.")

    menu = CoachMenu("en", broken)
    menu.microphones.aboutToShow.emit()
    texts = {a.text(): a.isEnabled() for a in menu.microphones.actions()}
    assert texts == {"System default microphone": True, "PortAudio is not installed.": False}


def test_language_switch_relabels_the_menu(qtbot) -> None:
    """Choosing English turns every entry English."""
    menu = CoachMenu("nl", lambda: [])
    with qtbot.waitSignal(menu.language_chosen) as blocker:
        [a for a in menu.languages.actions() if a.data() == "en"][0].trigger()
    assert blocker.args == ["en"]
    menu.set_language("en")
    assert menu.new_call_action.text() == "New call"
    assert menu.quit_action.text() == "Quit"


def test_config_problem_entry_only_while_there_is_a_problem(qtbot) -> None:
    """The 'view settings problem' entry appears with a problem and goes when fixed."""
    menu = CoachMenu("nl", lambda: [])
    assert not menu.config_action.isVisible()
    menu.set_status(AppStatus(config_problem="line 3: bad"))
    assert menu.config_action.isVisible()
    menu.set_status(AppStatus())
    assert not menu.config_action.isVisible()


def test_the_no_tray_window_has_the_same_controls(qtbot) -> None:
    """Buttons of the fallback window drive the very same menu actions."""
    menu = CoachMenu("nl", lambda: [])
    window = ControlWindow(menu, "nl")
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(menu.new_call):
        window.new_call_button.click()
    with qtbot.waitSignal(menu.snooze):
        window.snooze_button.click()
    with qtbot.waitSignal(menu.pause_toggled) as blocker:
        window.pause_button.click()
    assert blocker.args == [True]
    window.set_status(AppStatus(mic="lost"))
    assert window.state_label.text().startswith("Geen microfoon")
    assert window.more_button.menu() is menu.menu
    with qtbot.waitSignal(window.closed):
        window.close()


def test_tray_icon_state_and_tooltip_follow_the_status(qtbot) -> None:
    """The tray shows the most urgent state in its icon and tooltip."""
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen: no tray, logic still works
    tray = TrayIcon(CoachMenu("nl", lambda: []), "nl")
    tray.set_status(AppStatus(mic="lost"))
    assert tray.state == TrayState.MIC_LOST
    assert "Geen microfoon" in tray.tooltip()
    tray.set_status(AppStatus(model="missing"))
    assert tray.state == TrayState.NO_MODEL


def test_tray_icon_says_when_the_model_failed(qtbot) -> None:
    """A model that failed to load has its own state, icon and tooltip."""
    tray = TrayIcon(CoachMenu("en", lambda: []), "en")
    tray.set_status(AppStatus(model="error", model_label="damaged"))
    assert tray.state == TrayState.MODEL_FAILED
    assert "Speech model failed" in tray.tooltip()

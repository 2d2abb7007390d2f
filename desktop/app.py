"""The tray app: the one place where the parts are built and connected.

    microphone ─▶ Engine (worker thread: prosody, recognition, coach) ─▶ outbox
    outbox ─▶ LiveSession (Qt timer) ─▶ tray icon / no-tray window, overlay, log
    menu, config watcher, model loader ─▶ LiveSession controls ─▶ Engine

Nothing here does work of its own; each piece gets its collaborators through its
constructor. The app logs one line with the word "ready" once its UI is up, also when
there is no microphone or no model (the tray then says why).
"""

import logging
import os
import queue
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon, QWidget

from desktop import __version__, autostart
from desktop.audio.devices import list_input_devices, parse_device
from desktop.audio.live_call import LiveCallSource
from desktop.audio.mic_source import MicSource
from desktop.coaching.baseline import BaselineLearner
from desktop.coaching.coach import build_coach, turn_settings
from desktop.coaching.cue import Cue
from desktop.coaching.settings import Language, Policy
from desktop.config import LoadResult, load_running_policy, outcome_lines
from desktop.config.locate import watched_config_paths
from desktop.engine import Engine, StreamAnalysis, TimelineEvent
from desktop.errors import UserError
from desktop.logs import capture_qt_messages, log_banner, setup_logging
from desktop.paths import APP_NAME, baseline_path
from desktop.recognition.model_install import remove_unfinished_installs
from desktop.recognition.model_locator import default_user_models_dir
from desktop.store.opening import open_history
from desktop.store.paths import default_history_path
from desktop.store.recorder import ShiftRecorder
from desktop.ui.config_problem import config_problem_box
from desktop.ui.config_watcher import ConfigWatcher
from desktop.ui.control_window import ControlWindow
from desktop.ui.cue_text import card_text
from desktop.ui.live_session import LiveSession
from desktop.ui.menu import CoachMenu
from desktop.ui.model_label import describe_model
from desktop.ui.model_loader import ModelLoader
from desktop.ui.overlay import Overlay
from desktop.ui.single_instance import SingleInstance
from desktop.ui.status import AppStatus, TrayState
from desktop.ui.summary_window import SummaryWindow
from desktop.ui.texts import state_text, text
from desktop.ui.tray import TrayIcon

logger = logging.getLogger("speech_coach")

MODEL_LOADER_WAIT_S = 10.0
"""How long quitting waits for a model still loading (it cannot be interrupted)."""


@dataclass(frozen=True, slots=True)
class StartOptions:
    device: str | None
    model: str | None
    config: str | None


def run_app(device: str | None, model: str | None, config: str | None) -> int:
    log_file = setup_logging()
    capture_qt_messages()  # before the QApplication: a platform plugin failure is logged too
    qt_app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(qt_app, QApplication)
    qt_app.setApplicationName(APP_NAME)
    qt_app.setOrganizationName(APP_NAME)
    qt_app.setQuitOnLastWindowClosed(False)
    instance = SingleInstance(APP_NAME)
    if not instance.try_become_primary():
        logger.info("Speech Coach is already running; brought its overlay forward.")
        return 0
    settings = QSettings(APP_NAME, APP_NAME)
    # Before anything starts: a SIGTERM that comes while the app is still starting (a logout
    # right after login) must quit it cleanly too, not kill it.
    stop_on_signals(qt_app)
    app = CoachApp(qt_app, StartOptions(device, model, config), instance, settings)
    app.start(log_file)
    return qt_app.exec()


def stop_on_signals(qt_app: QApplication) -> QTimer:
    """Quit cleanly (baseline saved, stream closed) on SIGTERM (logout, IT tools) and
    Ctrl-C. Python runs signal handlers only between bytecodes, so a timer gives it a
    moment every 200 ms while Qt's event loop waits."""
    for number in (signal.SIGINT, signal.SIGTERM):
        # Queued, not called: quit() before the event loop runs would do nothing.
        signal.signal(number, lambda *_: QTimer.singleShot(0, qt_app.quit))
    timer = QTimer(qt_app)
    timer.timeout.connect(lambda: None)
    timer.start(200)
    return timer


class CoachApp:
    """Builds the parts, connects them, and tears them down in order on quit."""

    def __init__(
        self,
        qt_app: QApplication,
        options: StartOptions,
        instance: SingleInstance,
        settings: QSettings,
    ) -> None:
        self._qt_app = qt_app
        self._options = options
        self._settings = settings
        policy_result, problem = _initial_policy(options.config)
        self._policy = policy_result.policy if policy_result else Policy()
        self._config_sources = policy_result.sources if policy_result else ()
        self._language: Language = self._saved_language() or self._policy.language
        self._learner = BaselineLearner(self._policy.cues.haste.baseline_warmup_s)
        self._learner.load(baseline_path())

        self._locked = policy_result.locked if policy_result else frozenset()
        device = options.device or self._saved_device()
        self._device = device
        source = self._call_source(device)
        outbox: queue.Queue[TimelineEvent | None] = queue.Queue()
        # Both sides are analysed unless the supervisor switched the customer channel off
        # (then the pill shows nothing of it); the agent's own "off" is a state the pill shows.
        hears_customer = self._policy.customer.source.strip().casefold() != "off"
        analysis = StreamAnalysis(
            source.name,
            coach=build_coach(self._policy, self._learner),
            turns=turn_settings(self._policy) if hears_customer else None,
        )
        engine = Engine(source, analysis, outbox, retry_open=True)
        status = AppStatus(mic_name=source.name, config_problem=problem)
        self.session = LiveSession(engine, outbox, status, self._policy.gate.card_visible_s)
        opened = open_history(default_history_path(), self._policy.privacy.retention_days)
        self.history = opened.store
        self._store_notice = opened.notice
        self.recorder = ShiftRecorder(
            self.history, self._policy, source.name, self._learner.current()
        )
        self.menu = CoachMenu(self._language, list_input_devices)
        self.menu.current_device = device
        self.overlay = Overlay(self._settings, self._language)
        self._stopped = False
        self.summary: SummaryWindow | None = None
        self._dialog: QWidget | None = None
        """The open dialog (about, settings problem, model set-up), kept alive while shown."""
        self.tray: TrayIcon | None = None
        self.window: ControlWindow | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = TrayIcon(self.menu, self._language)
        else:
            self.window = ControlWindow(self.menu, self._language)
        self.models = ModelLoader(options.model, self._policy.model_path)
        self.watcher = ConfigWatcher(
            lambda: load_running_policy(options.config, os.environ),
            watched_config_paths(options.config, os.environ),
            current=policy_result,
        )
        instance.activation_requested.connect(self.bring_forward)
        self._connect()

    @property
    def policy(self) -> Policy:
        """The supervisor's policy in force (the last good one while an edit is broken)."""
        return self._policy

    def _connect(self) -> None:
        session, menu, overlay = self.session, self.menu, self.overlay
        session.timeline_event.connect(self.recorder.observe)
        session.status_changed.connect(self._show_status)
        session.cue_shown.connect(self._show_cue)
        session.tempo_changed.connect(overlay.pill.set_tempo)
        session.voice_heard.connect(overlay.pill.hear_voice)
        session.snoozed_changed.connect(overlay.set_snoozed)
        menu.pause_toggled.connect(session.set_paused)
        menu.new_call.connect(session.new_call)
        menu.snooze.connect(session.snooze)
        menu.hold_toggled.connect(session.hold)
        menu.customer_channel_toggled.connect(self._switch_customer_channel)
        menu.hide_overlay.connect(overlay.hide)
        menu.microphone_chosen.connect(self._choose_microphone)
        menu.show_overlay.connect(self.bring_forward)
        menu.language_chosen.connect(self._choose_language)
        menu.show_config_problem.connect(self._show_config_problem)
        menu.about.connect(self._show_about)
        menu.model_setup.connect(self._show_model_setup)
        menu.show_summary.connect(self.show_summary)
        menu.end_shift.connect(self.end_shift)
        menu.autostart_toggled.connect(self._toggle_autostart)
        menu.quit.connect(self.quit)
        self.models.loaded.connect(session.attach_recognizer)
        self.models.unavailable.connect(self._model_unavailable)
        self.watcher.policy_changed.connect(self._apply_policy)
        self.watcher.config_problem.connect(self._config_problem)
        if self.tray is not None:
            self.tray.activated.connect(self.bring_forward)
        if self.window is not None:
            self.window.closed.connect(self.quit)
        self._qt_app.aboutToQuit.connect(self.close)

    def start(self, log_file: Path | None = None) -> None:
        remove_unfinished_installs(default_user_models_dir())
        self.session.start()  # the microphone first: no speech lost while the model loads
        self.models.load_in_background()
        self.overlay.show()
        if self.tray is not None:
            self.tray.show()
        if self.window is not None:
            self.window.show()
        self._show_status(self.session.status)
        self._tell_store_notice()
        self._apply_autostart_policy()
        self._show_customer_switch()
        log_banner(
            self.session.status.mic_name,
            self._options.model or self._policy.model_path or "from the models folders",
            self._config_sources,
            log_file,
        )
        logger.info(
            "Speech Coach %s ready: %s, microphone %s, settings %s",
            __version__,
            "tray" if self.tray is not None else "window (no system tray)",
            self.session.status.mic_name,
            ", ".join(map(str, self._config_sources)) or "defaults",
        )

    def _tell_store_notice(self) -> None:
        """A damaged history was set aside, or it can only be kept in memory: say so once."""
        notice = self._store_notice
        if notice is None:
            return
        logger.warning("shift history: %s (%s)", notice.message.en, notice.detail)
        message = notice.message.text(self._language)
        if self.tray is not None:
            self.tray.icon.showMessage("Speech Coach", message)
        else:
            self._show_message(QMessageBox.Icon.Information, "Speech Coach", message)

    def _apply_autostart_policy(self) -> None:
        """The supervisor may decide login autostart for everyone; the menu follows."""
        locked = self._policy.start_at_login != "agent"
        try:
            if locked:
                autostart.apply_policy(self._policy.start_at_login == "always")
            self.menu.set_autostart(autostart.is_enabled(), locked)
        except OSError as error:
            logger.warning("start at login: %s", error)

    def _toggle_autostart(self, wanted: bool) -> None:
        locked = self._policy.start_at_login != "agent"
        try:
            (autostart.enable if wanted else autostart.disable)(locked)
        except (OSError, UserError) as error:
            logger.warning("start at login: %s", error)
        self.menu.set_autostart(autostart.is_enabled(), locked)

    # reactions ------------------------------------------------------------------------

    def _show_status(self, status: AppStatus) -> None:
        self.menu.set_status(status)
        self.overlay.set_status(status)
        if self.tray is not None:
            self.tray.set_status(status)
        if self.window is not None:
            self.window.set_status(status)

    def _show_cue(self, cue: Cue) -> None:
        card = card_text(cue, self._policy.cues, self._language)
        self.overlay.show_card(card, self._policy.gate.card_visible_s)

    def bring_forward(self) -> None:
        self.overlay.show()
        self.menu.set_overlay_shown(True)
        if self.window is not None:
            self.window.show()
            self.window.raise_()

    def _call_source(self, device: str | None) -> LiveCallSource:
        """The microphone, and what the agent hears unless the policy or the agent (from the
        menu, unless the policy locks it) switched the customer channel off."""
        customer: str | None = self._policy.customer.source
        if self._customer_off_by_agent() and "customer.source" not in self._locked:
            customer = None
        return LiveCallSource(MicSource(parse_device(device)), customer)

    def _customer_off_by_agent(self) -> bool:
        return bool(self._settings.value("customer/off", False, type=bool))

    def _choose_microphone(self, name: str | None) -> None:
        self._settings.setValue("audio/device", name or "")
        self._device = name
        self.session.switch_source(self._call_source(name))

    def _switch_customer_channel(self, off: bool) -> None:
        """The agent switched the customer channel off (True) or on again from the menu."""
        self._settings.setValue("customer/off", off)
        logger.info("customer channel switched %s by the agent", "off" if off else "on")
        self.session.switch_source(self._call_source(self._device))

    def _choose_language(self, language: str) -> None:
        chosen: Language = "en" if language == "en" else "nl"
        self._language = chosen
        self._settings.setValue("ui/language", chosen)
        self.menu.set_language(chosen)
        self.overlay.set_language(chosen)
        if self.tray is not None:
            self.tray.set_language(chosen)
        if self.window is not None:
            self.window.set_language(chosen)

    def _show_customer_switch(self) -> None:
        """The menu's "customer channel off": ticked when it is off; greyed out when the
        supervisor decides (the key is locked, or the supervisor switched it off)."""
        policy_off = self._policy.customer.source.strip().casefold() == "off"
        locked = policy_off or "customer.source" in self._locked
        off = policy_off or (self._customer_off_by_agent() and not locked)
        self.menu.set_customer_channel(off, locked=locked)

    def _apply_policy(self, result: LoadResult) -> None:
        source_before = self._policy.customer.source
        self._locked = result.locked
        self._policy = result.policy
        self._config_sources = result.sources
        self.session.replace_coach(build_coach(result.policy, self._learner))
        self.session.set_config_problem(None)
        logger.info("settings reloaded from %s", ", ".join(map(str, result.sources)) or "defaults")
        self._show_customer_switch()
        if result.policy.customer.source != source_before:
            # A channel switched on while the app runs one-sided is heard from the next start.
            self.session.switch_source(self._call_source(self._device))

    def _config_problem(self, problem: str) -> None:
        self.session.set_config_problem(problem)  # the watcher logs every problem

    def _model_unavailable(self, state: str, reason: str) -> None:
        if reason:
            logger.warning("speech model: %s", reason)
        self.session.set_model_state("error" if state == "error" else "missing", reason)
        if not self._settings.value("model/setup_offered", False, type=bool):
            # First run without a model: offer the set-up once from the tray, never as a
            # window over the agent's work; the menu has it later.
            self._settings.setValue("model/setup_offered", True)
            if self.tray is not None:
                self.tray.icon.messageClicked.connect(self._show_model_setup)
                self.tray.icon.showMessage("Speech Coach", text("model.offer", self._language))

    def _show_config_problem(self) -> None:
        if self.session.status.config_problem:
            self._dialog = config_problem_box(self.watcher.report, self._language)
            self._dialog.show()

    def _show_about(self) -> None:
        status = self.session.status
        lines = [
            f"<b>Speech Coach</b> — {text('about.version', self._language)} {__version__}",
            f"{text('about.microphone', self._language)}: {status.mic_name}",
            f"{text('about.model', self._language)}: {self._model_status_text()}",
            f"{text('about.config', self._language)}: "
            + (
                ", ".join(map(str, self._config_sources)) or text("about.no_config", self._language)
            ),
            "",
            text("about.private", self._language),
        ]
        title = text("about.title", self._language)
        self._show_message(QMessageBox.Icon.Information, title, "<br>".join(lines))

    def _show_message(self, icon: QMessageBox.Icon, title: str, message: str) -> None:
        """A non-modal message box: it never blocks the coaching or the agent's work."""
        box = QMessageBox(icon, title, message)
        box.setModal(False)
        box.show()
        self._dialog = box

    def _show_model_setup(self) -> None:
        from desktop.ui.model_setup import ModelSetupDialog

        dialog = ModelSetupDialog(
            default_user_models_dir(),
            self._model_status_text(),
            self._language,
            model_works=self.session.status.model == "ready",
        )
        dialog.model_installed.connect(self._model_installed)
        dialog.show()
        self._dialog = dialog

    def _model_status_text(self) -> str:
        status = self.session.status
        if status.model == "ready":
            return describe_model(status.model_label, self._language)
        if status.model == "loading":
            return text("model.loading", self._language)
        state = TrayState.MODEL_FAILED if status.model == "error" else TrayState.NO_MODEL
        no_model = state_text(state, self._language)
        return f"{no_model} ({status.model_label})" if status.model_label else no_model

    def _model_installed(self, folder: Path) -> None:
        self.session.set_model_state("loading", "")
        self.models.load_in_background(folder)

    def show_summary(self) -> None:
        """The summary window for this shift so far (and any past shift, from its picker),
        with the baseline the coach has now (not only the one it started with)."""
        self.recorder.record_baseline(self._learner.current())
        self.recorder.flush()
        if self.summary is None:
            self.summary = SummaryWindow(self.history, self._language)
        self.summary.reload(self.recorder.shift_id)
        self.summary.show()
        self.summary.raise_()
        self.summary.activateWindow()

    def end_shift(self) -> None:
        """Stop listening, record the end of the shift, show its summary; closing the
        summary quits the app."""
        self.shut_down()
        self.overlay.hide()
        if self.tray is not None:
            self.tray.hide()
        if self.window is not None:
            self.window.hide()
        self.show_summary()
        assert self.summary is not None
        self.summary.closed.connect(self.quit)

    def quit(self) -> None:
        self._qt_app.quit()

    def shut_down(self) -> None:
        """End the shift: the stream's last events reach the history, the baseline is kept."""
        if self._stopped:
            return
        self._stopped = True
        self.session.stop()
        self.recorder.record_baseline(self._learner.current())
        self._learner.save(baseline_path())
        logger.info("Speech Coach stopped")

    def close(self) -> None:
        """Shut down (if not yet), close the history file and take down every window and
        watcher this app made: the very last step, leaving nothing for Qt to deliver to."""
        self.shut_down()
        self.history.close()
        self.watcher.blockSignals(True)
        self.models.wait_until_idle(MODEL_LOADER_WAIT_S)
        if self.tray is not None:
            self.tray.hide()
        self.overlay.hide()
        windows = (self._dialog, self.summary, self.window, self.overlay.pill, self.overlay.card)
        for widget in windows:
            if widget is not None:
                widget.close()
                widget.deleteLater()

    def _saved_device(self) -> str | None:
        return str(self._settings.value("audio/device", "")) or None

    def _saved_language(self) -> Language | None:
        value = str(self._settings.value("ui/language", ""))
        return value if value in ("nl", "en") else None  # type: ignore[return-value]


def _initial_policy(config: str | None) -> tuple[LoadResult | None, str | None]:
    """The supervisor's policy and the problems ignored in it (`load_running_policy`: a
    broken file never weakens a sound one): the app still starts, and says so in the tray,
    rather than refusing to coach."""
    result = load_running_policy(config, os.environ)
    for line in outcome_lines(result):
        logger.warning("%s", line)
    for warning in result.warnings:
        logger.warning("settings: %s", warning)
    return result, "\n".join(map(str, result.errors)) or None

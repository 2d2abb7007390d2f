"""The speech model set-up dialog: import the model IT hands out, or download the Dutch one.

The dialog explains in plain words what the model is for, shows the current state, and runs
one job at a time (import a zip, import a folder, download) on a helper thread. The thread
only calls `model_install` / `model_download`; their progress and result come back as
queued signals, so no widget is touched off the main thread. A failure is shown in the
dialog, which stays usable; the app keeps coaching on tempo, pauses and loudness meanwhile.
"""

import html
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.coaching.settings import Language
from desktop.errors import UserError
from desktop.recognition.model_check import ModelInfo
from desktop.recognition.model_download import DownloadUnavailable, download_model
from desktop.recognition.model_install import (
    Cancel,
    InstallCancelled,
    Progress,
    install_model_folder,
    install_model_zip,
)
from desktop.recognition.model_locator import PREFERRED_MODEL
from desktop.recognition.model_manifest import known_model

logger = logging.getLogger(__name__)

ChoosePath = Callable[[QWidget, str], Path | None]
"""`choose(parent, title)` returns the chosen path, or None when the person cancelled."""
Phase = Literal["download", "unpack", "copy"]
Job = Callable[[Callable[[Phase], Progress], Cancel], ModelInfo]
"""`job(progress_for_phase, cancel)`: the work run on the helper thread."""

PROGRESS_STEPS = 1000  # the bar's range; the thread only reports when a step changes
DIALOG_WIDTH_PX = 580  # fixed: wrapped text reads best at one width, the height follows

_TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Spraakmodel", "Speech model"),
    "intro": (
        "Met een spraakmodel herkent Speech Coach ook woorden, zodat het tips kan geven over "
        "zinnen als ‘dat is ons beleid’. Het model werkt helemaal op deze computer: er gaat "
        "niets naar internet. Zonder model coacht de app gewoon door op tempo, pauzes en "
        "volume.",
        "With a speech model Speech Coach also recognises words, so it can give tips about "
        "phrases like ‘that is our policy’. The model runs entirely on this computer: nothing "
        "goes to the internet. Without a model the app keeps coaching on tempo, pauses and "
        "loudness.",
    ),
    "status": ("Nu", "Now"),
    "it.heading": ("Model van IT", "Model from IT"),
    "it.hint": (
        "Kies het zipbestand of de map die je van IT hebt gekregen. Speech Coach controleert "
        "het model voordat het wordt gebruikt.",
        "Choose the zip file or folder IT gave you. Speech Coach checks the model before using it.",
    ),
    "zip": ("Zip importeren…", "Import zip…"),
    "folder": ("Map importeren…", "Import folder…"),
    "zip.title": ("Kies het zipbestand van het spraakmodel", "Choose the speech model zip"),
    "folder.title": ("Kies de map met het spraakmodel", "Choose the speech model folder"),
    "download.heading": ("Downloaden", "Download"),
    "download.hint": (
        "Haalt het Nederlandse model op bij {host} en controleert elk bestand. Hiervoor is "
        "een internetverbinding nodig.",
        "Fetches the Dutch model from {host} and checks every file. This needs an internet "
        "connection.",
    ),
    "download": ("Nederlands model downloaden (39 MB)", "Download Dutch model (39 MB)"),
    "cancel": ("Annuleren", "Cancel"),
    "close": ("Sluiten", "Close"),
    "phase.download": ("Downloaden… {done} van {total} MB", "Downloading… {done} of {total} MB"),
    "phase.download.unknown": ("Downloaden… {done} MB", "Downloading… {done} MB"),
    "phase.unpack": ("Uitpakken en controleren… {percent}%", "Unpacking and checking… {percent}%"),
    "phase.copy": ("Kopiëren en controleren… {percent}%", "Copying and checking… {percent}%"),
    "cancelling": ("Bezig met annuleren…", "Cancelling…"),
    "done.heading": ("Klaar", "Done"),
    "done.body": (
        "Het spraakmodel {name} is geïnstalleerd{checked}. Speech Coach gebruikt het vanaf nu.",
        "The speech model {name} is installed{checked}. Speech Coach uses it from now on.",
    ),
    "done.checked": (" en elk bestand is gecontroleerd", " and every file was checked"),
    "done.status": ("{name} is geïnstalleerd", "{name} is installed"),
    "failed.heading": (
        "Dat lukte niet — er is niets veranderd",
        "That did not work — nothing was changed",
    ),
    "offline.heading": ("Downloaden lukt nu niet", "The download is not possible right now"),
    "unavailable.offline": (
        "Er is geen verbinding met de downloadserver.",
        "There is no connection to the download server.",
    ),
    "unavailable.server": (
        "De downloadserver geeft het model nu niet.",
        "The download server does not hand out the model right now.",
    ),
    "unavailable.interrupted": ("De download werd onderbroken.", "The download was interrupted."),
    "unavailable.advice": (
        "Speech Coach blijft gewoon coachen op tempo, pauzes en volume. Vraag IT om het "
        "bestand {model}.zip en kies dan ‘Zip importeren…’.",
        "Speech Coach keeps coaching on tempo, pauses and loudness. Ask IT for the file "
        "{model}.zip, then choose ‘Import zip…’.",
    ),
    "cancelled": ("Geannuleerd: er is niets veranderd.", "Cancelled: nothing was changed."),
    "details": ("Details", "Details"),
}

_STYLE = """
QDialog { background: #fbfbfa; }
QLabel { color: #26313b; font-size: 10pt; }
QLabel#title { font-size: 16pt; font-weight: 600; }
QLabel#heading { font-size: 11pt; font-weight: 600; }
QLabel#hint, QLabel#details { color: #5c6873; }
QLabel#details { font-size: 9pt; }
QFrame#statusCard { background: #eef2f5; border-radius: 8px; }
QFrame#messageCard { border-radius: 8px; border-left: 4px solid #8a929c; background: #f1f3f5; }
QFrame#messageCard[kind="success"] { border-left-color: #2f9e8f; background: #e8f5f2; }
QFrame#messageCard[kind="error"] { border-left-color: #e0a030; background: #fdf4e3; }
QPushButton {
    font-size: 10pt; padding: 7px 16px; border-radius: 6px;
    border: 1px solid #c5ccd3; background: #ffffff; color: #26313b;
}
QPushButton:hover { background: #f1f4f6; }
QPushButton:disabled { color: #a3abb3; border-color: #dde1e5; background: #f6f7f8; }
QPushButton#primary { background: #2f9e8f; border-color: #2f9e8f; color: #ffffff; }
QPushButton#primary:hover { background: #298b7e; }
QPushButton#primary:disabled { background: #b9dcd7; border-color: #b9dcd7; }
QProgressBar {
    border: none; border-radius: 4px; background: #e3e8ec; max-height: 8px; min-height: 8px;
}
QProgressBar::chunk { border-radius: 4px; background: #2f9e8f; }
"""


def _text(key: str, language: Language) -> str:
    nl, en = _TEXTS[key]
    return nl if language == "nl" else en


def ask_for_zip(parent: QWidget, title: str) -> Path | None:
    """The platform's file dialog, for zip files; None when the person cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), "Zip (*.zip)")
    return Path(name) if name else None


def ask_for_folder(parent: QWidget, title: str) -> Path | None:
    """The platform's folder dialog; None when the person cancelled."""
    name = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
    return Path(name) if name else None


class _JobRunner(QObject):
    """Runs one job on a Python thread and reports back through signals (queued to the UI)."""

    progressed = Signal(str, object, object)
    """(phase, done_bytes, total_bytes); object, not int: sizes may pass 2**31."""
    succeeded = Signal(object)
    """ModelInfo."""
    failed = Signal(object)
    """UserError (InstallCancelled and DownloadUnavailable included)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()

    def start(self, job: Job) -> None:
        self._cancel.clear()
        threading.Thread(
            target=self._run, args=(job,), name="speech-coach-model-setup", daemon=True
        ).start()

    def cancel(self) -> None:
        self._cancel.set()

    def _run(self, job: Job) -> None:
        last_step: dict[str, int] = {}

        def progress_for(phase: Phase) -> Progress:
            def report(done_bytes: int, total_bytes: int) -> None:
                # One signal per bar step (or per MB when the size is unknown), not per chunk.
                if total_bytes:
                    step = done_bytes * PROGRESS_STEPS // total_bytes
                else:
                    step = done_bytes // 1_000_000
                if last_step.get(phase) != step:
                    last_step[phase] = step
                    self.progressed.emit(phase, done_bytes, total_bytes)

            return report

        try:
            info = job(progress_for, self._cancel.is_set)
        except UserError as error:
            self.failed.emit(error)
        except Exception as error:  # a bug must not leave the dialog busy for ever
            logger.exception("model set-up failed")
            self.failed.emit(UserError(f"The model set-up failed unexpectedly ({error})."))
        else:
            self.succeeded.emit(info)


class ModelSetupDialog(QDialog):
    """Model set-up at first run and from the tray menu; see the module docstring."""

    model_installed = Signal(Path)
    """The installed model folder (inside `models_dir`), after it passed every check."""

    def __init__(
        self,
        models_dir: Path,
        status_text: str,
        language: Language = "nl",
        *,
        download_url: str | None = None,
        choose_zip: ChoosePath = ask_for_zip,
        choose_folder: ChoosePath = ask_for_folder,
        model_works: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """`status_text` says what the app has now (e.g. "No speech model — ..."). The
        download comes from `download_url`, by default the Dutch model's address in the
        shipped manifest. `choose_zip`/`choose_folder` default to the file dialogs.
        `model_works`: a model runs already, so downloading is not the obvious next step
        (the download button is then an ordinary one, not the primary)."""
        super().__init__(parent)
        self._models_dir = models_dir
        self._language = language
        known = known_model(PREFERRED_MODEL)
        self._download_url = download_url or (known.url if known is not None else None)
        self._choose_zip = choose_zip
        self._choose_folder = choose_folder
        self._running = False  # from _start until the job's result arrives
        self._cancelling = False
        self._close_when_done = False
        self._runner = _JobRunner(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._runner.progressed.connect(self._show_progress, queued)
        self._runner.succeeded.connect(self._show_success, queued)
        self._runner.failed.connect(self._show_failure, queued)
        self._model_works = model_works
        self._build(status_text)

    # --- layout -------------------------------------------------------------------------

    def _build(self, status_text: str) -> None:
        self.setWindowTitle(f"Speech Coach — {self._t('title')}")
        self.setStyleSheet(_STYLE)
        self.setFixedWidth(DIALOG_WIDTH_PX)
        title = self._label(self._t("title"), "title")
        intro = self._label(self._t("intro"), "hint")
        self.status_label = self._label("")
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self._set_status(status_text)
        status_card = self._card("statusCard", self.status_label)

        self.import_zip_button = QPushButton(self._t("zip"))
        self.import_zip_button.clicked.connect(self._import_zip)
        self.import_folder_button = QPushButton(self._t("folder"))
        self.import_folder_button.clicked.connect(self._import_folder)
        self.download_button = QPushButton(self._t("download"))
        if not self._model_works:
            self.download_button.setObjectName("primary")
        self.download_button.clicked.connect(self._download)
        self.download_button.setEnabled(self._download_url is not None)

        self.progress_label = self._label("")
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QPushButton(self._t("cancel"))
        self.cancel_button.clicked.connect(self._cancel)
        progress_row = QHBoxLayout()
        progress_row.setSpacing(12)
        progress_row.addWidget(self.progress_bar, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress_box = QWidget()
        progress_layout = QVBoxLayout(self.progress_box)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        progress_layout.setSpacing(6)
        progress_layout.addWidget(self.progress_label)
        progress_layout.addLayout(progress_row)
        self.progress_box.hide()

        self.message_heading = self._label("", "heading")
        self.message_label = self._label("")
        self.details_label = self._label("", "details")
        self.message_card = self._card(
            "messageCard", self.message_heading, self.message_label, self.details_label
        )
        self.message_card.hide()

        self.close_button = QPushButton(self._t("close"))
        self.close_button.clicked.connect(self.reject)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(self.close_button)

        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addWidget(status_card)
        layout.addSpacing(8)
        layout.addWidget(self._label(self._t("it.heading"), "heading"))
        layout.addWidget(self._label(self._t("it.hint"), "hint"))
        layout.addLayout(self._row(self.import_zip_button, self.import_folder_button))
        layout.addSpacing(8)
        layout.addWidget(self._label(self._t("download.heading"), "heading"))
        host = urlsplit(self._download_url or "").hostname or "?"
        layout.addWidget(self._label(self._t("download.hint").format(host=host), "hint"))
        layout.addLayout(self._row(self.download_button))
        layout.addSpacing(6)
        layout.addWidget(self.progress_box)
        layout.addWidget(self.message_card)
        layout.addStretch(1)
        layout.addSpacing(6)
        layout.addLayout(footer)
        self.ensurePolished()  # the style sheet's fonts decide how many lines each text takes
        self._fit_height()

    def _t(self, key: str) -> str:
        return _text(key, self._language)

    @staticmethod
    def _label(content: str, name: str = "") -> QLabel:
        label = QLabel(content)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if name:
            label.setObjectName(name)
        return label

    @staticmethod
    def _card(name: str, *labels: QLabel) -> QFrame:
        card = QFrame()
        card.setObjectName(name)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(4)
        for label in labels:
            layout.addWidget(label)
        return card

    @staticmethod
    def _row(*buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        return row

    # --- actions ------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """True from a button press until that job's result is shown."""
        return self._running

    def _import_zip(self) -> None:
        chosen = self._choose_zip(self, self._t("zip.title"))
        if chosen is not None:
            models = self._models_dir
            self._start(lambda p, cancel: install_model_zip(chosen, models, p("unpack"), cancel))

    def _import_folder(self) -> None:
        chosen = self._choose_folder(self, self._t("folder.title"))
        if chosen is not None:
            models = self._models_dir
            self._start(lambda p, cancel: install_model_folder(chosen, models, p("copy"), cancel))

    def _download(self) -> None:
        models, url = self._models_dir, self._download_url

        def job(p: Callable[[Phase], Progress], cancel: Cancel) -> ModelInfo:
            return download_model(
                models, url, progress=p("download"), install_progress=p("unpack"), cancel=cancel
            )

        self._start(job)

    def _start(self, job: Job) -> None:
        self._set_busy(True)
        self.message_card.hide()
        self.progress_label.setText("")
        self.progress_bar.setRange(0, PROGRESS_STEPS)
        self.progress_bar.setValue(0)
        self._runner.start(job)

    def _cancel(self) -> None:
        self._cancelling = True
        self._runner.cancel()
        self.cancel_button.setEnabled(False)
        self.progress_label.setText(self._t("cancelling"))

    def reject(self) -> None:
        """Closing while a job runs cancels it; the dialog closes once the job has stopped."""
        if self.busy:
            self._close_when_done = True
            self._cancel()
            return
        super().reject()

    # --- results (main thread, through queued signals) ----------------------------------

    def _show_progress(self, phase: Phase, done_bytes: int, total_bytes: int) -> None:
        if self._cancelling:
            return  # "cancelling" stays until the job stops
        if total_bytes:
            self.progress_bar.setRange(0, PROGRESS_STEPS)
            self.progress_bar.setValue(done_bytes * PROGRESS_STEPS // total_bytes)
        else:
            self.progress_bar.setRange(0, 0)  # unknown length: a busy bar
        if phase == "download":
            done, total = self._megabytes(done_bytes), self._megabytes(total_bytes)
            key = "phase.download" if total_bytes else "phase.download.unknown"
            self.progress_label.setText(self._t(key).format(done=done, total=total))
        else:
            percent = done_bytes * 100 // total_bytes if total_bytes else 0
            self.progress_label.setText(self._t(f"phase.{phase}").format(percent=percent))

    def _megabytes(self, size_bytes: int) -> str:
        number = f"{size_bytes / 1e6:.1f}"
        return number.replace(".", ",") if self._language == "nl" else number

    def _set_status(self, status_text: str) -> None:
        self.status_label.setText(f"<b>{self._t('status')}:</b> {html.escape(status_text)}")

    def _show_success(self, info: ModelInfo) -> None:
        self._set_busy(False)
        checked = self._t("done.checked") if info.verified_checksums else ""
        self._show_message(
            "success",
            self._t("done.heading"),
            self._t("done.body").format(name=info.name, checked=checked),
        )
        self._set_status(self._t("done.status").format(name=info.name))
        self.model_installed.emit(info.path)
        self._close_if_asked()

    def _show_failure(self, error: UserError) -> None:
        self._set_busy(False)
        if isinstance(error, InstallCancelled):
            self._show_message("info", "", self._t("cancelled"))
        elif isinstance(error, DownloadUnavailable):
            advice = self._t("unavailable.advice").format(model=PREFERRED_MODEL)
            body = f"{self._t(f'unavailable.{error.kind}')} {advice}"
            self._show_message("error", self._t("offline.heading"), body, details=error.reason)
        else:  # the core's one sentence names the file and what to do (in English, for IT)
            self._show_message("error", self._t("failed.heading"), str(error))
        self._close_if_asked()

    def _show_message(self, kind: str, heading: str, body: str, details: str = "") -> None:
        self.message_card.setProperty("kind", kind)
        self.message_card.style().unpolish(self.message_card)
        self.message_card.style().polish(self.message_card)
        for label, content in (
            (self.message_heading, heading),
            (self.message_label, body),
            (
                self.details_label,
                f"{self._t('details')}: {details}" if body and details else details,
            ),
        ):
            label.setText(content)
            label.setVisible(bool(content))
        self.message_card.show()
        self._fit_height()

    def _set_busy(self, busy: bool) -> None:
        self._running = busy
        self._cancelling = False
        self.import_zip_button.setEnabled(not busy)
        self.import_folder_button.setEnabled(not busy)
        self.download_button.setEnabled(not busy and self._download_url is not None)
        self.cancel_button.setEnabled(busy)
        self.progress_box.setVisible(busy)
        self._fit_height()

    def _fit_height(self) -> None:
        """Make the dialog exactly as tall as its wrapped texts need at its fixed width.

        Layouts size a window from minimum sizes, which ignore word wrap; without this a
        long message would be squeezed into a few clipped pixels.
        """
        self._layout.invalidate()
        self._layout.activate()
        self.setFixedHeight(self.heightForWidth(DIALOG_WIDTH_PX))

    def _close_if_asked(self) -> None:
        if self._close_when_done:
            self._close_when_done = False
            super().reject()

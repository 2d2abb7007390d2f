"""Load the speech model on a helper thread while the microphone already listens.

Finding the model (command line, supervisor file, environment, the app's models folder) and
checking it is quick; loading it takes seconds. The helper thread hands its result over in
a queue and only pings the main thread with an argument-less signal (no Python object
crosses threads inside a Qt signal); the main thread then says what came of it: a
recognizer to attach, "missing" (no model anywhere: prosody cues only), or "error" with the
one-sentence reason (also for a failure nobody foresaw: the thread never dies silently).
"""

import logging
import os
import queue
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.errors import UserError
from desktop.recognition.model_locator import resolve_model_path
from desktop.recognition.recognizer import StreamingRecognizer, load_model, recognizer_label

logger = logging.getLogger(__name__)

_Loaded = tuple[StreamingRecognizer, str]
_Unavailable = tuple[str, str]


class ModelLoader(QObject):
    loaded = Signal(object, str)
    """(StreamingRecognizer, label), on the main thread."""
    unavailable = Signal(str, str)
    """("missing" | "error", the reason in one sentence), on the main thread."""
    _done = Signal()

    def __init__(self, cli_path: str | None, config_path: str | None) -> None:
        super().__init__()
        self._cli_path = cli_path
        self._config_path = config_path
        self._results: queue.Queue[_Loaded | _Unavailable] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._done.connect(self._deliver)  # queued: emitted from the helper thread

    def load_in_background(self, folder: Path | None = None) -> None:
        """Find and load the configured model, or exactly `folder` (just installed)."""
        thread = threading.Thread(
            target=self._load, args=(folder,), name="speech-coach-model", daemon=True
        )
        self._threads.append(thread)
        thread.start()

    def wait_until_idle(self, timeout_s: float) -> None:
        """Wait for loads still running (on quit: no thread may signal a deleted loader)."""
        for thread in self._threads:
            thread.join(timeout_s)
        self._threads = [thread for thread in self._threads if thread.is_alive()]

    def _load(self, folder: Path | None) -> None:
        self._results.put(self._result(folder))
        self._done.emit()

    def _result(self, folder: Path | None) -> _Loaded | _Unavailable:
        """Whatever goes wrong becomes an "error" result: an exception escaping this thread
        would leave the app "loading" for ever, the tray saying it listens with a model
        that will never recognise a word."""
        try:
            path = folder if folder is not None else self._configured_path()
            if path is None:
                return ("missing", "")
            return (StreamingRecognizer(load_model(path)), recognizer_label(path))
        except UserError as error:
            return ("error", str(error))
        except Exception as error:  # vosk and the file system raise bare or odd exceptions
            logger.exception("speech model: unexpected failure while loading")
            return ("error", f"The speech model could not be loaded ({type(error).__name__}).")

    def _deliver(self) -> None:
        while True:
            try:
                first, second = self._results.get_nowait()
            except queue.Empty:
                return
            if isinstance(first, StreamingRecognizer):
                self.loaded.emit(first, second)
            else:
                self.unavailable.emit(first, second)

    def _configured_path(self) -> Path | None:
        choice = resolve_model_path(self._cli_path, self._config_path, os.environ)
        return choice.path if choice is not None else None

"""Load the speech model on a helper thread while the microphone already listens.

Finding the model (command line, supervisor file, environment, the app's models folder) and
checking it is quick; loading it takes seconds. The result comes back as a queued signal on
the main thread: a recognizer to attach, "missing" (no model anywhere: prosody cues only),
or "error" with the one-sentence reason.
"""

import os
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.errors import UserError
from desktop.recognition.model_locator import resolve_model_path
from desktop.recognition.recognizer import StreamingRecognizer, load_model, recognizer_label


class ModelLoader(QObject):
    loaded = Signal(object, str)
    """(StreamingRecognizer, label)."""
    unavailable = Signal(str, str)
    """("missing" | "error", the reason in one sentence)."""

    def __init__(self, cli_path: str | None, config_path: str | None) -> None:
        super().__init__()
        self._cli_path = cli_path
        self._config_path = config_path

    def load_in_background(self, folder: Path | None = None) -> None:
        """Find and load the configured model, or exactly `folder` (just installed)."""
        threading.Thread(
            target=self._load, args=(folder,), name="speech-coach-model", daemon=True
        ).start()

    def _load(self, folder: Path | None) -> None:
        try:
            path = folder if folder is not None else self._configured_path()
            if path is None:
                self.unavailable.emit("missing", "")
                return
            recognizer = StreamingRecognizer(load_model(path))
        except UserError as error:
            self.unavailable.emit("error", str(error))
            return
        self.loaded.emit(recognizer, recognizer_label(path))

    def _configured_path(self) -> Path | None:
        choice = resolve_model_path(self._cli_path, self._config_path, os.environ)
        return choice.path if choice is not None else None

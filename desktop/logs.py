"""The app's diagnostics: one rotating log file per user, Qt's messages and crashes in it.

`setup_logging` sends every log record to `<platform log dir>/speech-coach.log` (1 MB, the
current file and four older ones) and to stderr when there is one (a windowed program on
Windows has none). Uncaught exceptions, in the main thread and in worker threads, are logged
with their traceback before the program goes on as Python would. `capture_qt_messages` routes
Qt's own warnings there too; call it before the QApplication exists, so that even "could not
load the Qt platform plugin" is in the file. `log_banner` writes the same start line every run.

Privacy: the log holds states, names of cues, devices and files, never what the agent said.
Nothing here logs events of the engine; code that does must log kinds and counts, not words.
"""

import logging
import logging.handlers
import platform
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

import platformdirs

from desktop import __version__

APP_NAME = "speech-coach"
LOG_FILE_NAME = "speech-coach.log"
MAX_LOG_BYTES = 1_000_000
LOG_FILES = 5
"""The current file and LOG_FILES - 1 rotated ones: at most about 5 MB of logs."""
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

logger = logging.getLogger("speech_coach")


def default_log_dir() -> Path:
    """platformdirs' per-user log dir: `~/.local/state/speech-coach/log` on Linux,
    `%LOCALAPPDATA%\\speech-coach\\Logs` on Windows, `~/Library/Logs/speech-coach` on macOS."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


class _OwnHandler:
    """Marks the handlers this module installed, so a second call replaces them."""


class _RotatingFile(logging.handlers.RotatingFileHandler, _OwnHandler):
    pass


class _Stderr(logging.StreamHandler, _OwnHandler):  # type: ignore[type-arg]
    pass


def setup_logging(log_dir: Path | None = None, level: int = logging.INFO) -> Path:
    """Log to a rotating file in `log_dir` (default: `default_log_dir()`) and to stderr;
    catch uncaught exceptions. Returns the log file's path. Calling it again replaces the
    handlers it installed before (tests, or a second start in one process)."""
    folder = log_dir or default_log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _OwnHandler)]:
        root.removeHandler(handler)
        handler.close()
    formatter = logging.Formatter(FORMAT)
    file_handler = _RotatingFile(
        path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_FILES - 1, encoding="utf-8"
    )
    file_handler.setFormatter(formatter)
    root.addHandler(file_handler)
    if sys.stderr is not None:  # None in a windowed program on Windows
        stderr_handler = _Stderr(sys.stderr)
        stderr_handler.setFormatter(formatter)
        root.addHandler(stderr_handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_uncaught_in_thread
    return path


def _log_uncaught(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    logger.critical("uncaught exception", exc_info=(kind, error, trace))


def _log_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit or args.exc_value is None:
        return
    name = args.thread.name if args.thread is not None else "unknown"
    logger.critical(
        "uncaught exception in thread %s",
        name,
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
    )


def capture_qt_messages() -> None:
    """Route Qt's qDebug/qWarning/... output into the log (logger "qt"), with its category.

    Qt is imported here, not at the top, so the command line can log without Qt.
    """
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }
    qt_logger = logging.getLogger("qt")

    def handle(kind: QtMsgType, context: object, message: str) -> None:
        category = getattr(context, "category", None)
        prefix = f"[{category}] " if category and category != "default" else ""
        qt_logger.log(levels.get(kind, logging.WARNING), "%s%s", prefix, message)

    qInstallMessageHandler(handle)


def banner_text(
    audio_device: str,
    model: str,
    config: Sequence[Path | str],
    log_file: Path | None = None,
) -> str:
    """The start banner: what a supporter needs first (no speech content, no user data)."""
    frozen = " (bundle)" if getattr(sys, "frozen", False) else ""
    parts = [
        f"Speech Coach {__version__}{frozen} starting",
        f"OS {platform.platform()} {platform.machine()}",
        f"Python {platform.python_version()}",
        f"microphone {audio_device}",
        f"model {model}",
        "settings " + (", ".join(map(str, config)) or "defaults"),
    ]
    if log_file is not None:
        parts.append(f"log {log_file}")
    return "; ".join(parts)


def log_banner(
    audio_device: str,
    model: str,
    config: Sequence[Path | str],
    log_file: Path | None = None,
) -> str:
    """Log the start banner at INFO and return it."""
    text = banner_text(audio_device, model, config, log_file)
    logger.info("%s", text)
    return text

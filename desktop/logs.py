"""The app's diagnostics: one rotating log file per user, Qt's messages and crashes in it.

`setup_logging` sends every log record to `<platform log dir>/speech-coach.log` (1 MB, the
current file and four older ones) and to stderr when there is one (a windowed program on
Windows has none). A log folder or file that cannot be written never stops the app: it logs
to a private folder in the temp dir, or to stderr only, and says so once. Uncaught
exceptions, in the main thread and in worker threads, are logged with their traceback
before the program goes on as Python would. `capture_qt_messages` routes Qt's own warnings
there too; call it before the QApplication exists, so that even "could not load the Qt
platform plugin" is in the file. `log_banner` writes the same start line every run.

Privacy: the log holds states, names of cues, devices and files, never what the agent said.
Nothing here logs events of the engine; code that does must log kinds and counts, not words.
"""

import logging
import logging.handlers
import platform
import sys
import tempfile
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


class _OwnHandler(logging.Handler):
    """Marks the handlers this module installed, so a second call replaces them, and keeps
    their failures quiet: logging never stops or floods the coach.

    The standard handlers print a traceback to stderr on every record they fail to write (a
    full disk, a closed terminal); an agent's shift can hold thousands of records. Here the
    first failure is reported once, through the other handlers, and later records are still
    tried (a disk that has room again gets them), silently.
    """

    _failed = False

    def handleError(self, record: logging.LogRecord) -> None:
        if self._failed:
            return
        self._failed = True
        error = sys.exc_info()[1]
        logger.warning(
            "could not write a log record to %s (%s: %s); later failures there are not reported",
            self.target(),
            type(error).__name__,
            error,
        )

    def target(self) -> str:
        return "the log"


class _RotatingFile(_OwnHandler, logging.handlers.RotatingFileHandler):
    def target(self) -> str:
        return str(self.baseFilename)


class _Stderr(_OwnHandler, logging.StreamHandler):  # type: ignore[type-arg]
    def target(self) -> str:
        return "stderr"


def setup_logging(log_dir: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Log to a rotating file in `log_dir` (default: `default_log_dir()`) and to stderr;
    catch uncaught exceptions. Returns the log file's path, or None when no file could be
    opened. Calling it again replaces the handlers it installed before (tests, or a second
    start in one process).

    Never raises for a folder or file it cannot write (a log folder that cannot be made, a
    read-only `speech-coach.log` left by an admin's run): it logs to a fresh private folder
    in the temp dir instead, or to stderr only, and says so once. Logging must never keep
    the coach from starting.
    """
    folder = log_dir or default_log_dir()
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _OwnHandler)]:
        root.removeHandler(handler)
        try:
            handler.close()
        except (OSError, ValueError):
            pass  # its file or stream already broke; it was said when it did
    formatter = logging.Formatter(FORMAT)
    if sys.stderr is not None:  # None in a windowed program on Windows
        stderr_handler = _Stderr(sys.stderr)
        stderr_handler.setFormatter(formatter)
        root.addHandler(stderr_handler)
    root.setLevel(level)
    file_handler, problems = _open_log_file(folder)
    if file_handler is not None:
        file_handler.setFormatter(formatter)
        root.addHandler(file_handler)
    logging.captureWarnings(True)
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_uncaught_in_thread
    if problems:
        instead = file_handler.baseFilename if file_handler is not None else "stderr only"
        logger.warning(
            "could not open the log file %s; logging to %s", " nor in ".join(problems), instead
        )
    return Path(file_handler.baseFilename) if file_handler is not None else None


def _open_log_file(folder: Path) -> tuple[_RotatingFile | None, list[str]]:
    """The rotating file in `folder`, else in a new private folder in the temp dir; with
    what went wrong on the way ("<path> (<reason>)")."""
    problems: list[str] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return _rotating_file(folder / LOG_FILE_NAME), problems
    except OSError as error:
        problems.append(f"{folder / LOG_FILE_NAME} ({error.strerror or error})")
    try:
        # mkdtemp: a new folder only this user may enter, so no one can plant a link there.
        fallback = Path(tempfile.mkdtemp(prefix=f"{APP_NAME}-log-"))
        return _rotating_file(fallback / LOG_FILE_NAME), problems
    except OSError as error:
        problems.append(f"the temp dir ({error.strerror or error})")
    return None, problems


def _rotating_file(path: Path) -> _RotatingFile:
    return _RotatingFile(path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_FILES - 1, encoding="utf-8")


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

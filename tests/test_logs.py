"""Diagnostics: the rotating log file, crashes and Qt's messages in it, the start banner, and
never a word of what the agent said."""

import errno
import io
import logging
import os
import queue
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import soundfile as sf
from pytestqt.qtbot import QtBot

from desktop import __version__
from desktop.audio.file_source import FileSource
from desktop.coaching.coach import build_coach
from desktop.coaching.settings import GateSettings, Policy
from desktop.engine import Engine, StreamAnalysis, TimelineEvent
from desktop.events import WordsRecognized
from desktop.logs import LOG_FILE_NAME, LOG_FILES, MAX_LOG_BYTES, log_banner, setup_logging
from desktop.ui.live_session import LiveSession
from desktop.ui.status import AppStatus

from scripted import ScriptedRecognizer, tokens, utterances_at_prosody_times
from synth import concat, espeak, silence, trim_silence

AS_USER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
"""Run a child as a user whom file modes bind (root without CAP_DAC_OVERRIDE)."""


@pytest.fixture()
def restored_logging() -> Iterator[None]:
    """setup_logging changes process-wide state; put it back for the other tests."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    hooks = sys.excepthook, threading.excepthook
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    sys.excepthook, threading.excepthook = hooks
    logging.captureWarnings(False)


def run_python(code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_records_go_to_the_file_once_even_after_a_second_setup(
    tmp_path: Path, restored_logging: None
) -> None:
    """setup_logging returns the file it logs to; calling it twice does not log twice."""
    path = setup_logging(tmp_path / "logs")
    assert path == tmp_path / "logs" / LOG_FILE_NAME
    setup_logging(tmp_path / "logs")
    logging.getLogger("speech_coach.test").info("state changed: listening")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len([line for line in lines if "state changed: listening" in line]) == 1
    assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ INFO speech_coach.test: ", lines[-1])


def test_the_log_rotates_at_one_megabyte_and_keeps_five_files(
    tmp_path: Path, restored_logging: None
) -> None:
    """Six megabytes of records leave five files of at most about 1 MB each."""
    folder = tmp_path / "logs"
    setup_logging(folder)
    line = "x" * 999
    for _ in range(6 * MAX_LOG_BYTES // 1000):
        logging.getLogger("speech_coach.test").info(line)
    files = sorted(folder.iterdir())
    assert len(files) == LOG_FILES
    assert all(f.stat().st_size <= MAX_LOG_BYTES for f in files)
    assert {f.name for f in files} == {LOG_FILE_NAME} | {
        f"{LOG_FILE_NAME}.{n}" for n in range(1, LOG_FILES)
    }


def test_an_uncaught_exception_in_a_thread_is_logged_with_its_traceback(
    tmp_path: Path, restored_logging: None
) -> None:
    """A worker thread that dies leaves its traceback in the log."""
    path = setup_logging(tmp_path)

    def fail() -> None:
        raise RuntimeError("worker broke")

    worker = threading.Thread(target=fail, name="speech-coach-engine")
    worker.start()
    worker.join()
    text = path.read_text(encoding="utf-8")
    assert "uncaught exception in thread speech-coach-engine" in text
    assert "Traceback" in text and "RuntimeError: worker broke" in text


def test_an_uncaught_exception_in_the_main_thread_is_logged(tmp_path: Path) -> None:
    """A crash of the program itself ends in the log file, with its traceback."""
    done = run_python(
        "from pathlib import Path; from desktop.logs import setup_logging; "
        f"setup_logging(Path({str(tmp_path)!r})); raise ValueError('main broke')"
    )
    assert done.returncode == 1
    text = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "CRITICAL speech_coach: uncaught exception" in text
    assert "ValueError: main broke" in text


def test_qt_messages_are_logged(tmp_path: Path) -> None:
    """Qt's own warnings reach the log through the message handler."""
    done = run_python(
        "from pathlib import Path; from desktop.logs import setup_logging, capture_qt_messages; "
        f"setup_logging(Path({str(tmp_path)!r})); capture_qt_messages(); "
        "from PySide6.QtCore import QCoreApplication, QTimer; app = QCoreApplication([]); "
        "timer = QTimer(); timer.start(-5)",
        {"QT_QPA_PLATFORM": "offscreen"},
    )
    text = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert re.search(r"WARNING qt: QTimer::start: negative intervals", text), done.stderr + text


def test_a_missing_qt_platform_plugin_is_in_the_log(tmp_path: Path) -> None:
    """The worst start failure of a bundle, a platform plugin Qt cannot load, is logged
    before Qt aborts the program."""
    done = run_python(
        "from pathlib import Path; from desktop.logs import setup_logging, capture_qt_messages; "
        f"setup_logging(Path({str(tmp_path)!r})); capture_qt_messages(); "
        "from PySide6.QtWidgets import QApplication; QApplication([])",
        {"QT_QPA_PLATFORM": "no-such-platform"},
    )
    assert done.returncode != 0
    text = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert re.search(r"CRITICAL qt: .*Qt platform plugin", text), text


def test_the_banner_names_version_os_python_device_model_and_settings(
    tmp_path: Path, restored_logging: None
) -> None:
    """The start banner: the facts a supporter asks for first, in the log."""
    path = setup_logging(tmp_path)
    banner = log_banner("Jabra Evolve 40", "vosk-model-small-nl-0.22", ["/etc/xdg/x.toml"], path)
    text = path.read_text(encoding="utf-8")
    assert banner in text
    for fact in (
        f"Speech Coach {__version__}",
        "OS ",
        f"Python {sys.version_info.major}.{sys.version_info.minor}",
        "microphone Jabra Evolve 40",
        "model vosk-model-small-nl-0.22",
        "settings /etc/xdg/x.toml",
        f"log {path}",
    ):
        assert fact in banner
    assert "settings defaults" in log_banner("default", "none", [])


SENTENCES = [
    "Uw jaarafrekening bedraagt driehonderdvijftig euro, dat is ons beleid.",
    "Daar kan ik helaas niets aan doen, mevrouw Jansen.",
]


@pytest.fixture(scope="module")
def call_recording(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, list[tuple[str, float, float]]]:
    """Two Dutch sentences with an amount and policy-shield phrases, and where each one was
    laid out."""
    folder = tmp_path_factory.mktemp("call")
    parts, pieces, t_s = [silence(folder / "lead.wav", 0.5)], [], 0.5
    for i, sentence in enumerate(SENTENCES):
        spoken = trim_silence(espeak(sentence, folder / f"{i}-raw.wav"), folder / f"{i}.wav")
        duration_s = sf.info(spoken).duration
        pieces.append((sentence, t_s, t_s + duration_s))
        parts += [spoken, silence(folder / f"{i}-gap.wav", 0.8)]
        t_s += duration_s + 0.8
    return concat(parts, folder / "call.wav"), pieces


def test_no_word_the_agent_said_reaches_the_log(
    qtbot: QtBot,
    tmp_path: Path,
    restored_logging: None,
    call_recording: tuple[Path, list[tuple[str, float, float]]],
) -> None:
    """A whole session at DEBUG level (engine, recognizer words, coach, the tray's live
    session, the banner) logs states and cue names, and none of the words that were said."""
    wav, pieces = call_recording
    path = setup_logging(tmp_path, level=logging.DEBUG)
    log_banner("virtual microphone", "scripted", [])
    recognizer = ScriptedRecognizer(utterances_at_prosody_times(wav, pieces))
    policy = Policy(gate=GateSettings(shift_warmup_s=0.0))
    analysis = StreamAnalysis("call.wav", recognizer, "scripted", coach=build_coach(policy))  # type: ignore[arg-type]
    outbox: queue.Queue[TimelineEvent | None] = queue.Queue()
    engine = Engine(FileSource(wav, realtime=False), analysis, outbox)
    session = LiveSession(engine, outbox, AppStatus(mic_name="call.wav"), card_visible_s=0.2)
    words: list[str] = []

    def keep_words(event: TimelineEvent) -> None:
        if isinstance(event, WordsRecognized):
            words.extend(word.text for word in event.words)

    session.timeline_event.connect(keep_words)
    with qtbot.waitSignal(session.ended, timeout=60_000):
        session.start()
    session.stop()
    text = path.read_text(encoding="utf-8").lower()
    assert "cue shown: " in text  # the session did log, so a clean log proves something
    said = {t for sentence in SENTENCES for t in tokens(sentence) if len(t) >= 4}
    assert said <= set(words), "the scripted recognizer should have delivered every word"
    leaked = sorted(word for word in said if word in text)
    assert not leaked, f"words of the agent in the log: {leaked}"


def fresh_stderr(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    return stream


def test_a_log_folder_that_cannot_be_made_falls_back_to_a_private_temp_folder(
    tmp_path: Path, restored_logging: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file where the log folder should be: the log goes to a new 0700 folder in the temp
    dir, and both stderr and that file say so once, naming both places."""
    (tmp_path / "state").write_text("a file, not a folder")
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    stderr = fresh_stderr(monkeypatch)
    path = setup_logging(tmp_path / "state" / "log")
    assert path is not None and path.parent.parent == temp and path.name == LOG_FILE_NAME
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    logging.getLogger("speech_coach.test").info("still logging")
    for text in (stderr.getvalue(), path.read_text(encoding="utf-8")):
        assert text.count("could not open the log file") == 1, text
        assert f"{tmp_path / 'state' / 'log' / LOG_FILE_NAME} (Not a directory)" in text
        assert f"logging to {path}" in text and "still logging" in text


def test_without_any_writable_folder_the_log_goes_to_stderr_only(
    tmp_path: Path, restored_logging: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Neither the log folder nor a temp folder: stderr only, said once; nothing raised."""
    (tmp_path / "state").write_text("a file")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-tmp"))
    stderr = fresh_stderr(monkeypatch)
    assert setup_logging(tmp_path / "state" / "log") is None
    logging.getLogger("speech_coach.test").info("still logging")
    text = stderr.getvalue()
    assert text.count("could not open the log file") == 1 and "logging to stderr only" in text
    assert "still logging" in text


def test_a_read_only_log_file_left_by_an_admin_run_does_not_stop_logging(
    tmp_path: Path,
) -> None:
    """As a user without CAP_DAC_OVERRIDE, a read-only speech-coach.log: the program logs
    to a temp folder instead, says so, and the admin's file is left as it was."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv (util-linux) is needed to drop CAP_DAC_OVERRIDE")
    folder = tmp_path / "log"
    folder.mkdir()
    old = folder / LOG_FILE_NAME
    old.write_text("an admin's run\n")
    old.chmod(0o444)
    code = (
        "import logging; from pathlib import Path; from desktop.logs import setup_logging; "
        f"print(setup_logging(Path({str(folder)!r}))); "
        "logging.getLogger('speech_coach').info('Speech Coach ready')"
    )
    done = subprocess.run(
        [*AS_USER, sys.executable, "-c", code],
        env={**os.environ, "TMPDIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert f"could not open the log file {old} (Permission denied)" in done.stderr
    assert "Speech Coach ready" in done.stderr
    fallback = Path(done.stdout.strip())
    assert fallback.parent.parent == tmp_path and "Speech Coach ready" in fallback.read_text()
    assert old.read_text() == "an admin's run\n"


class FullDisk(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_handler_that_fails_to_write_reports_it_once_without_a_traceback(
    tmp_path: Path, restored_logging: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The log file's stream breaks (a full disk, a drive gone): one line on stderr says so;
    no traceback per record; every record still reaches stderr; the program goes on."""
    stderr = fresh_stderr(monkeypatch)
    path = setup_logging(tmp_path)
    assert path is not None
    file_handler = next(
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.FileHandler) and Path(h.baseFilename) == path
    )
    file_handler.setStream(FullDisk())  # type: ignore[arg-type]
    for n in range(3):
        logging.getLogger("speech_coach.test").info("record %d", n)
    text = stderr.getvalue()
    assert text.count("could not write a log record to") == 1, text
    assert "Traceback" not in text and "Logging error" not in text
    assert all(f"record {n}" in text for n in range(3))

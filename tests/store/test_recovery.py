"""A history file that cannot be used as it is never stops the coach: a damaged or foreign
file is moved aside and replaced, an unwritable folder means a history in memory."""

import ctypes
import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desktop.coaching.settings import Policy
from desktop.store import ShiftRecorder, open_history

from shiftscript import steady_shift

HERE = Path(__file__).resolve().parent
ASIDE_NAME = re.compile(r"^history\.sqlite\.corrupt-\d{8}-\d{6}$")


def write_real_history(path: Path) -> None:
    opened = open_history(path, retention_days=90)
    recorder = ShiftRecorder(opened.store, Policy(), "mic")
    for event in steady_shift().events(300.0):
        recorder.observe(event)
    opened.store.close()


def damage(path: Path) -> None:
    """Scramble everything after the first two pages (the header stays valid)."""
    data = bytearray(path.read_bytes())
    for i in range(8192, len(data), 7):
        data[i] = (data[i] * 31 + 7) % 256
    path.write_bytes(bytes(data))


def foreign_sqlite(path: Path) -> None:
    """Another program's SQLite database."""
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (text TEXT)")
    connection.execute("INSERT INTO notes VALUES ('not ours')")
    connection.commit()
    connection.close()


def not_sqlite(path: Path) -> None:
    path.write_text("Dit is geen database, maar een boodschappenlijst.\n" * 100)


@pytest.mark.parametrize("spoil", [not_sqlite, foreign_sqlite, damage], ids=lambda f: f.__name__)
def test_an_unusable_file_is_moved_aside_and_a_new_history_started(
    history_path: Path, spoil: object
) -> None:
    """Not SQLite, someone else's SQLite, or our file damaged: the file is renamed with a
    timestamp (its bytes kept for IT), the caller is told once, and a fresh history works."""
    history_path.parent.mkdir(parents=True)
    if spoil is damage:
        write_real_history(history_path)
    assert callable(spoil)
    spoil(history_path)
    original = history_path.read_bytes()
    opened = open_history(history_path, retention_days=90, now_utc=datetime.now().astimezone())
    notice = opened.notice
    assert notice is not None and notice.kind == "moved-aside"
    assert notice.moved_to is not None and ASIDE_NAME.match(notice.moved_to.name)
    assert notice.moved_to.read_bytes() == original
    assert notice.moved_to.name in notice.message.nl and notice.moved_to.name in notice.message.en
    assert not opened.store.in_memory
    recorder = ShiftRecorder(opened.store, Policy(), "mic")
    assert opened.store.load_shift(recorder.shift_id) is not None
    opened.store.close()
    again = open_history(history_path, retention_days=90)
    assert again.notice is None
    again.store.close()


def test_the_wal_of_a_moved_file_goes_with_it(history_path: Path) -> None:
    """A foreign file's -wal is renamed along with it, so that the new history never
    replays someone else's journal and the old file stays complete."""
    history_path.parent.mkdir(parents=True)
    foreign_sqlite(history_path)
    wal = history_path.with_name("history.sqlite-wal")
    wal.write_bytes(b"someone else's journal")
    opened = open_history(history_path, retention_days=90)
    assert opened.notice is not None and opened.notice.moved_to is not None
    moved_wal = opened.notice.moved_to.with_name(opened.notice.moved_to.name + "-wal")
    assert moved_wal.read_bytes() == b"someone else's journal"
    opened.store.close()


def test_two_damaged_files_in_the_same_second_keep_both(history_path: Path) -> None:
    """Moving aside never overwrites an earlier moved-aside file."""
    history_path.parent.mkdir(parents=True)
    now = datetime.now().astimezone()
    moved = []
    for _ in range(2):
        not_sqlite(history_path)
        opened = open_history(history_path, retention_days=90, now_utc=now)
        assert opened.notice is not None and opened.notice.moved_to is not None
        moved.append(opened.notice.moved_to)
        opened.store.close()
    assert moved[0] != moved[1] and all(path.exists() for path in moved)


def test_an_empty_file_becomes_a_history_without_a_notice(history_path: Path) -> None:
    """A zero-byte file (created but never written) is simply filled."""
    history_path.parent.mkdir(parents=True)
    history_path.touch()
    opened = open_history(history_path, retention_days=90)
    assert opened.notice is None and not opened.store.in_memory
    opened.store.close()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_only_the_agent_can_read_the_history(history_path: Path) -> None:
    """The database and SQLite's -wal and -shm files are 0600, the new folder 0700."""
    opened = open_history(history_path, retention_days=90)
    ShiftRecorder(opened.store, Policy(), "mic")
    files = list(history_path.parent.iterdir())
    assert {f.name for f in files} >= {"history.sqlite", "history.sqlite-wal"}
    for file in files:
        assert file.stat().st_mode & 0o777 == 0o600, file
    assert history_path.parent.stat().st_mode & 0o777 == 0o700
    opened.store.close()


CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2
PR_CAPBSET_DROP = 24


def drop_root_override() -> None:
    """In the child, before exec: root without the capabilities that let it ignore file
    permissions, so that a 0555 folder is read-only for it too."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


@pytest.mark.skipif(os.name != "posix", reason="uses POSIX permissions")
def test_a_read_only_folder_means_a_history_in_memory(read_only_folder: Path) -> None:
    """The agent's data folder cannot be written: the history lives in memory, the caller
    is told, and recording goes on. (When the tests run as root, the child runs without
    root's permission override, since root may otherwise write anywhere.)"""
    command = [sys.executable, str(HERE / "readonly_child.py"), str(read_only_folder / "h.sqlite")]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=drop_root_override if os.geteuid() == 0 else None,
        )
    except subprocess.SubprocessError as error:
        pytest.skip(f"cannot run a child without root's permission override here: {error}")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["in_memory"] is True and result["kind"] == "in-memory"
    assert str(read_only_folder) in result["message"]
    assert result["talk_s"] == pytest.approx(4.0)
    assert list(read_only_folder.iterdir()) == []


def test_a_folder_that_cannot_be_made_means_a_history_in_memory(tmp_path: Path) -> None:
    """The data folder's path runs through a file: no history file, a notice, coaching on."""
    (tmp_path / "blocked").write_text("a file where the folder should be")
    opened = open_history(tmp_path / "blocked" / "data" / "history.sqlite", retention_days=90)
    assert opened.store.in_memory
    assert opened.notice is not None and opened.notice.kind == "in-memory"
    recorder = ShiftRecorder(opened.store, Policy(), "mic")
    assert opened.store.load_shift(recorder.shift_id) is not None
    opened.store.close()

"""Opening the history file: ours, fresh, damaged, foreign, newer, or impossible to write.

- No file, or an empty one: a new history (file mode 0600 on POSIX, from the first byte).
- Our file (`PRAGMA application_id`) at this version or an older one: migrated and used.
- Not SQLite, damaged (`PRAGMA quick_check`), or SQLite that is not ours: renamed to
  `<name>.corrupt-YYYYmmdd-HHMMSS` (with its -wal and -shm files) and a new history started;
  the caller gets a "moved-aside" notice.
- Written by a newer Speech Coach, in a folder we cannot write, or locked: left as it is; the
  history lives in memory for this run and the caller gets an "in-memory" notice. Coaching
  never stops because of the history.

The file uses WAL journaling with synchronous=NORMAL: a commit survives the app being killed
(not necessarily a power cut), and readers (the summary) never block the recorder.
"""

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from desktop.store import notices, sql
from desktop.store.history import HistoryStore
from desktop.store.migrations import migrate
from desktop.store.notices import StoreNotice
from desktop.store.utc import utc_now

FILE_MODE = 0o600
FOLDER_MODE = 0o700
BUSY_TIMEOUT_S = 5.0
COMPANION_SUFFIXES = ("-wal", "-shm")
"""SQLite's files next to the database; they belong to it when it is moved."""
_DAMAGE = ("SQLITE_NOTADB", "SQLITE_CORRUPT")


@dataclass(frozen=True, slots=True)
class OpenedHistory:
    """The store to use, and what to tell the agent about it (None: nothing to tell)."""

    store: HistoryStore
    notice: StoreNotice | None


class _Unusable(Exception):
    """The file is not a usable history of ours: damaged, not SQLite, or someone else's."""


class _Newer(Exception):
    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def open_history(path: Path, retention_days: int, now_utc: datetime | None = None) -> OpenedHistory:
    """Open (or create) the history at `path` and delete shifts that started more than
    `retention_days` ago. Never raises for a problem with the file or its folder."""
    now = now_utc or utc_now()
    notice: StoreNotice | None = None
    try:
        try:
            connection = _open_ours(path)
        except _Unusable as error:
            aside = _move_aside(path, now)
            notice = notices.moved_aside(aside, str(error))
            connection = _open_ours(path)
        store = HistoryStore(connection, path)
    except _Newer as newer:
        store = open_in_memory()
        notice = notices.newer_version(path, newer.version)
    except (OSError, sqlite3.Error, _Unusable) as error:
        store = open_in_memory()
        notice = notices.in_memory(path.parent, f"{type(error).__name__}: {error}")
    store.delete_shifts_started_before(now - timedelta(days=retention_days))
    return OpenedHistory(store, notice)


def open_in_memory() -> HistoryStore:
    """A history that lasts as long as the process (the fallback, and for tests)."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    _configure(connection)
    migrate(connection)
    return HistoryStore(connection, None)


def _open_ours(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    if path.exists():
        _inspect(path)
    else:
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, FILE_MODE))
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        _configure(connection)
        connection.execute(sql.USE_WAL)
        migrate(connection)
        # Proves the file can be written now, not at the first commit an hour from now.
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
    except BaseException:
        connection.close()
        raise
    _restrict(path)
    return connection


def _inspect(path: Path) -> None:
    """Raise _Unusable or _Newer unless `path` is a history we can use (or an empty file).

    Read-only, so that looking changes nothing: a read-write connection would delete or
    checkpoint the -wal of a file that turns out not to be ours. The header alone cannot
    tell: until a checkpoint, our application_id may live only in the -wal.
    """
    uri = f"{path.absolute().as_uri()}?mode=ro"
    connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        application_id = int(connection.execute(sql.GET_APPLICATION_ID).fetchone()[0])
        version = int(connection.execute(sql.GET_USER_VERSION).fetchone()[0])
        objects = int(connection.execute(sql.COUNT_SCHEMA_OBJECTS).fetchone()[0])
        if application_id == 0 and version == 0 and objects == 0:
            return  # an empty database: ours to fill
        if application_id != sql.APPLICATION_ID:
            raise _Unusable(f"application_id {application_id:#x} is not Speech Coach's")
        if version > sql.LATEST_VERSION:
            raise _Newer(version)
        verdict = [str(row[0]) for row in connection.execute(sql.QUICK_CHECK).fetchall()]
        if verdict != ["ok"]:
            raise _Unusable("quick_check: " + "; ".join(verdict[:3]))
    except sqlite3.DatabaseError as error:
        if error.sqlite_errorname.startswith(_DAMAGE):
            raise _Unusable(f"{error.sqlite_errorname}: {error}") from error
        raise
    finally:
        connection.close()


def _move_aside(path: Path, now: datetime) -> Path:
    """Rename the file (and its -wal/-shm) to `<name>.corrupt-YYYYmmdd-HHMMSS` (local time)."""
    stamp = now.astimezone().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 2
    while aside.exists():
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    path.replace(aside)
    for suffix in COMPANION_SUFFIXES:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(aside.with_name(aside.name + suffix))
    return aside


def _configure(connection: sqlite3.Connection) -> None:
    for pragma in sql.CONNECTION_PRAGMAS:
        connection.execute(pragma)


def _restrict(path: Path) -> None:
    """Only the agent may read their history (SQLite gives -wal/-shm the file's mode)."""
    if os.name != "posix":
        return
    for file in (path, *(path.with_name(path.name + s) for s in COMPANION_SUFFIXES)):
        if file.exists():
            file.chmod(FILE_MODE)

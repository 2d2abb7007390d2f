"""Opening the history file for recording: ours, fresh, damaged, foreign, newer, or impossible
to write. (The summary command reads it without writing: `reading.py`.)

- No file, or an empty one: a new history (file mode 0600 on POSIX, from the first byte; SQLite
  gives its -wal and -shm files the same mode).
- Our file (`PRAGMA application_id`) at this version or an older one, whole (`inspection.py`:
  every table and column, `PRAGMA quick_check`): migrated and used.
- Not SQLite, damaged, SQLite that is not ours, a schema version we never wrote, or tables or
  columns missing: renamed to `<name>.corrupt-YYYYmmdd-HHMMSS` (with its -wal and -shm files)
  and a new history started; the caller gets a "moved-aside" notice naming where it went.
- Written by a newer Speech Coach, read-only, in a folder we cannot write, or locked: left as
  it is (its mode too: the agent's files are never chmod-ed); the history lives in memory for
  this run and the caller gets an "in-memory" notice that says this shift cannot be kept.
  Coaching never stops because of the history.

Retention (deleting shifts older than the policy's days) happens here, in the recorder's
opening, never in a command that only reads; what it deleted is logged as a count.

The file uses WAL journaling with synchronous=NORMAL: a commit survives the app being killed
(not necessarily a power cut), and readers (the summary) never block the recorder.
"""

import logging
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from desktop.store import notices, sql
from desktop.store.history import HistoryStore
from desktop.store.inspection import Newer, Unusable, inspect_file
from desktop.store.migrations import migrate, schema_version
from desktop.store.notices import StoreNotice
from desktop.store.utc import to_text, utc_now

logger = logging.getLogger(__name__)

FILE_MODE = 0o600
FOLDER_MODE = 0o700
BUSY_TIMEOUT_S = 5.0
COMPANION_SUFFIXES = ("-wal", "-shm")
"""SQLite's files next to the database; they belong to it when it is moved."""


@dataclass(frozen=True, slots=True)
class OpenedHistory:
    """The store to use, and what to tell the agent about it (None: nothing to tell)."""

    store: HistoryStore
    notice: StoreNotice | None


def open_history(path: Path, retention_days: int, now_utc: datetime | None = None) -> OpenedHistory:
    """Open (or create) the history at `path` for recording and delete shifts that started
    more than `retention_days` ago. Never raises for a problem with the file or its folder."""
    now = now_utc or utc_now()
    notice: StoreNotice | None = None
    try:
        try:
            connection = _open_ours(path)
        except Unusable as error:
            aside = _move_aside(path, now)
            notice = notices.moved_aside(aside, str(error))
            connection = _open_ours(path)
        store = HistoryStore(connection, path)
    except Newer as newer:
        store = open_in_memory()
        notice = notices.newer_version(path, newer.version)
    except (OSError, sqlite3.Error, Unusable, ValueError) as error:
        store = open_in_memory()
        notice = _cannot_keep(path, error, notice)
    apply_retention(store, retention_days, now)
    return OpenedHistory(store, notice)


def apply_retention(store: HistoryStore, retention_days: int, now_utc: datetime) -> int:
    """Delete the shifts that started more than `retention_days` before `now_utc`; logs how
    many (never what they held). A failure is logged: the old shifts stay until next time."""
    cutoff = now_utc - timedelta(days=retention_days)
    try:
        deleted = store.delete_shifts_started_before(cutoff)
    except sqlite3.Error as error:
        logger.warning(
            "retention: could not delete shifts older than %d days: %s", retention_days, error
        )
        return 0
    if deleted:
        logger.info(
            "retention: deleted %d shift(s) that started before %s (retention_days = %d)",
            deleted,
            to_text(cutoff),
            retention_days,
        )
    return deleted


def open_in_memory() -> HistoryStore:
    """A history that lasts as long as the process (the fallback, and for tests)."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    _configure(connection)
    migrate(connection)
    return HistoryStore(connection, None)


def _open_ours(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    if path.exists():
        inspect_file(path, BUSY_TIMEOUT_S)
    else:
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, FILE_MODE))
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        _configure(connection)
        connection.execute(sql.USE_WAL)
        migrate(connection)
        _prove_writable(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _prove_writable(connection: sqlite3.Connection) -> None:
    """Fail now, not at the first commit an hour from now, when the file cannot be written.

    BEGIN IMMEDIATE alone passes on a read-only file (SQLite opens it read-only without a
    word); writing the header's version number, then rolling back, does not."""
    version = schema_version(connection)
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute(sql.set_user_version(version))
    finally:
        connection.execute("ROLLBACK")


def _cannot_keep(path: Path, error: BaseException, earlier: StoreNotice | None) -> StoreNotice:
    """The in-memory notice that fits why the file cannot be used. SQLite's error does not
    tell a read-only file from a read-only folder, so the file system is asked (by trying,
    not by mode bits, which an administrator's ACL or capabilities overrule)."""
    detail = f"{type(error).__name__}: {error}"
    if earlier is not None:
        detail = f"{earlier.detail}; then {detail}"
    name = error.sqlite_errorname if isinstance(error, sqlite3.Error) else ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return notices.locked(path, detail)
    if _is_file(path) and not _can_open(path, "rb"):
        return notices.unreadable(path, detail)
    if not _folder_writable(path.parent):
        return notices.in_memory(path.parent, detail)
    if _is_file(path) and not _can_open(path, "r+b"):
        return notices.read_only(path, detail)
    return notices.in_memory(path.parent, detail)


def _is_file(path: Path) -> bool:
    """Path.is_file, but False where the folder cannot even be looked into (EACCES)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _can_open(path: Path, mode: str) -> bool:
    try:
        with path.open(mode):
            return True
    except OSError:
        return False


def _folder_writable(folder: Path) -> bool:
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


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

"""Opening the history to report on it (`speech-coach summary`): read-only, nothing changed.

A report never writes: no retention (that belongs to the recorder, `opening.py`), no
migration of the file, no moving aside. A file at an older schema version is copied into
memory and migrated there. What keeps the history from being read is a `HistoryUnavailable`
whose message fits a report (not the app's "this shift will not be kept") and ends with
"nothing changed".
"""

import os
import sqlite3
from pathlib import Path

from desktop.store import sql
from desktop.store.history import HistoryStore
from desktop.store.inspection import Newer, Unusable, inspect_file, read_only_uri
from desktop.store.migrations import migrate

READ_TIMEOUT_S = 2.0
_NOTHING_CHANGED = "nothing changed."


class HistoryUnavailable(Exception):
    """The history cannot be read for a report; str() is the one sentence to print."""


def open_for_reading(path: Path) -> HistoryStore:
    """The history at `path`, opened read-only (or as a migrated copy in memory)."""
    if not path.exists():
        raise HistoryUnavailable(f"No shifts have been recorded yet ({path} does not exist).")
    try:
        try:
            version = inspect_file(path, READ_TIMEOUT_S)
            connection = _connect(path, version, immutable=False)
        except sqlite3.Error as error:
            if not _readable_without_shm(path, error):
                raise
            version = inspect_file(path, READ_TIMEOUT_S, immutable=True)
            connection = _connect(path, version, immutable=True)
    except Newer as newer:
        raise HistoryUnavailable(
            f"{path} was written by a newer Speech Coach (schema version {newer.version}; this "
            f"one reads up to {sql.LATEST_VERSION}); update Speech Coach to read it; "
            f"{_NOTHING_CHANGED}"
        ) from newer
    except Unusable as error:
        raise HistoryUnavailable(
            f"{path} is damaged or not a Speech Coach history ({error}); the app sets it "
            f"aside at its next start; {_NOTHING_CHANGED}"
        ) from error
    except sqlite3.Error as error:
        raise HistoryUnavailable(_cannot_read(path, error)) from error
    return HistoryStore(connection, path)


def _readable_without_shm(path: Path, error: sqlite3.Error) -> bool:
    """A WAL history in a folder the reader cannot write: SQLite cannot make the -shm it
    reads through. Without a -wal holding commits (the recorder is not running: it could
    not write there either), the file alone is the whole history and may be read as
    immutable."""
    if not error.sqlite_errorname.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
        return False
    wal = path.with_name(path.name + "-wal")
    return not wal.exists() or wal.stat().st_size == 0


def _connect(path: Path, version: int, immutable: bool) -> sqlite3.Connection:
    connection = sqlite3.connect(
        read_only_uri(path, immutable), uri=True, timeout=READ_TIMEOUT_S, isolation_level=None
    )
    try:
        if version < sql.LATEST_VERSION:
            return _migrated_copy(connection)
        connection.execute(sql.SELECT_SHIFT, (0,)).fetchall()  # proves the file can be read
    except BaseException:
        connection.close()
        raise
    return connection


def _migrated_copy(connection: sqlite3.Connection) -> sqlite3.Connection:
    """The file's data in memory, brought to the latest schema (the file stays as it is)."""
    copy = sqlite3.connect(":memory:", isolation_level=None)
    try:
        connection.backup(copy)
        migrate(copy)
    except BaseException:
        copy.close()
        raise
    connection.close()
    return copy


def _cannot_read(path: Path, error: sqlite3.Error) -> str:
    name = error.sqlite_errorname
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        holders = ", ".join(programs_holding(path)) or "another program"
        return (
            f"{path} is in use by {holders} and locked ({error}); try again when it is "
            f"closed; {_NOTHING_CHANGED}"
        )
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return f"Cannot read {path} ({error}); check its permissions; {_NOTHING_CHANGED}"
    return f"Cannot read {path} ({name}: {error}); {_NOTHING_CHANGED}"


def programs_holding(path: Path) -> list[str]:
    """The programs that have `path` open, as "name (pid N)", from /proc (Linux; elsewhere,
    or without the right to look, an empty list)."""
    try:
        target = path.resolve()
        processes = os.listdir("/proc")
    except OSError:
        return []
    found = []
    for pid in filter(str.isdigit, processes):
        if int(pid) == os.getpid():
            continue
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
            if not any(_points_at(f"/proc/{pid}/fd/{fd}", target) for fd in fds):
                continue
            with open(f"/proc/{pid}/comm", encoding="utf-8", errors="replace") as comm:
                found.append(f"{comm.read().strip()} (pid {pid})")
        except OSError:
            continue
    return found


def _points_at(link: str, target: Path) -> bool:
    try:
        return Path(os.readlink(link)) == target
    except OSError:
        return False

"""Looking at a history file before using it: is it ours, whole, and a version we can read?

Read-only, so that looking changes nothing: a read-write connection would delete or
checkpoint the -wal of a file that turns out not to be ours. The header alone cannot tell:
until a checkpoint, our application_id may live only in the -wal.

Checked, in order: the application id (someone else's SQLite is not ours), the schema version
(0 … LATEST is ours, above is a newer Speech Coach, below 0 no version ever written), that
every table and column that version has is there (`schema.py`: a dropped table would fail
every write of the shift), and `PRAGMA quick_check` (damaged pages).
"""

import sqlite3
from pathlib import Path

from desktop.store import sql
from desktop.store.schema import schema_problems

_DAMAGE = ("SQLITE_NOTADB", "SQLITE_CORRUPT")


class Unusable(Exception):
    """The file is not a usable history of ours: damaged, not SQLite, or someone else's."""


class Newer(Exception):
    """The file was written by a newer Speech Coach (schema `version`)."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def read_only_uri(path: Path, immutable: bool = False) -> str:
    """SQLite's URI to open `path` read-only; `immutable` also without locks and without
    the -shm file (which a reader must otherwise be able to create)."""
    return f"{path.absolute().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")


def inspect_file(path: Path, timeout_s: float, immutable: bool = False) -> int:
    """The schema version of the history at `path` (0 for an empty database). Raises Unusable
    or Newer when it is not a history we can use, and sqlite3.Error (locked, unreadable) when
    it could not be looked at."""
    connection = sqlite3.connect(
        read_only_uri(path, immutable), uri=True, timeout=timeout_s, isolation_level=None
    )
    try:
        return _inspect(connection)
    except sqlite3.DatabaseError as error:
        if error.sqlite_errorname.startswith(_DAMAGE):
            raise Unusable(f"{error.sqlite_errorname}: {error}") from error
        raise
    finally:
        connection.close()


def _inspect(connection: sqlite3.Connection) -> int:
    application_id = int(connection.execute(sql.GET_APPLICATION_ID).fetchone()[0])
    version = int(connection.execute(sql.GET_USER_VERSION).fetchone()[0])
    objects = int(connection.execute(sql.COUNT_SCHEMA_OBJECTS).fetchone()[0])
    if application_id == 0 and version == 0 and objects == 0:
        return 0  # an empty database: ours to fill
    if application_id != sql.APPLICATION_ID:
        raise Unusable(f"application_id {application_id:#x} is not Speech Coach's")
    if version > sql.LATEST_VERSION:
        raise Newer(version)
    if version < 0:
        raise Unusable(f"schema version {version} was never written by Speech Coach")
    problems = schema_problems(connection, version)
    if problems:
        raise Unusable("schema: " + "; ".join(problems[:3]))
    verdict = [str(row[0]) for row in connection.execute(sql.QUICK_CHECK).fetchall()]
    if verdict != ["ok"]:
        raise Unusable("quick_check: " + _first_findings(verdict))
    return version


def _first_findings(verdict: list[str], count: int = 3) -> str:
    """quick_check's first findings on one line (a row may hold several lines and headings)."""
    lines = [
        line.strip()
        for row in verdict
        for line in row.splitlines()
        if line.strip() and not line.startswith("***")
    ]
    more = f" (and {len(lines) - count} more)" if len(lines) > count else ""
    return "; ".join(lines[:count]) + more

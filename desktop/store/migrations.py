"""Bringing a history database to the schema this version of Speech Coach writes.

The schema version is `PRAGMA user_version`; step n of `sql.MIGRATIONS` goes from version n
to n + 1. Each step runs in its own transaction together with the new version number, so a
crash leaves the file at the old version or the new one, never in between.
"""

import sqlite3

from desktop.store import sql


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute(sql.GET_USER_VERSION).fetchone()[0])


def migrate(connection: sqlite3.Connection, target_version: int = sql.LATEST_VERSION) -> int:
    """Apply the missing steps up to `target_version` (the connection must be in autocommit
    mode, `isolation_level=None`); returns the version the file had before."""
    if not 0 <= target_version <= sql.LATEST_VERSION:
        raise ValueError(f"no schema version {target_version}")
    before = schema_version(connection)
    if not 0 <= before <= target_version:
        # A negative number, or a newer file, is no state a step of ours starts from.
        raise ValueError(f"cannot migrate a history at schema version {before}")
    for version in range(before, target_version):
        connection.execute("BEGIN IMMEDIATE")
        try:
            if version == 0:
                connection.execute(sql.SET_APPLICATION_ID)
            for statement in sql.MIGRATIONS[version]:
                connection.execute(statement)
            connection.execute(sql.set_user_version(version + 1))
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    return before

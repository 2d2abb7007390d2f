"""What a history file at schema version n must hold: the tables and columns we read and write.

The expected schema is not written out by hand a second time: it is what `sql.MIGRATIONS`
make of an empty database, built once per version in memory. A file passes when it has
exactly the tables of ours that version has (a missing one would fail every write; one a
later step creates would make the migration fail) and every column of them (extra columns
are left alone: they harm nothing we do).
"""

import sqlite3
from functools import cache

from desktop.store import sql
from desktop.store.migrations import migrate

Schema = dict[str, frozenset[str]]
"""Table name → its column names (generated ones included)."""


@cache
def expected_schema(version: int) -> Schema:
    """The tables and columns `sql.MIGRATIONS` create up to `version`."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(connection, target_version=version)
        return schema_of(connection)
    finally:
        connection.close()


def schema_of(connection: sqlite3.Connection) -> Schema:
    tables = [
        str(row[0])
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: frozenset(
            str(row[1])
            for row in connection.execute("SELECT * FROM pragma_table_xinfo(?)", (table,))
        )
        for table in tables
    }


def schema_problems(connection: sqlite3.Connection, version: int) -> list[str]:
    """What keeps the database on `connection` (at schema `version`) from being ours as that
    version left it; empty when nothing does."""
    ours = set(expected_schema(sql.LATEST_VERSION))
    expected = expected_schema(version)
    found = schema_of(connection)
    problems = [f"table {t} is missing" for t in sorted(set(expected) - set(found))]
    problems += [
        f"table {t} should not exist yet at version {version}"
        for t in sorted((set(found) & ours) - set(expected))
    ]
    for table in sorted(set(expected) & set(found)):
        missing = sorted(expected[table] - found[table])
        if missing:
            problems.append(f"table {table} lacks column(s) {', '.join(missing)}")
    return problems

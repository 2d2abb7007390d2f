"""The history fault table: every way the history file can be bad, against the real programs.

Each row spoils a real history (two shifts written by the recorder: one three days old, one
an hour old) the way a damaged disk, an editing hand, another program or an administrator
would, then runs, as their own processes:

- `speech-coach summary --list` and `speech-coach summary`: a read command; it answers with
  one sentence fitting a report (or the figures), never a traceback, and changes nothing
  (the file's bytes and mode stay, nothing is set aside, no shift is deleted);
- the real tray app, headless (Qt offscreen, no microphone, no sound server): it reaches
  `ready` and then either keeps using the file, or sets it aside (the original bytes kept
  under the name the log gives) and starts a new history, or, when the file cannot be
  written, keeps it untouched and says in the log that this shift cannot be kept.

Permission rows run the programs as root without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
(`setpriv`), so that file modes bind as they do for an agent.
"""

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

import pytest

from desktop.coaching.settings import Policy
from desktop.store import ShiftRecorder, open_history, sql

from app_process import AppProcess, log_file_in, private_user_env
from shiftscript import steady_shift

NOW = datetime.now(UTC)
OLD_SHIFT_START = NOW - timedelta(days=3)
NEW_SHIFT_START = NOW - timedelta(hours=1)
AS_AGENT = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
BROKEN = re.compile(r"Traceback|CRITICAL")
POLICY = 'schema_version = 1\n[general]\nlanguage = "en"\n'

AppOutcome = Literal["kept", "moved-aside", "in-memory"]


def write_history(path: Path) -> None:
    """Two real shifts: three days old and an hour old (300 s each, two calls, two cues)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    opened = open_history(path, retention_days=3650, now_utc=NOW)
    for start in (OLD_SHIFT_START, NEW_SHIFT_START):
        recorder = ShiftRecorder(opened.store, Policy(), "mic", clock_utc=lambda s=start: s)
        for event in steady_shift().events(300.0):
            recorder.observe(event)
    opened.store.close()


def execute(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        connection.execute(statement)
    connection.close()


def fill(path: Path, data: bytes) -> None:
    path.write_bytes(data)


def scramble_pages(path: Path) -> None:
    """Everything after the first two pages scrambled (the header stays valid)."""
    data = bytearray(path.read_bytes())
    for i in range(8192, len(data), 7):
        data[i] = (data[i] * 31 + 7) % 256
    path.write_bytes(bytes(data))


def foreign(path: Path) -> None:
    path.unlink()
    execute(path, "CREATE TABLE notes (text TEXT)", "INSERT INTO notes VALUES ('not ours')")


def older_version(path: Path) -> None:
    """A history as version 1 left it: no baselines table, no counted columns."""
    path.unlink()
    from desktop.store.migrations import migrate

    connection = sqlite3.connect(path, isolation_level=None)
    migrate(connection, target_version=1)
    start = NEW_SHIFT_START.isoformat(timespec="seconds")
    connection.execute(
        "INSERT INTO shifts (started_utc, recorded_s, source, language, haste_floor_syl_s,"
        " haste_baseline_factor, haste_ceiling_syl_s, transcripts_stored)"
        f" VALUES ('{start}', 60, 'mic', 'nl', 5.5, 1.15, 6.5, 0)"
    )
    connection.execute("INSERT INTO calls VALUES (1, 1, 0, 60, 'stream start')")
    connection.execute(
        "INSERT INTO metrics (shift_id, call_number, number, start_s, end_s, talk_s, syllables,"
        " loudness_sum_db, loudness_ticks, pauses, pause_s) VALUES (1, 1, 0, 0, 10, 8, 36, -300,"
        " 10, 2, 0.9)"
    )
    connection.close()


@dataclass(frozen=True)
class Fault:
    name: str
    spoil: Callable[[Path], None]
    app: AppOutcome
    app_says: str
    """A regex the app's log must match (the notice, the retention count ...)."""
    list_status: int
    list_says: str
    """A regex `summary --list` must print (stdout + stderr)."""
    summary_status: int
    summary_says: str
    as_agent: bool = False
    policy: str = POLICY
    shifts_after_app: int | None = None
    """Readable shifts in the file after the app ran (kept: the old ones plus the app's)."""


NOT_OURS = r"is damaged or not a Speech Coach history \(.*\); .*nothing changed\."
SET_ASIDE = r"shift history: .*set aside as history\.sqlite\.corrupt-.*the file is kept as (\S+)\)$"


def fault_id(fault: Fault) -> str:
    return fault.name


# Each row: name, how the history is spoiled, what the app does with it and what its log says,
# then the exit status and output of `summary --list` and of `summary`.
FAULTS = [
    Fault(
        "negative-schema-version",
        lambda p: execute(p, "PRAGMA user_version = -5"),
        "moved-aside",
        SET_ASIDE,
        2,
        NOT_OURS + r"|schema version -5",
        2,
        r"schema version -5 was never written",
    ),
    Fault(
        "cues-table-dropped",
        lambda p: execute(p, "DROP TABLE cues"),
        "moved-aside",
        SET_ASIDE,
        2,
        r"table cues is missing.*nothing changed",
        2,
        r"table cues is missing",
    ),
    Fault(
        "metrics-column-dropped",
        lambda p: execute(p, "ALTER TABLE metrics DROP COLUMN replies_unacknowledged"),
        "moved-aside",
        SET_ASIDE,
        2,
        r"metrics lacks column\(s\) replies_unacknowledged",
        2,
        NOT_OURS,
    ),
    Fault(
        "later-table-already-there",
        lambda p: execute(p, "PRAGMA user_version = 1"),
        "moved-aside",
        SET_ASIDE,
        2,
        r"table baselines should not exist yet at version 1",
        2,
        NOT_OURS,
    ),
    Fault(
        "damaged-pages",
        scramble_pages,
        "moved-aside",
        SET_ASIDE,
        2,
        NOT_OURS,
        2,
        NOT_OURS,
    ),
    Fault(
        "not-sqlite",
        lambda p: fill(p, b"Dit is geen database, maar een boodschappenlijst.\n" * 100),
        "moved-aside",
        SET_ASIDE,
        2,
        NOT_OURS,
        2,
        NOT_OURS,
    ),
    Fault(
        "someone-elses-sqlite",
        foreign,
        "moved-aside",
        SET_ASIDE,
        2,
        r"application_id 0x0 is not Speech Coach's.*nothing changed",
        2,
        NOT_OURS,
    ),
    Fault(
        "shift-start-not-a-date",
        lambda p: execute(p, "UPDATE shifts SET started_utc = 'not a date' WHERE id = 1"),
        "kept",
        r"ready",
        0,
        r"Shift 1 cannot be read and is left out: shifts.started_utc 'not a date' is not a "
        r"date and time",
        0,
        r"^Shift 2 ",
        shifts_after_app=2,
    ),
    Fault(
        "shift-values-of-the-wrong-kind",
        lambda p: execute(
            p,
            "UPDATE shifts SET recorded_s = 'lang', haste_floor_syl_s = -1 WHERE id = 2",
            "UPDATE shifts SET ended_utc = x'00ff' WHERE id = 1",
        ),
        "kept",
        r"ready",
        2,
        r"Shift 2 cannot be read.*shifts.recorded_s 'lang' is not a number",
        2,
        r"None of the 2 shift\(s\) in .* can be read; .*--list` says why\.",
        shifts_after_app=1,
    ),
    Fault(
        "rows-of-a-shift-unreadable",
        lambda p: execute(
            p,
            "UPDATE metrics SET talk_s = 'veel' WHERE shift_id = 2 AND number = 1",
            "UPDATE calls SET end_s = 1 WHERE shift_id = 2 AND number = 2",
            "UPDATE cues SET evidence_json = '[[[[' WHERE shift_id = 2",
            "UPDATE cues SET t_s = 1e999 WHERE shift_id = 2 AND name = 'monologue'",
        ),
        "kept",
        r"ready",
        0,
        r"^Shift .*\n *2 ",
        0,
        r"shift 2: \d+ row\(s\) cannot be read and are left out",
        shifts_after_app=3,
    ),
    Fault(
        "older-schema-version",
        older_version,
        "kept",
        r"ready",
        0,
        r"^ *1 ",
        0,
        r"Shift 1 ",
        shifts_after_app=2,
    ),
    Fault(
        "newer-schema-version",
        lambda p: execute(p, f"PRAGMA user_version = {sql.LATEST_VERSION + 1}"),
        "in-memory",
        r"comes from a newer version of Speech Coach; .*this shift cannot be kept",
        2,
        r"was written by a newer Speech Coach \(schema version \d+; .*nothing changed\.",
        2,
        r"was written by a newer Speech Coach",
    ),
    Fault(
        "read-only-file",
        lambda p: p.chmod(0o400),
        "in-memory",
        r"history file .*history\.sqlite is read-only; .*this shift cannot be kept",
        0,
        r"^ *2 ",
        0,
        r"^Shift 2 ",
        as_agent=True,
    ),
    Fault(
        "unreadable-file",
        lambda p: p.chmod(0o200),
        "in-memory",
        r"history file .*history\.sqlite cannot be read; .*this shift cannot be kept",
        2,
        r"Cannot read .*history\.sqlite .*nothing changed\.",
        2,
        r"Cannot read .*nothing changed\.",
        as_agent=True,
    ),
    Fault(
        "read-only-folder",
        lambda p: p.parent.chmod(0o555),
        "in-memory",
        r"history cannot be saved in .*speech-coach; .*this shift cannot be kept",
        0,
        r"^ *2 ",
        0,
        r"^Shift 2 ",
        as_agent=True,
    ),
    Fault(
        "retention-of-one-day",
        lambda p: None,
        "kept",
        r"retention: deleted 1 shift\(s\) that started before .* \(retention_days = 1\)",
        0,
        r"^ *1 .*\n *2 |^ *2 .*\n *1 ",
        0,
        r"^Shift 2 ",
        policy=POLICY + "[privacy]\nretention_days = 1\n",
        shifts_after_app=2,
    ),
]


class LockHolder:
    """Another program holding the history locked (an exclusive SQLite transaction)."""

    CODE = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
        "c.execute('PRAGMA locking_mode = EXCLUSIVE'); c.execute('BEGIN EXCLUSIVE'); "
        "c.execute('DELETE FROM cues WHERE 0'); print('locked', flush=True); sys.stdin.read()"
    )

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", self.CODE, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(10)


LOCKED = Fault(
    "locked-by-another-program",
    lambda p: None,
    "in-memory",
    r"history file .*history\.sqlite is in use by another program; .*cannot be kept",
    2,
    r"is in use by python\S* \(pid \d+\) and locked .*nothing changed\.",
    2,
    r"is in use by .* and locked .*nothing changed\.",
)


@dataclass(frozen=True)
class Home:
    root: Path
    env: dict[str, str]
    policy: Path

    @property
    def history(self) -> Path:
        return self.root / ".local" / "share" / "speech-coach" / "history.sqlite"


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Home]:
    root = tmp_path / "home"
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    base = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    base.pop("PULSE_SERVER", None)
    policy = tmp_path / "policy.toml"
    made = Home(root, private_user_env(base, root, runtime), policy)
    write_history(made.history)
    yield made
    made.history.parent.chmod(0o700)  # so that pytest can clean up after a folder row


def prefix(fault: Fault) -> list[str]:
    if not fault.as_agent or os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is needed to run as root without CAP_DAC_OVERRIDE")
    return AS_AGENT


def summary(home: Home, fault: Fault, *args: str) -> tuple[int, str]:
    command = [*prefix(fault), sys.executable, "-m", "desktop", "summary", *args]
    done = subprocess.run(
        [*command, "--config", str(home.policy)],
        env=home.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout + done.stderr


def snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    """The file's bytes and mode, and the names in its folder that are not SQLite's own."""
    names = sorted(
        p.name
        for p in path.parent.iterdir()
        if p.name.startswith(path.name) and not p.name.endswith(("-wal", "-shm"))
    )
    if not os.access(path, os.R_OK) or path.stat().st_mode & 0o444 == 0:
        return b"", path.stat().st_mode, names
    return path.read_bytes(), path.stat().st_mode, names


def readable_shifts(path: Path) -> int:
    from desktop.store.reading import open_for_reading

    with open_for_reading(path) as store:
        return len(store.shift_listing(0.0).overviews)


def run_app(home: Home, fault: Fault) -> AppProcess:
    command = [*prefix(fault), sys.executable, "-m", "desktop", "app", "--config", str(home.policy)]
    return AppProcess(command, home.env, log_file_in(home.root))


def check_fault(home: Home, fault: Fault) -> None:
    """The three programs against one spoiled history (see the module's docstring)."""
    home.policy.write_text(fault.policy, encoding="utf-8")
    before = snapshot(home.history)

    status, printed = summary(home, fault, "--list")
    assert not BROKEN.search(printed), printed
    assert status == fault.list_status, printed
    assert re.search(fault.list_says, printed, re.MULTILINE), printed
    status, printed = summary(home, fault)
    assert not BROKEN.search(printed), printed
    assert status == fault.summary_status, printed
    assert re.search(fault.summary_says, printed, re.MULTILINE), printed
    if status == 2:
        assert len(printed.strip().splitlines()) == 1, printed
    assert snapshot(home.history) == before, "a read command changed the history"

    app = run_app(home, fault)
    try:
        app.wait_for(r"Speech Coach .* ready:", broken=BROKEN, timeout_s=60)
        found = app.wait_for(fault.app_says, broken=BROKEN, timeout_s=20)
        time.sleep(0.5)
    finally:
        status = app.stop()
    output = app.output()
    assert status == 0, output
    assert not BROKEN.search(output), output
    assert any("Speech Coach stopped" in line for line in app.lines), output

    if fault.app == "moved-aside":
        match = re.search(SET_ASIDE, app.lines[found])
        assert match is not None, output
        aside = Path(match.group(1))
        assert aside.parent == home.history.parent and aside.read_bytes() == before[0]
        assert readable_shifts(home.history) == 1, "the app's new shift is in a new history"
    elif fault.app == "in-memory":
        assert snapshot(home.history) == before, "the app changed a history it cannot keep"
    else:
        assert not any(
            p.name.startswith("history.sqlite.corrupt") for p in home.history.parent.iterdir()
        )
        assert readable_shifts(home.history) == fault.shifts_after_app, output


@pytest.mark.slow
@pytest.mark.parametrize("fault", FAULTS, ids=fault_id)
def test_a_spoiled_history_is_reported_kept_or_set_aside_never_a_crash(
    home: Home, fault: Fault
) -> None:
    fault.spoil(home.history)
    check_fault(home, fault)


@pytest.mark.slow
def test_a_locked_history_is_reported_as_in_use(home: Home) -> None:
    """Another program holds the history locked: the report names it and changes nothing;
    the app coaches with a history in memory and says this shift cannot be kept."""
    holder = LockHolder(home.history)
    try:
        check_fault(home, LOCKED)
    finally:
        holder.release()
    assert readable_shifts(home.history) == 2

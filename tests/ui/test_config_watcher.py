"""The running app follows the supervisor's file: real files, real edits, real file watching.

Each change is followed by waiting for the signal it must cause; "nothing was emitted" is
checked by counting loads, never by waiting a while.
"""

import logging
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from policy_matrix import AGENT, MATRIX, write_pair
from pytestqt.qtbot import QtBot

from desktop.coaching.settings import Policy
from desktop.config import (
    ConfigDirs,
    LoadResult,
    ProblemReport,
    load_configured_policy,
    load_policy,
    load_running_policy,
)
from desktop.ui.config_watcher import ConfigWatcher

WAIT_MS = 10_000


def haste_file(ceiling_syl_s: float) -> str:
    return f"schema_version = 1\n\n[cues.haste]\nceiling_syl_s = {ceiling_syl_s}\n"


def ceiling(result: LoadResult | None) -> float:
    assert result is not None
    return result.policy.cues.haste.ceiling_syl_s


class CountingLoad:
    """A `load` that counts its calls, so a test can wait for a reload that emits nothing."""

    def __init__(self, load: Callable[[], LoadResult]) -> None:
        self.load = load
        self.calls = 0

    def __call__(self) -> LoadResult:
        self.calls += 1
        return self.load()


def watch_file(path: Path) -> tuple[ConfigWatcher, CountingLoad]:
    """A watcher on one explicit file (like `--config FILE`), started from its first load."""
    load = CountingLoad(lambda: load_policy(path))
    watcher = ConfigWatcher(load, [path], current=load_policy(path))
    return watcher, load


def replace_by_rename(path: Path, text: str) -> None:
    """Save as many editors do: write a temporary file, then rename it over the old one."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def test_a_valid_edit_gives_the_new_policy(qtbot: QtBot, tmp_path: Path) -> None:
    """Saving a changed value in place emits the new policy, which becomes current."""
    path = tmp_path / "supervisor.toml"
    path.write_text(haste_file(7.0), encoding="utf-8")
    watcher, _ = watch_file(path)
    assert ceiling(watcher.current) == 7.0

    with qtbot.waitSignal(watcher.policy_changed, timeout=WAIT_MS) as signal:
        path.write_text(haste_file(8.0), encoding="utf-8")
    assert ceiling(signal.args[0]) == 8.0
    assert watcher.current is signal.args[0]


def test_a_broken_edit_reports_every_problem_and_keeps_the_good_policy(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Out-of-range values: the problem text is str(ConfigError), all lines; policy kept."""
    path = tmp_path / "supervisor.toml"
    path.write_text(haste_file(7.0), encoding="utf-8")
    watcher, _ = watch_file(path)
    good = watcher.current
    broken = haste_file(42) + "\n[gate]\nmax_cues_per_call = -1\n"

    with qtbot.waitSignal(watcher.config_problem, timeout=WAIT_MS) as signal:
        path.write_text(broken, encoding="utf-8")
    text = signal.args[0]
    assert text.splitlines() == [
        f"{path}: [cues.haste].ceiling_syl_s must be a number between 3 and 10, got 42",
        f"{path}: [gate].max_cues_per_call must be a whole number between 0 and 100, got -1",
    ]
    assert watcher.current is good


def test_bad_toml_is_a_problem_and_fixing_it_gives_a_policy_again(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A syntax error names line and column; the fix (even back to the old values) clears it."""
    path = tmp_path / "supervisor.toml"
    path.write_text(haste_file(7.0), encoding="utf-8")
    watcher, _ = watch_file(path)
    good = watcher.current

    with qtbot.waitSignal(watcher.config_problem, timeout=WAIT_MS) as problem:
        path.write_text("schema_version = 1\n[cues.haste\nceiling_syl_s = 7.0\n", "utf-8")
    assert f"{path}, line 2, column 12: TOML syntax error" in problem.args[0]
    assert watcher.current is good

    with qtbot.waitSignal(watcher.policy_changed, timeout=WAIT_MS) as fixed:
        path.write_text(haste_file(7.0), encoding="utf-8")
    assert good is not None and fixed.args[0].policy == good.policy
    assert watcher.current is fixed.args[0]


def test_a_file_replaced_by_rename_stays_watched(qtbot: QtBot, tmp_path: Path) -> None:
    """Two saves by rename in a row: the second is seen too, so the watch was renewed."""
    path = tmp_path / "supervisor.toml"
    path.write_text(haste_file(7.0), encoding="utf-8")
    watcher, _ = watch_file(path)

    for value in (8.0, 9.0):
        with qtbot.waitSignal(watcher.policy_changed, timeout=WAIT_MS) as signal:
            replace_by_rename(path, haste_file(value))
        assert ceiling(signal.args[0]) == value
        assert str(path) in watcher.watched


def test_a_deleted_then_recreated_user_file_is_picked_up(qtbot: QtBot, tmp_path: Path) -> None:
    """Without the agent's file the defaults apply; when it comes back, so do its values."""
    dirs = ConfigDirs(system=tmp_path / "system", user=tmp_path / "user")
    dirs.user.mkdir()
    user_file = dirs.user / "supervisor.toml"
    user_file.write_text(haste_file(7.0), encoding="utf-8")

    def load() -> LoadResult:
        return load_configured_policy(None, {}, dirs)

    watcher = ConfigWatcher(load, [dirs.system / "supervisor.toml", user_file], current=load())
    with qtbot.waitSignal(watcher.policy_changed, timeout=WAIT_MS) as removed:
        user_file.unlink()
    assert removed.args[0].policy == Policy()

    with qtbot.waitSignal(watcher.policy_changed, timeout=WAIT_MS) as recreated:
        user_file.write_text(haste_file(9.5), encoding="utf-8")
    assert ceiling(recreated.args[0]) == 9.5


def test_a_config_folder_that_does_not_exist_yet_is_picked_up(qtbot: QtBot, tmp_path: Path) -> None:
    """A fresh agent has no config folder at all; creating folder and file still counts."""
    dirs = ConfigDirs(system=tmp_path / "etc" / "speech-coach", user=tmp_path / "home" / "sc")
    paths = [dirs.system / "supervisor.toml", dirs.user / "supervisor.toml"]
    watcher = ConfigWatcher(lambda: load_configured_policy(None, {}, dirs), paths)
    with qtbot.waitSignal(watcher.policy_changed, timeout=WAIT_MS):
        watcher.reload()  # the first load: defaults
    assert watcher.current is not None and watcher.current.sources == ()

    with qtbot.waitSignal(watcher.policy_changed, timeout=WAIT_MS) as signal:
        dirs.system.mkdir(parents=True)
        (dirs.system / "supervisor.toml").write_text(haste_file(8.5), encoding="utf-8")
    assert ceiling(signal.args[0]) == 8.5


def test_saves_that_change_nothing_emit_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    """Same content saved again, or another file in the folder: reloaded, but no signal."""
    path = tmp_path / "supervisor.toml"
    path.write_text(haste_file(7.0), encoding="utf-8")
    watcher, load = watch_file(path)
    emitted: list[object] = []
    watcher.policy_changed.connect(emitted.append)
    watcher.config_problem.connect(emitted.append)

    path.write_text(haste_file(7.0), encoding="utf-8")
    qtbot.waitUntil(lambda: load.calls >= 1, timeout=WAIT_MS)
    calls = load.calls
    (tmp_path / ".supervisor.toml.swp").write_text("editor noise", encoding="utf-8")
    qtbot.waitUntil(lambda: load.calls > calls, timeout=WAIT_MS)
    assert emitted == []


def test_the_same_problem_is_reported_once(qtbot: QtBot, tmp_path: Path) -> None:
    """Saving the same broken file again does not repeat the message; a new problem does."""
    path = tmp_path / "supervisor.toml"
    path.write_text(haste_file(7.0), encoding="utf-8")
    watcher, load = watch_file(path)
    problems: list[str] = []
    watcher.config_problem.connect(problems.append)

    path.write_text(haste_file(42), encoding="utf-8")
    qtbot.waitUntil(lambda: len(problems) == 1, timeout=WAIT_MS)
    calls = load.calls
    replace_by_rename(path, haste_file(42))
    qtbot.waitUntil(lambda: load.calls > calls, timeout=WAIT_MS)
    assert len(problems) == 1
    with qtbot.waitSignal(watcher.config_problem, timeout=WAIT_MS) as signal:
        path.write_text(haste_file(1), encoding="utf-8")
    assert "got 1" in signal.args[0]


def test_a_broken_edit_is_logged_problem_by_problem(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """IT is told to send the log: it says that the last good settings are kept, and every
    problem with file, key, allowed and found, not only that something is wrong."""
    path = tmp_path / "supervisor.toml"
    path.write_text(haste_file(7.0), encoding="utf-8")
    watcher, _ = watch_file(path)
    with qtbot.waitSignal(watcher.config_problem, timeout=WAIT_MS):
        path.write_text(haste_file(42) + "\n[gate]\nmax_cues_per_call = -1\n", encoding="utf-8")
    logged = [record.getMessage() for record in caplog.records]
    assert logged == [
        "settings file has problems; keeping the last good settings:",
        f"{path}: [cues.haste].ceiling_syl_s must be a number between 3 and 10, got 42",
        f"{path}: [gate].max_cues_per_call must be a whole number between 0 and 100, got -1",
    ]


def running_watcher(dirs: ConfigDirs) -> tuple[ConfigWatcher, list[LoadResult], list[str]]:
    """A watcher on the platform pair with the app's loader, started from what is on disk;
    reloads are called by the test (the debounce is too long to fire in between)."""

    def load() -> LoadResult:
        return load_running_policy(None, {}, dirs)

    paths = [dirs.system / "supervisor.toml", dirs.user / "supervisor.toml"]
    watcher = ConfigWatcher(load, paths, current=load(), debounce_ms=600_000)
    changed: list[LoadResult] = []
    problems: list[str] = []
    watcher.policy_changed.connect(changed.append)
    watcher.config_problem.connect(problems.append)
    return watcher, changed, problems


@pytest.mark.parametrize(("system", "agent"), list(MATRIX), ids=[f"{s}+{a}" for s, a in MATRIX])
def test_every_combination_on_live_reload(
    qtbot: QtBot,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    system: str,
    agent: str,
) -> None:
    """From a sound pair, the files become each cell of the matrix. With the system file
    sound (or absent) the app runs with exactly what a start would give; with it broken,
    the last good policy stays. Every problem is shown and logged."""
    caplog.set_level(logging.WARNING)
    dirs = ConfigDirs(system=tmp_path / "etc", user=tmp_path / "home")
    write_pair(dirs, "valid", "valid")
    watcher, changed, problems = running_watcher(dirs)
    good = watcher.current
    assert good is not None and good.errors == ()

    system_path, agent_path = write_pair(dirs, system, agent)
    watcher.reload()
    expected = MATRIX[system, agent]
    if system in ("broken-key", "unusable"):
        assert watcher.current is good and changed == []
        assert "keeping the last good settings" in caplog.text
    else:
        at_start = load_running_policy(None, {}, dirs)
        assert watcher.current is not None and watcher.current.policy == at_start.policy
        policy = watcher.current.policy
        assert policy.privacy.retention_days == expected.retention_days
        assert policy.gate.max_cues_per_call == expected.max_cues_per_call
        assert policy.cues.haste.ceiling_syl_s == expected.ceiling_syl_s
        assert policy.language == expected.language
        assert len(changed) == (policy != good.policy or bool(problems))
    if expected.problem_files:
        (problem,) = problems
        named = {"system": str(system_path), "agent": str(agent_path)}
        assert not {named[role] for role in expected.problem_files} - set(
            line.split(":")[0].split(",")[0] for line in problem.splitlines()
        )
        for line in problem.splitlines():
            assert line in caplog.text
    else:
        assert problems == []


def test_a_broken_agent_edit_keeps_the_system_retention(qtbot: QtBot, tmp_path: Path) -> None:
    """The issue's case live: the agent saves `language = "fr"`; their language goes back to
    the default, the system's retention and locks stay, and the problem names their file."""
    dirs = ConfigDirs(system=tmp_path / "etc", user=tmp_path / "home")
    write_pair(dirs, "valid", "valid")

    def load() -> LoadResult:
        return load_running_policy(None, {}, dirs)

    paths = [dirs.system / "supervisor.toml", dirs.user / "supervisor.toml"]
    watcher = ConfigWatcher(load, paths, current=load())
    assert ceiling(watcher.current) == 9.5
    user_file = paths[1]
    with (
        qtbot.waitSignal(watcher.policy_changed, timeout=WAIT_MS) as changed,
        qtbot.waitSignal(watcher.config_problem, timeout=WAIT_MS) as problem,
    ):
        replace_by_rename(user_file, AGENT["valid"].replace('"en"', '"fr"'))
    policy = changed.args[0].policy
    assert (policy.language, policy.privacy.retention_days) == ("nl", 3650)
    assert policy.gate.max_cues_per_call == 7 and ceiling(changed.args[0]) == 9.5
    assert (
        problem.args[0] == f'{user_file}: [general].language must be one of "nl", "en", got \'fr\''
    )


def test_started_on_a_broken_system_file_follows_the_files(qtbot: QtBot, tmp_path: Path) -> None:
    """With no last good policy, a reload applies the new safe result (here the agent's new
    language); fixing the system file clears the problem and applies its values."""
    dirs = ConfigDirs(system=tmp_path / "etc", user=tmp_path / "home")
    write_pair(dirs, "unusable", "missing")
    watcher, changed, problems = running_watcher(dirs)
    assert watcher.current is not None and not watcher.current.supervisor_ok
    write_pair(dirs, "unusable", "valid")
    watcher.reload()
    assert [result.policy.language for result in changed] == ["en"]
    assert len(problems) == 1  # shown again after policy_changed cleared it

    write_pair(dirs, "valid", "valid")
    watcher.reload()
    assert changed[-1].errors == () and changed[-1].policy.gate.max_cues_per_call == 7
    assert len(problems) == 1


def test_the_report_behind_a_problem_carries_every_problem_with_its_hint(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The settings-problem window reads `watcher.report`: after an edit with a decimal
    comma and a mistyped key it holds both, each with its hint; after the fix it is empty."""
    path = tmp_path / "supervisor.toml"
    path.write_text(haste_file(7.0), encoding="utf-8")
    load = CountingLoad(lambda: load_running_policy(str(path), {}))
    watcher = ConfigWatcher(load, [path], current=load())
    assert watcher.report == ProblemReport()

    with qtbot.waitSignal(watcher.config_problem, timeout=WAIT_MS):
        path.write_text(haste_file(7.0) + "sustain_s = 4,5\nflor_syl_s = 5.0\n", "utf-8")
    syntax = watcher.report.errors[0]
    assert (syntax.line, syntax.hint and syntax.hint.nl) == (
        5,
        "schrijf een decimaal getal met een punt, dus 4.5 en niet 4,5",
    )
    (warning,) = watcher.report.warnings
    assert warning.hint is not None and warning.hint.en == "did you mean [cues.haste].floor_syl_s?"

    with qtbot.waitSignal(watcher.policy_changed, timeout=WAIT_MS):
        path.write_text(haste_file(7.5), encoding="utf-8")
    assert watcher.report == ProblemReport()

"""The policy the tray app starts with (`load_running_policy`): a broken file never weakens a
sound one, every combination of system-wide and agent file, and nothing deleted on a guess."""

from pathlib import Path

import pytest
from policy_matrix import AGENT, MATRIX, SYSTEM, V1, write_pair

from desktop.config import (
    ENV_VAR,
    ConfigDirs,
    ConfigError,
    LoadResult,
    load_configured_policy,
    load_running_policy,
    outcome_lines,
)

from confighelpers import write


@pytest.fixture
def dirs(tmp_path: Path) -> ConfigDirs:
    return ConfigDirs(system=tmp_path / "etc", user=tmp_path / "home")


def problem_files(result: LoadResult, dirs: ConfigDirs) -> frozenset[str]:
    roles = {
        str(dirs.system / "supervisor.toml"): "system",
        str(dirs.user / "supervisor.toml"): "agent",
    }
    return frozenset(roles[problem.file] for problem in result.errors)


@pytest.mark.parametrize(("system", "agent"), list(MATRIX), ids=[f"{s}+{a}" for s, a in MATRIX])
def test_every_combination_of_system_and_agent_file(
    dirs: ConfigDirs, system: str, agent: str
) -> None:
    """Valid, broken-key, unusable or missing system file x the same for the agent's: the
    locked values hold, the agent's broken parts are left out and named, never a raise."""
    write_pair(dirs, system, agent)
    result = load_running_policy(None, {}, dirs)
    expected = MATRIX[system, agent]
    policy = result.policy
    assert policy.privacy.retention_days == expected.retention_days
    assert policy.gate.max_cues_per_call == expected.max_cues_per_call
    assert policy.cues.haste.ceiling_syl_s == expected.ceiling_syl_s
    assert policy.language == expected.language
    assert result.supervisor_ok is expected.supervisor_ok
    assert problem_files(result, dirs) == expected.problem_files
    assert bool(outcome_lines(result)) == bool(expected.problem_files)
    assert set(result.sources) == {
        path for path, text in zip(
            (dirs.system / "supervisor.toml", dirs.user / "supervisor.toml"),
            (SYSTEM[system], AGENT[agent]), strict=True,
        ) if text is not None
    }  # fmt: skip


def test_the_matrix_covers_every_combination() -> None:
    """4 x 4 cells: none forgotten."""
    assert set(MATRIX) == {(s, a) for s in SYSTEM for a in AGENT}


def test_a_broken_agent_file_keeps_the_system_retention_and_locks(dirs: ConfigDirs) -> None:
    """The issue's case: retention 3650 and locked keys from the system file survive an agent
    file with `language = "fr"`; the one problem names the agent's file, key and value, and
    the log says what is done about it."""
    system = write(dirs.system, "supervisor.toml", V1 + "[privacy]\nretention_days = 3650\n"
                   "store_transcripts = false\n[cues.haste]\nceiling_syl_s = 6.0\n"
                   "[agent]\nmay_change = []\n")  # fmt: skip
    user = write(dirs.user, "supervisor.toml", V1 + '[general]\nlanguage = "fr"\n'
                 "[privacy]\nretention_days = 1\nstore_transcripts = true\n")  # fmt: skip
    result = load_running_policy(None, {}, dirs)
    assert result.policy.privacy.retention_days == 3650
    assert result.policy.privacy.store_transcripts is False
    assert result.policy.cues.haste.ceiling_syl_s == 6.0
    assert result.policy.agent_may_change == ()
    assert result.supervisor_ok
    (error,) = result.errors
    assert str(error) == f'{user}: [general].language must be one of "nl", "en", got \'fr\''
    assert [w.key_path for w in result.warnings] == [
        "privacy.retention_days",
        "privacy.store_transcripts",
    ]
    assert all(f"is locked by {system}" in str(w) for w in result.warnings)
    head, *lines = outcome_lines(result)
    assert "what is named below is ignored" in head and lines == [str(error)]


def test_the_command_line_still_refuses_a_broken_agent_file(dirs: ConfigDirs) -> None:
    """`analyze`, `listen` and `summary` use the strict loader: they stop with the problem
    rather than run with a policy the supervisor did not write."""
    write(dirs.system, "supervisor.toml", V1 + "[privacy]\nretention_days = 3650\n")
    write(dirs.user, "supervisor.toml", V1 + '[general]\nlanguage = "fr"\n')
    with pytest.raises(ConfigError, match=r"\[general\]\.language"):
        load_configured_policy(None, {}, dirs)


def test_an_unusable_system_file_unlocks_nothing(dirs: ConfigDirs) -> None:
    """With the system file unreadable the agent may change only what the default
    may_change frees; every other value of theirs is refused with a reason."""
    system = write(dirs.system, "supervisor.toml", b"\xff\xfe not text")
    user = write(dirs.user, "supervisor.toml", V1 + '[general]\nlanguage = "en"\n'
                 "[privacy]\nstore_transcripts = true\n[cues.fillers]\nenabled = true\n"
                 '[agent]\nmay_change = ["privacy"]\n')  # fmt: skip
    result = load_running_policy(None, {}, dirs)
    assert (result.policy.language, result.policy.cues.fillers.enabled) == ("en", True)
    assert result.policy.privacy.store_transcripts is False
    assert result.policy.privacy.retention_days == 3650
    assert not result.supervisor_ok
    assert [str(e) for e in result.errors] == [
        f"{system}, line 1, column 1: not UTF-8 text (byte 0xFF); save the file with the "
        "encoding UTF-8",
        f"{system}: [privacy].retention_days cannot be trusted while this file is broken, so "
        "nothing is deleted: shifts are kept for up to 3650 days until the file is fixed",
    ]
    refused = {w.key_path: str(w) for w in result.warnings}
    assert set(refused) == {"privacy.store_transcripts", "agent.may_change"}
    assert (
        f"is locked by {system} (whose own value for it cannot be used"
        in refused["privacy.store_transcripts"]
    )
    assert refused["agent.may_change"].startswith(f"{user}: [agent].may_change is locked by")


def test_a_broken_system_key_stays_locked_and_a_bad_retention_deletes_nothing(
    dirs: ConfigDirs,
) -> None:
    """retention_days = "long" in the system file: nothing is deleted (3650 stands in, not
    the default 90, not the agent's 1), and the problem says so."""
    system = write(dirs.system, "supervisor.toml", V1 + '[privacy]\nretention_days = "long"\n')
    write(dirs.user, "supervisor.toml", V1 + "[privacy]\nretention_days = 1\n")
    result = load_running_policy(None, {}, dirs)
    assert result.policy.privacy.retention_days == 3650
    assert [str(e) for e in result.errors] == [
        f"{system}: [privacy].retention_days must be a whole number between 1 and 3650, got 'long'",
        f"{system}: [privacy].retention_days cannot be trusted while this file is broken, so "
        "nothing is deleted: shifts are kept for up to 3650 days until the file is fixed",
    ]


def test_an_agent_file_of_a_newer_schema_is_ignored_whole(dirs: ConfigDirs) -> None:
    """A file for a newer app cannot be half understood: none of it applies, and since it
    might set the retention (the system file does not), nothing is deleted."""
    write(dirs.system, "supervisor.toml", V1 + "[gate]\nsounds = true\n")
    user = write(dirs.user, "supervisor.toml", "schema_version = 2\n[general]\nlanguage = 'en'\n")
    result = load_running_policy(None, {}, dirs)
    assert (result.policy.language, result.policy.gate.sounds) == ("nl", True)
    assert result.policy.privacy.retention_days == 3650
    newer, retention = result.errors
    assert str(newer).startswith(f"{user}: made for a newer Speech Coach (schema 2)")
    assert str(retention).startswith(f"{user}: [privacy].retention_days cannot be trusted")


def test_an_order_broken_across_files_drops_the_agent_values(dirs: ConfigDirs) -> None:
    """The freed agent floor (6.2) above the system ceiling (6.0): the agent's floor goes,
    the ceiling stays, and the problem is charged to the agent's file."""
    write(dirs.system, "supervisor.toml", V1 + "[cues.haste]\nceiling_syl_s = 6.0\n"
          '[agent]\nmay_change = ["cues.haste.floor_syl_s"]\n')  # fmt: skip
    user = write(dirs.user, "supervisor.toml", V1 + "[cues.haste]\nfloor_syl_s = 6.2\n")
    result = load_running_policy(None, {}, dirs)
    haste = result.policy.cues.haste
    assert (haste.floor_syl_s, haste.ceiling_syl_s) == (5.5, 6.0)
    (error,) = result.errors
    assert str(error) == (
        f"{user}: [cues.haste].floor_syl_s must be at most [cues.haste].ceiling_syl_s (6), got 6.2"
    )
    assert result.supervisor_ok


def test_an_order_broken_inside_the_system_file_keeps_both_keys_locked(dirs: ConfigDirs) -> None:
    """floor 7 over ceiling 6 in the system file: the floor's default stands in, locked, and
    the ceiling (fine with it) stays; a broken floor with a ceiling below the default floor
    drops the ceiling too, and says so."""
    write(dirs.system, "supervisor.toml", V1 + "[cues.haste]\nfloor_syl_s = 7\nceiling_syl_s = 6\n")
    write(dirs.user, "supervisor.toml", V1 + "[cues.haste]\nfloor_syl_s = 3\n")
    result = load_running_policy(None, {}, dirs)
    haste = result.policy.cues.haste
    assert (haste.floor_syl_s, haste.ceiling_syl_s) == (5.5, 6.0)
    assert [w.key_path for w in result.warnings] == ["cues.haste.floor_syl_s"]

    system = write(dirs.system, "supervisor.toml", V1 + "[cues.haste]\nfloor_syl_s = 'x'\n"
                   "ceiling_syl_s = 5.0\n")  # fmt: skip
    result = load_running_policy(None, {}, dirs)
    haste = result.policy.cues.haste
    assert (haste.floor_syl_s, haste.ceiling_syl_s) == (5.5, 6.5)
    assert str(result.errors[-1]) == (
        f"{system}: [cues.haste].ceiling_syl_s is ignored too: it must keep its order with "
        "[cues.haste].floor_syl_s, which is broken"
    )


@pytest.mark.parametrize("origin", ["--config", ENV_VAR])
def test_a_named_file_that_is_missing_or_broken(
    tmp_path: Path, dirs: ConfigDirs, origin: str
) -> None:
    """A file named by --config or the variable is the supervisor's: missing, it is said and
    nothing is deleted; broken, its valid keys still apply."""
    gone = tmp_path / "gone.toml"
    cli, env = (gone, {}) if origin == "--config" else (None, {ENV_VAR: str(gone)})
    result = load_running_policy(cli, env, dirs)
    assert [str(e) for e in result.errors][0] == f"{gone}: no such file (named by {origin})"
    assert result.policy.privacy.retention_days == 3650 and not result.supervisor_ok

    named = write(tmp_path, "named.toml", V1 + "[gate]\nsounds = true\nmax_cues_per_call = -1\n")
    write(dirs.user, "supervisor.toml", V1 + '[general]\nlanguage = "en"\n')  # not read
    cli, env = (named, {}) if origin == "--config" else (None, {ENV_VAR: str(named)})
    result = load_running_policy(cli, env, dirs)
    assert (result.policy.gate.sounds, result.policy.gate.max_cues_per_call) == (True, 6)
    assert result.policy.language == "nl" and result.sources == (named,)
    (error,) = result.errors
    assert "[gate].max_cues_per_call" in str(error) and "got -1" in str(error)


def test_the_result_names_the_keys_the_agent_cannot_change(tmp_path: Path) -> None:
    """What the system file sets is locked for the agent (the menu greys out its switch),
    unless `[agent] may_change` frees it; with no system file nothing is locked."""
    from desktop.config.locate import ConfigDirs

    system_dir, user_dir = tmp_path / "system", tmp_path / "user"
    (system_dir / "speech-coach").mkdir(parents=True)
    (user_dir / "speech-coach").mkdir(parents=True)
    system = system_dir / "speech-coach" / "supervisor.toml"
    dirs = ConfigDirs(system=system_dir / "speech-coach", user=user_dir / "speech-coach")
    assert load_running_policy(None, {}, dirs).locked == frozenset()
    system.write_text('schema_version = 1\n[customer]\nsource = "auto"\n', encoding="utf-8")
    assert "customer.source" in load_running_policy(None, {}, dirs).locked
    system.write_text(
        'schema_version = 1\n[customer]\nsource = "auto"\n[agent]\nmay_change = ["customer"]\n',
        encoding="utf-8",
    )
    assert "customer.source" not in load_running_policy(None, {}, dirs).locked

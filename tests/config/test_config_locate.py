"""Which files apply, and how the system-wide file locks the agent's own."""

from pathlib import Path

import pytest

from desktop.config import (
    ENV_VAR,
    ConfigDirs,
    ConfigError,
    load_configured_policy,
    load_policy,
    locate_config_files,
)

from confighelpers import outcome, write

V1 = "schema_version = 1\n"


@pytest.fixture
def dirs(tmp_path: Path) -> ConfigDirs:
    return ConfigDirs(system=tmp_path / "etc", user=tmp_path / "home")


def test_command_line_beats_environment_beats_the_platform_files(
    tmp_path: Path, dirs: ConfigDirs
) -> None:
    """--config wins over SPEECH_COACH_CONFIG, which wins over the system and user files."""
    cli = write(tmp_path, "cli.toml", V1)
    env_file = write(tmp_path, "env.toml", V1)
    write(dirs.system, "supervisor.toml", V1)
    env = {ENV_VAR: str(env_file)}
    assert locate_config_files(cli, env, dirs) == [cli]
    assert locate_config_files(None, env, dirs) == [env_file]
    assert locate_config_files(None, {ENV_VAR: "  "}, dirs) == [dirs.system / "supervisor.toml"]


def test_system_then_user_and_absent_ones_skipped(dirs: ConfigDirs) -> None:
    """Both platform files in order system, user; a missing one is simply left out."""
    assert locate_config_files(None, {}, dirs) == []
    user = write(dirs.user, "supervisor.toml", V1)
    assert locate_config_files(None, {}, dirs) == [user]
    system = write(dirs.system, "supervisor.toml", V1)
    assert locate_config_files(None, {}, dirs) == [system, user]


@pytest.mark.parametrize("origin", ["--config", ENV_VAR])
def test_an_explicit_file_that_does_not_exist_is_an_error(
    tmp_path: Path, dirs: ConfigDirs, origin: str
) -> None:
    """A file someone named must exist; the error names it and where it was named."""
    gone = tmp_path / "gone.toml"
    cli, env = (gone, {}) if origin == "--config" else (None, {ENV_VAR: str(gone)})
    with pytest.raises(ConfigError) as caught:
        locate_config_files(cli, env, dirs)
    assert str(caught.value) == f"{gone}: no such file (named by {origin})"


def test_linux_platform_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    """On Linux the system file is under /etc/xdg and the user's under ~/.config."""
    if not Path("/etc").is_dir():
        pytest.skip("not a Unix system")
    monkeypatch.delenv("XDG_CONFIG_DIRS", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", "/home/agent/.config")
    found = ConfigDirs.from_platform()
    assert found == ConfigDirs(
        Path("/etc/xdg/speech-coach"), Path("/home/agent/.config/speech-coach")
    )


def test_system_keys_are_locked_unless_freed(dirs: ConfigDirs) -> None:
    """The user's value wins for unset and freed keys; a locked key keeps the system value
    and the user hears which key was ignored and why."""
    write(dirs.system, "supervisor.toml", V1 + '[general]\nlanguage = "en"\n'
          "[cues.haste]\nfloor_syl_s = 5.0\n")  # fmt: skip
    user = write(dirs.user, "supervisor.toml", V1 + '[general]\nlanguage = "nl"\n'
                 "[cues.haste]\nfloor_syl_s = 4.0\n[gate]\nsounds = true\n")  # fmt: skip
    result = load_configured_policy(None, {}, dirs)
    assert result.policy.language == "nl"  # freed by the default may_change
    assert result.policy.gate.sounds is True  # the system file does not set it
    assert result.policy.cues.haste.floor_syl_s == 5.0  # locked
    (warning,) = result.warnings
    assert str(warning) == (
        f"{user}: [cues.haste].floor_syl_s is locked by {dirs.system / 'supervisor.toml'}; "
        "the value 4.0 here is ignored"
    )


def test_may_change_frees_a_section_and_replaces_the_default_list(dirs: ConfigDirs) -> None:
    """may_change = ["cues.haste"] frees every haste key and no longer frees the language."""
    text = V1 + '[general]\nlanguage = "en"\n[cues.haste]\nfloor_syl_s = 5.0\n'
    system = write(dirs.system, "supervisor.toml", text + '[agent]\nmay_change = ["cues.haste"]\n')
    user = write(dirs.user, "supervisor.toml", V1 + '[general]\nlanguage = "nl"\n'
                 "[cues.haste]\nfloor_syl_s = 4.0\n")  # fmt: skip
    result = load_policy(system, user)
    assert result.policy.cues.haste.floor_syl_s == 4.0
    assert result.policy.language == "en"
    assert [w.key_path for w in result.warnings] == ["general.language"]


def test_the_agent_cannot_widen_may_change(dirs: ConfigDirs) -> None:
    """may_change in the agent's file is ignored with a warning: only the supervisor decides."""
    system = write(dirs.system, "supervisor.toml", V1)
    user = write(dirs.user, "supervisor.toml", V1 + '[agent]\nmay_change = ["gate"]\n')
    result = load_policy(system, user)
    assert result.policy.agent_may_change == ("general.language", "cues.fillers.enabled")
    (warning,) = result.warnings
    assert "[agent].may_change is ignored" in str(warning) and str(system) in str(warning)


def test_a_bad_combination_across_files_is_an_error(dirs: ConfigDirs) -> None:
    """Each file alone is valid, but the freed user floor above the system ceiling is not."""
    system = write(dirs.system, "supervisor.toml", V1 + "[cues.haste]\nceiling_syl_s = 6.0\n"
                   '[agent]\nmay_change = ["cues.haste.floor_syl_s"]\n')  # fmt: skip
    user = write(dirs.user, "supervisor.toml", V1 + "[cues.haste]\nfloor_syl_s = 6.2\n")
    (error,), _ = outcome(system, user)
    assert str(error) == (
        f"{user}: [cues.haste].floor_syl_s must be at most [cues.haste].ceiling_syl_s (6), got 6.2"
    )

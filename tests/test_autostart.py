"""Login autostart: the XDG entry for real (written, read back, run by `dex` the way a desktop
session runs autostart entries), the Windows and macOS writers by the text they produce."""

import os
import plistlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import autostart
from desktop.autostart import (
    AutostartLocked,
    XdgAutostart,
    backend,
    desktop_entry,
    desktop_exec_line,
    launch_agent_plist,
    launch_command,
    windows_run_value,
)


@pytest.fixture()
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Private user and system config folders, also in os.environ for the module's API."""
    env = {
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
        "XDG_CONFIG_DIRS": str(tmp_path / "etc-xdg"),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


def parse_exec(value: str) -> list[str]:
    """The arguments a desktop-entry reader gets from an Exec value (the specification's
    string unescaping, then its quoting rules, then %% → %); a reference for the writer."""
    unescaped, i = "", 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            unescaped += {"s": " ", "n": "\n", "t": "\t", "r": "\r"}.get(value[i + 1], value[i + 1])
            i += 2
        else:
            unescaped += value[i]
            i += 1
    arguments, current, quoted, started, i = [], "", False, False, 0
    while i < len(unescaped):
        ch = unescaped[i]
        if quoted and ch == "\\" and i + 1 < len(unescaped):
            current, i = current + unescaped[i + 1], i + 2
            continue
        if ch == '"':
            quoted, started = not quoted, True
        elif ch == " " and not quoted:
            if started:
                arguments.append(current)
            current, started = "", False
        else:
            current, started = current + ch, True
        i += 1
    if started:
        arguments.append(current)
    return [argument.replace("%%", "%") for argument in arguments]


@pytest.mark.parametrize(
    "command",
    [
        ["/opt/speech-coach/speech-coach-app", "app"],
        ["/opt/Speech Coach/speech-coach-app", "app"],
        ['/home/an$na/it\'s "mine"/back\\slash/100%/python3', "-m", "desktop", "app"],
    ],
)
def test_the_exec_line_gives_back_the_exact_arguments(command: list[str]) -> None:
    """Spaces, quotes, dollars, backslashes and percent signs survive the Exec quoting."""
    assert parse_exec(desktop_exec_line(command)) == command


def test_a_plain_command_is_written_unquoted() -> None:
    """The usual case reads like a shell command, without needless quotes."""
    assert desktop_exec_line(["/opt/speech-coach/speech-coach-app", "app"]) == (
        "/opt/speech-coach/speech-coach-app app"
    )


def test_enable_disable_round_trip(xdg: dict[str, str]) -> None:
    """enable writes ~/.config/autostart/speech-coach.desktop; disable removes it."""
    assert not autostart.is_enabled()
    autostart.enable()
    entry = Path(xdg["XDG_CONFIG_HOME"]) / "autostart" / "speech-coach.desktop"
    assert entry.is_file()
    text = entry.read_text(encoding="utf-8")
    assert "[Desktop Entry]" in text and "Type=Application" in text
    assert parse_exec(text.split("Exec=")[1].splitlines()[0]) == launch_command()
    assert autostart.is_enabled()
    autostart.disable()
    assert not entry.exists() and not autostart.is_enabled()
    autostart.disable()  # disabling twice is fine


def test_a_system_wide_entry_is_overridden_with_hidden(xdg: dict[str, str]) -> None:
    """IT's entry in /etc/xdg/autostart counts as enabled; disabling it for one user writes a
    user entry with Hidden=true (the file in /etc stays), and enabling again clears that."""
    system = Path(xdg["XDG_CONFIG_DIRS"]) / "autostart" / "speech-coach.desktop"
    system.parent.mkdir(parents=True)
    system.write_text(desktop_entry(["/opt/speech-coach/speech-coach-app", "app"]), "utf-8")
    assert autostart.is_enabled()
    autostart.disable()
    user = Path(xdg["XDG_CONFIG_HOME"]) / "autostart" / "speech-coach.desktop"
    assert "Hidden=true" in user.read_text(encoding="utf-8")
    assert system.is_file() and not autostart.is_enabled()
    autostart.enable()
    assert "Hidden" not in user.read_text(encoding="utf-8") and autostart.is_enabled()


def test_a_locked_choice_is_refused_and_nothing_changes(xdg: dict[str, str]) -> None:
    """When the supervisor decides, the agent's enable/disable raise and change nothing."""
    with pytest.raises(AutostartLocked, match="supervisor"):
        autostart.enable(locked=True)
    assert not autostart.is_enabled()
    autostart.enable()
    with pytest.raises(AutostartLocked):
        autostart.disable(locked=True)
    assert autostart.is_enabled()


@pytest.mark.parametrize("wanted", [True, False])
def test_apply_policy_makes_it_so(xdg: dict[str, str], wanted: bool) -> None:
    """The supervisor's start_at_login is applied whatever the state was before."""
    for before in (True, False):
        autostart.enable() if before else autostart.disable()
        autostart.apply_policy(wanted)
        assert autostart.is_enabled() is wanted


def test_a_desktop_session_runs_the_entry(xdg: dict[str, str], tmp_path: Path) -> None:
    """`dex -a` (an implementation of XDG autostart) runs exactly the command written, with a
    path with spaces and an apostrophe as argument. (dex itself mishandles `%%` and escaped
    `$`, so the rarer characters are checked against the specification's rules above.)"""
    if shutil.which("dex") is None:
        if os.environ.get("CI"):
            pytest.fail("dex is not installed (apt-get install dex); CI must run this test")
        pytest.skip("dex is not installed (apt-get install dex, or run scripts/dev test)")
    marker = tmp_path / "a folder with spaces" / "agent's marker.txt"
    marker.parent.mkdir()
    script = "import pathlib, sys; pathlib.Path(sys.argv[1]).write_text('started')"
    backend(command=[sys.executable, "-c", script, str(marker)]).enable()
    done = subprocess.run(
        ["dex", "--autostart", "--wait"],
        env={**os.environ, **xdg},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert marker.read_text() == "started", done.stderr


def test_frozen_the_windowed_program_is_started(tmp_path: Path) -> None:
    """From the bundle, login starts speech-coach-app (no console window on Windows) even when
    the console program is the one running."""
    (tmp_path / "speech-coach").touch()
    (tmp_path / "speech-coach-app").touch()
    command = launch_command(str(tmp_path / "speech-coach"), frozen=True, windows=False)
    assert command == [str(tmp_path / "speech-coach-app"), "app"]
    (tmp_path / "win").mkdir()
    (tmp_path / "win" / "speech-coach-app.exe").touch()
    command = launch_command(str(tmp_path / "win" / "speech-coach.exe"), frozen=True, windows=True)
    assert command == [str(tmp_path / "win" / "speech-coach-app.exe"), "app"]


def test_from_python_the_module_is_started(tmp_path: Path) -> None:
    """Not frozen: the same interpreter runs `-m desktop app`; on Windows pythonw.exe."""
    assert launch_command("/venv/bin/python", frozen=False, windows=False) == [
        "/venv/bin/python",
        "-m",
        "desktop",
        "app",
    ]
    (tmp_path / "python.exe").touch()
    (tmp_path / "pythonw.exe").touch()
    command = launch_command(str(tmp_path / "python.exe"), frozen=False, windows=True)
    assert command[0] == str(tmp_path / "pythonw.exe")


def test_the_windows_run_value_quotes_paths_with_spaces() -> None:
    """The Run key holds one command line; a path under Program Files must be quoted."""
    value = windows_run_value([r"C:\Program Files\Speech Coach\speech-coach-app.exe", "app"])
    assert value == r'"C:\Program Files\Speech Coach\speech-coach-app.exe" app'


def test_the_launch_agent_runs_the_command_at_login() -> None:
    """The macOS LaunchAgent is a valid plist with the label, the arguments and RunAtLoad."""
    command = ["/Applications/Speech Coach.app/Contents/MacOS/speech-coach-app", "app"]
    agent = plistlib.loads(launch_agent_plist(command))
    assert agent["Label"] == autostart.LAUNCH_AGENT_LABEL
    assert agent["ProgramArguments"] == command
    assert agent["RunAtLoad"] is True and agent["LimitLoadToSessionType"] == "Aqua"


def test_the_mac_agent_file_goes_to_the_users_launch_agents(tmp_path: Path) -> None:
    """enable/disable on macOS write and remove ~/Library/LaunchAgents/<label>.plist."""
    mac = backend("darwin", {"HOME": str(tmp_path)}, ["/x/speech-coach-app", "app"])
    mac.enable()
    path = tmp_path / "Library" / "LaunchAgents" / f"{autostart.LAUNCH_AGENT_LABEL}.plist"
    assert plistlib.loads(path.read_bytes())["ProgramArguments"] == ["/x/speech-coach-app", "app"]
    assert mac.is_enabled()
    mac.disable()
    assert not path.exists() and not mac.is_enabled()


def test_linux_backend_is_xdg(xdg: dict[str, str]) -> None:
    """Any platform other than Windows and macOS uses the XDG entry."""
    assert isinstance(backend("linux", xdg, ["x"]), XdgAutostart)

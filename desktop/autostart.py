"""Start Speech Coach at login, per user: `is_enabled()`, `enable()`, `disable()`.

- Linux (and other XDG desktops): `$XDG_CONFIG_HOME/autostart/speech-coach.desktop`
  (freedesktop Desktop Application Autostart). IT may install the same file system-wide in
  `/etc/xdg/autostart/`; the user's file then overrides it, and disabling writes a user file
  with `Hidden=true`, as the specification says.
- Windows: the value "Speech Coach" under `HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run`.
- macOS: a LaunchAgent, `~/Library/LaunchAgents/<LAUNCH_AGENT_LABEL>.plist`.

The command is the windowed program of the bundle (`speech-coach-app app`) when frozen, else
`<python> -m desktop app`. A supervisor can decide instead of the agent: `apply_policy` makes
it so at start, and `enable`/`disable` with `locked=True` raise `AutostartLocked` instead of
changing anything. No Qt here.
"""

import os
import plistlib
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from desktop.errors import UserError

APP_ID = "speech-coach"
DISPLAY_NAME = "Speech Coach"
WINDOWED_PROGRAM = "speech-coach-app"
"""The windowed program of the bundle (build.spec); the console one is `speech-coach`."""
LAUNCH_AGENT_LABEL = "nl.speech-coach.app"
"""Same as BUNDLE_ID in build.spec."""
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = DISPLAY_NAME


class AutostartLocked(UserError):
    """The supervisor decides whether Speech Coach starts at login."""

    def __init__(self) -> None:
        super().__init__(
            "Your supervisor's settings decide whether Speech Coach starts at login; "
            "ask them to change it."
        )


def launch_command(
    executable: str | None = None, frozen: bool | None = None, windows: bool | None = None
) -> list[str]:
    """The command that starts the tray app, as arguments.

    Frozen: the windowed program next to the running one (so a login never opens a console
    window on Windows), else the running program itself. From Python: the same interpreter
    with `-m desktop app`; on Windows `pythonw.exe` beside it when there is one.
    """
    executable = executable or sys.executable
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    windows = sys.platform == "win32" if windows is None else windows
    program = Path(executable)
    if frozen:
        windowed = program.with_name(WINDOWED_PROGRAM + program.suffix)
        return [str(windowed if windowed.exists() else program), "app"]
    if windows and program.name.lower() == "python.exe":
        pythonw = program.with_name("pythonw.exe")
        if pythonw.exists():
            program = pythonw
    return [str(program), "-m", "desktop", "app"]


# Linux / XDG -----------------------------------------------------------------------------

_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def desktop_exec_line(command: Sequence[str]) -> str:
    """The `Exec=` value for `command`: each argument quoted when it must be, `"`, `` ` ``,
    `$` and `\\` escaped inside quotes, then backslashes doubled (the string escaping of
    desktop entries) and `%` written `%%` (freedesktop Desktop Entry Specification, "The Exec
    key")."""
    quoted = []
    for argument in command:
        if argument and not _EXEC_RESERVED.intersection(argument):
            quoted.append(argument)
            continue
        inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in argument)
        quoted.append(f'"{inner}"')
    return " ".join(quoted).replace("\\", "\\\\").replace("%", "%%")


def desktop_entry(command: Sequence[str], hidden: bool = False) -> str:
    """The autostart `.desktop` file's text."""
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        f"Name={DISPLAY_NAME}",
        "Comment=Private, offline coaching on how you speak",
        f"Exec={desktop_exec_line(command)}",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
    ]
    if hidden:
        lines.append("Hidden=true")
    return "\n".join(lines) + "\n"


def xdg_autostart_dirs(env: Mapping[str, str]) -> tuple[Path, list[Path]]:
    """The user's autostart folder and the system-wide ones, in order of precedence."""
    home = Path(env.get("HOME") or Path.home())
    user = Path(env.get("XDG_CONFIG_HOME") or home / ".config") / "autostart"
    system = [
        Path(folder) / "autostart"
        for folder in (env.get("XDG_CONFIG_DIRS") or "/etc/xdg").split(":")
        if folder
    ]
    return user, system


def _entry_enabled(path: Path) -> bool:
    keys = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        name, equals, value = line.partition("=")
        if equals:
            keys[name.strip()] = value.strip().lower()
    return keys.get("Hidden") != "true" and keys.get("X-GNOME-Autostart-enabled") != "false"


class XdgAutostart:
    def __init__(self, command: Sequence[str], env: Mapping[str, str]) -> None:
        self._command = list(command)
        user, system = xdg_autostart_dirs(env)
        self.path = user / f"{APP_ID}.desktop"
        self._system_paths = [folder / f"{APP_ID}.desktop" for folder in system]

    def _system_entry(self) -> Path | None:
        return next((path for path in self._system_paths if path.is_file()), None)

    def is_enabled(self) -> bool:
        if self.path.is_file():  # the user's own entry overrides a system-wide one
            return _entry_enabled(self.path)
        system = self._system_entry()
        return system is not None and _entry_enabled(system)

    def enable(self) -> None:
        _write_atomically(self.path, desktop_entry(self._command))

    def disable(self) -> None:
        if self._system_entry() is not None:
            _write_atomically(self.path, desktop_entry(self._command, hidden=True))
        else:
            self.path.unlink(missing_ok=True)


# Windows ---------------------------------------------------------------------------------


def windows_run_value(command: Sequence[str]) -> str:
    """The Run key's value: one command line, quoted the way Windows programs parse it."""
    return subprocess.list2cmdline(list(command))


def _winreg() -> Any:
    """The winreg module (Windows only; typed loosely so the code type-checks elsewhere)."""
    import winreg

    return winreg


class WindowsAutostart:
    def __init__(self, command: Sequence[str]) -> None:
        self._value = windows_run_value(command)

    def is_enabled(self) -> bool:
        winreg = _winreg()
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.QueryValueEx(key, RUN_VALUE)
        except FileNotFoundError:
            return False
        return True

    def enable(self) -> None:
        winreg = _winreg()
        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            winreg.SetValueEx(key, RUN_VALUE, 0, winreg.REG_SZ, self._value)

    def disable(self) -> None:
        winreg = _winreg()
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, RUN_VALUE)
        except FileNotFoundError:
            pass


# macOS -----------------------------------------------------------------------------------


def launch_agent_plist(command: Sequence[str]) -> bytes:
    """The LaunchAgent property list: run the command once at login, in the GUI session."""
    return plistlib.dumps(
        {
            "Label": LAUNCH_AGENT_LABEL,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
            "LimitLoadToSessionType": "Aqua",
        }
    )


class MacAutostart:
    def __init__(self, command: Sequence[str], home: Path) -> None:
        self._command = list(command)
        self.path = home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"

    def is_enabled(self) -> bool:
        return self.path.is_file()

    def enable(self) -> None:
        _write_atomically(self.path, launch_agent_plist(self._command))

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)


# the API ---------------------------------------------------------------------------------


class Backend(Protocol):
    def is_enabled(self) -> bool: ...
    def enable(self) -> None: ...
    def disable(self) -> None: ...


def backend(
    platform: str | None = None,
    env: Mapping[str, str] | None = None,
    command: Sequence[str] | None = None,
) -> Backend:
    """The autostart mechanism of this OS (or of `platform`, a `sys.platform` value)."""
    platform = platform or sys.platform
    env = os.environ if env is None else env
    command = launch_command() if command is None else command
    if platform == "win32":
        return WindowsAutostart(command)
    if platform == "darwin":
        return MacAutostart(command, Path(env.get("HOME") or Path.home()))
    return XdgAutostart(command, env)


def is_enabled() -> bool:
    return backend().is_enabled()


def enable(locked: bool = False) -> None:
    """Start at login from now on; `locked`: the supervisor decides, so refuse."""
    if locked:
        raise AutostartLocked()
    backend().enable()


def disable(locked: bool = False) -> None:
    """No longer start at login; `locked`: the supervisor decides, so refuse."""
    if locked:
        raise AutostartLocked()
    backend().disable()


def apply_policy(start_at_login: bool) -> None:
    """Make login autostart what the supervisor's policy says (at every app start, so that
    a change made by hand does not last while the policy is locked)."""
    mechanism = backend()
    if start_at_login and not mechanism.is_enabled():
        mechanism.enable()
    elif not start_at_login and mechanism.is_enabled():
        mechanism.disable()


def _write_atomically(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    data = content.encode("utf-8") if isinstance(content, str) else content
    temporary.write_bytes(data)
    os.replace(temporary, path)

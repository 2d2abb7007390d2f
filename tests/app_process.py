"""The tray app (or any of its programs) as a subprocess in tests, read through its log file.

The log file, the app's own record, is read as it grows. (stderr gets every line too, since
desktop/audio/devices.py holds the log handlers while PortAudio points fd 2 at /dev/null;
tests/test_startup_faults.py reads stderr, for the rows where the log file is what broke.)
What the program printed is collected too, for failure messages and for checks on a broken
bundle.
"""

import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

WAIT_S = 90.0


def private_user_env(base: dict[str, str], home: Path, runtime_dir: Path) -> dict[str, str]:
    """`base` with every per-user folder under `home` (config, data, logs, and the temp
    folder, where the app's single-instance lock and socket live, so an app left running by
    another test or an interrupted run is not "already running" here) and XDG_RUNTIME_DIR at
    `runtime_dir` (a PulseAudio server's, or an empty folder: no sound server)."""
    temp = home / "tmp"
    temp.mkdir(parents=True, exist_ok=True)
    return {
        **base,
        "HOME": str(home),
        "TMPDIR": str(temp),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CONFIG_DIRS": str(home / "etc-xdg"),
        "XDG_RUNTIME_DIR": str(runtime_dir),
    }


def use_private_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """For an app started in the test's own process: every per-user folder under
    `tmp_path / "home"` (returned), a private system config folder, no sound server, and no
    config or model named by the environment."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "no-sound-server"))
    monkeypatch.delenv("SPEECH_COACH_CONFIG", raising=False)
    monkeypatch.delenv("SPEECH_COACH_MODEL", raising=False)
    return home


def log_file_in(home: Path) -> Path:
    """Where the app logs under `private_user_env` on Linux (platformdirs' user log dir)."""
    return home / ".local" / "state" / "speech-coach" / "log" / "speech-coach.log"


class AppProcess:
    """A program in the background; `wait_for` reads its log file as it grows."""

    def __init__(self, command: list[str], env: dict[str, str], log_file: Path) -> None:
        self.log_file = log_file
        self.printed: list[str] = []
        self.process = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.printed.append(line.rstrip("\n"))

    @property
    def lines(self) -> list[str]:
        """The log file's lines so far."""
        if not self.log_file.is_file():
            return []
        return self.log_file.read_text(encoding="utf-8").splitlines()

    def output(self) -> str:
        """What the program printed, then its log file."""
        return "\n".join(self.printed) + f"\n--- {self.log_file}:\n" + "\n".join(self.lines)

    def wait_for(
        self,
        pattern: str,
        after: int = 0,
        timeout_s: float = WAIT_S,
        broken: re.Pattern[str] | None = None,
    ) -> int:
        """Index of the first log line from `after` on that matches `pattern`; fails at once
        when `broken` matches what the program printed or logged."""
        deadline_s = time.monotonic() + timeout_s
        while time.monotonic() < deadline_s:
            if broken is not None:
                assert not broken.search(self.output()), self.output()
            lines = self.lines
            for index in range(after, len(lines)):
                if re.search(pattern, lines[index]):
                    return index
            if self.process.poll() is not None and not self._reader.is_alive():
                break
            time.sleep(0.05)
        raise AssertionError(f"no log line matching {pattern!r}; the output:\n{self.output()}")

    def stop(self) -> int:
        """SIGTERM (as a logout does), then the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self._reader.join(5)
        return self.process.returncode

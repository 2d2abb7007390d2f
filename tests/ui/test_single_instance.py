"""One Speech Coach per user: a second start hands over to the first, a crash leaves no trace.

Each test uses its own instance name, so tests never meet each other or a real coach.
"""

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from pytestqt.qtbot import QtBot

from desktop.ui.single_instance import SingleInstance, per_user_name

# A second start as the app will do it: exit status 3 and one line saying why.
SECOND_START = """
import sys
from PySide6.QtCore import QCoreApplication
from desktop.ui.single_instance import SingleInstance
app = QCoreApplication(sys.argv)
instance = SingleInstance(sys.argv[1])
if instance.try_become_primary():
    print("primary", flush=True)
    if sys.argv[2:] == ["stay"]:
        sys.exit(app.exec())
    sys.exit(0)
print("Speech Coach is already running", flush=True)
sys.exit(3)
"""
ALREADY_RUNNING = 3


@pytest.fixture
def name() -> Iterator[str]:
    """A unique instance name; its socket and lock files are removed afterwards."""
    name = f"speech-coach-test-{uuid.uuid4().hex[:12]}"
    yield name
    stem = Path(QDir.tempPath()) / per_user_name(name)
    for path in (stem, stem.with_name(stem.name + ".lock")):
        path.unlink(missing_ok=True)


def start(name: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SECOND_START, name, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )


def test_the_name_is_per_user() -> None:
    """Two users on one machine must not share a socket: the uid is part of the name."""
    assert per_user_name("speech-coach") == f"speech-coach-{os.getuid()}"


def test_the_first_becomes_primary_and_a_second_asks_it_to_show(qtbot: QtBot, name: str) -> None:
    """In one process: the second object is refused and the first hears "show"."""
    first, second = SingleInstance(name), SingleInstance(name)
    assert first.try_become_primary()
    with qtbot.waitSignal(first.activation_requested, timeout=5000):
        assert not second.try_become_primary()
    assert first.is_primary and not second.is_primary
    first.close()


def test_asking_again_as_primary_stays_primary(qtbot: QtBot, name: str) -> None:
    """try_become_primary is idempotent for the primary (the app may call it twice)."""
    instance = SingleInstance(name)
    assert instance.try_become_primary()
    assert instance.try_become_primary()
    instance.close()


def test_after_close_the_next_start_becomes_primary(qtbot: QtBot, name: str) -> None:
    """Quitting releases the name for the next start."""
    first = SingleInstance(name)
    assert first.try_become_primary()
    first.close()
    second = SingleInstance(name)
    assert second.try_become_primary()
    second.close()


def test_a_second_process_says_already_running_and_the_first_shows(qtbot: QtBot, name: str) -> None:
    """A real second start exits with "already running" while the primary gets the signal."""
    primary = SingleInstance(name)
    assert primary.try_become_primary()
    with qtbot.waitSignal(primary.activation_requested, timeout=10_000):
        second = start(name)
        # The primary answers from its event loop, which waitSignal keeps running.
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=10_000)
    stdout, stderr = second.communicate()
    assert second.returncode == ALREADY_RUNNING, stderr
    assert stdout.strip() == "Speech Coach is already running"
    primary.close()


def test_a_killed_primary_leaves_a_stale_socket_and_the_next_start_takes_over(
    qtbot: QtBot, name: str
) -> None:
    """A crash (SIGKILL) leaves the socket file and the lock behind; neither blocks a start."""
    crashed = start(name, "stay")
    try:
        assert crashed.stdout is not None
        assert crashed.stdout.readline().strip() == "primary"
    finally:
        crashed.send_signal(signal.SIGKILL)
        crashed.communicate(timeout=10)
    socket_file = Path(QDir.tempPath()) / per_user_name(name)
    assert socket_file.exists(), "the killed primary should have left its socket file"
    assert socket_file.with_name(socket_file.name + ".lock").exists()

    successor = SingleInstance(name)
    assert successor.try_become_primary()
    with qtbot.waitSignal(successor.activation_requested, timeout=10_000):
        third = start(name)
    qtbot.waitUntil(lambda: third.poll() is not None, timeout=10_000)
    assert third.returncode == ALREADY_RUNNING, third.communicate()[1]
    successor.close()


def test_of_three_simultaneous_starts_exactly_one_becomes_primary(name: str) -> None:
    """A double-click starts two at once: the lock lets one win, the others hand over."""
    starts = [start(name, "stay") for _ in range(3)]
    try:
        first_lines = [process.stdout.readline().strip() for process in starts if process.stdout]
        assert sorted(first_lines) == ["Speech Coach is already running"] * 2 + ["primary"]
        for process, line in zip(starts, first_lines, strict=True):
            if line != "primary":
                assert process.wait(timeout=20) == ALREADY_RUNNING
    finally:
        for process in starts:
            process.kill()
            process.communicate(timeout=10)

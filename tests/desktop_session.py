"""A virtual X desktop with a system tray, for end-to-end tests of the tray app.

The recipe is the one in DESIGN.md: Xvfb on a free display, openbox as the window manager and
trayer as the system tray (docked bottom right, in a solid colour so a screenshot shows where
the tray is). Programs reach it through `DesktopSession.env`; `screenshot` saves the screen
as PNG with ImageMagick's `import`.

"Ready" means what a tray app needs, checked at the X server rather than guessed with
sleeps: the window manager owns the `WM_S0` selection and the tray owns
`_NET_SYSTEM_TRAY_S0`, which is exactly what `QSystemTrayIcon.isSystemTrayAvailable()`
looks at.

A test module gets the session-wide fixture `desktop_session` by importing
`desktop_session_fixture` (`# noqa: F401`); the other name keeps ruff's F811 quiet.

Tests using the `desktop_session` fixture skip when Xvfb is not installed, except in CI (the
`CI` variable is set): there they fail, so a machine without the packages cannot pass by
skipping them. Any other missing program fails too: half a desktop is a broken set-up.
"""

import ctypes
import ctypes.util
import os
import select
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

# program → the Debian package that has it (scripts/dev installs these as TEST_PACKAGES)
REQUIRED_PROGRAMS = {
    "Xvfb": "xvfb",
    "openbox": "openbox",
    "trayer": "trayer",
    "import": "imagemagick",
}
SCREEN_SIZE = (1024, 768)
TRAY_HEIGHT_PX = 32
TRAY_WIDTH_PX = 160
TRAY_RGB = 0x2E3440
"""trayer's background: a dark slate that no test icon uses."""
START_TIMEOUT_S = 20.0
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_LIBC = ctypes.CDLL(None)  # the C library the interpreter already uses


@dataclass(frozen=True, slots=True)
class DesktopSession:
    """A running virtual desktop: its display name, screen size and log folder."""

    display: str
    size: tuple[int, int]
    log_dir: Path

    @property
    def env(self) -> dict[str, str]:
        """A copy of os.environ under which a Qt program opens its windows on this desktop.

        The session bus is pointed at nothing, so Qt's tray icon is an XEmbed icon in trayer
        and never a StatusNotifier item on the developer's own desktop.
        """
        return {
            **os.environ,
            "DISPLAY": self.display,
            "QT_QPA_PLATFORM": "xcb",
            "DBUS_SESSION_BUS_ADDRESS": f"unix:path={self.log_dir / 'no-session-bus'}",
        }

    def screenshot(self, path: Path) -> Path:
        """Save the whole screen as a PNG at `path` (ImageMagick `import -window root`)."""
        result = subprocess.run(
            ["import", "-window", "root", str(path)],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        if result.returncode != 0:
            raise RuntimeError(f"import -window root failed: {result.stderr.strip()}")
        return path

    def screenshot_when(
        self, path: Path, shows: Callable[[Path], bool], timeout_s: float = 15.0
    ) -> Path:
        """Take screenshots until `shows(path)` is true (drawing on X is asynchronous)."""
        deadline_s = time.monotonic() + timeout_s
        while True:
            self.screenshot(path)
            if shows(path):
                return path
            if time.monotonic() > deadline_s:
                raise AssertionError(
                    f"the screen did not show what was expected within {timeout_s} s; "
                    f"the last screenshot is {path}"
                )
            time.sleep(0.2)


def missing_programs() -> list[str]:
    """The programs of the virtual desktop that are not installed."""
    return [program for program in REQUIRED_PROGRAMS if shutil.which(program) is None]


def require_programs() -> None:
    """Skip (outside CI, when Xvfb itself is missing) or fail unless everything is there."""
    missing = missing_programs()
    if not missing:
        return
    packages = " ".join(sorted({REQUIRED_PROGRAMS[program] for program in missing}))
    reason = (
        f"{', '.join(missing)} not installed (apt-get install {packages}, or run "
        "scripts/dev test); the desktop tests need a virtual X display with a system tray"
    )
    if "Xvfb" in missing and not os.environ.get("CI"):
        pytest.skip(reason)
    pytest.fail(reason + ("; CI must not skip them" if os.environ.get("CI") else ""), pytrace=False)


@contextmanager
def running_desktop(workdir: Path, size: tuple[int, int] = SCREEN_SIZE) -> Iterator[DesktopSession]:
    """Start Xvfb, openbox and trayer; yield once the tray is there; stop all three."""
    workdir.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        xvfb, display = _start_xvfb(workdir, size, stack)
        session = DesktopSession(display, size, workdir)
        _wait_for_selection(session, "WM_S0", _start(session, stack, "openbox", "--sm-disable"))
        trayer = _start(
            session,
            stack,
            "trayer",
            *("--edge", "bottom", "--align", "right", "--SetDockType", "true"),
            *("--widthtype", "pixel", "--width", str(TRAY_WIDTH_PX)),
            *("--heighttype", "pixel", "--height", str(TRAY_HEIGHT_PX)),
            *("--transparent", "true", "--alpha", "0", "--tint", f"0x{TRAY_RGB:06x}"),
        )
        _wait_for_selection(session, "_NET_SYSTEM_TRAY_S0", trayer)
        if xvfb.poll() is not None:
            raise RuntimeError(f"Xvfb exited; see {workdir / 'Xvfb.log'}")
        yield session


@pytest.fixture(scope="session", name="desktop_session")
def desktop_session_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DesktopSession]:
    """One virtual desktop with a tray for the whole test session."""
    require_programs()
    with running_desktop(tmp_path_factory.mktemp("desktop")) as session:
        yield session


def _start_xvfb(
    workdir: Path, size: tuple[int, int], stack: ExitStack
) -> tuple[subprocess.Popen[bytes], str]:
    """Start Xvfb on the first free display; it writes the number to `-displayfd` when ready."""
    read_fd, write_fd = os.pipe()
    log = stack.enter_context((workdir / "Xvfb.log").open("wb"))
    try:
        xvfb = subprocess.Popen(
            [
                "Xvfb",
                *("-displayfd", str(write_fd)),
                *("-screen", "0", f"{size[0]}x{size[1]}x24"),
                *("-nolisten", "tcp", "-noreset"),
            ],
            pass_fds=(write_fd,),
            preexec_fn=_die_with_parent,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
    finally:
        os.close(write_fd)
    stack.callback(_stop, xvfb)
    try:
        number = _read_display_number(read_fd, xvfb)
    finally:
        os.close(read_fd)
    if number is None:
        log.flush()
        raise RuntimeError(
            f"Xvfb did not report a display within {START_TIMEOUT_S} s: "
            + (workdir / "Xvfb.log").read_text(errors="replace")[-2000:]
        )
    return xvfb, f":{number}"


def _read_display_number(read_fd: int, xvfb: subprocess.Popen[bytes]) -> int | None:
    received = b""
    deadline_s = time.monotonic() + START_TIMEOUT_S
    while b"\n" not in received:
        remaining_s = deadline_s - time.monotonic()
        if remaining_s <= 0 or xvfb.poll() is not None:
            return None
        readable, _, _ = select.select([read_fd], [], [], min(remaining_s, 0.5))
        if readable:
            chunk = os.read(read_fd, 64)
            if not chunk:
                return None  # Xvfb closed the pipe without a number: it failed
            received += chunk
    return int(received.split(b"\n")[0])


def _start(
    session: DesktopSession, stack: ExitStack, program: str, *args: str
) -> subprocess.Popen[bytes]:
    log = stack.enter_context((session.log_dir / f"{program}.log").open("wb"))
    process = subprocess.Popen(
        [program, *args],
        env=session.env,
        preexec_fn=_die_with_parent,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
    )
    stack.callback(_stop, process)
    return process


def _die_with_parent() -> None:
    """In the child: get SIGTERM when the test process dies, even by a crash (Linux prctl
    PR_SET_PDEATHSIG), so no Xvfb outlives a segfaulting test run. Only a call into the
    already loaded libc: nothing here may take a lock between fork and exec."""
    _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _stop(process: subprocess.Popen[bytes], timeout_s: float = 5.0) -> None:
    """Terminate a process these helpers started (by its own handle, never by name)."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout_s)


def _wait_for_selection(
    session: DesktopSession, selection: str, owner: subprocess.Popen[bytes]
) -> None:
    """Poll the X server until `selection` has an owner; fail early if `owner` exits."""
    deadline_s = time.monotonic() + START_TIMEOUT_S
    while not _selection_owned(session.display, selection):
        program = Path(str(owner.args[0])).name
        if owner.poll() is not None:
            log = session.log_dir / f"{program}.log"
            raise RuntimeError(
                f"{program} exited ({owner.returncode}) before owning {selection}: "
                + log.read_text(errors="replace")[-2000:]
            )
        if time.monotonic() > deadline_s:
            raise RuntimeError(f"{program} did not own {selection} within {START_TIMEOUT_S} s")
        time.sleep(0.05)


def _selection_owned(display: str, selection: str) -> bool:
    """Whether an X client owns `selection`, asked through libX11 (XGetSelectionOwner)."""
    xlib = _xlib()
    connection = xlib.XOpenDisplay(display.encode())
    if not connection:
        return False
    try:
        atom = xlib.XInternAtom(connection, selection.encode(), False)
        return bool(xlib.XGetSelectionOwner(connection, atom))
    finally:
        xlib.XCloseDisplay(connection)


def _xlib() -> ctypes.CDLL:
    name = ctypes.util.find_library("X11") or "libX11.so.6"
    xlib = ctypes.CDLL(name)
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    xlib.XInternAtom.restype = ctypes.c_ulong
    xlib.XGetSelectionOwner.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    xlib.XGetSelectionOwner.restype = ctypes.c_ulong
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    return xlib

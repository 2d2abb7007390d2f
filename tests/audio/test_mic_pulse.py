"""The real microphone path: PortAudio -> ALSA pulse plugin -> a private PulseAudio server.

What these tests pin down about device loss (PortAudio 19.6 ALSA host API, PulseAudio 16),
measured over repeated runs:
- When the recording source disappears while other sources remain (a USB headset unplugged
  from a laptop), PulseAudio moves the stream to its fallback source instead of ending it.
  PortAudio reports nothing: `stream.active` stays True and no status flag is set. The
  callbacks pause for 0.2 to 2.0 s during the move, then continue from the new source. With
  a silent fallback (a sink monitor, a muted built-in mic) exact zeros start 0.5 to 2.3 s
  after the removal. So the loss shows up either as a stall (if the pause exceeds
  stall_timeout_s) or as digital silence (SourceSilent after silence_timeout_s): with the
  defaults, 1.5 to about 4.5 s after the removal. With a live fallback (the built-in
  microphone) recording simply continues from it, which is what a user expects.
- When the last source disappears, or the server dies, the ALSA plugin fails, PortAudio's
  capture thread stops (it prints "PaAlsaStream_WaitForFrames failed" on stderr) and
  `stream.active` turns False within about 0.3 s: SourceLost "stopped delivering".
- Opening while no source exists fails with PortAudioError "Unanticipated host error".
- PortAudio lists the ALSA `pulse` device only if a server answered when PortAudio was
  initialised; the `pulse_server` fixture re-scans PortAudio after starting the server.
- The first stream on a freshly created PulseAudio source (null-sink monitor or remap) gets
  its first callback only after about 2.1 s, whatever PortAudio latency is asked for; later
  streams on the same source start after about 0.3 s. Hence MicSource's separate
  start_timeout_s (3 s) next to its stall_timeout_s (1.5 s).
"""

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from numpy.typing import NDArray

from desktop.audio.devices import format_device_table, list_input_devices
from desktop.audio.file_source import read_whole_file
from desktop.audio.mic_source import MicSource
from desktop.audio.source import SourceLost, SourceSilent

from pulse import PulseServer, start_pulse, stop_pulse

pytestmark = pytest.mark.mic

CLIP_TEXT = "Goedemiddag, u spreekt met de klantenservice. Waarmee kan ik u vandaag helpen?"
LOUD_RMS = 300.0
"""Block RMS above which a block counts as sound; the virtual mic's silence is exactly 0."""


@pytest.fixture(scope="module")
def spoken_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Dutch sentence spoken by espeak-ng (22.05 kHz mono wav, about 4.5 s)."""
    path = tmp_path_factory.mktemp("speech") / "klantenservice.wav"
    try:
        subprocess.run(["espeak-ng", "-v", "nl", "-w", str(path), CLIP_TEXT], check=True)
    except FileNotFoundError:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    return path


@pytest.fixture(scope="module")
def noise_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 s of steady white noise at about -29 dBFS: a stand-in for a live microphone."""
    path = tmp_path_factory.mktemp("noise") / "room.wav"
    noise = np.random.default_rng(11).normal(0, 0.035, 16_000 * 30)
    sf.write(path, noise.astype(np.float32), 16_000, subtype="PCM_16")
    return path


@pytest.fixture
def players() -> Iterator[list[subprocess.Popen[bytes]]]:
    """paplay processes a test starts; terminated at the end whatever happens."""
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for player in started:
        player.terminate()
        player.wait(timeout=5)


def _block_rms(samples: NDArray[np.int16], block: int = 1600) -> NDArray[np.float64]:
    usable = samples[: len(samples) // block * block].astype(np.float64).reshape(-1, block)
    return np.sqrt(np.mean(usable**2, axis=1))


def _loud_span_s(rms: NDArray[np.float64]) -> float:
    loud = np.flatnonzero(rms > LOUD_RMS)
    return float(loud[-1] - loud[0] + 1) * 0.1 if len(loud) else 0.0


def _record(source: MicSource, seconds: float) -> NDArray[np.int16]:
    blocks: list[NDArray[np.int16]] = []
    needed = round(seconds * 16_000)
    while sum(len(block) for block in blocks) < needed:
        block = source.read(timeout_s=1.0)
        if block is not None:
            blocks.append(block)
    return np.concatenate(blocks)


def _wait_for_sound(source: MicSource, timeout_s: float = 5.0) -> None:
    deadline_s = time.monotonic() + timeout_s
    while time.monotonic() < deadline_s:
        block = source.read(timeout_s=0.5)
        if block is not None and np.abs(block).max() > 1000:
            return
    raise AssertionError(f"no sound reached {source.name} within {timeout_s} s")


def _read_until_lost(source: MicSource, limit_s: float = 10.0) -> SourceLost:
    deadline_s = time.monotonic() + limit_s
    while time.monotonic() < deadline_s:
        try:
            source.read(timeout_s=0.2)
        except SourceLost as lost:
            return lost
    raise AssertionError(f"{source.name} still counted as alive after {limit_s} s")


def test_virtual_mic_records_the_spoken_clip(
    pulse_server: PulseServer, spoken_clip: Path, players: list
) -> None:
    """A clip played into the sink is recorded at its level, for its duration, nothing dropped."""
    clip_rms = _block_rms(read_whole_file(spoken_clip))
    with MicSource(device="pulse", silence_timeout_s=None) as source:
        players.append(pulse_server.play(spoken_clip))
        recorded = _record(source, seconds=len(clip_rms) * 0.1 + 1.5)
        assert players[0].wait(timeout=10) == 0
    recorded_rms = _block_rms(recorded)
    first_loud = int(np.argmax(recorded_rms > LOUD_RMS))
    assert recorded_rms.max() > 10 * LOUD_RMS
    assert recorded_rms[:first_loud].max(initial=0.0) < 10.0  # silence before the clip
    assert abs(_loud_span_s(recorded_rms) - _loud_span_s(clip_rms)) <= 0.3
    level_db = 20 * np.log10(np.median(recorded_rms[recorded_rms > LOUD_RMS]))
    clip_level_db = 20 * np.log10(np.median(clip_rms[clip_rms > LOUD_RMS]))
    assert abs(level_db - clip_level_db) < 3.0
    assert source.dropped_blocks == 0


def test_source_removed_under_a_running_stream_is_reported_within_3_s(
    pulse_server: PulseServer, noise_wav: Path, players: list
) -> None:
    """Unloading the recording source, which PulseAudio answers by moving the stream to a
    silent fallback, is reported as SourceLost (a stall or SourceSilent) within 5 s."""
    sink_module = pulse_server.load_module("module-null-sink", "sink_name=loss_sink")
    mic_module = pulse_server.load_module(
        "module-remap-source", "master=loss_sink.monitor", "source_name=loss_mic"
    )
    pulse_server.pactl("set-default-source", "loss_mic")
    try:
        players.append(pulse_server.play(noise_wav, sink="loss_sink"))
        with MicSource(device=None) as source:
            _wait_for_sound(source)
            pulse_server.unload_module(mic_module)
            unloaded_at_s = time.monotonic()
            lost = _read_until_lost(source)
            lost_after_s = time.monotonic() - unloaded_at_s
    finally:
        if mic_module in pulse_server.module_ids("module-remap-source"):
            pulse_server.unload_module(mic_module)
        pulse_server.unload_module(sink_module)
        pulse_server.pactl("set-default-source", "virt_mic")
    # The noise still plays into loss_sink: only leaving loss_mic can end the signal.
    assert isinstance(lost, SourceSilent) or "delivered nothing" in str(lost), str(lost)
    assert lost_after_s < 5.0


def test_losing_every_source_ends_the_stream_and_reopen_recovers(
    noise_wav: Path, players: list, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no source left PortAudio's stream stops (SourceLost, not silence), and reopening
    once a source is back records again."""
    # A server of its own, so that removing every source does not disturb the session's.
    server = start_pulse(tmp_path / "rt")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(server.runtime_dir))
    source = MicSource(device="pulse", silence_timeout_s=None, stall_timeout_s=1.5)
    try:
        players.append(server.play(noise_wav))
        source.open()
        _wait_for_sound(source)
        # The remapped virt_mic goes with its master, the sink's monitor.
        server.unload_module(server.module_ids("module-null-sink")[0])
        unloaded_at_s = time.monotonic()
        assert server.source_names() == []
        lost = _read_until_lost(source)
        lost_after_s = time.monotonic() - unloaded_at_s
        assert "stopped delivering" in str(lost)
        assert lost_after_s < 3.0

        server.load_module("module-null-sink", "sink_name=virt_sink")
        server.load_module(
            "module-remap-source", "master=virt_sink.monitor", "source_name=virt_mic"
        )
        server.pactl("set-default-source", "virt_mic")
        players.append(server.play(noise_wav))
        source.reopen()
        _wait_for_sound(source)
    finally:
        source.close()
        stop_pulse(server)


def test_pulse_devices_are_listed(pulse_server: PulseServer) -> None:
    """With the sound server up, PortAudio lists its `pulse` device and a default input."""
    devices = list_input_devices()
    names = [device.name for device in devices]
    assert "pulse" in names
    assert sum(device.is_default for device in devices) == 1
    assert "pulse" in format_device_table(devices)

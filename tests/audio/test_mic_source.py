"""MicSource through its real callback, with PortAudio replaced by a scripted fake."""

import sys
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from numpy.typing import NDArray

from desktop.audio.mic_source import MicSource, StreamFormat
from desktop.audio.source import SourceLost, SourceSilent
from desktop.errors import UserError

from fake_sounddevice import FakeDevice, install

BLOCK_16K = 1600


def _noise_file(path: Path, seconds: float, rate_hz: int = 16_000) -> NDArray[np.int16]:
    """Write and return random int16 noise: every block differs, so order errors show."""
    samples = np.random.default_rng(7).integers(-8000, 8000, round(seconds * rate_hz))
    sf.write(path, samples.astype(np.int16), rate_hz, subtype="PCM_16")
    data, _ = sf.read(path, dtype="int16")
    return np.asarray(data, dtype=np.int16)


def _read_until(source: MicSource, n_samples: int, timeout_s: float = 5.0) -> list[np.ndarray]:
    blocks: list[np.ndarray] = []
    deadline_s = time.monotonic() + timeout_s
    while sum(len(b) for b in blocks) < n_samples:
        assert time.monotonic() < deadline_s, "the fake stream did not deliver in time"
        block = source.read(timeout_s=0.2)
        if block is not None:
            blocks.append(block)
    return blocks


def test_blocks_arrive_in_order_and_equal_the_file(monkeypatch, tmp_path):
    """At 16 kHz mono the callback's blocks come out of `read` unchanged and in order."""
    samples = _noise_file(tmp_path / "speech.wav", seconds=3.0)
    device = install(monkeypatch, FakeDevice(samples=samples, interval_s=0.002))
    with MicSource() as source:
        blocks = _read_until(source, len(samples))
        assert source.stream_format == StreamFormat(16_000, 1)
        assert source.name == device.name
    assert all(len(block) == BLOCK_16K for block in blocks)
    np.testing.assert_array_equal(np.concatenate(blocks), samples)
    assert source.dropped_blocks == 0
    assert device.streams[0].kwargs["blocksize"] == BLOCK_16K
    assert device.streams[0].kwargs["dtype"] == "int16"


def test_device_refusing_16k_is_opened_at_its_own_rate_and_resampled(monkeypatch):
    """A 48 kHz-only stereo device is opened at 48 kHz and `read` returns 16 kHz mono."""
    t_s = np.arange(48_000 * 2) / 48_000
    tone = (0.3 * 32767 * np.sin(2 * np.pi * 500 * t_s)).astype(np.int16)
    stereo = np.repeat(tone, 2)  # interleaved left, right
    device = install(
        monkeypatch,
        FakeDevice(
            default_samplerate_hz=48_000,
            accepted_rates_hz=(48_000,),
            max_input_channels=2,
            accepted_channels=(2,),
            samples=stereo,
            interval_s=0.002,
        ),
    )
    with MicSource() as source:
        assert source.stream_format == StreamFormat(48_000, 2)
        blocks = _read_until(source, 30_000)
    assert device.streams[0].kwargs["blocksize"] == 4800
    mono = np.concatenate(blocks).astype(np.float64)
    spectrum = np.abs(np.fft.rfft(mono * np.hanning(len(mono))))
    peak_hz = np.argmax(spectrum) * 16_000 / len(mono)
    assert abs(peak_hz - 500) < 2


def test_full_queue_drops_the_newest_blocks_and_counts_them(monkeypatch, tmp_path):
    """With nobody reading, the first `queue_blocks` blocks are kept and the rest counted."""
    samples = _noise_file(tmp_path / "long.wav", seconds=2.0)
    device = install(monkeypatch, FakeDevice(samples=samples))
    with MicSource(queue_blocks=5) as source:
        assert device.streams[0].callbacks_done.wait(timeout=5)
        kept = [source.read(timeout_s=0.5) for _ in range(5)]
        extra = source.read(timeout_s=0.3)
        assert source.dropped_blocks == 15
    assert extra is None
    np.testing.assert_array_equal(np.concatenate(kept), samples[: 5 * BLOCK_16K])


def test_portaudio_input_overflows_are_counted(monkeypatch, tmp_path):
    """Callbacks flagged input_overflow by PortAudio are counted separately from drops."""
    samples = _noise_file(tmp_path / "speech.wav", seconds=1.0)
    device = install(monkeypatch, FakeDevice(samples=samples, overflow_every=4))
    with MicSource() as source:
        assert device.streams[0].callbacks_done.wait(timeout=5)
        assert source.input_overflows == 2
        assert source.dropped_blocks == 0


def test_stream_that_stops_delivering_raises_source_lost_after_stall_timeout(monkeypatch, tmp_path):
    """A stream that stays 'active' but goes quiet is reported lost once stall_timeout_s passes."""
    samples = _noise_file(tmp_path / "short.wav", seconds=0.3)
    install(monkeypatch, FakeDevice(samples=samples, then="stall"))
    stall_timeout_s = 0.4
    with MicSource(stall_timeout_s=stall_timeout_s) as source:
        _read_until(source, len(samples))
        last_block_at_s = time.monotonic()
        with pytest.raises(SourceLost, match="delivered nothing") as caught:
            for _ in range(50):  # 5 s: far past the stall timeout
                assert source.read(timeout_s=0.1) is None
    waited_s = time.monotonic() - last_block_at_s
    assert not isinstance(caught.value, SourceSilent)
    assert stall_timeout_s <= waited_s < stall_timeout_s + 1.0


def test_stream_that_dies_raises_source_lost_after_its_queued_blocks(monkeypatch, tmp_path):
    """When the stream turns inactive the queued blocks still come out, then SourceLost."""
    samples = _noise_file(tmp_path / "short.wav", seconds=0.5)
    device = install(monkeypatch, FakeDevice(samples=samples, then="die"))
    with MicSource(stall_timeout_s=30) as source:
        assert device.streams[0].callbacks_done.wait(timeout=5)
        blocks = [source.read(timeout_s=1.0) for _ in range(5)]
        started_s = time.monotonic()
        with pytest.raises(SourceLost, match="stopped delivering"):
            source.read(timeout_s=5.0)
        assert time.monotonic() - started_s < 1.0
    np.testing.assert_array_equal(np.concatenate(blocks), samples)


def test_stream_that_never_starts_raises_source_lost_after_start_timeout(monkeypatch):
    """A device that opens but never calls back is reported after start_timeout_s."""
    install(monkeypatch, FakeDevice(samples=np.zeros(0, dtype=np.int16)))
    with MicSource(start_timeout_s=0.3) as source:
        with pytest.raises(SourceLost, match="within 0.3 s"):
            for _ in range(20):
                source.read(timeout_s=0.1)


def test_reopen_after_source_lost_delivers_again(monkeypatch, tmp_path):
    """close+open after a loss gives a fresh stream whose blocks arrive normally."""
    samples = _noise_file(tmp_path / "short.wav", seconds=0.5)
    device = install(monkeypatch, FakeDevice(samples=samples, then="die"))
    source = MicSource(stall_timeout_s=30)
    source.open()
    with pytest.raises(SourceLost):
        for _ in range(20):
            source.read(timeout_s=0.2)
    source.reopen()
    try:
        again = _read_until(source, len(samples))
    finally:
        source.close()
    assert len(device.streams) == 2
    np.testing.assert_array_equal(np.concatenate(again), samples)


def test_digital_silence_raises_source_silent_once_without_losing_samples(monkeypatch):
    """Seconds of exact zeros raise SourceSilent once; every sample is still handed out."""
    zeros = np.zeros(30 * BLOCK_16K, dtype=np.int16)
    install(monkeypatch, FakeDevice(samples=zeros, interval_s=0.001))
    received = 0
    silences = 0
    with MicSource(silence_timeout_s=1.0, stall_timeout_s=30) as source:
        while received < len(zeros):
            try:
                block = source.read(timeout_s=1.0)
            except SourceSilent:
                silences += 1
                assert received == 9 * BLOCK_16K  # raised on the 10th block, i.e. at 1.0 s
                continue
            assert block is not None
            received += len(block)
    assert silences == 1
    assert received == len(zeros)


def test_silence_detection_can_be_switched_off(monkeypatch):
    """With silence_timeout_s=None a silent device is just silent."""
    zeros = np.zeros(30 * BLOCK_16K, dtype=np.int16)
    install(monkeypatch, FakeDevice(samples=zeros, interval_s=0.001))
    with MicSource(silence_timeout_s=None) as source:
        blocks = _read_until(source, len(zeros))
    assert sum(len(b) for b in blocks) == len(zeros)


def test_unknown_device_name_raises_user_error_after_a_rescan(monkeypatch):
    """A device that does not exist is a UserError naming it, after one PortAudio re-scan."""
    device = install(monkeypatch, FakeDevice())
    with pytest.raises(UserError) as caught:
        MicSource(device="Jabra Evolve").open()
    assert str(caught.value) == (
        "Microphone 'Jabra Evolve' not found; run `speech-coach devices` to list them."
    )
    assert device.rescans == 1


def test_unknown_device_number_raises_user_error(monkeypatch):
    """A device number PortAudio does not know is a UserError too, not a PortAudioError."""
    install(monkeypatch, FakeDevice())
    with pytest.raises(UserError, match="Microphone '7' not found"):
        MicSource(device=7).open()


def test_device_plugged_in_after_start_is_found_by_the_rescan(monkeypatch, tmp_path):
    """A headset PortAudio did not list at start-up opens once PortAudio is re-scanned."""
    samples = _noise_file(tmp_path / "short.wav", seconds=0.3)
    device = install(
        monkeypatch, FakeDevice(samples=samples, visible=False, appears_on_rescan=True)
    )
    with MicSource(device="USB Headset") as source:
        blocks = _read_until(source, len(samples))
    assert device.rescans == 1
    np.testing.assert_array_equal(np.concatenate(blocks), samples)


def test_no_default_microphone_raises_user_error(monkeypatch):
    """Without any input device the message says so instead of naming a device."""
    install(monkeypatch, FakeDevice(visible=False))
    with pytest.raises(UserError, match="^No microphone found"):
        MicSource().open()


def test_stream_open_failure_raises_user_error(monkeypatch):
    """A PortAudio error while opening (device busy) becomes a UserError naming the device."""
    install(monkeypatch, FakeDevice(open_error="Device unavailable"))
    with pytest.raises(UserError, match="Microphone 'Fake USB Headset' could not be opened"):
        MicSource().open()


def test_stream_start_failure_raises_user_error_and_closes_the_stream(monkeypatch):
    """A stream that opens but cannot start is closed again, and reported as a UserError."""
    device = install(monkeypatch, FakeDevice(start_error="Unanticipated host error"))
    with pytest.raises(UserError, match="could not be opened"):
        MicSource().open()
    assert device.streams[0].closed


def test_device_refusing_every_format_raises_user_error(monkeypatch):
    """A device that accepts neither 16 kHz nor its own default rate is a UserError."""
    install(monkeypatch, FakeDevice(default_samplerate_hz=44_100, accepted_rates_hz=()))
    with pytest.raises(UserError, match="accepts none of the usual recording formats"):
        MicSource().open()


def test_missing_portaudio_raises_user_error(monkeypatch):
    """If sounddevice cannot load PortAudio, opening says how to install it."""
    monkeypatch.setitem(sys.modules, "sounddevice", None)
    with pytest.raises(UserError, match="libportaudio2"):
        MicSource().open()


def test_read_before_open_is_a_programming_error():
    """Reading an unopened source is a bug in the caller, not a lost device."""
    with pytest.raises(RuntimeError, match="before open"):
        MicSource().read(timeout_s=0.0)

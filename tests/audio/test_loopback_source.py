"""LoopbackSource's logic through a fake sound system: padding an idle endpoint by the clock,
following the default output, choosing a device by name, losing and finding it again, and
the systems where there is no customer channel. The OS part is the backend protocol only, so
this is the Windows path's logic as much as Linux's."""

import sys
import time
from collections.abc import Callable

import numpy as np
import pytest

from desktop.audio.loopback_backends import BackendUnavailable, NoSoundServer, load_backend
from desktop.audio.loopback_source import LoopbackSource, LoopbackTiming
from desktop.audio.output_devices import OutputDevice, choose_output
from desktop.audio.soundcard_backend import SoundcardBackend

from fake_loopback import FakeBackend, FakeOutput, FakeSystem

FAST = LoopbackTiming(check_s=0.2, retry_s=0.2, idle_gap_s=0.1)


def wait_for(condition: Callable[[], bool], timeout_s: float = 5.0) -> float:
    """Seconds until `condition` held; fails the test after `timeout_s`."""
    start_s = time.monotonic()
    while not condition():
        if time.monotonic() - start_s > timeout_s:
            raise AssertionError(f"condition not met within {timeout_s} s")
        time.sleep(0.01)
    return time.monotonic() - start_s


def collect(source: LoopbackSource, seconds: float) -> np.ndarray:
    parts = []
    end_s = time.monotonic() + seconds
    while time.monotonic() < end_s:
        block = source.read(0.05)
        if block is not None:
            parts.append(block)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)


@pytest.fixture
def system() -> FakeSystem:
    fake = FakeSystem()
    fake.add(FakeOutput("spk", "Speakers (Realtek Audio)"), default=True)
    fake.add(FakeOutput("jabra", "Headset (Jabra Evolve2 40)"))
    return fake


def test_an_idle_endpoint_is_padded_with_zeros_by_the_clock(system: FakeSystem) -> None:
    """WASAPI delivers no packets while nothing plays: the source still gives ~16000
    zeros per second, and every read returns within its timeout."""
    system.outputs[0].mode = "idle"
    source = LoopbackSource("auto", system.backend, timing=FAST)
    source.open()
    try:
        wait_for(lambda: source.state.status == "listening")
        collect(source, 0.3)  # settle
        start_s = time.monotonic()
        slowest_s = 0.0
        samples = 0
        while time.monotonic() - start_s < 2.0:
            before_s = time.monotonic()
            block = source.read(0.05)
            slowest_s = max(slowest_s, time.monotonic() - before_s)
            if block is not None:
                assert not block.any()
                samples += len(block)
        elapsed_s = time.monotonic() - start_s
    finally:
        source.close()
    assert samples == pytest.approx(elapsed_s * 16_000, rel=0.12)
    assert slowest_s < 0.2


def test_live_samples_are_converted_to_16_khz_mono(system: FakeSystem) -> None:
    """A 48 kHz stereo endpoint comes out as 16 kHz mono int16 at the clock's pace."""
    system.outputs[0].rate_hz = 48_000
    system.outputs[0].mode = "idle"  # content is checked elsewhere; here only rate and shape
    source = LoopbackSource("auto", system.backend, timing=FAST)
    source.open()
    try:
        wait_for(lambda: source.state.status == "listening")
        got = collect(source, 1.0)
    finally:
        source.close()
    assert got.dtype == np.int16 and got.ndim == 1
    assert len(got) == pytest.approx(16_000, rel=0.15)


def test_the_default_output_is_followed_when_a_headset_is_plugged_in(
    system: FakeSystem,
) -> None:
    """With "auto" the default output is recorded, and followed when the default changes."""
    source = LoopbackSource("auto", system.backend, timing=FAST)
    source.open()
    try:
        wait_for(lambda: source.state.status == "listening")
        assert source.state.device == "Speakers (Realtek Audio)"
        system.add(FakeOutput("usb", "USB Headset"), default=True)
        switched_s = wait_for(lambda: source.state.device == "USB Headset")
        assert source.state.status == "listening"
    finally:
        source.close()
    assert switched_s < 1.0  # checked every 0.2 s here (1 s by default)
    assert system.opened == ["Speakers (Realtek Audio)", "USB Headset"]
    assert source.opens == 2


def test_a_device_is_chosen_by_a_name_substring(system: FakeSystem) -> None:
    """A device named "jabra" is the Jabra headset although the speakers are the default."""
    source = LoopbackSource("jabra", system.backend, timing=FAST)
    source.open()
    try:
        wait_for(lambda: source.state.status == "listening")
        assert source.state.device == "Headset (Jabra Evolve2 40)"
        got = collect(source, 0.3)
    finally:
        source.close()
    assert system.opened == ["Headset (Jabra Evolve2 40)"]
    assert len(got) > 0 and got.any()  # the live clock-stamped samples, not padding


def test_a_chosen_device_that_vanishes_is_lost_then_back_by_itself(system: FakeSystem) -> None:
    """Unplugging the chosen headset gives "lost" with its name; plugging it back in gives
    "listening" again without any call from outside."""
    source = LoopbackSource("Jabra", system.backend, timing=FAST)
    source.open()
    try:
        wait_for(lambda: source.state.status == "listening")
        jabra = system.find("jabra")
        assert jabra is not None
        system.remove("jabra")
        wait_for(lambda: source.state.status == "lost", timeout_s=2.0)
        assert "Jabra" in source.state.reason
        time.sleep(0.5)  # several retries while it is away
        assert source.state.status == "lost"
        system.add(jabra)
        back_s = wait_for(lambda: source.state.status == "listening", timeout_s=2.0)
    finally:
        source.close()
    assert back_s < 1.0
    assert source.opens == 2


def test_a_device_that_is_missing_at_start_is_waited_for(system: FakeSystem) -> None:
    """A chosen device that is not there yet is "lost" (not an error) until it appears."""
    source = LoopbackSource("Poly", system.backend, timing=FAST)
    source.open()
    try:
        wait_for(lambda: "Poly" in source.state.reason)
        assert source.state.status == "lost"
        system.add(FakeOutput("poly", "Poly Blackwire 3320"))
        wait_for(lambda: source.state.status == "listening")
        assert source.state.device == "Poly Blackwire 3320"
    finally:
        source.close()
    assert source.state.status == "off"  # closed: paused or stopped


def test_a_failing_recorder_is_reopened(system: FakeSystem) -> None:
    """A device whose reads fail (AUDCLNT_E_DEVICE_INVALIDATED) is lost, then reopened once
    it works again."""
    source = LoopbackSource("auto", system.backend, timing=FAST)
    source.open()
    try:
        wait_for(lambda: source.state.status == "listening")
        system.outputs[0].mode = "fail"
        wait_for(lambda: source.state.status == "lost")
        system.outputs[0].mode = "live"
        wait_for(lambda: source.state.status == "listening")
    finally:
        source.close()
    assert source.opens >= 2


def test_unexpected_backend_errors_only_change_the_state(system: FakeSystem) -> None:
    """Any exception inside the backend leaves the source "lost" and retrying; nothing is
    raised to the reader of the source."""
    source = LoopbackSource("auto", system.backend, timing=FAST)
    source.open()
    try:
        wait_for(lambda: source.state.status == "listening")
        system.raise_in_listing = KeyError("default sink id")
        wait_for(lambda: source.state.status == "lost")
        assert "default sink id" in source.state.reason
        for _ in range(5):
            source.read(0.02)  # never raises
        system.raise_in_listing = None
        wait_for(lambda: source.state.status == "listening")
    finally:
        source.close()


def test_the_reader_thread_is_prepared_and_stopped(system: FakeSystem) -> None:
    """The backend's per-thread set-up (COM on Windows) runs on the reader thread, and
    close() stops that thread."""
    source = LoopbackSource("auto", system.backend, timing=FAST)
    source.open()
    wait_for(lambda: source.state.status == "listening")
    thread = source._thread
    source.close()
    assert system.threads == {"loopback-reader"}
    assert thread is not None and not thread.is_alive()


def test_macos_has_a_clear_unavailable_state() -> None:
    """On macOS nothing is imported and the reason names the documented routes."""
    with pytest.raises(BackendUnavailable) as raised:
        load_backend("darwin")
    assert "ScreenCaptureKit" in str(raised.value) and "BlackHole" in str(raised.value)

    source = LoopbackSource("auto", lambda: load_backend("darwin"), timing=FAST)
    source.open()
    try:
        wait_for(lambda: source.state.status == "unavailable")
        assert source.read(0.02) is None
    finally:
        source.close()
    assert "macOS" in source.state.reason


def test_a_missing_soundcard_package_is_unavailable_with_a_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without soundcard (or its libpulse) the state says what to do instead of crashing."""
    monkeypatch.setitem(sys.modules, "soundcard", None)
    with pytest.raises(BackendUnavailable, match="soundcard package could not be loaded"):
        SoundcardBackend.connect("linux")


def test_a_gone_sound_server_is_lost_with_its_reason(system: FakeSystem) -> None:
    """The sound server stopping is "lost" (it may come back), with the server's reason."""
    source = LoopbackSource("auto", system.backend, timing=FAST)
    source.open()
    try:
        wait_for(lambda: source.state.status == "listening")
        system.unavailable = "no sound server answered"
        wait_for(lambda: source.state.status == "lost")
        assert "no sound server answered" in source.state.reason
        system.unavailable = None
        wait_for(lambda: source.state.status == "listening")
    finally:
        source.close()


def test_choose_output_prefers_exact_names_then_substrings() -> None:
    devices = [
        OutputDevice("a", "Speakers 2"),
        OutputDevice("b", "Speakers"),
        OutputDevice("c", "Headset (Jabra Evolve2 40)"),
    ]
    assert choose_output(devices, "speakers") == devices[1]
    assert choose_output(devices, "JABRA") == devices[2]
    assert choose_output(devices, "c") == devices[2]  # the backend id
    assert choose_output(devices, "Poly") is None
    assert choose_output(devices, "  ") is None


def test_a_sound_server_that_starts_late_is_waited_for(system: FakeSystem) -> None:
    """An app started at login may be faster than PipeWire: "unavailable" with the reason,
    and listening once the server answers, without a restart."""
    attempts: list[int] = []

    def late_server() -> FakeBackend:
        attempts.append(1)
        if len(attempts) < 3:
            raise NoSoundServer("no sound server answered")
        return system.backend()

    timing = LoopbackTiming(check_s=0.2, retry_s=0.2, idle_gap_s=0.1, server_retry_s=0.2)
    source = LoopbackSource("auto", late_server, timing=timing)
    source.open()
    try:
        wait_for(lambda: source.state.status == "unavailable")
        assert "no sound server" in source.state.reason
        wait_for(lambda: source.state.status == "listening")
    finally:
        source.close()
    assert len(attempts) == 3

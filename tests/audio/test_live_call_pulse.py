"""The real customer channel: soundcard on the monitor of a PulseAudio null sink, paired with
the real microphone path (PortAudio on the private server's virtual microphone).

The private server (tests/pulse.py) gets a second null sink `call_out` ("Call"), made the
default output: what `paplay --device=call_out` plays is what the agent hears, while `virt_mic`
stays the agent's microphone. soundcard reaches the same server through XDG_RUNTIME_DIR, which
the session fixture sets, so it needs no extra environment.

Measured here (PulseAudio 16, PortAudio 19.6 ALSA pulse plugin): the microphone path is about
0.1 s slower than the monitor, which CustomerBuffer's 0.1 s margin evens out; onsets of two
clips started together land within 30 ms of each other on the stream clock. Unloading the
sink kills the monitor stream at once (it is opened with PA_STREAM_DONT_MOVE, so PulseAudio
does not move it to the agent's microphone): "lost" within ~0.1 s, "listening" again within
~1 s of the sink's return.
"""

import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from desktop.audio.call_source import CallBlock
from desktop.audio.file_source import read_whole_file
from desktop.audio.live_call import LiveCallSource, list_output_devices
from desktop.audio.loopback_backends import DeviceGone, load_backend
from desktop.audio.mic_source import MicSource

from pulse import PulseServer
from synth import espeak

pytestmark = pytest.mark.mic

AGENT_TEXT = "Goedemiddag, met de klantenservice."
CUSTOMER_TEXT = (
    "Ik bel over mijn rekening van vorige maand, want daar staat een bedrag op dat ik niet begrijp."
)
LOUD_RMS = 300.0
FRAME = 160  # 10 ms


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The agent's short sentence and the customer's long one (two espeak-ng voices)."""
    folder = tmp_path_factory.mktemp("call")
    agent = espeak(AGENT_TEXT, folder / "agent.wav", voice="nl")
    customer = espeak(CUSTOMER_TEXT, folder / "customer.wav", voice="nl+f3")
    return agent, customer


@pytest.fixture
def call_out(pulse_server: PulseServer) -> Iterator[int]:
    """The null sink `call_out` ("Call") as the default output; removed afterwards."""
    module = pulse_server.load_module(
        "module-null-sink", "sink_name=call_out", "sink_properties=device.description=Call"
    )
    pulse_server.pactl("set-default-sink", "call_out")
    yield module
    # The first null sink is the server's own virt_sink; the others are this test's.
    for loaded in pulse_server.module_ids("module-null-sink")[1:]:
        pulse_server.unload_module(loaded)
    pulse_server.pactl("set-default-sink", "virt_sink")


def frame_rms(samples: NDArray[np.int16]) -> NDArray[np.float64]:
    usable = samples[: len(samples) // FRAME * FRAME].astype(np.float64).reshape(-1, FRAME)
    return np.sqrt(np.mean(usable**2, axis=1))


def onset_s(samples: NDArray[np.int16]) -> float:
    loud = np.flatnonzero(frame_rms(samples) > LOUD_RMS)
    assert len(loud), "no sound at all"
    return float(loud[0] * FRAME / 16_000)


def loud_span_s(samples: NDArray[np.int16]) -> float:
    loud = np.flatnonzero(frame_rms(samples) > LOUD_RMS)
    return float((loud[-1] - loud[0] + 1) * FRAME / 16_000) if len(loud) else 0.0


def read_call(source: LiveCallSource, seconds: float) -> list[CallBlock]:
    blocks: list[CallBlock] = []
    needed = round(seconds * 16_000)
    deadline_s = time.monotonic() + seconds + 10
    while sum(len(b.agent) for b in blocks) < needed and time.monotonic() < deadline_s:
        block = source.read(timeout_s=1.0)
        if block is not None:
            blocks.append(block)
    return blocks


def wait_for_status(source: LiveCallSource, status: str, timeout_s: float) -> float:
    """Seconds until the customer state is `status`, reading all the while."""
    start_s = time.monotonic()
    while source.customer_state.status != status:
        if time.monotonic() - start_s > timeout_s:
            raise AssertionError(
                f"customer state still {source.customer_state} after {timeout_s} s"
            )
        source.read(timeout_s=0.2)
    return time.monotonic() - start_s


def test_each_side_hears_its_own_party_on_one_clock(
    pulse_server: PulseServer, call_out: int, clips: tuple[Path, Path]
) -> None:
    """Agent into the microphone and customer into the default output, started together:
    each side carries its own clip (its length, nothing of the other), and their onsets on
    the stream clock are within 150 ms of what was played."""
    agent_clip, customer_clip = clips
    source = LiveCallSource(MicSource(device="pulse", silence_timeout_s=None), "auto")
    with source:
        wait_for_status(source, "listening", timeout_s=5.0)
        read_call(source, 1.0)  # both streams running
        players = [
            pulse_server.play(agent_clip),
            pulse_server.play(customer_clip, sink="call_out"),
        ]
        blocks = read_call(source, 7.5)
        for player in players:
            assert player.wait(timeout=10) == 0
        assert source.customer_state.status == "listening"
        assert source.customer_state.device == "Call"
    assert all(b.customer is not None and len(b.customer) == len(b.agent) for b in blocks)
    agent = np.concatenate([b.agent for b in blocks])
    customer = np.concatenate([b.customer for b in blocks if b.customer is not None])
    agent_wav, customer_wav = read_whole_file(agent_clip), read_whole_file(customer_clip)
    # Each side's sound lasts as long as its own clip: the 2 s agent sentence is not in the
    # customer channel and the 5 s customer sentence is not in the microphone.
    assert abs(loud_span_s(agent) - loud_span_s(agent_wav)) <= 0.3
    assert abs(loud_span_s(customer) - loud_span_s(customer_wav)) <= 0.3
    played_gap_s = onset_s(customer_wav) - onset_s(agent_wav)
    heard_gap_s = onset_s(customer) - onset_s(agent)
    assert abs(heard_gap_s - played_gap_s) <= 0.15
    assert source.customer_dropped_samples == 0


def test_the_output_unloaded_and_loaded_again_comes_back_without_a_restart(
    pulse_server: PulseServer, call_out: int, clips: tuple[Path, Path]
) -> None:
    """The chosen output vanishing turns the customer channel "lost" (the agent side keeps
    going), and loading it again makes it "listening" and audible by itself."""
    _, customer_clip = clips
    source = LiveCallSource(MicSource(device="pulse", silence_timeout_s=None), "Call")
    with source:
        wait_for_status(source, "listening", timeout_s=5.0)
        pulse_server.unload_module(call_out)
        lost_after_s = wait_for_status(source, "lost", timeout_s=3.0)
        assert "Call" in source.customer_state.reason or "vanished" in source.customer_state.reason
        agent_while_lost = read_call(source, 1.0)
        pulse_server.load_module(
            "module-null-sink", "sink_name=call_out", "sink_properties=device.description=Call"
        )
        back_after_s = wait_for_status(source, "listening", timeout_s=3.0)
        player = pulse_server.play(customer_clip, sink="call_out")
        blocks = read_call(source, 5.0)
        assert player.wait(timeout=10) == 0
    assert lost_after_s < 1.5 and back_after_s < 2.0
    assert len(agent_while_lost) >= 8
    assert all(b.customer is None for b in agent_while_lost)
    customer = np.concatenate([b.customer for b in blocks if b.customer is not None])
    assert frame_rms(customer).max() > 10 * LOUD_RMS


def test_a_new_default_output_is_followed(
    pulse_server: PulseServer, call_out: int, clips: tuple[Path, Path]
) -> None:
    """With "auto" the default output is followed: a headset made the default is what is
    heard next, and what still plays into the old output is not."""
    _, customer_clip = clips
    source = LiveCallSource(MicSource(device="pulse", silence_timeout_s=None), "auto")
    with source:
        wait_for_status(source, "listening", timeout_s=5.0)
        assert source.customer_state.device == "Call"
        pulse_server.load_module(
            "module-null-sink", "sink_name=headset", "sink_properties=device.description=Headset"
        )
        pulse_server.pactl("set-default-sink", "headset")
        deadline_s = time.monotonic() + 3.0
        while source.customer_state.device != "Headset" and time.monotonic() < deadline_s:
            source.read(timeout_s=0.2)
        assert source.customer_state.device == "Headset"
        old = pulse_server.play(customer_clip, sink="call_out")
        quiet = read_call(source, 2.0)
        old.terminate()
        old.wait(timeout=5)
        new = pulse_server.play(customer_clip, sink="headset")
        heard = read_call(source, 2.0)
        new.terminate()
        new.wait(timeout=5)
    quiet_customer = np.concatenate([b.customer for b in quiet if b.customer is not None])
    heard_customer = np.concatenate([b.customer for b in heard if b.customer is not None])
    assert frame_rms(quiet_customer).max() < 10.0
    assert frame_rms(heard_customer).max() > 10 * LOUD_RMS


def test_output_devices_are_listed(pulse_server: PulseServer, call_out: int) -> None:
    """The menu's list holds the server's sinks by description, with the default marked."""
    devices = list_output_devices()
    assert {"Call", "Null Output"} <= {d.name for d in devices}
    assert [d.name for d in devices if d.is_default] == ["Call"]


def test_a_vanished_monitor_fails_instead_of_moving_to_the_microphone(
    pulse_server: PulseServer, call_out: int, clips: tuple[Path, Path]
) -> None:
    """PulseAudio moves a record stream whose source vanished to the default source, here
    the agent's microphone. The backend's recorder forbids that (PA_STREAM_DONT_MOVE): with
    the agent speaking into the microphone, reading the unloaded output's monitor fails
    rather than delivering the agent's voice as the customer's."""
    agent_clip, _ = clips
    backend = load_backend()
    call = next(d for d in backend.output_devices() if d.name == "Call")
    recorder = backend.open(call)
    player = pulse_server.play(agent_clip)  # into virt_sink, whose monitor is virt_mic
    try:
        pulse_server.unload_module(call_out)
        peak = 0.0
        deadline_s = time.monotonic() + 3.0
        with pytest.raises(DeviceGone):
            while time.monotonic() < deadline_s:
                frames = recorder.read(0.05)
                if frames is not None and len(frames):
                    peak = max(peak, float(np.abs(frames).max()))
    finally:
        recorder.close()
        player.terminate()
        player.wait(timeout=5)
    assert peak < 0.01  # nothing of the agent's voice came through first

"""LiveCallSource through fakes: the microphone is the clock master, the customer side stays
aligned with it within a block whatever the loopback's chunking and jitter, and customer
trouble never reaches the agent side."""

import time

import numpy as np
import pytest

from desktop.audio.call_source import CUSTOMER_OFF, CallBlock
from desktop.audio.live_call import LiveCallSource, list_output_devices
from desktop.audio.loopback_backends import load_backend
from desktop.audio.loopback_source import LoopbackSource, LoopbackTiming
from desktop.audio.source import SourceLost

from fake_loopback import CLOCK_WRAP, FakeClockMic, FakeOutput, FakeSystem

FAST = LoopbackTiming(check_s=0.2, retry_s=0.2, idle_gap_s=0.1)
BLOCK = 1600


def read_blocks(source: LiveCallSource, seconds: float) -> list[CallBlock]:
    blocks = []
    end_s = time.monotonic() + seconds
    while time.monotonic() < end_s:
        block = source.read(0.2)
        if block is not None:
            blocks.append(block)
    return blocks


def clock_offsets(blocks: list[CallBlock]) -> np.ndarray:
    """Agent clock minus customer clock (samples) for every real customer sample."""
    agent = np.concatenate([b.agent for b in blocks]).astype(np.int64)
    customer = np.concatenate([b.customer for b in blocks if b.customer is not None])
    customer = customer.astype(np.int64)
    real = customer != 0  # padding; the clock's own zero is one sample in 32000
    offsets = (agent[real] - customer[real]) % CLOCK_WRAP
    return np.where(offsets > CLOCK_WRAP // 2, offsets - CLOCK_WRAP, offsets)


def call_source(system: FakeSystem, mic: FakeClockMic, device: str | None = "auto"):
    loopback = None
    if device is not None:
        loopback = LoopbackSource(device, system.backend, timing=FAST)
    return LiveCallSource(mic, device, loopback=loopback)


@pytest.mark.parametrize("burst", [False, True], ids=["steady-mic", "bursty-mic"])
def test_both_sides_stay_aligned_within_a_block_with_jittery_delivery(burst: bool) -> None:
    """Over 4 s of 100 ms microphone blocks (steady, or in pairs) and a loopback delivering
    odd-sized chunks up to 30 ms late, every customer sample belongs to a moment within
    one block of its agent sample, and the customer block always matches the agent's length."""
    system = FakeSystem()
    system.add(FakeOutput("spk", "Speakers", latency_s=0.02, jitter_s=0.03))
    source = call_source(system, FakeClockMic(system, latency_s=0.1, burst=burst))
    with source:
        deadline_s = time.monotonic() + 5
        while source.customer_state.status != "listening" and time.monotonic() < deadline_s:
            source.read(0.2)
        blocks = read_blocks(source, 4.0)
    assert len(blocks) >= 35
    assert all(b.customer is not None and len(b.customer) == len(b.agent) for b in blocks)
    offsets = clock_offsets(blocks[5:])  # after the first half second
    assert len(offsets) > 0.9 * 16_000 * len(blocks[5:]) / 10
    assert np.abs(offsets).max() <= BLOCK
    # Steady blocks: the margin matches the latencies, so the offset is small. Paired
    # blocks: the first block of a pair is 100 ms older than its arrival says, so the start
    # can be off by up to a block, but stays put (no creeping).
    assert np.median(np.abs(offsets)) <= (BLOCK if burst else 800)
    assert np.percentile(offsets, 95) - np.percentile(offsets, 5) <= 800


def test_an_idle_loopback_pairs_zeros_without_holding_up_the_microphone() -> None:
    """No packets from the endpoint: the agent's blocks come at their own pace, each with as
    many customer zeros."""
    system = FakeSystem()
    system.add(FakeOutput("spk", "Speakers", mode="idle"))
    source = call_source(system, FakeClockMic(system))
    with source:
        blocks = read_blocks(source, 1.5)
    assert len(blocks) >= 12
    pairs = [(b.agent, b.customer) for b in blocks if b.customer is not None]
    assert len(pairs) >= 10
    assert all(len(customer) == len(agent) for agent, customer in pairs)
    assert not any(customer.any() for _, customer in pairs)


def test_customer_trouble_never_raises_into_the_agent_side() -> None:
    """The output vanishing, failing and the server going away only change the state; the
    agent's blocks keep coming, with customer None while the channel is lost."""
    system = FakeSystem()
    system.add(FakeOutput("spk", "Speakers"))
    source = call_source(system, FakeClockMic(system), device="Speakers")
    with source:
        read_blocks(source, 0.5)
        system.remove("spk")
        lost = read_blocks(source, 0.8)
        assert source.customer_state.status == "lost"
        system.unavailable = "no sound server answered"
        gone = read_blocks(source, 0.5)
        system.unavailable = None
        system.add(FakeOutput("spk", "Speakers"))
        back = read_blocks(source, 1.0)
        assert source.customer_state.status == "listening"
    assert len(lost) >= 6 and len(gone) >= 4 and len(back) >= 8
    assert lost[-1].customer is None and gone[-1].customer is None
    assert back[-1].customer is not None and len(back[-1].customer) == len(back[-1].agent)


def test_after_a_device_switch_the_new_device_is_aligned_too() -> None:
    """Following a new default output, the pairing starts again on the new device's samples."""
    system = FakeSystem()
    system.add(FakeOutput("spk", "Speakers", latency_s=0.02))
    source = call_source(system, FakeClockMic(system))
    with source:
        read_blocks(source, 0.6)
        system.add(FakeOutput("usb", "USB Headset", latency_s=0.05), default=True)
        deadline_s = time.monotonic() + 3
        while source.customer_state.device != "USB Headset" and time.monotonic() < deadline_s:
            source.read(0.2)
        blocks = read_blocks(source, 1.5)
        assert source.customer_state.device == "USB Headset"
    offsets = clock_offsets(blocks[3:])
    assert np.abs(offsets).max() <= BLOCK


def test_losing_the_microphone_raises_as_before() -> None:
    """SourceLost from the microphone reaches the engine, which reopens; the customer side
    does not hide it."""
    system = FakeSystem()
    system.add(FakeOutput("spk", "Speakers"))
    mic = FakeClockMic(system, lose_after_s=0.5)
    source = call_source(system, mic)
    source.open()
    try:
        with pytest.raises(SourceLost):
            read_blocks(source, 2.0)
    finally:
        source.close()
    assert not mic.is_open


def test_off_gives_agent_blocks_only() -> None:
    """customer_device None: no loopback at all, the state says off."""
    system = FakeSystem()
    source = call_source(system, FakeClockMic(system), device=None)
    with source:
        blocks = read_blocks(source, 0.5)
    assert blocks and all(b.customer is None for b in blocks)
    assert source.customer_state == CUSTOMER_OFF


def test_the_policy_word_off_is_off_too() -> None:
    """[customer] source = "off" passed on as it stands makes no loopback at all."""
    system = FakeSystem()
    source = LiveCallSource(FakeClockMic(system), " Off ")
    with source:
        blocks = read_blocks(source, 0.3)
    assert blocks and all(b.customer is None for b in blocks)
    assert source.customer_state == CUSTOMER_OFF


def test_unavailable_gives_agent_blocks_and_the_reason() -> None:
    """On macOS the call still runs on the microphone, and the state says why."""
    system = FakeSystem()
    loopback = LoopbackSource("auto", lambda: load_backend("darwin"), timing=FAST)
    source = LiveCallSource(FakeClockMic(system), "auto", loopback=loopback)
    with source:
        blocks = read_blocks(source, 0.5)
    assert blocks and all(b.customer is None for b in blocks)
    assert source.customer_state.status == "unavailable"
    assert "BlackHole" in source.customer_state.reason


def test_closing_stops_the_customer_side_too() -> None:
    """Pausing really stops listening to the customer: close() ends the reader thread."""
    system = FakeSystem()
    system.add(FakeOutput("spk", "Speakers"))
    loopback = LoopbackSource("auto", system.backend, timing=FAST)
    source = LiveCallSource(FakeClockMic(system), "auto", loopback=loopback)
    with source:
        read_blocks(source, 0.3)
        thread = loopback._thread
    assert thread is not None and not thread.is_alive()


def test_output_devices_are_listed_for_a_menu() -> None:
    """The menu lists every output with the default marked; none where unavailable."""
    system = FakeSystem()
    system.add(FakeOutput("spk", "Speakers"))
    system.add(FakeOutput("usb", "USB Headset"), default=True)
    devices = list_output_devices(system.backend)
    assert [(d.name, d.is_default) for d in devices] == [
        ("Speakers", False),
        ("USB Headset", True),
    ]
    assert list_output_devices(lambda: load_backend("darwin")) == []

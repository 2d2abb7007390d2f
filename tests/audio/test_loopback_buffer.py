"""CustomerBuffer: the customer side kept on the microphone's clock, without threads."""

import numpy as np
import pytest

from desktop.audio.customer_buffer import CustomerBuffer

BLOCK = 1600  # 100 ms at 16 kHz


def ramp(start: int, n: int) -> np.ndarray:
    return (np.arange(start, start + n) % 30_000).astype(np.int16)


def test_take_gives_exactly_n_samples_oldest_first_then_zeros() -> None:
    """A short buffer is topped up with zeros at the end, and the shortfall is counted."""
    buffer = CustomerBuffer(margin_s=0.0)
    buffer.push(ramp(0, 1000))
    block = buffer.take(BLOCK)
    assert len(block) == BLOCK
    assert np.array_equal(block[:1000], ramp(0, 1000))
    assert not block[1000:].any()
    assert buffer.padded_samples == 600
    assert buffer.level == 0


def test_sync_keeps_the_newest_block_plus_the_margin() -> None:
    """Starting the pairing forgets what came before the microphone's first block."""
    buffer = CustomerBuffer(margin_s=0.1)
    buffer.push(ramp(0, 16_000))  # a second captured before the microphone started
    first = buffer.sync(BLOCK)
    assert np.array_equal(first, ramp(16_000 - 2 * BLOCK, BLOCK))
    assert buffer.level == BLOCK  # the 100 ms margin
    assert buffer.dropped_samples == 0  # forgetting the start is not a drop


def test_running_ahead_beyond_the_bound_drops_the_oldest_and_counts_them() -> None:
    """A stalled reader lets the customer side run ahead; past the bound the oldest go."""
    buffer = CustomerBuffer(margin_s=0.1, max_ahead_s=0.5)
    buffer.sync(BLOCK)
    for start in range(0, 9 * BLOCK, BLOCK):  # 0.9 s pushed, nothing taken
        buffer.push(ramp(start, BLOCK))
    assert buffer.level <= 8000
    assert buffer.dropped_samples > 0
    newest = buffer.take(buffer.level)
    assert newest[-1] == ramp(9 * BLOCK - 1, 1)[0]  # the newest are kept


def test_a_fast_loopback_clock_is_trimmed_back_to_the_margin() -> None:
    """A loopback 1 % faster than the microphone (real crystals: ~0.005 %) never runs more
    than margin + tolerance + two windows' growth ahead over ten minutes."""
    buffer = CustomerBuffer(margin_s=0.1, drift_window_s=4.0, drift_tolerance_s=0.05)
    pushed = 0
    buffer.push(ramp(0, 2 * BLOCK))
    pushed += 2 * BLOCK
    buffer.sync(BLOCK)
    levels = []
    for _ in range(6000):  # 600 s of 100 ms blocks
        buffer.push(ramp(pushed, 1616))
        pushed += 1616
        buffer.take(BLOCK)
        levels.append(buffer.level)
    assert max(levels) <= 1600 + 800 + 2 * 40 * 16  # margin + tolerance + 2 windows' drift
    assert buffer.dropped_samples == pytest.approx(6000 * 16, rel=0.1)
    assert buffer.padded_samples == 0


def test_a_late_chunk_after_padding_is_trimmed_within_a_window() -> None:
    """Zeros given for a late chunk shift the customer side; the drift trim undoes it
    within two windows."""
    buffer = CustomerBuffer(margin_s=0.1, drift_window_s=4.0, drift_tolerance_s=0.05)
    buffer.push(ramp(0, 2 * BLOCK))
    buffer.sync(BLOCK)
    pushed = 2 * BLOCK
    buffer.take(BLOCK)  # nothing new came: the margin goes, then zeros
    buffer.take(BLOCK)
    assert buffer.padded_samples == BLOCK
    buffer.push(ramp(pushed, 3 * BLOCK))  # the late chunks arrive together
    pushed += 3 * BLOCK
    levels = []
    for _ in range(100):  # two 4 s windows: the one with the pad, then a clean one
        buffer.push(ramp(pushed, BLOCK))
        pushed += BLOCK
        buffer.take(BLOCK)
        levels.append(buffer.level)
    assert levels[0] > 1600 + 800  # shifted by the late chunk
    assert levels[-1] <= 1600 + 800  # back within margin + tolerance


def test_read_returns_what_arrived_or_none_within_the_timeout() -> None:
    """Standalone reads never block beyond their timeout."""
    buffer = CustomerBuffer()
    assert buffer.read(0.01) is None
    buffer.push(ramp(0, 500))
    got = buffer.read(0.01)
    assert got is not None and len(got) == 500


def test_bad_bounds_are_refused() -> None:
    with pytest.raises(ValueError):
        CustomerBuffer(margin_s=0.5, max_ahead_s=0.5)

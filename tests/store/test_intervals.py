"""Call time in 10-s intervals: where a time falls, and how spans are shared out."""

import pytest

from desktop.store.intervals import CallClock, IntervalAccumulator


def clock_with_calls(*starts_s: float) -> CallClock:
    clock = CallClock()
    for start_s in starts_s:
        clock.start_call(start_s)
    return clock


def test_times_fall_in_the_interval_of_their_call() -> None:
    """Intervals count from each call's start; the last one before a new call is cut short;
    a time before the first call belongs nowhere."""
    clock = clock_with_calls(0.0, 25.0)
    assert clock.locate(9.999) == (1, 0)
    assert clock.locate(10.0) == (1, 1)
    assert clock.locate(24.9) == (1, 2) and clock.bounds((1, 2)) == (20.0, 25.0)
    assert clock.locate(25.0) == (2, 0) and clock.bounds((2, 0)) == (25.0, 35.0)
    assert clock_with_calls(5.0).locate(4.0) is None


def test_interval_boundaries_survive_float_rounding() -> None:
    """A boundary reached by adding tenths (0.1 × 300 = 30.000000000000004) is still the
    start of the next interval, never the end of the previous one."""
    clock = clock_with_calls(0.3)
    t = 0.3
    for _ in range(100):
        t += 0.1
    key = clock.locate(t)
    assert key is not None
    start_s, end_s = clock.bounds(key)
    assert start_s <= t < end_s


def test_calls_must_start_in_order() -> None:
    clock = clock_with_calls(10.0)
    with pytest.raises(ValueError):
        clock.start_call(5.0)


def test_a_span_is_shared_over_intervals_and_calls() -> None:
    """Talk from 8 s to 27 s with a new call at 25 s: 2 s, 10 s and 5 s in call 1, then 2 s
    in call 2; nothing is counted before the first call."""
    accumulator = IntervalAccumulator(clock_with_calls(0.0, 25.0), frozenset())
    accumulator.add_talk(8.0, 27.0)
    talk = {(d.call_number, d.number): d.talk_s for d in accumulator.drain()}
    assert talk == pytest.approx({(1, 0): 2.0, (1, 1): 10.0, (1, 2): 5.0, (2, 0): 2.0})
    late = IntervalAccumulator(clock_with_calls(5.0), frozenset())
    late.add_talk(2.0, 7.0)
    assert [(d.start_s, d.talk_s) for d in late.drain()] == [(5.0, 2.0)]


def test_counts_not_measured_stay_none() -> None:
    """Optional counts are None unless measured; a drain empties the accumulator."""
    accumulator = IntervalAccumulator(clock_with_calls(0.0), frozenset({"key_points"}))
    accumulator.count("key_points", 3.0)
    accumulator.count("customer_turns", 3.0)
    [delta] = accumulator.drain()
    assert (delta.key_points, delta.customer_turns, delta.words) == (1, None, 0)
    assert accumulator.drain() == ()
    with pytest.raises(ValueError):
        accumulator.count("no_such_count", 1.0)

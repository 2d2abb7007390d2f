"""Call time cut into 10-s intervals, and the sums that go into each.

Calls split the stream: call n runs from its start to the start of call n + 1. Each call is
cut into intervals of `INTERVAL_S` from its start (the last one shorter). Events land in the
interval of their stream time, even when they arrive late (a speech segment is known when it
closes, a pause when speech resumes): the accumulator collects what to ADD to each interval,
and the store adds it to what was written before.
"""

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import fields, replace

from desktop.prosody.analyzer import TICK_FRAMES
from desktop.prosody.frames import HOP_S
from desktop.store.writes import IntervalDelta

INTERVAL_S = 10.0
TICK_S = TICK_FRAMES * HOP_S
OPTIONAL_COUNTS = ("key_points", "key_points_rushed", "customer_turns", "replies_unacknowledged")
"""Counts that are only measured when their cue is enabled (else they stay NULL)."""
CUSTOMER_FIELDS = (
    "customer_talk_s",
    "customer_syllables",
    "overtalk_s",
    "interruptions",
    "dead_air_s",
)
"""Measured only while the customer channel is heard (else NULL): counts and durations."""

IntervalKey = tuple[int, int]
"""(call number, interval number within the call)."""


class CallClock:
    """The calls of a shift on the stream clock."""

    def __init__(self) -> None:
        self._starts_s: list[float] = []

    @property
    def calls(self) -> int:
        return len(self._starts_s)

    def start_call(self, start_s: float) -> int:
        """Begin the next call at `start_s` (not before the previous one); its number."""
        if self._starts_s and start_s < self._starts_s[-1]:
            raise ValueError("calls start in stream order")
        self._starts_s.append(start_s)
        return len(self._starts_s)

    def start_of(self, number: int) -> float:
        return self._starts_s[number - 1]

    def locate(self, t_s: float) -> IntervalKey | None:
        """The interval `t_s` falls in, or None before the first call."""
        call = bisect_right(self._starts_s, t_s)
        if call == 0:
            return None
        start_s = self._starts_s[call - 1]
        index = max(0, int((t_s - start_s) // INTERVAL_S))
        while start_s + (index + 1) * INTERVAL_S <= t_s:  # float rounding at a boundary
            index += 1
        while index > 0 and start_s + index * INTERVAL_S > t_s:
            index -= 1
        return call, index

    def bounds(self, key: IntervalKey) -> tuple[float, float]:
        """Start and end (stream s) of an interval; the end is cut by the next call's start."""
        call, index = key
        start_s = self._starts_s[call - 1] + index * INTERVAL_S
        end_s = start_s + INTERVAL_S
        if call < len(self._starts_s):
            end_s = min(end_s, self._starts_s[call])
        return start_s, end_s


_NOT_COUNTS = {
    "call_number",
    "number",
    "start_s",
    "end_s",
    "talk_s",
    "pause_s",
    "customer_talk_s",
    "overtalk_s",
    "dead_air_s",
}
_COUNT_FIELDS = {f.name for f in fields(IntervalDelta)} - _NOT_COUNTS


class IntervalAccumulator:
    """Collects additions per interval until `drain()`. `measured` names the optional counts
    that are measured in this shift (the others stay None)."""

    def __init__(self, clock: CallClock, measured: frozenset[str]) -> None:
        self._clock = clock
        self._measured = measured & set(OPTIONAL_COUNTS)
        self._pending: dict[IntervalKey, IntervalDelta] = {}

    def hear_customer(self, heard: bool) -> None:
        """From now on the customer's figures are measured (0 and up) or not (None), in the
        intervals that start being filled from here."""
        if heard:
            self._measured |= set(CUSTOMER_FIELDS)
        else:
            self._measured -= set(CUSTOMER_FIELDS)

    def add_span(self, name: str, start_s: float, end_s: float) -> None:
        """Seconds of [start_s, end_s) added to the duration `name` of each interval it
        covers (`customer_talk_s`, `overtalk_s`, `dead_air_s`), where it is measured."""
        for key, seconds in self._pieces(start_s, end_s):
            if getattr(self._pending[key], name) is not None:
                self._add(key, **{name: seconds})

    def add_tick(self, t_s: float, loudness_db: float | None) -> None:
        """A 100 ms tick ending at `t_s`: the interval is covered up to `t_s`; a speaking
        tick adds its loudness."""
        key = self._covered(t_s - TICK_S / 2, t_s)
        if key is not None and loudness_db is not None:
            self._add(key, loudness_sum_db=loudness_db, loudness_ticks=1)

    def add_talk(self, start_s: float, end_s: float) -> None:
        for key, seconds in self._pieces(start_s, end_s):
            self._add(key, talk_s=seconds)

    def add_pause(self, start_s: float, end_s: float) -> None:
        """An agent's pause: counted where it begins, its time spread over the intervals."""
        self.count("pauses", start_s)
        for key, seconds in self._pieces(start_s, end_s):
            self._add(key, pause_s=seconds)

    def count(self, name: str, t_s: float, n: int = 1) -> None:
        """Add `n` to the count `name` of the interval holding `t_s`."""
        if name not in _COUNT_FIELDS:
            raise ValueError(f"no count named {name}")
        key = self._covered(t_s, t_s)
        if key is not None and getattr(self._pending[key], name) is not None:
            self._add(key, **{name: n})

    def drain(self) -> tuple[IntervalDelta, ...]:
        """The additions collected since the last drain, in time order."""
        deltas = tuple(delta for _, delta in sorted(self._pending.items()))
        self._pending.clear()
        return deltas

    def _add(self, key: IntervalKey, **increments: float) -> None:
        delta = self._pending[key]
        added = {name: getattr(delta, name) + value for name, value in increments.items()}
        self._pending[key] = replace(delta, **added)

    def _covered(self, t_s: float, seen_until_s: float) -> IntervalKey | None:
        """The interval holding `t_s` (None before the first call), now known to be covered
        up to `seen_until_s`; its pending delta is created on first use."""
        key = self._clock.locate(t_s)
        if key is None:
            return None
        start_s, end_s = self._clock.bounds(key)
        delta = self._pending.get(key)
        if delta is None:
            measured = dict.fromkeys(self._measured, 0)
            delta = IntervalDelta(key[0], key[1], start_s, start_s, **measured)
        covered_s = max(delta.end_s, min(max(seen_until_s, start_s), end_s))
        self._pending[key] = replace(delta, end_s=covered_s)
        return key

    def _pieces(self, start_s: float, end_s: float) -> Iterator[tuple[IntervalKey, float]]:
        """The parts of [start_s, end_s) per interval (nothing before the first call)."""
        t_s = start_s
        while t_s < end_s:
            key = self._clock.locate(t_s)
            if key is None:
                if self._clock.calls == 0:
                    return
                t_s = self._clock.start_of(1)
                continue
            piece_end_s = min(end_s, self._clock.bounds(key)[1])
            self._covered(t_s, piece_end_s)
            yield key, piece_end_s - t_s
            t_s = piece_end_s

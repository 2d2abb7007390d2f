"""Call time cut into 10-s intervals, and the sums that go into each.

Calls split the stream: call n runs from its start to the start of call n + 1. Each call is
cut into intervals of `INTERVAL_S` from its start (the last one shorter). Events land in the
interval of their stream time, even when they arrive late (a speech segment is known when it
closes, a pause when speech resumes): the accumulator collects what to ADD to each interval,
and the store adds it to what was written before.
"""

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, fields

from desktop.prosody.analyzer import TICK_FRAMES
from desktop.prosody.frames import HOP_S
from desktop.store.writes import IntervalDelta

INTERVAL_S = 10.0
TICK_S = TICK_FRAMES * HOP_S
OPTIONAL_COUNTS = ("key_points", "key_points_rushed", "customer_turns", "replies_unacknowledged")
"""Counts that are only measured when their cue is enabled (else they stay NULL)."""

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


@dataclass(slots=True)
class _Sums:
    start_s: float
    end_s: float
    talk_s: float = 0.0
    syllables: int = 0
    loudness_sum_db: float = 0.0
    loudness_ticks: int = 0
    pauses: int = 0
    pause_s: float = 0.0
    words: int | None = 0
    key_points: int | None = None
    key_points_rushed: int | None = None
    customer_turns: int | None = None
    replies_unacknowledged: int | None = None


_COUNT_FIELDS = {f.name for f in fields(_Sums)} - {"start_s", "end_s", "talk_s", "pause_s"}


class IntervalAccumulator:
    """Collects additions per interval until `drain()`. `measured` names the optional counts
    that are measured in this shift (the others stay None)."""

    def __init__(self, clock: CallClock, measured: frozenset[str]) -> None:
        self._clock = clock
        self._measured = measured & set(OPTIONAL_COUNTS)
        self._pending: dict[IntervalKey, _Sums] = {}

    def add_tick(self, t_s: float, loudness_db: float | None) -> None:
        """A 100 ms tick ending at `t_s`: the interval is covered up to `t_s`; a speaking
        tick adds its loudness."""
        sums = self._sums_at(t_s - TICK_S / 2, t_s)
        if sums is not None and loudness_db is not None:
            sums.loudness_sum_db += loudness_db
            sums.loudness_ticks += 1

    def add_talk(self, start_s: float, end_s: float) -> None:
        for sums, seconds in self._pieces(start_s, end_s):
            sums.talk_s += seconds

    def add_pause(self, start_s: float, end_s: float) -> None:
        """An agent's pause: counted where it begins, its time spread over the intervals."""
        self.count("pauses", start_s)
        for sums, seconds in self._pieces(start_s, end_s):
            sums.pause_s += seconds

    def count(self, name: str, t_s: float, n: int = 1) -> None:
        """Add `n` to the count `name` of the interval holding `t_s`."""
        if name not in _COUNT_FIELDS:
            raise ValueError(f"no count named {name}")
        sums = self._sums_at(t_s, t_s)
        if sums is None:
            return
        value = getattr(sums, name)
        if value is not None:
            setattr(sums, name, value + n)

    def drain(self) -> tuple[IntervalDelta, ...]:
        """The additions collected since the last drain, in time order."""
        deltas = tuple(
            IntervalDelta(call, index, **{f.name: getattr(sums, f.name) for f in fields(sums)})
            for (call, index), sums in sorted(self._pending.items())
        )
        self._pending.clear()
        return deltas

    def _sums_at(self, t_s: float, seen_until_s: float) -> _Sums | None:
        key = self._clock.locate(t_s)
        if key is None:
            return None
        sums = self._pending.get(key)
        start_s, end_s = self._clock.bounds(key)
        if sums is None:
            sums = _Sums(start_s, start_s)
            for name in self._measured:
                setattr(sums, name, 0)
            self._pending[key] = sums
        sums.end_s = max(sums.end_s, min(max(seen_until_s, start_s), end_s))
        return sums

    def _pieces(self, start_s: float, end_s: float) -> Iterator[tuple[_Sums, float]]:
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
            sums = self._sums_at(t_s, piece_end_s)
            assert sums is not None
            yield sums, piece_end_s - t_s
            t_s = piece_end_s

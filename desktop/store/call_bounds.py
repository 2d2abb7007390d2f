"""Which calls of a write may be stored: a call's bounds must agree with themselves and with
the shift's other calls.

A call ends at or after its start, and the calls of a shift follow each other in number order
without overlapping: call n starts at or after call n - 1 ended (an open call, end unknown, is
taken to end where the next one starts). The summary draws calls from these bounds and gives
each call the metrics inside it, so a call stored against them shows wrong figures (issue 13:
a call "from 91.3 to 91.3 s" whose metrics ran to 265 s). Such a call is refused with a
reason, never stored; the rest of the write goes on.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desktop.store.records import CallRecord

Bounds = tuple[float, float | None]
"""A call's start and end (None: still open), in stream seconds."""


@dataclass(frozen=True, slots=True)
class RefusedCall:
    number: int
    reason: str


def check_calls(
    stored: Mapping[int, Bounds], written: Iterable[CallRecord]
) -> tuple[list[CallRecord], list[RefusedCall]]:
    """Split `written` into the calls that may be stored and those refused. `stored` are the
    shift's calls already in the file: a written call with a stored number only sets its end
    (the upsert keeps the stored start)."""
    calls: dict[int, Bounds] = dict(stored)
    accepted: list[CallRecord] = []
    refused: list[RefusedCall] = []
    for call in sorted(written, key=lambda c: c.number):
        start_s = calls[call.number][0] if call.number in calls else call.start_s
        reason = _problem(call.number, start_s, call.end_s, calls)
        if reason is None:
            calls[call.number] = (start_s, call.end_s)
            accepted.append(call)
        else:
            refused.append(RefusedCall(call.number, reason))
    return accepted, refused


def _problem(
    number: int, start_s: float, end_s: float | None, calls: Mapping[int, Bounds]
) -> str | None:
    times = (start_s,) if end_s is None else (start_s, end_s)
    if number < 1 or not all(math.isfinite(t) and t >= 0 for t in times):
        return f"call {number} has no valid number or times ({start_s!r}, {end_s!r})"
    if end_s is not None and end_s < start_s:
        return f"call {number} ends ({end_s:.3f} s) before it starts ({start_s:.3f} s)"
    before = [n for n in calls if n < number]
    after = [n for n in calls if n > number]
    if before:
        previous = max(before)
        previous_start, previous_end = calls[previous]
        if start_s < previous_start or (previous_end is not None and start_s < previous_end):
            ends = "" if previous_end is None else f"–{previous_end:.3f}"
            return (
                f"call {number} starts ({start_s:.3f} s) inside or before call {previous} "
                f"({previous_start:.3f}{ends} s)"
            )
    if after:
        following = min(after)
        following_start = calls[following][0]
        if (end_s if end_s is not None else start_s) > following_start:
            return (
                f"call {number} ({start_s:.3f}–{end_s if end_s is not None else 'open'} s) "
                f"runs into call {following}, which starts at {following_start:.3f} s"
            )
    return None

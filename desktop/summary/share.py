"""A count out of a count ("14 of 18 key points"), and how to total one from the intervals."""

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.store.records import IntervalRecord


@dataclass(frozen=True, slots=True)
class Share:
    """`part` of `whole` (e.g. 14 of 18 key points)."""

    part: int
    whole: int

    @property
    def fraction(self) -> float | None:
        return self.part / self.whole if self.whole > 0 else None


def total(intervals: Sequence[IntervalRecord], name: str) -> int | None:
    """The sum of a count, or None when no interval measured it."""
    values = [getattr(i, name) for i in intervals if getattr(i, name) is not None]
    return sum(values) if values else None


def judged_share(
    intervals: Sequence[IntervalRecord], whole_name: str, missed_name: str
) -> Share | None:
    """The judgements that went well (`whole_name` minus `missed_name`) of all of them; None
    when either count was not measured, or no words were recognised (the rules behind these
    counts need words)."""
    whole = total(intervals, whole_name)
    missed = total(intervals, missed_name)
    if whole is None or missed is None or not total(intervals, "words"):
        return None
    return Share(max(0, whole - missed), whole)

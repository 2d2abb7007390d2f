"""Wall-clock times in the history: aware UTC datetimes, stored as ISO 8601 text.

Only shift start and end use the wall clock (for the list of shifts and for retention);
everything inside a shift is on the engine's stream clock.
"""

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_text(moment: datetime) -> str:
    """ "2024-05-01T08:00:00+00:00": sorts as text in time order (all values share the form)."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no known time zone")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_text(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)

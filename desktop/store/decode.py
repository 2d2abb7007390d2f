"""Rows of `sql.py`'s SELECTs → record values (columns in the order those SELECTs name).

Every value is checked, not trusted: the file may have been edited by hand, by another
program or by a damaged disk, and a value that is not what we wrote must not reach the
summary as a traceback. A row that cannot be read raises `BadRow` with a one-line reason
naming the column; the store skips such rows and says how many. The reason quotes the bad
value only for columns that cannot hold the agent's words (times, numbers, names of cues).
"""

import json
import math
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from desktop.store.records import (
    BaselineRecord,
    CallRecord,
    CueRecord,
    EvidenceValue,
    HasteLimits,
    IntervalRecord,
    ShiftRecord,
    TranscriptWord,
)
from desktop.store.utc import from_text

Row = tuple[Any, ...]
T = TypeVar("T")

MAX_STREAM_S = 1e8
"""Longer than any stream could run (three years): a bound that keeps sums and durations finite."""
MAX_RATE = 1e3
"""Bound for rates, factors and baselines (syllables per second are around 5)."""
_QUOTED_CHARS = 40


class BadRow(ValueError):
    """A stored row that cannot be read as Speech Coach wrote it."""


def shift_record(row: Row) -> ShiftRecord:
    ended = row[2]
    return ShiftRecord(
        shift_id=_count(row[0], "shifts.id", minimum=1),
        started_utc=_utc(row[1], "shifts.started_utc"),
        ended_utc=None if ended is None else _utc(ended, "shifts.ended_utc"),
        recorded_s=_time_s(row[3], "shifts.recorded_s"),
        source=_text(row[4], "shifts.source"),
        language=_text(row[5], "shifts.language"),
        haste=HasteLimits(
            _positive(row[6], "shifts.haste_floor_syl_s"),
            _positive(row[7], "shifts.haste_baseline_factor"),
            _positive(row[8], "shifts.haste_ceiling_syl_s"),
        ),
        transcripts_stored=bool(_count(row[9], "shifts.transcripts_stored")),
    )


def overview_counts(row: Row) -> tuple[int, float, int]:
    """The three columns SELECT_SHIFT_OVERVIEWS adds after the shift's: calls, talk time, cues."""
    return (
        _count(row[0], "calls counted"),
        _time_s(row[1], "metrics.talk_s (sum)"),
        _count(row[2], "cues counted"),
    )


def call_record(row: Row) -> CallRecord:
    start_s = _time_s(row[1], "calls.start_s")
    end_s = None if row[2] is None else _time_s(row[2], "calls.end_s")
    if end_s is not None and end_s < start_s:
        raise BadRow(f"calls.end_s {end_s:g} is before calls.start_s {start_s:g}")
    return CallRecord(
        _count(row[0], "calls.number", minimum=1), start_s, end_s, _text(row[3], "calls.reason")
    )


def cue_record(row: Row) -> CueRecord:
    return CueRecord(
        call_number=_count(row[0], "cues.call_number", minimum=1),
        name=_text(row[1], "cues.name"),
        t_s=_time_s(row[2], "cues.t_s"),
        evidence_t_s=_time_s(row[3], "cues.evidence_t_s"),
        message=_text(row[4], "cues.message", quote=False),
        evidence=_evidence(row[5]),
    )


def interval_record(row: Row) -> IntervalRecord:
    start_s = _time_s(row[2], "metrics.start_s")
    end_s = _time_s(row[3], "metrics.end_s")
    if end_s < start_s:
        raise BadRow(f"metrics.end_s {end_s:g} is before metrics.start_s {start_s:g}")
    return IntervalRecord(
        call_number=_count(row[0], "metrics.call_number", minimum=1),
        number=_count(row[1], "metrics.number"),
        start_s=start_s,
        end_s=end_s,
        talk_s=_time_s(row[4], "metrics.talk_s"),
        syllables=_count(row[5], "metrics.syllables"),
        articulation_rate_syl_s=_optional(row[6], "metrics.articulation_rate_syl_s", _rate),
        mean_loudness_db=_optional(row[7], "metrics.mean_loudness_db", _number),
        pauses=_count(row[8], "metrics.pauses"),
        pause_s=_time_s(row[9], "metrics.pause_s"),
        words=_optional(row[10], "metrics.words", _count),
        key_points=_optional(row[11], "metrics.key_points", _count),
        key_points_rushed=_optional(row[12], "metrics.key_points_rushed", _count),
        customer_turns=_optional(row[13], "metrics.customer_turns", _count),
        replies_unacknowledged=_optional(row[14], "metrics.replies_unacknowledged", _count),
        customer_talk_s=_optional(row[15], "metrics.customer_talk_s", _time_s),
        customer_syllables=_optional(row[16], "metrics.customer_syllables", _count),
        overtalk_s=_optional(row[17], "metrics.overtalk_s", _time_s),
        interruptions=_optional(row[18], "metrics.interruptions", _count),
        dead_air_s=_optional(row[19], "metrics.dead_air_s", _time_s),
    )


def baseline_record(row: Row) -> BaselineRecord:
    return BaselineRecord(
        _optional(row[0], "baselines.articulation_rate_syl_s", _rate),
        _optional(row[1], "baselines.loudness_db", _number),
    )


def transcript_word(row: Row) -> TranscriptWord:
    start_s = _time_s(row[1], "transcript_words.start_s")
    end_s = _time_s(row[2], "transcript_words.end_s")
    return TranscriptWord(
        _count(row[0], "transcript_words.call_number", minimum=1),
        start_s,
        end_s,
        _text(row[3], "transcript_words.text", quote=False),
    )


def _evidence(text: Any) -> dict[str, EvidenceValue]:
    """What a cue showed as evidence; what cannot be read is left out (the cue itself still
    counts: its evidence only adds detail)."""
    if not isinstance(text, str):
        return {}
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(k): v
        for k, v in data.items()
        if isinstance(v, str) or (_is_number(v) and math.isfinite(v))
    }


def _quote(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _QUOTED_CHARS else text[: _QUOTED_CHARS - 1] + "…"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number(value: Any, column: str) -> float:
    if not _is_number(value) or not math.isfinite(value) or abs(value) > MAX_STREAM_S:
        raise BadRow(f"{column} {_quote(value)} is not a number")
    return float(value)


def _time_s(value: Any, column: str) -> float:
    seconds = _number(value, column)
    if seconds < 0:
        raise BadRow(f"{column} {seconds:g} is negative")
    return seconds


def _positive(value: Any, column: str) -> float:
    number = _number(value, column)
    if not 0 < number <= MAX_RATE:
        raise BadRow(f"{column} {number:g} is not between 0 and {MAX_RATE:g}")
    return number


def _rate(value: Any, column: str) -> float:
    rate = _number(value, column)
    if not 0 <= rate <= MAX_RATE:
        raise BadRow(f"{column} {rate:g} is not between 0 and {MAX_RATE:g}")
    return rate


def _count(value: Any, column: str, minimum: int = 0) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if (
        not isinstance(value, int)
        or isinstance(value, bool)
        or not minimum <= value <= MAX_STREAM_S
    ):
        raise BadRow(f"{column} {_quote(value)} is not a whole number of at least {minimum}")
    return value


def _text(value: Any, column: str, quote: bool = True) -> str:
    if not isinstance(value, str):
        shown = f" {_quote(value)}" if quote else ""
        raise BadRow(f"{column}{shown} is not text")
    return value


def _utc(value: Any, column: str) -> datetime:
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError(value)
        return from_text(value)
    except (ValueError, OverflowError) as error:
        raise BadRow(
            f"{column} {_quote(value)} is not a date and time with a UTC offset"
        ) from error


def _optional(value: Any, column: str, read: Callable[[Any, str], T]) -> T | None:
    return None if value is None else read(value, column)

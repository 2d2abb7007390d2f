"""What the recorder hands the store: a new shift, and batches written in one transaction."""

from dataclasses import dataclass
from datetime import datetime

from desktop.store.records import CallRecord, CueRecord, HasteLimits, TranscriptWord


@dataclass(frozen=True, slots=True)
class NewShift:
    started_utc: datetime
    source: str
    language: str
    haste: HasteLimits
    transcripts_stored: bool


@dataclass(frozen=True, slots=True)
class IntervalDelta:
    """What to add to one 10-s interval (rows are summed, so late events can still land in
    an interval written before). Sums, not means: loudness is a sum over speaking ticks. A
    count of None means "not measured" and keeps the column NULL."""

    call_number: int
    number: int
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
    customer_talk_s: float | None = None
    customer_syllables: int | None = None
    overtalk_s: float | None = None
    interruptions: int | None = None
    dead_air_s: float | None = None


@dataclass(frozen=True, slots=True)
class WriteBatch:
    """One commit: calls (new, or with their end set), interval deltas, shown cues, words
    (only when transcripts are allowed), the stream time recorded so far and, at the end of
    the stream, the wall-clock end."""

    shift_id: int
    recorded_s: float
    ended_utc: datetime | None = None
    calls: tuple[CallRecord, ...] = ()
    intervals: tuple[IntervalDelta, ...] = ()
    cues: tuple[CueRecord, ...] = ()
    words: tuple[TranscriptWord, ...] = ()

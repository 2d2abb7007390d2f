"""Hand-built shift histories (what the store would return) for the figures' tests."""

from datetime import UTC, datetime

from desktop.store.records import (
    BaselineRecord,
    CallRecord,
    CueRecord,
    HasteLimits,
    IntervalRecord,
    ShiftHistory,
    ShiftRecord,
)

STARTED = datetime(2025, 5, 6, 8, 0, tzinfo=UTC)
DEFAULT_HASTE = HasteLimits(floor_syl_s=5.5, baseline_factor=1.15, ceiling_syl_s=6.5)


def interval(
    call: int,
    number: int,
    talk_s: float,
    syllables: int,
    *,
    words: int | None = 20,
    key_points: int | None = 0,
    key_points_rushed: int | None = 0,
    customer_turns: int | None = 0,
    replies_unacknowledged: int | None = 0,
    call_start_s: float | None = None,
    customer_talk_s: float | None = None,
    customer_syllables: int | None = None,
    overtalk_s: float | None = None,
    interruptions: int | None = None,
    dead_air_s: float | None = None,
) -> IntervalRecord:
    start_s = (call_start_s if call_start_s is not None else (call - 1) * 100.0) + 10.0 * number
    return IntervalRecord(
        call_number=call,
        number=number,
        start_s=start_s,
        end_s=start_s + 10.0,
        talk_s=talk_s,
        syllables=syllables,
        articulation_rate_syl_s=syllables / talk_s if talk_s > 0 else None,
        mean_loudness_db=-30.0 if talk_s > 0 else None,
        pauses=0,
        pause_s=0.0,
        words=words,
        key_points=key_points,
        key_points_rushed=key_points_rushed,
        customer_turns=customer_turns,
        replies_unacknowledged=replies_unacknowledged,
        customer_talk_s=customer_talk_s,
        customer_syllables=customer_syllables,
        overtalk_s=overtalk_s,
        interruptions=interruptions,
        dead_air_s=dead_air_s,
    )


def cue(name: str, call: int = 1, t_s: float = 5.0) -> CueRecord:
    return CueRecord(call, name, t_s, t_s - 1.0, f"{name} message", {"n": 1.0})


def history(
    intervals: list[IntervalRecord],
    cues: list[CueRecord] | None = None,
    baseline_syl_s: float | None = None,
    shift_id: int = 1,
    started: datetime = STARTED,
) -> ShiftHistory:
    numbers = sorted({i.call_number for i in intervals})
    calls = tuple(
        CallRecord(
            n,
            min(i.start_s for i in intervals if i.call_number == n),
            max(i.end_s for i in intervals if i.call_number == n),
            "manual",
        )
        for n in numbers
    )
    shift = ShiftRecord(
        shift_id=shift_id,
        started_utc=started,
        ended_utc=started,
        recorded_s=max((i.end_s for i in intervals), default=0.0),
        source="mic",
        language="nl",
        haste=DEFAULT_HASTE,
        transcripts_stored=False,
    )
    baseline = BaselineRecord(baseline_syl_s, -30.0) if baseline_syl_s is not None else None
    return ShiftHistory(shift, calls, tuple(intervals), tuple(cues or ()), baseline)

"""Rows of `sql.py`'s SELECTs → record values (columns in the order those SELECTs name)."""

import json
from typing import Any

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


def shift_record(row: Row) -> ShiftRecord:
    return ShiftRecord(
        shift_id=int(row[0]),
        started_utc=from_text(row[1]),
        ended_utc=from_text(row[2]) if row[2] is not None else None,
        recorded_s=float(row[3]),
        source=str(row[4]),
        language=str(row[5]),
        haste=HasteLimits(float(row[6]), float(row[7]), float(row[8])),
        transcripts_stored=bool(row[9]),
    )


def call_record(row: Row) -> CallRecord:
    return CallRecord(int(row[0]), float(row[1]), _float(row[2]), str(row[3]))


def cue_record(row: Row) -> CueRecord:
    return CueRecord(
        call_number=int(row[0]),
        name=str(row[1]),
        t_s=float(row[2]),
        evidence_t_s=float(row[3]),
        message=str(row[4]),
        evidence=_evidence(row[5]),
    )


def interval_record(row: Row) -> IntervalRecord:
    return IntervalRecord(
        call_number=int(row[0]),
        number=int(row[1]),
        start_s=float(row[2]),
        end_s=float(row[3]),
        talk_s=float(row[4]),
        syllables=int(row[5]),
        articulation_rate_syl_s=_float(row[6]),
        mean_loudness_db=_float(row[7]),
        pauses=int(row[8]),
        pause_s=float(row[9]),
        words=_int(row[10]),
        key_points=_int(row[11]),
        key_points_rushed=_int(row[12]),
        customer_turns=_int(row[13]),
        replies_unacknowledged=_int(row[14]),
    )


def baseline_record(row: Row) -> BaselineRecord:
    return BaselineRecord(_float(row[0]), _float(row[1]))


def transcript_word(row: Row) -> TranscriptWord:
    return TranscriptWord(int(row[0]), float(row[1]), float(row[2]), str(row[3]))


def _evidence(text: str) -> dict[str, EvidenceValue]:
    data = json.loads(text)
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, int | float | str)}


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)

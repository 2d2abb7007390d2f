"""CSV export of one shift's raw figures: every 10-s interval and every cue, in time order.

One file, one table: the `record` column says "interval" or "cue"; the other columns are
filled where they apply. The customer's columns (counts and durations only) are empty where
the customer channel was not heard: empty is "not measured", never 0. UTF-8 with a
byte-order mark, so that Excel reads "é" and "…" correctly; decimal points, so that every
program reads the numbers the same way. `call` is the stream's call number (the wait before
the first customer counts as a call there); `call_in_summary` is the number the summary gives
the call ("Gesprek 1"), empty for a call without the agent's speech.
"""

import csv
import json
from pathlib import Path
from typing import TextIO

from desktop.store.records import CueRecord, IntervalRecord, ShiftHistory
from desktop.summary.calls import call_bars

COLUMNS = (
    "record",
    "shift_id",
    "call",
    "start_s",
    "end_s",
    "talk_s",
    "syllables",
    "articulation_rate_syl_s",
    "mean_loudness_db",
    "pauses",
    "pause_s",
    "words",
    "key_points",
    "key_points_rushed",
    "customer_turns",
    "replies_unacknowledged",
    "cue",
    "evidence_t_s",
    "message",
    "evidence",
    "customer_talk_s",
    "customer_syllables",
    "talk_share_agent",
    "overtalk_s",
    "interruptions",
    "dead_air_s",
    "call_in_summary",
)
"""New columns go at the end: other tools read the old ones by position too."""


def write_csv(history: ShiftHistory, path: Path) -> None:
    """Write the CSV (raises OSError when `path` cannot be written)."""
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        write_rows(history, file)


def write_rows(history: ShiftHistory, file: TextIO) -> None:
    writer = csv.DictWriter(file, fieldnames=COLUMNS)
    writer.writeheader()
    shift_id = history.shift.shift_id
    rows = [(i.start_s, 0, i.call_number, _interval_row(shift_id, i)) for i in history.intervals]
    rows += [(c.t_s, 1, c.call_number, _cue_row(shift_id, c)) for c in history.cues]
    labels = {bar.number: bar.label for bar in call_bars(history)}
    for _, _, call, row in sorted(rows, key=lambda item: (item[0], item[1])):
        writer.writerow({**row, "call_in_summary": _opt(labels.get(call))})


def _interval_row(shift_id: int, i: IntervalRecord) -> dict[str, object]:
    return {
        "record": "interval",
        "shift_id": shift_id,
        "call": i.call_number,
        "start_s": _num(i.start_s),
        "end_s": _num(i.end_s),
        "talk_s": _num(i.talk_s),
        "syllables": i.syllables,
        "articulation_rate_syl_s": _num(i.articulation_rate_syl_s),
        "mean_loudness_db": _num(i.mean_loudness_db),
        "pauses": i.pauses,
        "pause_s": _num(i.pause_s),
        "words": _opt(i.words),
        "key_points": _opt(i.key_points),
        "key_points_rushed": _opt(i.key_points_rushed),
        "customer_turns": _opt(i.customer_turns),
        "replies_unacknowledged": _opt(i.replies_unacknowledged),
        **_two_sided(i),
    }


def _two_sided(i: IntervalRecord) -> dict[str, object]:
    """The interval's customer-channel columns; empty where the channel was not heard. No
    customer tempo per interval: the history counts a customer segment's syllables where the
    segment began, so only sums over a call (customer_syllables / customer_talk_s) give one."""
    customer_s = i.customer_talk_s
    both_s = i.talk_s + customer_s if customer_s is not None else 0.0
    share = i.talk_s / both_s if customer_s is not None and both_s > 0 else None
    return {
        "customer_talk_s": _num(customer_s),
        "customer_syllables": _opt(i.customer_syllables),
        "talk_share_agent": _num(share),
        "overtalk_s": _num(i.overtalk_s),
        "interruptions": _opt(i.interruptions),
        "dead_air_s": _num(i.dead_air_s),
    }


def _cue_row(shift_id: int, c: CueRecord) -> dict[str, object]:
    return {
        "record": "cue",
        "shift_id": shift_id,
        "call": c.call_number,
        "start_s": _num(c.t_s),
        "cue": c.name,
        "evidence_t_s": _num(c.evidence_t_s),
        "message": c.message,
        "evidence": json.dumps(dict(c.evidence), ensure_ascii=False, sort_keys=True),
    }


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}".rstrip("0").rstrip(".")


def _opt(value: int | None) -> str:
    return "" if value is None else str(value)

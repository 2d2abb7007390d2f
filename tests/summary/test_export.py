"""The CSV export: one table of intervals and cues in time order, readable by Excel."""

import csv
import json
from pathlib import Path

from desktop.summary.export import COLUMNS, write_csv

from histories import cue, history, interval


def test_intervals_and_cues_in_time_order(tmp_path: Path) -> None:
    """The header names every column; rows come in time order with their kind; a value
    that was not measured is an empty cell; evidence is JSON."""
    shift = history(
        [interval(1, 0, 8.0, 40), interval(1, 1, 9.0, 63, key_points=None)],
        cues=[cue("haste", 1, t_s=12.5)],
    )
    path = tmp_path / "shift.csv"
    write_csv(shift, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
        file.seek(0)
        assert next(csv.reader(file)) == list(COLUMNS)
    assert [(r["record"], r["start_s"]) for r in rows] == [
        ("interval", "0"),
        ("interval", "10"),
        ("cue", "12.5"),
    ]
    first = rows[0]
    assert (first["talk_s"], first["syllables"], first["articulation_rate_syl_s"]) == (
        "8",
        "40",
        "5",
    )
    assert rows[1]["key_points"] == "" and rows[0]["key_points"] == "0"
    assert rows[2]["cue"] == "haste" and json.loads(rows[2]["evidence"]) == {"n": 1.0}

"""The saved baseline is untrusted input and its folder may refuse writes: a fault table.

Every unusable file (too deep, too big, not JSON, wrong types, NaN/inf, negative or absurd
weights, not a regular file) is set aside as *.corrupt with one log line and learning starts
afresh; a failed save is one log line and False, never an exception.
"""

import json
import logging
import os
from pathlib import Path

import pytest

from desktop.coaching.baseline import (
    LOUDNESS_BINS,
    MAX_FILE_BYTES,
    MAX_WEIGHT_S,
    RATE_BINS,
    BaselineLearner,
)


def layout(rate: list[object] | None = None, loudness: list[object] | None = None) -> dict:
    """A version 2 file's content, with some speech in it, or with the lists given."""
    good_rate: list[object] = [0.0] * len(RATE_BINS)
    good_rate[50] = 300.0
    good_loudness: list[object] = [0.0] * len(LOUDNESS_BINS)
    good_loudness[120] = 300.0
    return {
        "version": 2,
        "rate_weight_s": {"nuclei": rate or good_rate, "words": rate or good_rate},
        "loudness_weight_s": loudness or good_loudness,
    }


def with_value(value: object) -> dict:
    rate: list[object] = [0.0] * len(RATE_BINS)
    rate[50] = value
    return layout(rate=rate)


BAD_FILES: dict[str, bytes] = {
    "nested 100 000 deep": b"[" * 100_000 + b"]" * 100_000,
    "nested objects": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "not JSON": b"{not json",
    "not UTF-8": b"\xff\xfe\x00{",
    "empty": b"",
    "a list": json.dumps([1, 2]).encode(),
    "a string": json.dumps("baseline").encode(),
    "null": b"null",
    "version missing": json.dumps({k: v for k, v in layout().items() if k != "version"}).encode(),
    "version a string": json.dumps({**layout(), "version": "2"}).encode(),
    "version true": json.dumps({**layout(), "version": True}).encode(),
    "version from the future": json.dumps({**layout(), "version": 3}).encode(),
    "rates not an object": json.dumps({**layout(), "rate_weight_s": [1, 2]}).encode(),
    "too few bins": json.dumps(layout(rate=[1.0] * 10)).encode(),
    "nested bins": json.dumps(layout(rate=[[1.0]] * len(RATE_BINS))).encode(),
    "a string weight": json.dumps(with_value("300")).encode(),
    "a boolean weight": json.dumps(with_value(True)).encode(),
    "a null weight": json.dumps(with_value(None)).encode(),
    "NaN": json.dumps(with_value(float("nan"))).encode(),
    "Infinity": json.dumps(with_value(float("inf"))).encode(),
    "1e999 (inf once parsed)": json.dumps(layout()).replace("300.0", "1e999", 1).encode(),
    "a 4000-digit integer": json.dumps(layout()).replace("300.0", "9" * 4000, 1).encode(),
    "negative": json.dumps(with_value(-1.0)).encode(),
    "absurd (1e12 s)": json.dumps(with_value(1e12)).encode(),
    "too large": json.dumps(layout()).encode() + b" " * MAX_FILE_BYTES,
}


@pytest.mark.parametrize("content", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_an_unusable_baseline_file_is_set_aside_and_learning_starts_afresh(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    """Whatever is wrong, load() does not raise: one warning, the file kept as *.corrupt
    for IT, nothing learned from it; a later save writes a fresh, loadable file."""
    path = tmp_path / "baseline.json"
    path.write_bytes(content)
    learner = BaselineLearner(warmup_s=1.0)
    with caplog.at_level(logging.WARNING):
        learner.load(path)
    assert learner.current().articulation_rate_syl_s is None
    assert learner.current().loudness_db is None
    assert not path.exists()
    assert (tmp_path / "baseline.corrupt").read_bytes() == content
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "unusable" in warnings[0] and "moved to" in warnings[0]
    assert learner.save(path)
    BaselineLearner(warmup_s=1.0).load(path)
    assert path.exists()


def test_the_good_layout_used_above_is_loaded(tmp_path: Path) -> None:
    """The control case of the table: the same layout, unbroken, is learned from (so the
    table's files fail for what is wrong in them, not for the layout)."""
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(layout()))
    learner = BaselineLearner(warmup_s=1.0)
    learner.load(path)
    assert learner.current().articulation_rate_syl_s == pytest.approx(RATE_BINS[50])
    assert learner.current().loudness_db == pytest.approx(LOUDNESS_BINS[120])
    big = with_value(MAX_WEIGHT_S)
    path.write_text(json.dumps(big))
    learner.load(path)
    assert path.exists()


def test_a_folder_or_a_fifo_named_baseline_json_is_set_aside_without_blocking(
    tmp_path: Path,
) -> None:
    """Not a regular file: never opened (a FIFO would block the start), moved aside."""
    for make in (os.mkdir, os.mkfifo):
        path = tmp_path / "baseline.json"
        make(path)
        BaselineLearner(warmup_s=1.0).load(path)
        assert not path.exists() and (tmp_path / "baseline.corrupt").exists()
        aside = tmp_path / "baseline.corrupt"
        aside.rmdir() if aside.is_dir() else aside.unlink()


@pytest.mark.parametrize("where", ["parent is a file", "temp name is a folder", "no folder"])
def test_a_save_that_fails_is_one_log_line_not_an_exception(
    tmp_path: Path, where: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Each way the write can fail returns False with one warning naming the file."""
    path = tmp_path / "data" / "baseline.json"
    if where == "parent is a file":
        (tmp_path / "data").write_text("a file")
    elif where == "temp name is a folder":
        (tmp_path / "data" / "baseline.tmp").mkdir(parents=True)
    else:
        path = tmp_path / "gone" / "x" / "baseline.json"
        (tmp_path / "gone").write_text("a file where a folder should be")
    learner = BaselineLearner(warmup_s=1.0)
    with caplog.at_level(logging.WARNING):
        assert learner.save(path) is False
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "Could not save the baseline" in warnings[0]
    assert str(path) in warnings[0]

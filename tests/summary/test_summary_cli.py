"""`speech-coach summary` as an agent or supervisor meets it: the summary, the list, the CSV,
and bad input as one sentence with exit status 2."""

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.__main__ import main
from desktop.coaching.calls import CallStarted
from desktop.coaching.cue import Cue
from desktop.coaching.settings import Policy
from desktop.events import StreamEnded
from desktop.prosody.analyzer import ProsodySummary, ProsodyTick, SpeechSegment, SyllableNucleus
from desktop.store import ShiftRecorder, default_history_path, open_history


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Private data and config folders, and a policy file in English."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "system-config"))
    policy = tmp_path / "policy.toml"
    policy.write_text('schema_version = 1\n[general]\nlanguage = "en"\n')
    monkeypatch.setenv("SPEECH_COACH_CONFIG", str(policy))
    return tmp_path


def record_shifts(count: int) -> list[int]:
    """`count` short shifts: two calls of speech at 5 syll/s, one haste cue."""
    opened = open_history(default_history_path(), retention_days=90)
    ids = []
    for _ in range(count):
        recorder = ShiftRecorder(opened.store, Policy(), "mic")
        for k in range(1, 601):
            t = round(k * 0.1, 6)
            recorder.observe(ProsodyTick(t, -30.0, -30.0, None, 1.0 < t < 51.0, -60.0))
            if k == 300:
                recorder.observe(CallStarted(30.0, "manual"))
            if k == 520:
                for n in range(250):
                    recorder.observe(SyllableNucleus(1.1 + 0.2 * n))
                recorder.observe(SpeechSegment(1.0, 51.0, 250))
                recorder.observe(Cue("haste", 52.0, 40.0, "Rustig aan", {"rate_syl_s": 6.0}))
        recorder.observe(StreamEnded(60.0, "mic", ProsodySummary(60.0, 0, 0, 0, ()), None, "none"))
        ids.append(recorder.shift_id)
    opened.store.close()
    return ids


def one_sentence(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def test_the_last_shift_is_summarised(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --shift: the last shift's headline figures and its feedback."""
    last = record_shifts(2)[-1]
    assert main(["summary"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Shift {last} — ")
    assert "Talk time" in out and "50 s" in out
    assert "Hurried" in out and "haste 1" in out
    assert out.rstrip().splitlines()[-1] == "You needed few nudges: 0.5 per call on average."


def test_a_chosen_shift_in_dutch(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--shift ID picks that shift; a Dutch policy gives Dutch figures and feedback."""
    first = record_shifts(2)[0]
    policy = home / "nl.toml"
    policy.write_text('schema_version = 1\n[general]\nlanguage = "nl"\n')
    assert main(["summary", "--shift", str(first), "--config", str(policy)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Dienst {first} — ")
    assert "Spreektijd" in out and "lettergrepen/s" in out


def test_the_list_of_shifts(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = record_shifts(3)
    assert main(["summary", "--list"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].split()[:2] == ["Shift", "Started"]
    assert [int(line.split()[0]) for line in lines[1:]] == list(reversed(ids))


def test_csv_export(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--csv FILE writes the shift's intervals and cues and still prints the summary."""
    record_shifts(1)
    target = home / "export.csv"
    assert main(["summary", "--csv", str(target)]) == 0
    captured = capsys.readouterr()
    assert "Wrote shift" in captured.err and "Shift" in captured.out
    with target.open(encoding="utf-8-sig", newline="") as file:
        records = [row["record"] for row in csv.DictReader(file)]
    assert records.count("cue") == 1 and records.count("interval") >= 6


@pytest.mark.parametrize(
    ("args", "shifts", "fragment"),
    [
        (["summary"], None, "No shifts have been recorded yet"),
        (["summary"], 0, "No shifts have been recorded yet"),
        (["summary", "--list"], 0, "No shifts have been recorded yet"),
        (["summary", "--shift", "999"], 1, "There is no shift 999"),
        (["summary", "--csv", "{home}/missing/folder/x.csv"], 1, "Cannot write"),
        (["summary", "--csv", "{home}"], 1, "Cannot write"),
        (["summary", "--list", "--csv", "x.csv"], 1, "--csv exports one shift"),
    ],
    ids=[
        "no history file",
        "an empty history",
        "an empty list",
        "unknown shift",
        "csv in a missing folder",
        "csv onto a folder",
        "csv with list",
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(
    home: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    shifts: int | None,
    fragment: str,
) -> None:
    if shifts is not None:
        open_history(default_history_path(), retention_days=90).store.close()
        record_shifts(shifts)
    assert main([a.replace("{home}", str(home)) for a in args]) == 2
    captured = capsys.readouterr()
    assert fragment in one_sentence(captured.err)
    assert captured.out == ""


def test_shift_and_list_together_is_a_usage_error(home: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["summary", "--list", "--shift", "1"])
    assert exit_info.value.code == 2


def test_the_installed_command_fails_cleanly(home: Path) -> None:
    """Through the real entry point: no history is one sentence on stderr and exit 2."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CONFIG_DIRS": str(home / "system-config"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "summary"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 2
    assert "No shifts have been recorded yet" in one_sentence(done.stderr)


@pytest.mark.parametrize("shift", ["0", "-3", "99999999999999999999999"])
def test_a_shift_number_no_shift_can_have_is_one_sentence(
    home: Path, capsys: pytest.CaptureFixture[str], shift: str
) -> None:
    record_shifts(1)
    assert main(["summary", "--shift", shift]) == 2
    assert one_sentence(capsys.readouterr().err) == (
        f"There is no shift {shift}; `speech-coach summary --list` lists them."
    )

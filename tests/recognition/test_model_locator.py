"""resolve_model_path: precedence of --model, config, environment and the app's models folder."""

from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.errors import UserError
from desktop.recognition import model_check
from desktop.recognition.model_locator import (
    ENV_VAR,
    ModelChoice,
    default_user_models_dir,
    resolve_model_path,
)

MakeModel = Callable[..., Path]


@pytest.fixture
def models(tmp_path: Path, make_model: MakeModel) -> dict[str, Path]:
    """One fake model per source, plus an app models folder holding one model."""
    user_dir = tmp_path / "user-data" / "models"
    return {
        "cli": make_model(tmp_path / "cli-model"),
        "config": make_model(tmp_path / "config-model"),
        "env": make_model(tmp_path / "env-model"),
        "user-data": make_model(user_dir / "user-model"),
        "user_dir": user_dir,
    }


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (("cli", "config", "env"), "cli"),
        (("config", "env"), "config"),
        (("env",), "env"),
        ((), "user-data"),
    ],
)
def test_precedence(models: dict[str, Path], given: tuple[str, ...], expected: str) -> None:
    """--model beats the config, which beats the environment, which beats the app folder."""
    choice = resolve_model_path(
        models["cli"] if "cli" in given else None,
        models["config"] if "config" in given else None,
        {ENV_VAR: str(models["env"])} if "env" in given else {},
        user_models_dir=models["user_dir"],
    )
    assert choice == ModelChoice(models[expected], expected, False)  # type: ignore[arg-type]


def test_empty_strings_count_as_not_given(models: dict[str, Path]) -> None:
    """An empty --model or an empty SPEECH_COACH_MODEL falls through to the next source."""
    choice = resolve_model_path("", " ", {ENV_VAR: ""}, user_models_dir=models["user_dir"])
    assert choice is not None and choice.source == "user-data"


@pytest.mark.parametrize(
    ("source", "label"),
    [("cli", "--model: "), ("config", "Supervisor configuration, model path: "), ("env", ENV_VAR)],
)
def test_bad_explicit_path_is_an_error(
    tmp_path: Path, models: dict[str, Path], source: str, label: str
) -> None:
    """A bad explicit path raises (naming its source) instead of silently using another model."""
    bad = str(tmp_path / "missing")
    with pytest.raises(UserError, match="does not exist") as caught:
        resolve_model_path(
            bad if source == "cli" else None,
            bad if source == "config" else None,
            {ENV_VAR: bad} if source == "env" else {},
            user_models_dir=models["user_dir"],
        )
    assert str(caught.value).startswith(label)


def test_explicit_parent_folder_resolves_to_the_model(
    tmp_path: Path, make_model: MakeModel
) -> None:
    """--model pointing at the unzip folder returns the model folder inside it."""
    model = make_model(tmp_path / "unzipped" / "some-model")
    choice = resolve_model_path(tmp_path / "unzipped", None, {}, user_models_dir=tmp_path)
    assert choice == ModelChoice(model, "cli", False)


def test_missing_user_models_dir_gives_none(tmp_path: Path) -> None:
    """No model named anywhere and no app models folder yet: no model, no error."""
    assert resolve_model_path(None, None, {}, user_models_dir=tmp_path / "absent") is None


def test_user_models_dir_without_models_gives_none(tmp_path: Path) -> None:
    """An app models folder with only a half-finished download in it is still "no model"."""
    (tmp_path / "vosk-model-small-nl-0.22.part").mkdir()
    (tmp_path / "notes.txt").write_text("x")
    assert resolve_model_path(None, None, {}, user_models_dir=tmp_path) is None


def test_user_models_dir_prefers_the_dutch_model(
    tmp_path: Path, make_model: MakeModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With several models in the app folder, vosk-model-small-nl-0.22 is chosen."""
    monkeypatch.setattr(model_check, "known_model", lambda name: None)  # fake files, no hashes
    make_model(tmp_path / "a-english")
    dutch = make_model(tmp_path / "vosk-model-small-nl-0.22")
    make_model(tmp_path / "z-other")
    choice = resolve_model_path(None, None, {}, user_models_dir=tmp_path)
    assert choice == ModelChoice(dutch, "user-data", False)


def test_user_models_dir_with_several_models_is_ambiguous(
    tmp_path: Path, make_model: MakeModel
) -> None:
    """Several models and none preferred: the error names them and how to pick one."""
    make_model(tmp_path / "a-model")
    make_model(tmp_path / "b-model")
    with pytest.raises(UserError, match=r"several speech models \(a-model, b-model\).*--model"):
        resolve_model_path(None, None, {}, user_models_dir=tmp_path)


def test_broken_model_in_user_models_dir_is_an_error(tmp_path: Path, make_model: MakeModel) -> None:
    """A damaged model the app itself stored is reported, not mistaken for "no model"."""
    make_model(tmp_path / "only-model", omit=("graph/Gr.fst",))
    with pytest.raises(UserError, match=r"missing graph/Gr\.fst"):
        resolve_model_path(None, None, {}, user_models_dir=tmp_path)


def test_default_user_models_dir_is_in_the_app_data_dir(
    tmp_path: Path, make_model: MakeModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without an explicit folder, <platformdirs user data dir>/models is searched."""
    monkeypatch.setattr(
        "platformdirs.user_data_dir", lambda appname, appauthor=None: str(tmp_path / appname)
    )
    assert default_user_models_dir() == tmp_path / "speech-coach" / "models"
    model = make_model(tmp_path / "speech-coach" / "models" / "the-model")
    assert resolve_model_path(None, None, {}) == ModelChoice(model, "user-data", False)

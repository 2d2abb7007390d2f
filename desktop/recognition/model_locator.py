"""Decide which speech model folder to use, from the places a model can be named.

Order of precedence, most explicit first: `--model DIR` on the command line, the model path
in the supervisor configuration, the `SPEECH_COACH_MODEL` environment variable, then the
app's own models folder in the user data directory (where model import and download put
models), and last a model shipped inside the app (`resources/models/`, where build.spec puts
the model named by SPEECH_COACH_BUNDLE_MODEL). A path someone gave explicitly must work, so a
bad one is an error; a models folder with no model in it just means "no model yet" and the app
runs without phrase cues.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import platformdirs

from desktop.errors import UserError
from desktop.recognition.model_check import check_model_folder
from desktop.recognition.model_layout import looks_like_model
from desktop.resources import resource_path

ENV_VAR = "SPEECH_COACH_MODEL"
PREFERRED_MODEL = "vosk-model-small-nl-0.22"

ModelSource = Literal["cli", "config", "env", "user-data", "bundled"]

# How each explicit source is named at the start of an error message.
_SOURCE_LABELS: dict[ModelSource, str] = {
    "cli": "--model",
    "config": "Supervisor configuration, model path",
    "env": ENV_VAR,
}


@dataclass(frozen=True, slots=True)
class ModelChoice:
    """The model folder to load and where its name came from (for the log and the tray)."""

    path: Path
    source: ModelSource
    verified_checksums: bool = False


def default_user_models_dir() -> Path:
    """`<user data dir>/models`, e.g. `~/.local/share/speech-coach/models` on Linux."""
    return Path(platformdirs.user_data_dir("speech-coach", appauthor=False)) / "models"


def resolve_model_path(
    cli_path: Path | str | None,
    config_path: Path | str | None,
    env: Mapping[str, str],
    user_models_dir: Path | None = None,
    bundled_models_dir: Path | None = None,
) -> ModelChoice | None:
    """Return the first model named by `--model`, the config, the environment, or the app.

    `config_path` should already be absolute (the config loader resolves it against the
    config file's folder). `env` is usually `os.environ`. `user_models_dir` defaults to
    `default_user_models_dir()`, `bundled_models_dir` to `resources/models` (a model the
    build put into the app); tests pass their own. Empty strings count as not given.
    Each chosen folder goes through `check_model_folder` (which may descend into a single
    model inside it and verifies known models' checksums). Raises `UserError` when an
    explicit path is bad, when the app's models folder holds a broken model, or when it
    holds several and none is the preferred Dutch model. Returns None when no model is
    named anywhere and neither the app's models folder nor the app itself has one.
    """
    explicit: tuple[tuple[ModelSource, Path | str | None], ...] = (
        ("cli", cli_path),
        ("config", config_path),
        ("env", env.get(ENV_VAR)),
    )
    for source, given in explicit:
        if given is None or not str(given).strip():
            continue
        try:
            info = check_model_folder(given)
        except UserError as err:
            raise UserError(f"{_SOURCE_LABELS[source]}: {err}", err.exit_status) from err
        return ModelChoice(info.path, source, info.verified_checksums)
    app_folders: tuple[tuple[ModelSource, Path], ...] = (
        ("user-data", user_models_dir or default_user_models_dir()),
        ("bundled", bundled_models_dir or resource_path("models")),
    )
    for source, models_dir in app_folders:
        found = _from_models_dir(models_dir, source)
        if found is not None:
            return found
    return None


def _from_models_dir(models_dir: Path, source: ModelSource) -> ModelChoice | None:
    try:
        candidates = _candidates(models_dir)
    except OSError as err:  # a folder this user may not read: a model may be in it
        raise UserError(
            f"The app's model folder {models_dir} cannot be read ({err.strerror or err}); "
            "ask IT to let your account read it."
        ) from err
    if not candidates:
        return None
    if len(candidates) > 1:
        names = ", ".join(candidate.name for candidate in candidates)
        raise UserError(
            f"The app's model folder {models_dir} holds several speech models ({names}); "
            f"remove all but one, or choose one with --model or {ENV_VAR}."
        )
    info = check_model_folder(candidates[0])
    return ModelChoice(info.path, source, info.verified_checksums)


def _candidates(models_dir: Path) -> list[Path]:
    """The preferred model's folder, else every model folder in `models_dir` (none when
    it does not exist)."""
    if not models_dir.is_dir():
        return []
    preferred = models_dir / PREFERRED_MODEL
    if preferred.is_dir():
        return [preferred]
    return sorted(
        child for child in models_dir.iterdir() if child.is_dir() and looks_like_model(child)
    )

"""Find and load the speech model for the CLI, or say clearly why there is none."""

import os
import sys
from dataclasses import dataclass

import vosk

from desktop.recognition.model_locator import ENV_VAR, PREFERRED_MODEL, resolve_model_path
from desktop.recognition.recognizer import load_model, recognizer_label

NO_MODEL_MESSAGE = (
    "No speech model found: analysing prosody only (tempo, pauses, loudness); phrase cues "
    f"need a model. Unzip {PREFERRED_MODEL} and pass --model DIR or set {ENV_VAR}."
)


@dataclass(frozen=True, slots=True)
class LoadedModel:
    model: vosk.Model
    label: str


def find_model(cli_path: str | None, config_path: str | None = None) -> LoadedModel | None:
    """Resolve and load the model; None (after saying so once on stderr) when there is none.

    `config_path` is the supervisor configuration's model path (already absolute). Raises
    UserError when a model was named but is unusable.
    """
    choice = resolve_model_path(cli_path, config_path, os.environ)
    if choice is None:
        print(NO_MODEL_MESSAGE, file=sys.stderr)
        return None
    return LoadedModel(load_model(choice.path), recognizer_label(choice.path))

"""Check a folder the user chose as a speech model before spending seconds loading it.

Every problem becomes a `UserError` with one sentence that names the folder and says what to
do, because the people who see it are call-centre agents and their IT, not developers.
"""

import zipfile
from dataclasses import dataclass
from pathlib import Path

from desktop.errors import UserError
from desktop.recognition.model_layout import (
    looks_like_model,
    missing_model_files,
    summarize_names,
    unreadable_model_files,
)
from desktop.recognition.model_manifest import known_model, verify_model_files


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """A model folder that passed the checks.

    `path` is the model folder itself (one level below what the user chose when they picked
    its parent). `verified_checksums` is True only when the folder's name is a known model
    and every file matched its size and SHA-256; unknown models are accepted on layout alone.
    """

    path: Path
    name: str
    verified_checksums: bool


def check_model_folder(path: Path | str) -> ModelInfo:
    """Check the vosk layout of `path` and, for known model names, every file's checksum.

    A folder that is not a model but holds exactly one model folder is accepted as that
    model: people often pick the folder they unzipped into. Raises `UserError` for a path that
    does not exist, a file (a zip in particular), missing files, several models to choose
    from, a checksum mismatch, or a folder that cannot be read.
    """
    chosen = Path(path).expanduser()
    try:
        folder = _model_folder(chosen)
        raise_if_unreadable(folder)
        missing = missing_model_files(folder)
        if missing:
            raise UserError(
                f"The speech model folder {folder} is incomplete (missing "
                f"{summarize_names(missing)}); unzip or download the model again."
            )
        known = known_model(folder.name)
        if known is not None:
            verify_model_files(folder, known)
    except PermissionError as err:
        raise UserError(_permission_message(Path(err.filename or chosen))) from err
    except OSError as err:
        where = err.filename or chosen
        raise UserError(
            f"The speech model folder {chosen} cannot be read ({where}: "
            f"{err.strerror or err}); check that it is on a reachable drive and that you may "
            "read it."
        ) from err
    return ModelInfo(path=folder, name=folder.name, verified_checksums=known is not None)


def raise_if_unreadable(folder: Path) -> None:
    """UserError naming the first file of the model in `folder` this user may not read."""
    unreadable = unreadable_model_files(folder)
    if unreadable:
        more = f" (and {len(unreadable) - 1} more)" if len(unreadable) > 1 else ""
        kind = "folder" if unreadable[0].endswith("/") else "file"
        raise UserError(_permission_message(folder / unreadable[0], more, kind))


def _permission_message(path: Path, more: str = "", kind: str = "file") -> str:
    return (
        f"The speech model {kind} {path}{more} cannot be read: permission denied (the model "
        "is not damaged); ask IT to let your account read the model folder, or install the "
        "model again as yourself."
    )


def _model_folder(chosen: Path) -> Path:
    """The folder that should hold the model files: `chosen`, or its only model child."""
    if not chosen.exists():
        raise UserError(
            f"The speech model folder {chosen} does not exist; choose the folder you "
            "unzipped the model into."
        )
    if chosen.is_file():
        raise UserError(_file_message(chosen))
    if looks_like_model(chosen):
        return chosen
    children = sorted(child for child in chosen.iterdir() if child.is_dir())
    models = [child for child in children if looks_like_model(child)]
    if len(models) == 1:
        return models[0]
    if len(models) > 1:
        names = ", ".join(model.name for model in models)
        raise UserError(
            f"The folder {chosen} holds several speech models ({names}); choose one of them."
        )
    zips = sorted(child.name for child in chosen.glob("*.zip") if child.is_file())
    if zips:
        raise UserError(
            f"The folder {chosen} holds {zips[0]} but no unzipped speech model; unzip it "
            "first, or use model import."
        )
    raise UserError(
        f"The folder {chosen} is not a vosk speech model (it has no am/final.mdl or "
        "conf/model.conf); choose the folder that contains am, conf and graph."
    )


def _file_message(chosen: Path) -> str:
    if chosen.suffix.lower() == ".zip" or zipfile.is_zipfile(chosen):
        return (
            f"{chosen} is a zip file, not a speech model folder; unzip it first, or use "
            "model import."
        )
    return (
        f"{chosen} is a file, not a speech model folder; choose the folder that contains "
        "am, conf and graph."
    )

"""Byte-for-byte checks of known vosk models against `resources/models/known_models.json`.

IT hands out copies of the Dutch model on shares and USB sticks; a truncated or altered copy
loads (or half-loads) and then recognises badly, which would show up as wrong coaching
rather than as an error. So a folder carrying a known model's name is checked file by file:
sizes first (free, and catches truncation), then SHA-256.
"""

import hashlib
import json
import logging
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from desktop.errors import UserError
from desktop.recognition.model_layout import summarize_names
from desktop.resources import resource_path

logger = logging.getLogger(__name__)

HASH_CHUNK_BYTES = 1024 * 1024  # 1 MiB reads keep memory flat while hashing 68 MB.
_REDOWNLOAD = "re-download it or ask IT for a fresh copy"


@dataclass(frozen=True, slots=True)
class ManifestFile:
    """One file of a known model: POSIX path inside the model folder, size, SHA-256 (hex)."""

    path: str
    size_bytes: int
    sha256: str


@dataclass(frozen=True, slots=True)
class KnownModel:
    """A model whose exact files we know, with where to get it."""

    name: str
    language: str
    url: str
    license: str
    unpacked_bytes: int
    files: tuple[ManifestFile, ...]


def _parse_model(entry: dict[str, Any]) -> KnownModel:
    if entry.get("hash") != "sha256":
        raise ValueError(f"model {entry.get('name')!r}: only sha256 manifests are supported")
    files = tuple(
        ManifestFile(path=str(f["path"]), size_bytes=int(f["bytes"]), sha256=str(f["sha256"]))
        for f in entry["files"]
    )
    return KnownModel(
        name=str(entry["name"]),
        language=str(entry["language"]),
        url=str(entry["url"]),
        license=str(entry["license"]),
        unpacked_bytes=int(entry["unpacked_bytes"]),
        files=files,
    )


@cache
def load_known_models(manifest_path: Path | None = None) -> dict[str, KnownModel]:
    """Read the shipped manifest (default `resources/models/known_models.json`), by name.

    Raises `OSError` or `ValueError` when the file is missing or malformed: that is a
    packaging bug, not something the user can fix.
    """
    path = manifest_path or resource_path("models", "known_models.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    models = (_parse_model(entry) for entry in document["models"])
    return {model.name: model for model in models}


def known_model(name: str) -> KnownModel | None:
    """The manifest for a folder called `name`, or None when we do not know that model.

    A broken shipped manifest is logged and treated as "unknown" so a packaging slip does
    not lock people out of a model whose layout is fine; the caller then reports it as
    unverified.
    """
    try:
        return load_known_models().get(name)
    except (OSError, ValueError, KeyError, TypeError):
        logger.warning("cannot read the known-models manifest", exc_info=True)
        return None


def sha256_of_file(path: Path) -> str:
    """Hex SHA-256 of a file, streamed in `HASH_CHUNK_BYTES` reads."""
    digest = hashlib.sha256()
    buffer = bytearray(HASH_CHUNK_BYTES)
    view = memoryview(buffer)
    with path.open("rb") as handle:
        while count := handle.readinto(buffer):
            digest.update(view[:count])
    return digest.hexdigest()


def verify_model_files(folder: Path, known: KnownModel) -> None:
    """Check every manifest file of `known` in `folder`: presence, then sizes, then SHA-256.

    Raises `UserError` at the first kind of problem found. Files in the folder that the
    manifest does not list are ignored. A successful check is remembered for this process
    as long as no listed file changed size or modification time, so reopening the model
    does not hash 68 MB again; nothing is written anywhere.
    """
    missing = [f.path for f in known.files if not (folder / f.path).is_file()]
    if missing:
        raise UserError(
            f"The speech model in {folder} is incomplete (missing {summarize_names(missing)}); "
            f"{_REDOWNLOAD}."
        )
    stats = [(folder / f.path).stat() for f in known.files]
    for manifest_file, stat in zip(known.files, stats, strict=True):
        if stat.st_size != manifest_file.size_bytes:
            raise UserError(
                f"The speech model in {folder} is damaged: {manifest_file.path} has "
                f"{stat.st_size:,} bytes where {known.name} has {manifest_file.size_bytes:,}; "
                f"{_REDOWNLOAD}."
            )
    signature = tuple(
        (f.path, s.st_size, s.st_mtime_ns) for f, s in zip(known.files, stats, strict=True)
    )
    _verify_hashes(folder.resolve(), known, signature)


@lru_cache(maxsize=8)
def _verify_hashes(
    folder: Path, known: KnownModel, signature: tuple[tuple[str, int, int], ...]
) -> None:
    # `signature` is only part of the cache key: a changed file means a fresh check.
    # Exceptions are not cached, so a failed check is repeated next time.
    del signature
    for manifest_file in known.files:
        if sha256_of_file(folder / manifest_file.path) != manifest_file.sha256:
            raise UserError(
                f"The speech model in {folder} is damaged: {manifest_file.path} does not match "
                f"the checksum of {known.name}; {_REDOWNLOAD}."
            )

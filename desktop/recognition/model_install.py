"""Install a speech model into the app's models folder from a zip or a folder IT hands out.

Nothing half-done is ever where the locator looks. Files are unpacked (or copied) into a
hidden temporary folder inside the models folder, so the final move is one rename on the same
drive; the result is checked with `check_model_folder` (layout, and the SHA-256 of every file
for known models such as the Dutch one); only then is it renamed into place, and an older copy
of the same model is replaced only after the new one passed. Any failure or cancel removes the
temporary folder; a killed import leaves one behind, which `remove_unfinished_installs`
deletes at the next install or at start-up. One install at a time per models folder.

A zip is untrusted input: it is refused as a whole when any entry has an absolute path, a
`..` part, a drive or stream name (`C:`, `name:stream`), is a link or a device, is encrypted,
or is listed twice; its declared unpacked size is capped (zip bombs) and checked against the
free disk space before anything is written; and no file is written outside the temporary
folder (each target path is also checked after resolving).
"""

import errno
import logging
import os
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from desktop.errors import UserError
from desktop.recognition.model_check import ModelInfo, check_model_folder
from desktop.recognition.model_layout import looks_like_model, missing_model_files, summarize_names

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
"""`progress(done_bytes, total_bytes)`; `total_bytes` is 0 when the total is not known."""
Cancel = Callable[[], bool]
"""`cancel()` returns True to stop; it is asked between chunks."""

TEMP_PREFIX = ".installing-"
COPY_CHUNK_BYTES = 1024 * 1024
MAX_UNPACKED_BYTES = 4 * 1024**3  # generous: the Dutch small model unpacks to 69 MB
FREE_SPACE_MARGIN_BYTES = 50 * 1000 * 1000  # leave room for the log and the app's database
_ASK_IT = "ask IT for the official model zip"


class InstallCancelled(UserError):
    """The person cancelled; the models folder is as it was before."""

    def __init__(self) -> None:
        super().__init__("The model set-up was cancelled; nothing was changed.")


def install_model_zip(
    zip_path: Path | str,
    models_dir: Path,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    *,
    expected_name: str | None = None,
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES,
) -> ModelInfo:
    """Unpack the model in `zip_path` safely, verify it, and move it into `models_dir`.

    The zip may hold the model folder (`vosk-model-small-nl-0.22/am/...`) or the model's
    files at its top (then the zip's name, without `.zip`, names the model). `progress`
    counts unpacked bytes. With `expected_name`, the zip must hold exactly that known model
    and every file must match its checksum (used for downloads). Returns the installed
    model's `ModelInfo` (its `path` is inside `models_dir`). Raises `InstallCancelled` on
    cancel and `UserError` for everything else; either way `models_dir` is left unchanged.
    """
    source = Path(zip_path).expanduser()
    _prepare_models_dir(models_dir)
    remove_unfinished_installs(models_dir, keep=(source,))
    with _staging_folder(models_dir) as staging:
        payload = staging / "payload"
        payload.mkdir()
        _unpack(source, payload, models_dir, progress, cancel, max_unpacked_bytes)
        model_dir = _model_in_payload(payload, source)
        info = _verify(model_dir, str(source), expected_name)
        return _move_into_place(info, staging, models_dir)


def install_model_folder(
    folder: Path | str,
    models_dir: Path,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    *,
    expected_name: str | None = None,
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES,
) -> ModelInfo:
    """Copy the model in `folder` (or its only model sub-folder) into `models_dir`, verified.

    The source is checked first (clear errors before anything is copied), then copied file
    by file into a temporary folder, checked again there (a copy from a flaky USB stick or
    share can differ), and renamed into place. Links and special files in the source are
    refused. `progress` counts copied bytes. Raises like `install_model_zip`.
    """
    source = check_model_folder(folder)
    try:
        files = _regular_files(source.path)
    except OSError as err:
        raise _read_error(err, source.path) from err
    total_bytes = sum(size for _, size in files)
    _check_unpacked_size(total_bytes, max_unpacked_bytes, str(source.path))
    _prepare_models_dir(models_dir)
    remove_unfinished_installs(models_dir)
    check_free_space(models_dir, total_bytes)
    with _staging_folder(models_dir) as staging:
        target = staging / source.name
        try:
            _copy_files(source.path, files, target, total_bytes, progress, cancel)
        except OSError as err:
            raise _copy_error(err, source.path, models_dir) from err
        info = _verify(target, str(source.path), expected_name)
        return _move_into_place(info, staging, models_dir)


def remove_unfinished_installs(models_dir: Path, keep: Iterable[Path] = ()) -> list[Path]:
    """Delete the temporary folders and files a killed install or download left in `models_dir`.

    Call it at start-up; the install functions call it too. Entries in `keep` (compared as
    absolute paths) are spared: a download's zip waiting to be installed. Returns what was
    removed. Failures are logged, not raised: a leftover is untidy, not harmful, because the
    locator only takes folders that are a model themselves, and these hold one further down.
    """
    try:
        entries = sorted(models_dir.iterdir()) if models_dir.is_dir() else []
    except OSError as error:  # a data folder this user may not read: nothing to tidy
        logger.warning("cannot look for unfinished installs in %s (%s)", models_dir, error.strerror)
        return []
    spared = {os.path.abspath(path) for path in keep}
    removed: list[Path] = []
    for entry in entries:
        if not entry.name.startswith(TEMP_PREFIX) or os.path.abspath(entry) in spared:
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError as error:
            logger.warning("cannot remove the unfinished install %s (%s)", entry, error)
            continue
        removed.append(entry)
    return removed


def free_disk_bytes(folder: Path) -> int:
    """Free bytes on the drive that holds `folder` (a seam for tests)."""
    return shutil.disk_usage(folder).free


def check_free_space(models_dir: Path, needed_bytes: int) -> None:
    """Raise `UserError` unless the drive of `models_dir` has `needed_bytes` plus a margin free."""
    free = free_disk_bytes(models_dir)
    if free < needed_bytes + FREE_SPACE_MARGIN_BYTES:
        raise UserError(
            f"There is not enough free disk space for the speech model: it needs "
            f"{_mb(needed_bytes + FREE_SPACE_MARGIN_BYTES)} on the drive of {models_dir} and "
            f"{_mb(free)} are free; free up some space or ask IT."
        )


def _mb(size_bytes: int) -> str:
    return f"{size_bytes / 1_000_000:,.0f} MB"


def _prepare_models_dir(models_dir: Path) -> None:
    try:
        models_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UserError(
            f"The app's models folder {models_dir} cannot be created ({err.strerror or err}); "
            "check that you may write to it or ask IT."
        ) from err


@contextmanager
def _staging_folder(models_dir: Path) -> Iterator[Path]:
    """A hidden folder inside `models_dir` that is removed whatever happens."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=models_dir))
    except OSError as err:
        raise _write_error(err, models_dir) from err
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _unpack(
    source: Path,
    payload: Path,
    models_dir: Path,
    progress: Progress | None,
    cancel: Cancel | None,
    max_unpacked_bytes: int,
) -> None:
    try:
        archive = zipfile.ZipFile(source)
    except FileNotFoundError as err:
        raise UserError(f"The file {source} does not exist; choose the model zip again.") from err
    except IsADirectoryError as err:
        raise UserError(f"{source} is a folder, not a zip file; use Import folder.") from err
    except (zipfile.BadZipFile, EOFError, ValueError) as err:
        raise UserError(
            f"{source} is not a complete zip file (the copy or download may have been cut "
            f"off); copy or download it again, or {_ASK_IT}."
        ) from err
    except OSError as err:
        raise UserError(f"The file {source} cannot be read ({err.strerror or err}).") from err
    with archive:
        members = _safe_members(archive, source)
        total_bytes = sum(info.file_size for info, _ in members)
        _check_unpacked_size(total_bytes, max_unpacked_bytes, str(source))
        check_free_space(models_dir, total_bytes)
        _extract(archive, members, payload, total_bytes, progress, cancel, source, models_dir)


def _safe_members(
    archive: zipfile.ZipFile, source: Path
) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """Every entry with its relative path, or `UserError` naming the first unsafe entry."""
    members: list[tuple[zipfile.ZipInfo, PurePosixPath]] = []
    seen: set[str] = set()
    for info in archive.infolist():
        relative, problem = _member_path(info)
        if problem is None and relative is not None and not _is_folder_entry(info):
            key = relative.as_posix().casefold()  # casefold: one file on Windows and macOS
            problem = "it lists the same file twice" if key in seen else None
            seen.add(key)
        if problem is not None:
            raise UserError(
                f"The zip file {source} was refused because {problem} ({info.filename!r}); "
                f"nothing was installed; {_ASK_IT}."
            )
        if relative is not None:
            members.append((info, relative))
    return members


def _member_path(info: zipfile.ZipInfo) -> tuple[PurePosixPath | None, str | None]:
    """(relative path, None) for a safe entry, (None, None) for "." entries, or a reason."""
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return None, "it contains a link"
    if stat.S_IFMT(mode) and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return None, "it contains a device or other special file"
    if info.flag_bits & 0x1:
        return None, "it is password-protected"
    name = info.filename.replace("\\", "/")  # some Windows tools write backslashes
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None, "it contains an absolute path"
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if ".." in parts:
        return None, "it contains a path that leads out of its folder"
    if any(":" in part or "\0" in part for part in parts):
        return None, "it contains a file name that is not allowed"
    return (PurePosixPath(*parts), None) if parts else (None, None)


def _is_folder_entry(info: zipfile.ZipInfo) -> bool:
    return info.filename.replace("\\", "/").endswith("/")


def _check_unpacked_size(total_bytes: int, max_unpacked_bytes: int, label: str) -> None:
    if total_bytes > max_unpacked_bytes:
        raise UserError(
            f"{label} would unpack to {_mb(total_bytes)}, more than any speech model "
            f"({_mb(max_unpacked_bytes)}); nothing was installed; {_ASK_IT}."
        )


def _extract(
    archive: zipfile.ZipFile,
    members: list[tuple[zipfile.ZipInfo, PurePosixPath]],
    payload: Path,
    total_bytes: int,
    progress: Progress | None,
    cancel: Cancel | None,
    source: Path,
    models_dir: Path,
) -> None:
    root = payload.resolve()
    counter = _ByteCounter(total_bytes, progress, cancel)
    for info, relative in members:
        target = payload.joinpath(*relative.parts)
        if not target.resolve().is_relative_to(root):  # defence in depth: cannot happen
            raise UserError(f"The zip file {source} was refused ({info.filename!r}); {_ASK_IT}.")
        try:
            if _is_folder_entry(info):
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as reader, target.open("xb") as writer:
                _copy_stream(reader.read, writer.write, info.file_size, counter)
        except (zipfile.BadZipFile, zlib.error, EOFError, _SizeMismatch) as err:
            raise _damaged(source, info) from err
        except (FileExistsError, NotADirectoryError, IsADirectoryError) as err:
            raise _damaged(source, info) from err  # a file and a folder of the same name
        except NotImplementedError as err:
            raise UserError(
                f"The zip file {source} uses a compression this app cannot unpack; {_ASK_IT}."
            ) from err
        except OSError as err:
            raise _write_error(err, models_dir) from err
    counter.finish()


def _damaged(source: Path, info: zipfile.ZipInfo) -> UserError:
    return UserError(
        f"The zip file {source} is damaged ({info.filename} does not unpack correctly); "
        f"copy or download it again, or {_ASK_IT}."
    )


class _SizeMismatch(Exception):
    """An entry unpacked to more or fewer bytes than its header says."""


class _ByteCounter:
    """Adds up bytes written, reports progress, and asks whether to stop."""

    def __init__(self, total_bytes: int, progress: Progress | None, cancel: Cancel | None) -> None:
        self.total_bytes = total_bytes
        self.done_bytes = 0
        self._progress = progress
        self._cancel = cancel
        self.step(0)

    def step(self, count_bytes: int) -> None:
        self.done_bytes += count_bytes
        if self._progress is not None:
            self._progress(self.done_bytes, self.total_bytes)
        if self._cancel is not None and self._cancel():
            raise InstallCancelled()

    def finish(self) -> None:
        if self._progress is not None and self.done_bytes != self.total_bytes:
            self._progress(self.total_bytes, self.total_bytes)


def _copy_stream(
    read: Callable[[int], bytes],
    write: Callable[[bytes], object],
    expected_bytes: int,
    counter: _ByteCounter,
) -> None:
    written = 0
    while chunk := read(COPY_CHUNK_BYTES):
        written += len(chunk)
        if written > expected_bytes:
            raise _SizeMismatch()
        write(chunk)
        counter.step(len(chunk))
    if written != expected_bytes:
        raise _SizeMismatch()


def _regular_files(folder: Path) -> list[tuple[PurePosixPath, int]]:
    """(relative path, size) of every file below `folder`; links and devices are refused."""
    found: list[tuple[PurePosixPath, int]] = []
    for directory, subdirs, names in os.walk(folder):
        for name in sorted([*subdirs, *names]):
            path = Path(directory, name)
            mode = path.lstat().st_mode
            relative = PurePosixPath(path.relative_to(folder).as_posix())
            if stat.S_ISLNK(mode) or not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                raise UserError(
                    f"The model folder {folder} contains a link or special file ({relative}); "
                    "copy the real files into it, or import the model zip instead."
                )
            if stat.S_ISREG(mode):
                found.append((relative, path.stat().st_size))
    return found


def _copy_files(
    source: Path,
    files: list[tuple[PurePosixPath, int]],
    target: Path,
    total_bytes: int,
    progress: Progress | None,
    cancel: Cancel | None,
) -> None:
    counter = _ByteCounter(total_bytes, progress, cancel)
    for relative, size_bytes in files:
        destination = target.joinpath(*relative.parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        with source.joinpath(*relative.parts).open("rb") as reader, destination.open("xb") as w:
            try:
                _copy_stream(reader.read, w.write, size_bytes, counter)
            except _SizeMismatch as err:
                raise UserError(
                    f"{relative} in {source} changed while it was being copied; try again."
                ) from err
    target.mkdir(parents=True, exist_ok=True)
    counter.finish()


def _model_in_payload(payload: Path, source: Path) -> Path:
    """The unpacked model folder: the payload itself (renamed after the zip) or its one child."""
    if looks_like_model(payload):
        named = payload.with_name(source.stem)
        payload.rename(named)
        return named
    models = sorted(c for c in payload.iterdir() if c.is_dir() and looks_like_model(c))
    if len(models) > 1:
        names = ", ".join(model.name for model in models)
        raise UserError(
            f"The zip file {source} holds several speech models ({names}); ask IT for a zip "
            "with just one."
        )
    if not models:
        raise UserError(
            f"The zip file {source} does not hold a vosk speech model (no am/final.mdl or "
            f"conf/model.conf inside); {_ASK_IT}."
        )
    return models[0]


def _verify(model_dir: Path, label: str, expected_name: str | None) -> ModelInfo:
    """Layout and checksums of the staged copy, with messages that name the source."""
    if model_dir.name.startswith("."):
        raise UserError(f"The speech model in {label} has a hidden name; rename it or {_ASK_IT}.")
    missing = missing_model_files(model_dir)
    if missing:
        raise UserError(
            f"The speech model in {label} is incomplete (missing {summarize_names(missing)}); "
            f"download it again or {_ASK_IT}."
        )
    try:
        info = check_model_folder(model_dir)
    except UserError as err:
        message = str(err)
        for staged in (str(model_dir.resolve()), str(model_dir)):
            message = message.replace(staged, label)
        raise UserError(message, err.exit_status) from err
    if expected_name is not None and (info.name != expected_name or not info.verified_checksums):
        raise UserError(
            f"{label} is not the checked speech model {expected_name} (it holds {info.name}); "
            f"nothing was installed; {_ASK_IT}."
        )
    return info


def _move_into_place(info: ModelInfo, staging: Path, models_dir: Path) -> ModelInfo:
    """Rename the verified model into `models_dir`, moving an older copy aside first."""
    final = models_dir / info.name
    previous = staging / "previous"
    had_previous = final.exists() or final.is_symlink()
    try:
        if had_previous:
            os.replace(final, previous)
        try:
            os.replace(info.path, final)
        except OSError:
            if had_previous:
                os.replace(previous, final)
            raise
    except OSError as err:
        raise UserError(
            f"The speech model {info.name} could not be put into {models_dir} "
            f"({err.strerror or err}); try again, or ask IT."
        ) from err
    return ModelInfo(path=final, name=info.name, verified_checksums=info.verified_checksums)


def _write_error(err: OSError, models_dir: Path) -> UserError:
    if err.errno == errno.ENOSPC:
        return UserError(
            f"The drive of {models_dir} ran out of space while the speech model was being "
            "installed; free up some space and try again."
        )
    return UserError(
        f"The speech model cannot be written to {models_dir} ({err.strerror or err}); check "
        "that you may write there, or ask IT."
    )


def _read_error(err: OSError, folder: Path) -> UserError:
    return UserError(
        f"The model folder {folder} cannot be read ({err.strerror or err}); check that it is "
        "on a reachable drive, or ask IT."
    )


def _copy_error(err: OSError, source: Path, models_dir: Path) -> UserError:
    if err.filename is not None and Path(err.filename).is_relative_to(source):
        return _read_error(err, source)
    return _write_error(err, models_dir)

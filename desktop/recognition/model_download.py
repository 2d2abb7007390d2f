"""Download the Dutch speech model and install it, verified file by file.

The zip goes to a hidden temporary file inside the models folder (same drive as the model,
and removed by `remove_unfinished_installs` if the app is killed half-way), then through
`install_model_zip` with `expected_name`, which accepts it only when every file matches the
SHA-256 in `resources/models/known_models.json`: the zip itself has no published checksum,
its files do. No connection is normal on a call-centre PC: the app keeps coaching on
prosody, so that case is a `DownloadUnavailable` saying so and pointing to IT's zip.
"""

import http.client
import os
import ssl
import tempfile
import urllib.error
import urllib.parse
from pathlib import Path
from typing import Any, BinaryIO, Literal
from urllib.request import urlopen

from desktop.errors import UserError
from desktop.recognition.model_check import ModelInfo
from desktop.recognition.model_install import (
    TEMP_PREFIX,
    Cancel,
    InstallCancelled,
    Progress,
    check_free_space,
    install_model_zip,
)
from desktop.recognition.model_locator import PREFERRED_MODEL
from desktop.recognition.model_manifest import known_model

DEFAULT_TIMEOUT_S = 30.0  # per connect and per read, not for the whole download
READ_CHUNK_BYTES = 64 * 1024
MAX_DOWNLOAD_BYTES = 500 * 1000 * 1000  # the Dutch zip is 39 MB; anything this big is not it

UnavailableKind = Literal["offline", "server", "interrupted"]


class DownloadUnavailable(UserError):
    """No connection, a server error, or a download that broke off: nothing was installed.

    `reason` is the short technical part ("there is no connection to alphacephei.com") for
    a details line; `kind` lets a UI say the gist in its own language; the message is the
    whole sentence with the advice.
    """

    def __init__(self, kind: UnavailableKind, reason: str, model_name: str) -> None:
        super().__init__(
            f"The speech model cannot be downloaded now ({reason}); Speech Coach keeps "
            f"coaching on tempo, pauses and loudness, and IT can hand out {model_name}.zip for "
            "you to import instead."
        )
        self.kind = kind
        self.reason = reason


def download_model(
    models_dir: Path,
    url: str | None = None,
    *,
    model_name: str = PREFERRED_MODEL,
    progress: Progress | None = None,
    install_progress: Progress | None = None,
    cancel: Cancel | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> ModelInfo:
    """Download the known model `model_name` (default the Dutch small model) and install it.

    `url` defaults to the model's URL in the shipped manifest; tests pass a local server's.
    `progress(done_bytes, total_bytes)` follows the download, `install_progress` the
    unpacking that follows. The installed model must be `model_name` with every file
    matching its checksum. Raises `DownloadUnavailable` when the server cannot be reached or
    answers with an error, `InstallCancelled` on cancel, and `UserError` otherwise; the
    models folder is unchanged after any of them.
    """
    if url is None:
        known = known_model(model_name)
        if known is None:
            raise UserError(
                f"The app does not know where to download {model_name} (its model list cannot "
                "be read); reinstall Speech Coach or ask IT for the model zip."
            )
        url = known.url
    zip_path = download_zip(url, models_dir, progress, cancel, timeout_s, model_name=model_name)
    try:
        return install_model_zip(
            zip_path, models_dir, install_progress, cancel, expected_name=model_name
        )
    finally:
        zip_path.unlink(missing_ok=True)


def download_zip(
    url: str,
    models_dir: Path,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    *,
    model_name: str = PREFERRED_MODEL,
    max_bytes: int = MAX_DOWNLOAD_BYTES,
) -> Path:
    """Fetch `url` (http or https) into a hidden `.installing-*.zip` file in `models_dir`.

    Returns the file's path; the caller installs and deletes it. A partial file is deleted
    on any failure or cancel. `model_name` only names the model in messages.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UserError(f"The model download address {url!r} is not an http(s) address; ask IT.")
    host = parts.hostname or url
    try:
        models_dir.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(
            prefix=f"{TEMP_PREFIX}download-", suffix=".zip", dir=models_dir
        )
    except OSError as err:
        raise _disk_error(err, models_dir) from err
    target = Path(name)
    try:
        with os.fdopen(handle, "wb") as sink, _open(url, timeout_s, host, model_name) as response:
            total_bytes = int(response.headers.get("Content-Length") or 0)
            if total_bytes > max_bytes:
                raise _too_big(url, max_bytes)
            check_free_space(models_dir, total_bytes)
            done_bytes = _copy_response(response, sink, total_bytes, progress, cancel, max_bytes)
    except _TooBig as err:
        target.unlink(missing_ok=True)
        raise _too_big(url, max_bytes) from err
    except _BrokeOff as err:
        target.unlink(missing_ok=True)
        reason = f"the download from {host} broke off"
        raise DownloadUnavailable("interrupted", reason, model_name) from err
    except OSError as err:
        target.unlink(missing_ok=True)
        raise _disk_error(err, models_dir) from err
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    if total_bytes and done_bytes != total_bytes:
        target.unlink(missing_ok=True)
        reason = (
            f"the download from {host} broke off after {done_bytes / 1e6:.1f} of "
            f"{total_bytes / 1e6:.1f} MB"
        )
        raise DownloadUnavailable("interrupted", reason, model_name)
    return target


class _BrokeOff(Exception):
    """The connection failed while the body was being read."""


class _TooBig(Exception):
    """The body is larger than any speech model zip."""


def _open(url: str, timeout_s: float, host: str, model_name: str) -> Any:
    """`urlopen(url)` with every connection failure turned into `DownloadUnavailable`."""
    try:
        return urlopen(url, timeout=timeout_s)
    except urllib.error.HTTPError as err:
        reason = f"{host} answered {err.code} {err.reason}"
        raise DownloadUnavailable("server", reason, model_name) from err
    except urllib.error.URLError as err:
        if isinstance(err.reason, ssl.SSLError):
            reason = f"the secure connection to {host} could not be verified"
        else:
            reason = f"there is no connection to {host}"
        raise DownloadUnavailable("offline", reason, model_name) from err
    except TimeoutError as err:
        reason = f"{host} did not answer within {timeout_s:g} s"
        raise DownloadUnavailable("offline", reason, model_name) from err
    except OSError as err:
        reason = f"the connection to {host} failed"
        raise DownloadUnavailable("offline", reason, model_name) from err


def _copy_response(
    response: BinaryIO,
    sink: BinaryIO,
    total_bytes: int,
    progress: Progress | None,
    cancel: Cancel | None,
    max_bytes: int,
) -> int:
    """Copy the body in `READ_CHUNK_BYTES` reads; returns the bytes copied."""
    done_bytes = 0
    if progress is not None:
        progress(0, total_bytes)
    while True:
        if cancel is not None and cancel():
            raise InstallCancelled()
        try:
            chunk = response.read(READ_CHUNK_BYTES)
        except (OSError, http.client.HTTPException) as err:  # timeouts and resets too
            raise _BrokeOff() from err
        if not chunk:
            return done_bytes
        done_bytes += len(chunk)
        if done_bytes > max_bytes:
            raise _TooBig()
        sink.write(chunk)
        if progress is not None:
            progress(done_bytes, total_bytes)


def _too_big(url: str, max_bytes: int) -> UserError:
    return UserError(
        f"The file at {url} is larger than {max_bytes / 1e6:g} MB, so it is not the speech "
        "model; nothing was installed; ask IT for the model zip."
    )


def _disk_error(err: OSError, models_dir: Path) -> UserError:
    return UserError(
        f"The download cannot be saved in {models_dir} ({err.strerror or err}); check the free "
        "space and that you may write there, or ask IT."
    )

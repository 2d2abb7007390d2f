"""Model download over HTTP from a local server: progress, verification, offline messages."""

import hashlib
import http.server
import os
import socket
import threading
import urllib.error
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.errors import UserError
from desktop.recognition import model_check, model_download
from desktop.recognition.model_download import (
    DownloadUnavailable,
    download_model,
    download_zip,
)
from desktop.recognition.model_install import InstallCancelled
from desktop.recognition.model_manifest import KnownModel, ManifestFile, load_known_models

MakeModel = Callable[..., Path]
NL_MODEL = "vosk-model-small-nl-0.22"
OFFLINE_ADVICE = "Speech Coach keeps coaching on tempo, pauses and loudness"


class ModelServer:
    """A local HTTP server in a thread: `files` by path, plus a few misbehaving paths."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.release = threading.Event()  # lets a stalled request end at teardown
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the http.server name)
                body = server.files.get(self.path)
                if self.path == "/stall":
                    server.release.wait()
                    return
                if body is None:
                    self.send_error(404, "Not Found")
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/zip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.path.startswith("/broken"):
                    body = body[: len(body) // 2]  # then the connection closes
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # A short poll interval: shutdown() at teardown waits for the next poll.
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"


@pytest.fixture
def server() -> Iterator[ModelServer]:
    served = ModelServer()
    served.thread.start()
    yield served
    served.release.set()
    served.httpd.shutdown()
    served.httpd.server_close()
    served.thread.join()


@pytest.fixture
def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens: connection refused, like an offline PC."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/{NL_MODEL}.zip"


def zip_model(folder: Path, archive: Path) -> bytes:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as handle:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                handle.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    return archive.read_bytes()


def manifest_for(folder: Path) -> KnownModel:
    files = tuple(
        ManifestFile(
            p.relative_to(folder).as_posix(),
            p.stat().st_size,
            hashlib.sha256(p.read_bytes()).hexdigest(),
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    )
    total = sum(f.size_bytes for f in files)
    return KnownModel(folder.name, "nl", "https://example.invalid", "Apache-2.0", total, files)


@pytest.fixture
def dutch_zip(
    tmp_path: Path, make_model: MakeModel, monkeypatch: pytest.MonkeyPatch
) -> tuple[bytes, Path]:
    """A fake model named like the Dutch one, with the manifest made to match its files."""
    folder = make_model(tmp_path / "src" / NL_MODEL)
    (folder / "graph/HCLr.fst").write_bytes(os.urandom(400_000))  # several download chunks
    known = manifest_for(folder)
    monkeypatch.setattr(model_check, "known_model", lambda name: known)
    return zip_model(folder, tmp_path / "nl.zip"), folder


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_download_installs_the_verified_model_with_progress(
    tmp_path: Path, server: ModelServer, dutch_zip: tuple[bytes, Path]
) -> None:
    """The zip is fetched with byte progress, unpacked, checked against the manifest, kept."""
    body, _ = dutch_zip
    server.files["/nl.zip"] = body
    models = tmp_path / "models"
    fetched: list[tuple[int, int]] = []
    unpacked: list[tuple[int, int]] = []
    info = download_model(
        models,
        server.url("/nl.zip"),
        progress=lambda d, t: fetched.append((d, t)),
        install_progress=lambda d, t: unpacked.append((d, t)),
    )
    assert (info.path, info.verified_checksums) == (models / NL_MODEL, True)
    assert listing(models) == [NL_MODEL]  # the downloaded zip is gone too
    assert fetched[0] == (0, len(body)) and fetched[-1] == (len(body), len(body))
    assert len(fetched) > 3 and [d for d, _ in fetched] == sorted(d for d, _ in fetched)
    assert unpacked[-1][0] == unpacked[-1][1] > 400_000


def test_download_with_files_that_do_not_match_is_refused(
    tmp_path: Path, server: ModelServer, dutch_zip: tuple[bytes, Path], make_model: MakeModel
) -> None:
    """A download whose files differ from the manifest (same sizes) installs nothing."""
    _, folder = dutch_zip
    (folder / "conf/model.conf").write_bytes(b"fake conf/model.conX\n")  # same size
    server.files["/nl.zip"] = zip_model(folder, tmp_path / "tampered.zip")
    models = tmp_path / "models"
    with pytest.raises(UserError, match=r"conf/model\.conf does not match the checksum"):
        download_model(models, server.url("/nl.zip"))
    assert listing(models) == []


def test_download_of_another_model_is_refused(
    tmp_path: Path, server: ModelServer, make_model: MakeModel
) -> None:
    """If the address serves some other model, it is not installed as the Dutch one."""
    server.files["/nl.zip"] = zip_model(make_model(tmp_path / "other"), tmp_path / "o.zip")
    models = tmp_path / "models"
    with pytest.raises(UserError, match=f"is not the checked speech model {NL_MODEL}"):
        download_model(models, server.url("/nl.zip"))
    assert listing(models) == []


def test_offline_says_the_app_keeps_coaching(tmp_path: Path, closed_port_url: str) -> None:
    """No connection: one sentence saying so, that prosody coaching goes on, and IT's route."""
    models = tmp_path / "models"
    with pytest.raises(DownloadUnavailable) as caught:
        download_model(models, closed_port_url)
    message = str(caught.value)
    assert (caught.value.kind, caught.value.reason) == (
        "offline",
        "there is no connection to 127.0.0.1",
    )
    assert "there is no connection to 127.0.0.1" in message
    assert OFFLINE_ADVICE in message and f"IT can hand out {NL_MODEL}.zip" in message
    assert listing(models) == []


def test_dns_failure_is_a_missing_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name that does not resolve (no network at all) reads the same as being offline."""

    def no_dns(url: str, timeout: float) -> None:
        raise urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))

    monkeypatch.setattr(model_download, "urlopen", no_dns)
    with pytest.raises(DownloadUnavailable, match="no connection to models.example.nl"):
        download_model(tmp_path / "models", "https://models.example.nl/nl.zip")
    assert listing(tmp_path / "models") == []


def test_default_address_is_the_manifest_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without an injected URL the Dutch model comes from the address in known_models.json."""
    asked: list[str] = []

    def offline(url: str, timeout: float) -> None:
        asked.append(url)
        raise urllib.error.URLError(ConnectionRefusedError(111, "Connection refused"))

    monkeypatch.setattr(model_download, "urlopen", offline)
    with pytest.raises(DownloadUnavailable, match="no connection to alphacephei.com"):
        download_model(tmp_path / "models")
    assert asked == [load_known_models()[NL_MODEL].url]


def test_http_error_is_reported_with_the_status(tmp_path: Path, server: ModelServer) -> None:
    """A 404 names the server's answer and still gives the offline advice."""
    with pytest.raises(DownloadUnavailable, match=r"127\.0\.0\.1 answered 404 Not Found") as caught:
        download_model(tmp_path / "models", server.url("/gone.zip"))
    assert OFFLINE_ADVICE in str(caught.value) and caught.value.kind == "server"
    assert listing(tmp_path / "models") == []


def test_download_that_breaks_off_leaves_nothing(
    tmp_path: Path, server: ModelServer, dutch_zip: tuple[bytes, Path]
) -> None:
    """A connection that closes half-way is reported as broken off; the partial file goes."""
    server.files["/broken.zip"] = dutch_zip[0]
    with pytest.raises(DownloadUnavailable, match="broke off after") as caught:
        download_model(tmp_path / "models", server.url("/broken.zip"))
    assert caught.value.kind == "interrupted"
    assert listing(tmp_path / "models") == []


def test_server_that_never_answers_times_out(tmp_path: Path, server: ModelServer) -> None:
    """A server that accepts but never answers ends in the timeout, not in a hang."""
    with pytest.raises(DownloadUnavailable, match=r"did not answer within 0\.2 s"):
        download_model(tmp_path / "models", server.url("/stall"), timeout_s=0.2)
    assert listing(tmp_path / "models") == []


def test_cancel_mid_download_leaves_nothing(
    tmp_path: Path, server: ModelServer, dutch_zip: tuple[bytes, Path]
) -> None:
    """Cancelling after the first chunk stops the download and removes the partial zip."""
    server.files["/nl.zip"] = dutch_zip[0]
    fetched: list[int] = []
    with pytest.raises(InstallCancelled):
        download_model(
            tmp_path / "models",
            server.url("/nl.zip"),
            progress=lambda d, t: fetched.append(d),
            cancel=lambda: bool(fetched) and fetched[-1] > 0,
        )
    assert 0 < fetched[-1] < len(dutch_zip[0])
    assert listing(tmp_path / "models") == []


def test_oversized_download_is_refused(tmp_path: Path, server: ModelServer) -> None:
    """A body larger than any model zip is refused from its Content-Length."""
    server.files["/huge.zip"] = bytes(10_000)
    with pytest.raises(UserError, match=r"larger than 0\.001 MB, so it is not the speech model"):
        download_zip(server.url("/huge.zip"), tmp_path / "models", max_bytes=1000)
    assert listing(tmp_path / "models") == []


def test_only_http_addresses_are_fetched(tmp_path: Path) -> None:
    """A file: or ftp: address from a misconfiguration is refused, not followed."""
    with pytest.raises(UserError, match="is not an http"):
        download_zip("file:///etc/passwd", tmp_path / "models")

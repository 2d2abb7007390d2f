"""The model set-up dialog, driven through its buttons with the file dialogs bypassed.

Imports and downloads run for real (into tmp_path, from a local HTTP server); the tests wait
for the dialog's own signals and widget states, never for time. Set SPEECH_COACH_SCREENSHOTS
to a folder (e.g. docs/screenshots) to also save the screenshots there.
"""

import hashlib
import http.server
import os
import re
import socket
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.recognition import model_check
from desktop.recognition.model_manifest import KnownModel, ManifestFile
from desktop.ui.model_setup import ChoosePath, ModelSetupDialog

NL_MODEL = "vosk-model-small-nl-0.22"
STATUS = "Geen spraakmodel — alleen tempo, pauzes en volume"
MODEL_FILES = (
    "README",
    "am/final.mdl",
    "conf/mfcc.conf",
    "conf/model.conf",
    "graph/Gr.fst",
    "graph/HCLr.fst",
    "graph/disambig_tid.int",
)


def make_model(folder: Path, padding_bytes: int = 0) -> Path:
    """A fake model with vosk's layout; `padding_bytes` of noise make downloads take chunks."""
    for name in MODEL_FILES:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(f"fake {name}\n".encode())
    (folder / "graph/HCLr.fst").write_bytes(os.urandom(padding_bytes) + b"\n")
    return folder


def zip_model(folder: Path, archive: Path, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as handle:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                handle.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
        for name, content in (extra or {}).items():
            handle.writestr(name, content)
    return archive


def trust_as_dutch_model(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the manifest of the Dutch model match `folder`'s files (we have no real copy)."""
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
    known = KnownModel(NL_MODEL, "nl", "https://example.invalid", "Apache-2.0", total, files)
    monkeypatch.setattr(model_check, "known_model", lambda name: known)


class GatedServer:
    """Serves one zip at /model.zip: the first half at once, the rest after `gate` is set."""

    def __init__(self, body: bytes) -> None:
        self.gate = threading.Event()
        gate = self.gate

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the http.server name)
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                gate.wait()
                self.wfile.write(body[len(body) // 2 :])

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/model.zip"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )


@pytest.fixture
def dutch_download(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[GatedServer]:
    """A local server holding back the second half of a (trusted) Dutch-named model zip."""
    folder = make_model(tmp_path / "src" / NL_MODEL, padding_bytes=600_000)
    trust_as_dutch_model(folder, monkeypatch)
    server = GatedServer(zip_model(folder, tmp_path / "nl.zip").read_bytes())
    server.thread.start()
    yield server
    server.gate.set()
    server.httpd.shutdown()
    server.httpd.server_close()
    server.thread.join()


@pytest.fixture
def models_dir(tmp_path: Path) -> Path:
    return tmp_path / "models"


def chooser(path: Path | None) -> ChoosePath:
    return lambda parent, title: path


def open_dialog(
    qtbot: QtBot, models_dir: Path, language: str = "nl", **kwargs: Any
) -> ModelSetupDialog:
    dialog = ModelSetupDialog(models_dir, STATUS, language, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def snap(dialog: ModelSetupDialog, name: str, tmp_path: Path) -> None:
    """Grab the dialog as the agent sees it; also into $SPEECH_COACH_SCREENSHOTS when set."""
    image = dialog.grab()
    assert not image.isNull() and image.width() >= 560
    assert image.save(str(tmp_path / name))
    target = os.environ.get("SPEECH_COACH_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        assert image.save(str(Path(target) / name))


def label_texts(dialog: ModelSetupDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_dutch_first_with_an_english_version(qtbot: QtBot, models_dir: Path) -> None:
    """The dialog speaks Dutch by default, shows the current status, and has English too."""
    dutch = open_dialog(qtbot, models_dir)
    assert dutch.import_zip_button.text() == "Zip importeren…"
    assert dutch.import_folder_button.text() == "Map importeren…"
    assert dutch.download_button.text() == "Nederlands model downloaden (39 MB)"
    assert dutch.status_label.text() == f"<b>Nu:</b> {STATUS}"
    assert dutch.progress_box.isHidden() and dutch.message_card.isHidden()
    assert "bij alphacephei.com en controleert elk bestand" in label_texts(dutch)
    english = open_dialog(qtbot, models_dir, "en")
    assert english.import_zip_button.text() == "Import zip…"
    assert english.download_button.text() == "Download Dutch model (39 MB)"
    assert "from alphacephei.com and checks every file" in label_texts(english)


def test_import_zip_installs_and_announces_the_model(
    qtbot: QtBot, tmp_path: Path, models_dir: Path
) -> None:
    """A good zip from the chooser is installed off the UI thread; the signal names the folder."""
    archive = zip_model(make_model(tmp_path / "src" / "my-model"), tmp_path / "m.zip")
    dialog = open_dialog(qtbot, models_dir, choose_zip=chooser(archive))
    with qtbot.waitSignal(dialog.model_installed) as installed:
        dialog.import_zip_button.click()
        assert dialog.busy and not dialog.download_button.isEnabled()
    assert installed.args == [models_dir / "my-model"]
    assert (models_dir / "my-model" / "am" / "final.mdl").is_file()
    assert not dialog.busy and dialog.download_button.isEnabled()
    assert dialog.message_heading.text() == "Klaar"
    assert "my-model is geïnstalleerd" in dialog.message_label.text()
    assert dialog.status_label.text() == "<b>Nu:</b> my-model is geïnstalleerd"


def test_malicious_zip_shows_the_reason_and_stays_usable(
    qtbot: QtBot, tmp_path: Path, models_dir: Path
) -> None:
    """A zip with a ../ entry is refused; the dialog says why and its buttons work again."""
    archive = zip_model(
        make_model(tmp_path / "src" / "my-model"),
        tmp_path / "evil.zip",
        extra={"../escaped.txt": b"owned"},
    )
    dialog = open_dialog(qtbot, models_dir, choose_zip=chooser(archive))
    with qtbot.assertNotEmitted(dialog.model_installed):
        dialog.import_zip_button.click()
        qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.message_heading.text() == "Dat lukte niet — er is niets veranderd"
    assert "leads out of its folder" in dialog.message_label.text()
    assert dialog.import_zip_button.isEnabled() and dialog.progress_box.isHidden()
    assert entries(models_dir) == [] and not (tmp_path / "escaped.txt").exists()


def test_closing_the_file_dialog_starts_nothing(qtbot: QtBot, models_dir: Path) -> None:
    """Cancelling the file chooser leaves the dialog idle, with no message."""
    dialog = open_dialog(qtbot, models_dir, choose_zip=chooser(None), choose_folder=chooser(None))
    dialog.import_zip_button.click()
    dialog.import_folder_button.click()
    assert not dialog.busy and dialog.message_card.isHidden() and entries(models_dir) == []


def test_import_folder_installs_the_model(qtbot: QtBot, tmp_path: Path, models_dir: Path) -> None:
    """Choosing the folder IT unzipped into copies the model into the app's folder."""
    source = make_model(tmp_path / "share" / "my-model")
    dialog = open_dialog(qtbot, models_dir, choose_folder=chooser(source.parent))
    with qtbot.waitSignal(dialog.model_installed) as installed:
        dialog.import_folder_button.click()
    assert installed.args == [models_dir / "my-model"]
    assert (source / "README").read_bytes() == (models_dir / "my-model" / "README").read_bytes()


def test_download_shows_progress_then_installs_the_checked_model(
    qtbot: QtBot, tmp_path: Path, models_dir: Path, dutch_download: GatedServer
) -> None:
    """Mid-download the bar and the megabytes move; at the end the model is verified and in."""
    dialog = open_dialog(qtbot, models_dir, download_url=dutch_download.url)
    dialog.download_button.click()
    qtbot.waitUntil(lambda: dialog.progress_bar.value() > 0)
    assert re.fullmatch(r"Downloaden… 0,\d van 0,6 MB", dialog.progress_label.text())
    assert dialog.progress_bar.value() < dialog.progress_bar.maximum()
    assert dialog.cancel_button.isEnabled() and not dialog.import_zip_button.isEnabled()
    snap(dialog, "model-setup-downloading.png", tmp_path)
    with qtbot.waitSignal(dialog.model_installed) as installed:
        dutch_download.gate.set()
    assert installed.args == [models_dir / NL_MODEL]
    assert "elk bestand is gecontroleerd" in dialog.message_label.text()
    assert entries(models_dir) == [NL_MODEL]
    snap(dialog, "model-setup-done.png", tmp_path)


def test_cancel_mid_download_leaves_nothing(
    qtbot: QtBot, models_dir: Path, dutch_download: GatedServer
) -> None:
    """Cancel stops the download at the next chunk; the partial zip is removed."""
    dialog = open_dialog(qtbot, models_dir, download_url=dutch_download.url)
    dialog.download_button.click()
    qtbot.waitUntil(lambda: dialog.progress_bar.value() > 0)
    with qtbot.assertNotEmitted(dialog.model_installed):
        dialog.cancel_button.click()
        assert dialog.progress_label.text() == "Bezig met annuleren…"
        dutch_download.gate.set()
        qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.message_label.text() == "Geannuleerd: er is niets veranderd."
    assert entries(models_dir) == []


def test_closing_while_downloading_cancels_first(
    qtbot: QtBot, models_dir: Path, dutch_download: GatedServer
) -> None:
    """Closing mid-download cancels; the dialog goes away once the helper thread stopped."""
    dialog = open_dialog(qtbot, models_dir, download_url=dutch_download.url)
    dialog.download_button.click()
    qtbot.waitUntil(lambda: dialog.progress_bar.value() > 0)
    dialog.close()
    assert dialog.isVisible()
    dutch_download.gate.set()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert entries(models_dir) == []


def test_offline_download_explains_and_points_to_it(
    qtbot: QtBot, tmp_path: Path, models_dir: Path
) -> None:
    """Without a connection the agent reads that coaching goes on and how IT can help."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_url = f"http://127.0.0.1:{probe.getsockname()[1]}/model.zip"
    dialog = open_dialog(qtbot, models_dir, download_url=closed_url)
    dialog.download_button.click()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.message_heading.text() == "Downloaden lukt nu niet"
    assert dialog.message_label.text().startswith("Er is geen verbinding met de downloadserver.")
    assert "blijft gewoon coachen op tempo, pauzes en volume" in dialog.message_label.text()
    assert f"{NL_MODEL}.zip" in dialog.message_label.text()
    assert dialog.details_label.text() == "Details: there is no connection to 127.0.0.1"
    assert dialog.download_button.isEnabled() and entries(models_dir) == []
    snap(dialog, "model-setup-offline.png", tmp_path)


def test_first_look(qtbot: QtBot, tmp_path: Path, models_dir: Path) -> None:
    """The idle dialog renders at a readable size (saved as docs/screenshots/model-setup.png)."""
    dialog = open_dialog(qtbot, models_dir)
    assert dialog.height() < 800
    snap(dialog, "model-setup.png", tmp_path)

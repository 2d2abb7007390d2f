"""resource_path finds resources/ from a source checkout and inside a PyInstaller bundle."""

import sys
from pathlib import Path

import pytest

from desktop.resources import resource_path


def test_source_checkout_finds_the_repo_resources() -> None:
    """Running from source, resources/ is the folder next to the desktop package."""
    manifest = resource_path("models", "known_models.json")
    assert manifest == Path(__file__).resolve().parent.parent / "resources/models/known_models.json"
    assert manifest.is_file()


def test_frozen_bundle_uses_meipass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a PyInstaller bundle, resources/ is looked up under sys._MEIPASS."""
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("models", "known_models.json") == (
        tmp_path / "resources" / "models" / "known_models.json"
    )

"""`pip install .` (not editable) gives a working install: the wheel carries resources/
beside the desktop package, where `resource_path` finds it."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOT_SOURCE = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "test-*")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the working tree, as `pip install .` builds it (setuptools
    writes build/ and *.egg-info into the tree it builds; not into the checkout)."""
    folder = tmp_path_factory.mktemp("wheel")
    source = folder / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    (built,) = folder.glob("speech_coach-*.whl")
    return built


def test_every_resource_file_is_in_the_wheel(wheel: Path) -> None:
    """Phrase lists, default policy and model manifests: all of resources/, nothing missing."""
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        path.relative_to(REPO).as_posix()
        for path in (REPO / "resources").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert expected and expected <= names, sorted(expected - names)
    assert "desktop/resources.py" in names and "desktop/py.typed" in names


def test_an_installed_wheel_finds_its_resources(wheel: Path, tmp_path: Path) -> None:
    """Installed into a plain folder and run from elsewhere (no checkout in sight),
    resource_path points into that install and the files are there."""
    target = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "-t", str(target), str(wheel)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    code = (
        "import desktop.resources as r; "
        "p = r.resource_path('lexicons', 'nl', 'policy_shield.txt'); "
        "print(r.__file__); print(p); print(p.is_file())"
    )
    done = subprocess.run(
        [sys.executable, "-S", "-c", code],  # -S: not the checkout's editable install
        env={**os.environ, "PYTHONPATH": str(target)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    module, resource, found = done.stdout.split()
    assert Path(module).is_relative_to(target), done.stdout + done.stderr
    assert Path(resource).is_relative_to(target) and found == "True"

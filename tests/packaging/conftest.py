"""The frozen bundle, built once per test session from build.spec with PyInstaller."""

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT_S = 1800


@pytest.fixture(scope="session")
def frozen_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`dist/speech-coach/` of a fresh PyInstaller build, in a temporary folder.

    Without PyInstaller the tests skip, except in CI (the `CI` variable is set), where
    `scripts/dev test` installs the `build` extra: there a missing PyInstaller fails.
    """
    if importlib.util.find_spec("PyInstaller") is None:
        reason = "PyInstaller is not installed (pip install -e '.[build]', or run scripts/dev test)"
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI must build and test the bundle", pytrace=False)
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("frozen")
    started_s = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            *("-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"),
            *("--distpath", str(folder / "dist"), "--workpath", str(folder / "work")),
            str(REPO / "build.spec"),
        ],
        cwd=REPO,
        env={key: value for key, value in os.environ.items() if key != "SPEECH_COACH_BUNDLE_MODEL"},
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
    if done.returncode != 0:
        pytest.fail(f"PyInstaller failed ({done.returncode}):\n{done.stderr[-5000:]}")
    bundle = folder / "dist" / "speech-coach"
    # For whoever reads the test log: how long the build took and how big the bundle is.
    files = [f for f in bundle.rglob("*") if f.is_file() and not f.is_symlink()]
    size_mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"\nfrozen bundle: {size_mb:.0f} MB, built in {time.monotonic() - started_s:.0f} s")
    return bundle

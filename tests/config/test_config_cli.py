"""`speech-coach config check|default` as a supervisor meets it: exit codes, no tracebacks."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from desktop.__main__ import build_parser
from desktop.coaching.settings import Policy
from desktop.config import load_policy
from desktop.config.default_file import render_default_file
from desktop.resources import resource_path

from confighelpers import write


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home())}
    if "PYTHONPATH" in os.environ:  # a checkout run from its own folder tests its own code
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env=env,
        cwd=cwd,
    )


def test_check_a_valid_file(tmp_path: Path) -> None:
    """Exit 0 and "FILE: valid"; warnings (with their suggestion) go to stderr."""
    write(tmp_path, "ok.toml", "schema_version = 1\n[cues.haste]\nenabeld = false\n")
    done = run_cli("config", "check", "ok.toml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok.toml: valid\n"
    assert "did you mean [cues.haste].enabled?" in done.stderr
    assert "Traceback" not in done.stderr


def test_check_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    """Three mistakes: three error lines, a count, exit 1, nothing on stdout."""
    write(tmp_path, "bad.toml", 'schema_version = 1\n[general]\nlanguage = "fr"\n'
          "[gate]\nmax_cues_per_call = true\n[cues.haste]\nceiling_syl_s = 'fast'\n")  # fmt: skip
    done = run_cli("config", "check", "bad.toml", cwd=tmp_path)
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        'error: bad.toml: [general].language must be one of "nl", "en", got \'fr\'',
        "error: bad.toml: [gate].max_cues_per_call must be a whole number between 0 and 100, "
        "got true",
        "error: bad.toml: [cues.haste].ceiling_syl_s must be a number between 3 and 10, got 'fast'",
    ]
    assert done.stderr.endswith("bad.toml: not valid (3 problems)\n")
    assert done.stdout == "" and "Traceback" not in done.stderr


def test_check_binary_junk_and_a_folder(tmp_path: Path) -> None:
    """Files that are not configurations at all still get a sentence and exit 1."""
    write(tmp_path, "junk.toml", bytes(range(256)))
    for name in ("junk.toml", "."):
        done = run_cli("config", "check", name, cwd=tmp_path)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert f"error: {name}: " in done.stderr


def test_check_a_missing_file_or_no_file_is_a_usage_error(tmp_path: Path) -> None:
    """A path that does not exist, or no path, exits 2 like any other usage error."""
    done = run_cli("config", "check", "gone.toml", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (2, "gone.toml: no such file\n")
    done = run_cli("config", "check", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_default_prints_the_commented_file_that_loads_as_the_defaults(tmp_path: Path) -> None:
    """The printed file is the shipped one, parses, and holds exactly Policy()."""
    done = run_cli("config", "default", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == render_default_file()
    assert done.stdout == resource_path("config", "default.toml").read_text(encoding="utf-8")
    tomllib.loads(done.stdout)  # parses on its own, before the app's checks
    saved = write(tmp_path, "supervisor.toml", done.stdout.encode("utf-8"))
    result = load_policy(saved)
    assert result.policy == Policy() and result.warnings == ()


def test_analyze_accepts_a_config_option() -> None:
    """`analyze --config FILE` parses (the analyze command passes it on)."""
    args = build_parser().parse_args(["analyze", "a.wav", "--config", "s.toml"])
    assert args.config == "s.toml"
    assert build_parser().parse_args(["analyze", "a.wav"]).config is None

"""The shipped default file documents every key and is exactly the product defaults."""

import ast
import sys
import tomllib
from pathlib import Path

from desktop.coaching.settings import Policy
from desktop.config import load_policy
from desktop.config.default_file import render_default_file
from desktop.config.keys import KEYS, MOST_CHANGED, NEEDS_SPEECH_MODEL, SECTIONS
from desktop.config.keys_nl import SECTIONS_NL, UNITS_NL, key_doc_nl
from desktop.resources import resource_path

DEFAULT_FILE = resource_path("config", "default.toml")
PACKAGE = Path(__file__).resolve().parents[2] / "desktop" / "config"


def test_committed_default_file_is_the_generated_one() -> None:
    """resources/config/default.toml is up to date with keys.py and settings.py."""
    assert DEFAULT_FILE.read_text(encoding="utf-8") == render_default_file(), (
        "regenerate it: python -m desktop.config.default_file"
    )


def test_default_file_loads_as_exactly_the_defaults_without_warnings() -> None:
    """Loading the shipped file changes nothing and raises no remark."""
    result = load_policy(DEFAULT_FILE)
    assert result.policy == Policy()
    assert result.warnings == ()


def test_default_file_sets_every_key_in_the_table() -> None:
    """Every setting is present and active in the file, so the supervisor sees them all."""
    document = tomllib.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
    for key in KEYS:
        table = document
        for part in key.section.split("."):
            table = table[part]
        assert key.name in table, key.path


def test_each_number_is_documented_with_its_unit_and_range() -> None:
    """The comment just above each numeric key states the unit and the validated range."""
    lines = DEFAULT_FILE.read_text(encoding="utf-8").splitlines()
    section = ""
    for index, line in enumerate(lines):
        if line.startswith("["):
            section = line.strip("[]")
            continue
        for key in KEYS:
            if key.section == section and line.startswith(f"{key.name} = "):
                comment = []
                for above in reversed(lines[:index]):
                    if not above.startswith("#"):
                        break
                    comment.insert(0, above[2:])
                text = " ".join(comment)
                assert key.doc.split()[0] in text, key.path
                if key.kind in ("int", "float"):
                    assert f"{key.unit.capitalize()}, {key.low:g} to {key.high:g}." in text


def test_config_imports_only_the_standard_library_platformdirs_and_settings() -> None:
    """config/ sits below the UI and the engine: no Qt, numpy, vosk or engine imports. The
    phrase syntax it checks extra phrases against lives with the lexicons, which obey the
    same rule."""
    allowed_desktop = ("desktop.config", "desktop.coaching.settings", "desktop.errors",
                       "desktop.resources", "desktop.coaching.lexicon",
                       "desktop.coaching.text")  # fmt: skip
    lexicons = PACKAGE.parent / "coaching"
    for path in [*PACKAGE.glob("*.py"), lexicons / "lexicon.py", lexicons / "text.py"]:
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                ok = top in sys.stdlib_module_names or top == "platformdirs"
                assert ok or name.startswith(allowed_desktop), f"{path.name} imports {name}"


DUTCH_FILE = resource_path("config", "default.nl.toml")


def test_the_dutch_default_file_is_generated_and_holds_exactly_the_defaults() -> None:
    """resources/config/default.nl.toml is current, loads as Policy() without remarks, and
    sets the same keys with the same values as the English file (only comments differ)."""
    assert DUTCH_FILE.read_text(encoding="utf-8") == render_default_file("nl"), (
        "regenerate it: python -m desktop.config.default_file"
    )
    result = load_policy(DUTCH_FILE)
    assert result.policy == Policy() and result.warnings == ()
    dutch = tomllib.loads(DUTCH_FILE.read_text(encoding="utf-8"))
    assert dutch == tomllib.loads(DEFAULT_FILE.read_text(encoding="utf-8"))


def test_every_section_and_key_has_a_dutch_line() -> None:
    """The Dutch table covers the key table: a new key without Dutch help fails here."""
    assert set(SECTIONS_NL) == {name for name, _ in SECTIONS}
    for key in KEYS:
        assert key_doc_nl(key.path), key.path
        if key.unit:
            assert key.unit in UNITS_NL, key.unit


def test_the_dutch_file_starts_with_the_five_keys_teams_change_and_names_model_cues() -> None:
    """Above the first section: the five most-changed keys with their defaults; each cue
    that listens for words says it needs the speech model, the others do not."""
    text = DUTCH_FILE.read_text(encoding="utf-8")
    top = text[: text.index("\n[general]")]
    for path in MOST_CHANGED:
        section, _, name = path.rpartition(".")
        assert f"#   [{section}] {name} = " in top, path
    for section, _ in SECTIONS:
        block = text[: text.index(f"\n[{section}]\n")].rsplit("\n\n", 1)[-1]
        comment = " ".join(line.removeprefix("# ") for line in block.splitlines())
        needs = "Werkt alleen met een spraakmodel." in comment
        assert needs == (section in NEEDS_SPEECH_MODEL), section
    assert "Schrijf decimale getallen met een punt: 5.5, niet 5,5." in text


def test_config_default_speaks_dutch_on_a_dutch_system_or_when_asked() -> None:
    """`config default --language nl`, and `config default` under LANG=nl_NL.UTF-8, print
    the Dutch file; under LANG=C the English one."""
    import os
    import subprocess

    def run(*args: str, lang: str) -> str:
        env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "LANG": lang}
        if "PYTHONPATH" in os.environ:
            env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        done = subprocess.run(
            [sys.executable, "-m", "desktop", "config", "default", *args],
            capture_output=True,
            env=env,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.decode("utf-8")

    assert run("--language", "nl", lang="C") == render_default_file("nl")
    assert run(lang="nl_NL.UTF-8") == render_default_file("nl")
    assert run(lang="C") == render_default_file("en")
    assert run("--language", "en", lang="nl_NL.UTF-8") == render_default_file("en")

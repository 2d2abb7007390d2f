"""The shipped default file documents every key and is exactly the product defaults."""

import ast
import sys
import tomllib
from pathlib import Path

from desktop.coaching.settings import Policy
from desktop.config import load_policy
from desktop.config.default_file import render_default_file
from desktop.config.keys import KEYS
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

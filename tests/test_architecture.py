"""The one-way shape of the code, enforced: the core never reaches up or into Qt."""

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "desktop"


def imported_modules(folder: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[str(path.relative_to(PACKAGE))] = names
    return found


def test_prosody_uses_numpy_and_the_standard_library_only() -> None:
    """prosody/ is pure signal processing: numpy, stdlib and its own modules."""
    for module, names in imported_modules(PACKAGE / "prosody").items():
        for name in names:
            top = name.split(".")[0]
            allowed = (
                top in sys.stdlib_module_names
                or top == "numpy"
                or name.startswith("desktop.prosody")
            )
            assert allowed, f"{module} imports {name}"


@pytest.mark.parametrize("layer", ["prosody", "recognition", "audio", "cli"])
def test_core_layers_do_not_import_qt_or_the_engine(layer: str) -> None:
    """Lower layers never import Qt, the engine or the app: data flows one way, upwards."""
    for module, names in imported_modules(PACKAGE / layer).items():
        for name in names:
            assert not name.startswith("PySide6"), f"{module} imports {name}"
            if layer != "cli":
                assert name not in {"desktop.engine", "desktop.app"}, f"{module} imports {name}"


def test_conversation_is_pure_analysis_of_both_sides() -> None:
    """conversation/ (who speaks) uses numpy, the stdlib, prosody and itself: no Qt, no audio
    devices, no coaching policy; the coach reads what it decides, never the other way."""
    for module, names in imported_modules(PACKAGE / "conversation").items():
        for name in names:
            top = name.split(".")[0]
            allowed = (
                top in sys.stdlib_module_names
                or top == "numpy"
                or name.startswith(("desktop.prosody", "desktop.conversation"))
            )
            assert allowed, f"{module} imports {name}"

"""Where the summary window saves an export: the platform's save dialog, behind a function
the window takes in its constructor (tests pass their own), and a sensible suggested name."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.coaching.settings import Language
from desktop.summary.figures import ShiftFigures

ChooseSavePath = Callable[[QWidget, str, Path], Path | None]
"""`choose(parent, title, suggested_path)` returns the path to write, or None when the person
cancelled."""


def ask_for_csv_path(parent: QWidget, title: str, suggested: Path) -> Path | None:
    return _ask(parent, title, suggested, "CSV (*.csv)", ".csv")


def ask_for_pdf_path(parent: QWidget, title: str, suggested: Path) -> Path | None:
    return _ask(parent, title, suggested, "PDF (*.pdf)", ".pdf")


def suggested_path(figures: ShiftFigures, suffix: str, language: Language) -> Path:
    """~/Documents/speech-coach-dienst-12-2025-05-06.pdf (the home folder without Documents)."""
    folder = Path.home() / "Documents"
    if not folder.is_dir():
        folder = Path.home()
    word = "dienst" if language == "nl" else "shift"
    day = figures.started_utc.astimezone().strftime("%Y-%m-%d")
    return folder / f"speech-coach-{word}-{figures.shift_id}-{day}{suffix}"


def _ask(parent: QWidget, title: str, suggested: Path, filters: str, suffix: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

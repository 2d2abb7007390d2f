"""The settings-problem dialog: one sentence for the agent, the details behind a button.

The agent cannot fix the supervisor's file and needs to know only that coaching goes on and
whom to tell. The details (every problem, the file named once, a hint where a Dutch reader
will most likely have slipped, such as a decimal comma) are for the team lead or IT, behind
a "Details voor IT" button.
"""

import re

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop.coaching.settings import Language
from desktop.ui.texts import text

_LINE = re.compile(r"^(?P<file>.*?)(?P<where>, line \d+, column \d+)?: (?P<what>.*)$")
_DECIMAL_COMMA = re.compile(r"\d,\d")


def problem_details(problem: str, language: Language) -> str:
    """The problems, grouped per file (named once), each on its own line, with a hint after
    a problem that looks like a decimal comma ("5,5" where TOML wants "5.5")."""
    out: list[str] = []
    current_file = None
    for raw in filter(None, (line.strip() for line in problem.splitlines())):
        match = _LINE.match(raw)
        file, what = ("", raw)
        if match:
            file = match["file"]
            where = (match["where"] or "").lstrip(", ")
            what = f"{where}: {match['what']}" if where else match["what"]
        if file != current_file:
            if out:
                out.append("")
            out.append(f"{text('config_problem.file', language)}: {file}")
            current_file = file
        out.append(f"• {what}")
        if _DECIMAL_COMMA.search(what):
            out.append(f"  {text('config_problem.decimal_comma', language)}")
    return "\n".join(out)


class ConfigProblemDialog(QDialog):
    """A non-modal window: one sentence for the agent; "Details voor IT" shows every
    problem (for whoever fixes the file); "Sluiten" closes it. Every word in the agent's
    language (QMessageBox's own buttons would be in Qt's language, often English)."""

    def __init__(self, problem: str, language: Language) -> None:
        super().__init__()
        self.setWindowTitle(f"Speech Coach — {text('config_problem.title', language)}")
        self.setModal(False)
        self.sentence = QLabel(text("config_problem.agent", language))
        self.sentence.setWordWrap(True)
        self.details = QPlainTextEdit(problem_details(problem, language))
        self.details.setReadOnly(True)
        self.details.setMinimumHeight(160)
        self.details.hide()
        self.details_button = QPushButton(text("config_problem.details", language))
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self.details.setVisible)
        self.close_button = QPushButton(text("config_problem.close", language))
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.details_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(self.sentence)
        layout.addWidget(self.details, 1)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)


def config_problem_box(problem: str, language: Language) -> ConfigProblemDialog:
    """The settings-problem window for `problem` (the app's joined problem lines)."""
    return ConfigProblemDialog(problem, language)

"""The settings-problem dialog: one sentence for the agent, the details behind a button.

The agent cannot fix the supervisor's file and needs to know only that coaching goes on and
whom to tell. The details (every problem, the file named once, a hint where a Dutch reader
will most likely have slipped, such as a decimal comma) are for the team lead or IT, behind
QMessageBox's own "Show details" button.
"""

import re

from PySide6.QtWidgets import QMessageBox

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
            what = f"{(match['where'] or '').lstrip(', ')} {match['what']}".strip()
        if file != current_file:
            if out:
                out.append("")
            out.append(f"{text('config_problem.file', language)}: {file}")
            current_file = file
        out.append(f"• {what}")
        if _DECIMAL_COMMA.search(what):
            out.append(f"  {text('config_problem.decimal_comma', language)}")
    return "\n".join(out)


def config_problem_box(problem: str, language: Language) -> QMessageBox:
    """A non-modal warning: one sentence for the agent, every problem under "details"."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        text("config_problem.title", language),
        text("config_problem.agent", language),
    )
    box.setDetailedText(problem_details(problem, language))
    box.setModal(False)
    return box

"""The settings-problem dialog: one sentence for the agent, the details behind a button.

The agent cannot fix the supervisor's file and needs to know only that coaching goes on and
whom to tell. The details are for the team lead or IT, behind a "Details voor IT" button:
every problem, the file named once, the position in the agent's language, and each
problem's own hint ("bedoelde je [gate].sounds?", the decimal point for "5,5") as the
configuration found it: `config check`, the log and this window give the same advice.
"""

from PySide6.QtGui import QFont, QFontMetrics, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
)

from desktop.coaching.settings import Language
from desktop.config import Problem, ProblemReport
from desktop.ui.texts import text

DETAILS_SIZE_PX = (680, 400)


def problem_details(report: ProblemReport, language: Language) -> str:
    """Per file (named once): its errors, then what else was noticed, one problem per line
    with its position, and its hint on the line below."""
    out: list[str] = []
    files = dict.fromkeys(problem.file for problem in report.errors + report.warnings)
    for file in files:
        if out:
            out.append("")
        out.append(f"{text('config_problem.file', language)}: {file}")
        out += _lines([p for p in report.errors if p.file == file], language)
        warnings = [p for p in report.warnings if p.file == file]
        if warnings:
            out.append(f"{text('config_problem.also', language)}:")
            out += _lines(warnings, language)
    return "\n".join(out)


def _lines(problems: list[Problem], language: Language) -> list[str]:
    out = []
    for problem in problems:
        where = ""
        if problem.line is not None:
            where = text("config_problem.position", language).format(
                line=problem.line, column=problem.column
            )
            where += ": "
        out.append(f"• {where}{problem.what()}")
        if problem.hint is not None:
            hint = problem.hint.text(language)
            ending = "" if hint.endswith(("?", ".")) else "."
            out.append(f"  {text('config_problem.hint', language)}: {hint}{ending}")
    return out


def _fill(view: QTextEdit, details: str) -> None:
    """`details` one block per line, so its plain text stays exactly `details` (IT may copy
    it), laid out for reading: headings bold, a problem's wrapped lines and its hint
    indented under its text rather than under the bullet."""
    metrics = QFontMetrics(view.font())
    bullet_px, hint_px = metrics.horizontalAdvance("• "), metrics.horizontalAdvance("  ")
    cursor = QTextCursor(view.document())
    for index, line in enumerate(details.split("\n")):
        block, chars = QTextBlockFormat(), QTextCharFormat()
        if line.startswith("• "):
            block.setLeftMargin(bullet_px)
            block.setTextIndent(-bullet_px)
        elif line.startswith("  "):
            block.setLeftMargin(bullet_px)
            block.setTextIndent(-hint_px)
        elif line:
            chars.setFontWeight(QFont.Weight.Bold)
            block.setTopMargin(0 if index == 0 else 4)
        if index:
            cursor.insertBlock(block, chars)
        else:
            cursor.setBlockFormat(block)
        cursor.insertText(line, chars)


class ConfigProblemDialog(QDialog):
    """A non-modal window: one sentence for the agent; "Details voor IT" shows every
    problem (for whoever fixes the file); "Sluiten" closes it. Every word in the agent's
    language (QMessageBox's own buttons would be in Qt's language, often English)."""

    def __init__(self, report: ProblemReport, language: Language) -> None:
        super().__init__()
        self.setWindowTitle(f"Speech Coach — {text('config_problem.title', language)}")
        self.setModal(False)
        self.sentence = QLabel(text("config_problem.agent", language))
        self.sentence.setWordWrap(True)
        self.details = QTextEdit()
        self.details.setReadOnly(True)
        _fill(self.details, problem_details(report, language))
        self.details.setMinimumHeight(160)
        self.details.hide()
        self.details_button = QPushButton(text("config_problem.details", language))
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._show_details)
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

    def _show_details(self, shown: bool) -> None:
        """Show or hide the details; shown, the window grows to a size where most problems
        fit on a line or two (it fits a 1366×768 screen), without shrinking a larger one."""
        self.details.setVisible(shown)
        if shown:
            self.resize(
                max(self.width(), DETAILS_SIZE_PX[0]), max(self.height(), DETAILS_SIZE_PX[1])
            )


def config_problem_box(report: ProblemReport, language: Language) -> ConfigProblemDialog:
    """The settings-problem window for the problems in `report`."""
    return ConfigProblemDialog(report, language)

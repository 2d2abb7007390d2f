"""The feedback at the top of the summary window: what went well, then one thing to try."""

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from desktop.report.story import FeedbackLine


class FeedbackBanner(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("feedback")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(20, 12, 20, 14)
        self._layout.setSpacing(2)
        self.lines: tuple[FeedbackLine, ...] = ()
        self._labels: list[QLabel] = []

    @property
    def sentences(self) -> list[str]:
        return [line.sentence for line in self.lines]

    def set_lines(self, lines: tuple[FeedbackLine, ...]) -> None:
        self.lines = lines
        for label in self._labels:
            self._layout.removeWidget(label)
            label.deleteLater()
        self._labels = []
        for k, line in enumerate(lines):
            if line.heading:
                heading = QLabel(line.heading.upper())
                heading.setObjectName("praiseHeading" if line.kind == "praise" else "tipHeading")
                if k > 0:
                    heading.setContentsMargins(0, 8, 0, 0)
                self._add(heading)
            sentence = QLabel(line.sentence)
            sentence.setObjectName("feedbackText")
            sentence.setWordWrap(True)
            self._add(sentence)

    def _add(self, label: QLabel) -> None:
        self._layout.addWidget(label)
        self._labels.append(label)

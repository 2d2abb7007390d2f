"""The "you and the customer" card: a few sentences on how the agent and the customer shared
the calls (`desktop.summary.listening`), one per line, each behind a small dot."""

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class ListeningNotes(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 2, 0, 0)
        self._layout.setSpacing(4)
        self.sentences: tuple[str, ...] = ()
        self._labels: list[QLabel] = []

    def set_sentences(self, sentences: tuple[str, ...]) -> None:
        self.sentences = sentences
        for label in self._labels:
            self._layout.removeWidget(label)
            label.deleteLater()
        self._labels = []
        for sentence in sentences:
            label = QLabel(f"•  {sentence}" if len(sentences) > 1 else sentence)
            label.setObjectName("listeningText")
            label.setWordWrap(True)
            self._layout.addWidget(label)
            self._labels.append(label)

"""The summary window's look: calm, light, readable; the model set-up dialog's palette."""

STYLE = """
QWidget#summaryPage { background: #f4f6f7; }
QScrollArea { border: none; background: #f4f6f7; }
QLabel { color: #26313b; font-size: 10pt; }
QLabel#title { font-size: 18pt; font-weight: 600; }
QLabel#subtitle, QLabel#hint { color: #5c6873; }
QLabel#status { color: #5c6873; font-size: 9pt; }
QLabel#status[kind="error"] { color: #b87b12; }
QLabel#heading { font-size: 11pt; font-weight: 600; }
QLabel#caption { color: #b87b12; font-size: 9.5pt; }
QLabel#detailTitle { font-size: 13pt; font-weight: 600; }
QLabel#emptyTitle { font-size: 16pt; font-weight: 600; }
QLabel#emptyBody { color: #5c6873; font-size: 11pt; }
QFrame#card { background: #ffffff; border: 1px solid #e3e8ec; border-radius: 10px; }
QFrame#feedback { background: #e8f5f2; border-radius: 10px; border-left: 5px solid #2f9e8f; }
QLabel#praiseHeading { color: #23806f; font-size: 8.5pt; font-weight: 700; }
QLabel#tipHeading { color: #b87b12; font-size: 8.5pt; font-weight: 700; }
QLabel#feedbackText { font-size: 12pt; }
QLabel#listeningText { font-size: 10.5pt; }
QPushButton {
    font-size: 10pt; padding: 6px 14px; border-radius: 6px;
    border: 1px solid #c5ccd3; background: #ffffff; color: #26313b;
}
QPushButton:hover { background: #f1f4f6; }
QPushButton:disabled { color: #a3abb3; border-color: #dde1e5; background: #f6f7f8; }
QPushButton#primary { background: #2f9e8f; border-color: #2f9e8f; color: #ffffff; }
QPushButton#primary:hover { background: #298b7e; }
QComboBox {
    font-size: 10pt; padding: 5px 10px; border: 1px solid #c5ccd3; border-radius: 6px;
    background: #ffffff; color: #26313b; min-width: 300px;
}
QListWidget#callList { border: none; background: transparent; font-size: 10pt; outline: 0; }
QListWidget#callList::item { padding: 5px 4px; border-bottom: 1px solid #eef1f3; color: #26313b; }
QListWidget#callList::item:selected { background: #e8f5f2; color: #26313b; }
QScrollBar:vertical { width: 10px; background: transparent; margin: 2px; }
QScrollBar::handle:vertical { background: #c5ccd3; border-radius: 3px; min-height: 24px; }
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: transparent; }
QFrame#cueRow { border: none; border-bottom: 1px solid #eef1f3; }
QLabel#cueTime { color: #8a929c; font-size: 9.5pt; }
QLabel#cueTitle { font-weight: 600; }
QLabel#cueEvidence { color: #5c6873; font-size: 9pt; }
"""

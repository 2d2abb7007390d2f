"""The shift report drawn with QtGui: charts, headline tiles and the one-page PDF.

The summary window (`desktop.ui.summary_*`) and `speech-coach summary --pdf` paint the very
same pictures with these functions, so what the coach sees on paper is what the agent saw on
screen. Qt-free parts (the words, the tiles' figures, the chart's data) are plain modules;
the painters import QtGui only, never QtWidgets, so the command line can draw a PDF without a
display (`headless.ensure_gui_application`).
"""

"""Colours, fonts and sizes shared by the summary window and the PDF.

The colours are the tray's (`desktop/ui/icons.py`) and the model set-up dialog's: teal for
what went well, amber for haste and for the one thing to try, slate for plain data. Sizes are
in layout units: one screen pixel in the window, one typographic point in the PDF (`Ink.unit`
turns them into device pixels), so one painter draws the same picture on both.
"""

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont

TEXT = QColor("#26313b")
SUBTLE = QColor("#5c6873")
FAINT = QColor("#8a929c")
GRID = QColor("#e3e8ec")
RULE = QColor("#c5ccd3")
PAPER = QColor("#ffffff")
PAGE = QColor("#f4f6f7")
CALL_SHADE = QColor("#f1f4f6")
TEAL = QColor("#2f9e8f")
TEAL_SOFT = QColor("#e8f5f2")
AMBER = QColor("#e0a030")
AMBER_DEEP = QColor("#b87b12")
AMBER_SOFT = QColor("#fdf4e3")
SLATE = QColor("#5b7290")
LINE = QColor("#3d4f63")
MUTED_BAR = QColor("#c9d3dc")
CUSTOMER = QColor("#8c9fb5")
"""The customer's tempo: a quieter slate than the agent's line, so the agent's reads first."""

CUE_COLOURS: dict[str, QColor] = {
    "haste": AMBER,
    "key_pause": QColor("#2f7fb5"),
    "acknowledgement": QColor("#8e6bb8"),
    "monologue": SLATE,
    "policy_shield": QColor("#d0483f"),
    "blame": QColor("#d0483f"),
    "raised_voice": QColor("#c0392b"),
    "fillers": FAINT,
    "interrupting": QColor("#b5577e"),
    "dead_air": QColor("#6f8596"),
    "pace_matching": QColor("#3f97c4"),
}


def cue_colour(name: str) -> QColor:
    return CUE_COLOURS.get(name, FAINT)


def with_alpha(colour: QColor, alpha: int) -> QColor:
    faded = QColor(colour)
    faded.setAlpha(alpha)
    return faded


@dataclass(frozen=True, slots=True)
class Ink:
    """How to draw on one device: `unit` device pixels per layout unit, and the font family."""

    unit: float = 1.0
    family: str = ""

    def u(self, units: float) -> float:
        return units * self.unit

    def font(self, size: float, bold: bool = False) -> QFont:
        """A font `size` layout units high (pixel size, so it scales with the geometry)."""
        font = QFont(self.family) if self.family else QFont()
        font.setPixelSize(max(1, round(size * self.unit)))
        font.setBold(bold)
        return font

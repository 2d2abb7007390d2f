"""Reading screenshots in tests: how many pixels of a colour lie in a part of the screen."""

from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage

CARD_STRIPE_RGB = (0xE0, 0xA0, 0x30)
"""The amber stripe of a cue card (desktop/ui/icons.py AMBER)."""


def pixels_like(
    shot: Path,
    rgb: tuple[int, int, int],
    box: tuple[int, int, int, int] | None = None,
    tolerance: int = 40,
) -> int:
    """Pixels within `tolerance` (sum of channel differences) of `rgb` inside
    `box` = (left, top, right, bottom), the whole screen when None."""
    image = QImage(str(shot)).convertToFormat(QImage.Format.Format_RGB888)
    width, height = image.width(), image.height()
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(height, image.bytesPerLine())
    screen = rows[:, : width * 3].reshape(height, width, 3).astype(int)
    left, top, right, bottom = box or (0, 0, width, height)
    part = screen[top:bottom, left:right]
    return int((np.abs(part - np.array(rgb)).sum(axis=2) < tolerance).sum())


def card_on_screen(shot: Path) -> bool:
    """Whether a cue card's amber stripe is visible in the top half of the screen."""
    image = QImage(str(shot))
    return pixels_like(shot, CARD_STRIPE_RGB, (0, 0, image.width(), image.height() // 2)) >= 40

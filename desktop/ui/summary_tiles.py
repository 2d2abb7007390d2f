"""The headline tiles of the summary window: eight painted tiles in a 4 × 2 grid.

Each tile paints itself with the report's `paint_tile`, so it looks exactly like its twin in
the PDF; its text is also its accessible name, and a figure that was not measured explains
itself in the tooltip.
"""

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

from desktop.report.ink import Ink
from desktop.report.tile_paint import paint_tile
from desktop.report.tiles import Tile

TILE_SIZE_PX = (180, 90)
COLUMNS = 4


class HeadlineTile(QWidget):
    def __init__(self, tile: Tile) -> None:
        super().__init__()
        self.setMinimumSize(*TILE_SIZE_PX)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.tile = tile
        self.set_tile(tile)

    def set_tile(self, tile: Tile) -> None:
        self.tile = tile
        self.setAccessibleName(f"{tile.label}: {tile.value}")
        self.setAccessibleDescription(tile.detail)
        self.setToolTip(tile.detail if not tile.measured else "")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(*TILE_SIZE_PX)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_tile(painter, QRectF(self.rect()), self.tile, Ink())
        painter.end()


class TileGrid(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(10)
        self._tiles: list[HeadlineTile] = []

    @property
    def tiles(self) -> list[HeadlineTile]:
        return list(self._tiles)

    def tile(self, key: str) -> HeadlineTile:
        return next(t for t in self._tiles if t.tile.key == key)

    def set_tiles(self, tiles: tuple[Tile, ...]) -> None:
        while len(self._tiles) < len(tiles):
            widget = HeadlineTile(tiles[len(self._tiles)])
            row, column = divmod(len(self._tiles), COLUMNS)
            self._layout.addWidget(widget, row, column)
            self._tiles.append(widget)
        for widget, tile in zip(self._tiles, tiles, strict=False):
            widget.set_tile(tile)

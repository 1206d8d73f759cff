"""The window on screens of every size: a size put back only where a screen can hold it, and a
post column that keeps its width while the side panels give way."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

#: The size of a first window, on a screen that can hold it.
DEFAULT_SIZE = QSize(1280, 800)
#: A new window takes at most this part of the screen's free area, each way.
SCREEN_SHARE = 0.9
#: Side panels give way to a narrower window down to this width before the post does.
SIDE_PANEL_MIN = 180


def restore_geometry(window: QWidget, saved: QByteArray | None) -> None:
    """Put the window back as it was left, if a screen can hold it there (a window left on a
    screen that is gone, or larger than this screen, with QT_SCALE_FACTOR=2 say, cannot);
    otherwise give it a size that fits the screen, centred on it."""
    if saved is not None and window.restoreGeometry(saved) and _on_a_screen(window.geometry()):
        return
    free = window.screen().availableGeometry()
    size = DEFAULT_SIZE.boundedTo(QSize(int(free.width() * SCREEN_SHARE), int(free.height() * SCREEN_SHARE)))
    window.resize(size)
    frame = QRect(free.topLeft(), size)
    frame.moveCenter(free.center())
    window.move(frame.topLeft())


def _on_a_screen(geometry: QRect) -> bool:
    return any(screen.availableGeometry().contains(geometry) for screen in QGuiApplication.screens())


class ReadingSplitter(QSplitter):
    """Side panels, the post, side panels: the post column takes what a wider window gains, and
    what a narrower one loses comes from the side panels first (down to SIDE_PANEL_MIN), so the
    post stays readable. (QSplitter alone takes both from the column with the stretch.)"""

    def __init__(self, post_column: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.post_column = post_column

    def resizeEvent(self, event: QResizeEvent) -> None:
        before = self.sizes()
        super().resizeEvent(event)
        after = self.sizes()
        lost = sum(before) - sum(after)
        if lost <= 0 or len(before) != len(after) or not self.isVisible():
            return
        sides = [i for i, size in enumerate(before) if i != self.post_column and size > SIDE_PANEL_MIN]
        spare = sum(before[i] - SIDE_PANEL_MIN for i in sides)
        taken = min(lost, spare)
        sizes = list(before)
        for i in sides:
            sizes[i] -= round(taken * (before[i] - SIDE_PANEL_MIN) / spare)
        sizes[self.post_column] -= lost - (sum(before) - sum(sizes))
        self.setSizes(sizes)

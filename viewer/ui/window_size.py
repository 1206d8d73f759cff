"""The window on screens of every size: a size put back only where a screen can hold it, and a
post column that keeps its width while the side panels give way."""

from __future__ import annotations

import struct
from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

#: The size of a first window, on a screen that can hold it.
DEFAULT_SIZE = QSize(1280, 800)
#: A new window takes at most this part of the screen's free area, each way.
SCREEN_SHARE = 0.9
#: Side panels give way to a narrower window down to this width before the post does.
SIDE_PANEL_MIN = 180
#: QSplitter.saveState() starts with this number (qsplitter.cpp's SplitterMagic), a version (0
#: or 1), then the widths asked for.
SPLITTER_STATE_MAGIC = 0xFF


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


def fitted_sizes(wanted: list[int], post: int, available: int) -> list[int]:
    """The panel widths `wanted` made to fill `available`: more goes to the post (index `post`);
    less comes from the side panels first, down to SIDE_PANEL_MIN each, then from the post."""
    sizes = list(wanted)
    lost = sum(sizes) - available
    if lost <= 0:
        sizes[post] -= lost
        return sizes
    sides = [i for i, size in enumerate(sizes) if i != post and size > SIDE_PANEL_MIN]
    spare = sum(sizes[i] - SIDE_PANEL_MIN for i in sides)
    taken = min(lost, spare)
    for i in sides:
        sizes[i] -= round(taken * (wanted[i] - SIDE_PANEL_MIN) / spare)
    sizes[post] -= sum(sizes) - available
    return sizes


class ReadingSplitter(QSplitter):
    """Side panels, the post, side panels: the post column takes what a wider window gains, and
    what a narrower one loses comes from the side panels first (down to SIDE_PANEL_MIN), so the
    post stays readable. (QSplitter alone takes both from the column with the stretch.) It keeps
    the widths asked for (set, restored, or dragged to) and fits them into the room there is."""

    def __init__(self, post_column: int, parent: QWidget | None = None) -> None:
        # Made without arguments: with one, PySide6 tells QSplitter's constructors apart by
        # setting up Qt's namespace (Qt.Orientation), 15 ms before the first paint.
        super().__init__()
        if parent is not None:
            self.setParent(parent)
        self.post_column = post_column
        self._wanted: list[int] = []
        self.splitterMoved.connect(self._remember_drag)

    def _remember(self, sizes: list[int]) -> None:
        self._wanted = list(sizes)

    def _remember_drag(self) -> None:
        # A hidden panel keeps the width it had, for when it shows again.
        old = self._wanted if len(self._wanted) == self.count() else self.sizes()
        self._wanted = [
            size if shown else old[i]
            for i, (size, shown) in enumerate(zip(self.sizes(), self._shown(), strict=True))
        ]

    def setSizes(self, sizes: Sequence[int]) -> None:
        self._remember(list(sizes))
        super().setSizes(sizes)

    def restoreState(self, state: QByteArray | bytes | bytearray | memoryview) -> bool:
        restored = super().restoreState(state)
        # Read here rather than with a QDataStream, which Qt's bindings take 1 ms to set up
        # before the first paint: big-endian 32-bit integers, as QDataStream writes them.
        data = state.data() if isinstance(state, QByteArray) else bytes(state)
        if restored and len(data) >= 12:
            magic, version, count = struct.unpack_from(">iii", data)
            if magic == SPLITTER_STATE_MAGIC and version in (0, 1) and 0 <= count <= (len(data) - 12) // 4:
                self._remember(list(struct.unpack_from(f">{count}i", data, 12)))
        return restored

    def fit(self, wanted: list[int], available: int) -> None:
        """Set the panels' widths to `wanted`, fitted into `available` (see fitted_sizes)."""
        super().setSizes(fitted_sizes(wanted, self.post_column, available))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        laid_out = self.sizes()
        # Less room than the widths asked for (a narrower window, or widths left on a wider
        # screen): Qt would take it all from the post; the side panels give first.
        wanted = [size if shown else 0 for size, shown in zip(self._wanted, self._shown(), strict=False)]
        if len(wanted) == len(laid_out) and sum(laid_out) > 0:
            self.fit(wanted, sum(laid_out))

    def _shown(self) -> list[bool]:
        return [
            not widget.isHidden() for widget in map(self.widget, range(self.count())) if widget is not None
        ]

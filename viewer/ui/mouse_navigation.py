"""The mouse's back and forward buttons go back and forward wherever the pointer is in the
window (each view would otherwise take the press for itself, or drop it).

The presses are caught on the window's QWindow, where the system hands them in, before they
reach a widget. A filter on the application would see them too, but also every event of every
widget: each would wait for the interpreter lock while a worker thread holds it, and the window
would crawl while a long post renders or a library is indexed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QWidget


class MouseNavigation(QObject):
    def __init__(self, window: QWidget, back: QAction, forward: QAction) -> None:
        super().__init__(window)
        self._actions = {Qt.MouseButton.BackButton: back, Qt.MouseButton.ForwardButton: forward}
        if window.windowHandle() is None:
            window.create()
        handle = window.windowHandle()
        assert handle is not None  # made just above
        handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _CLICK_PARTS and isinstance(event, QMouseEvent):
            action = self._actions.get(event.button())
            if action is not None:
                if event.type() == QEvent.Type.MouseButtonPress:
                    action.trigger()
                # The whole click is taken: a second press comes as a press, then a double
                # click, which a view would take as its own (the outline jumps to the row).
                return True
        return False


_CLICK_PARTS = frozenset(
    (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick)
)

"""The mouse's back and forward buttons go back and forward wherever the pointer is in the
window (each view would otherwise take the press for itself, or drop it)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget


class MouseNavigation(QObject):
    def __init__(self, window: QWidget, back: QAction, forward: QAction) -> None:
        super().__init__(window)
        self.window, self.back, self.forward = window, back, forward
        application = QApplication.instance()
        if application is not None:
            application.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(watched, QWidget):
            button = event.button() if isinstance(event, QMouseEvent) else None
            action = {Qt.MouseButton.BackButton: self.back, Qt.MouseButton.ForwardButton: self.forward}.get(
                button  # type: ignore[arg-type]
            )
            if action is not None and watched.window() is self.window:
                action.trigger()
                return True
        return False

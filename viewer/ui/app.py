"""Starting the window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from viewer import __version__
from viewer.resources import resource_path
from viewer.ui.main_window import MainWindow
from viewer.ui.settings import Settings


def run(path: Path | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Note Viewer")
    app.setOrganizationName("note-viewer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("note-viewer")
    window = MainWindow(Settings())
    window.show()
    # Paint the window before the post is read: the rendering thread's imports would otherwise
    # compete with the first paint.
    app.processEvents()
    target = path if path is not None else resource_path("samples")
    QTimer.singleShot(0, lambda: window.open_path(target))
    return app.exec()

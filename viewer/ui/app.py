"""Starting the window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from viewer import __version__
from viewer.resources import resource_path
from viewer.ui.main_window import MainWindow
from viewer.ui.settings import Settings

SMOKE_TEST_TIMEOUT_MS = 30_000


def run(path: Path | None, smoke_test: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Note Viewer")
    app.setOrganizationName("note-viewer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("note-viewer")
    app.setWindowIcon(_app_icon())
    window = MainWindow(Settings(), build_now=False)
    if smoke_test:
        _check_when_shown(app, window)
    # Show the window first, then load the panels' code and build them, then read the post:
    # the window appears as soon as Qt is up.
    window.show()
    app.processEvents()
    window.build()
    app.processEvents()
    target = path if path is not None else resource_path("samples")
    QTimer.singleShot(0, lambda: window.open_path(target))
    code = app.exec()
    if window.reading.busy():
        # A post still being read or laid out (a huge one takes seconds in Qt's HTML import,
        # which cannot be interrupted) would keep the process alive until it is done, with no
        # window. Settings are saved (closeEvent) and the index is consistent at any point:
        # leave now.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _app_icon() -> QIcon:
    # PNGs, not the SVG: loading Qt's SVG icon engine would slow the first paint.
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        icon.addFile(str(resource_path("icons", f"note-viewer-{size}.png")))
    return icon


def _check_when_shown(app: QApplication, window: MainWindow) -> None:
    """--smoke-test: exit 0 once a post is on screen with its outline, 1 if it is empty, 2 if
    nothing arrives in time. Used by CI on the frozen app."""

    def check() -> None:
        shown = window.reading.rendered is not None and window.outline.model().rowCount() > 0
        shown = shown and bool(window.preview.toPlainText().strip())
        print("smoke test:", "outline and post shown" if shown else "nothing shown", file=sys.stderr)
        window.close()
        app.exit(0 if shown else 1)

    window.post_shown.connect(check)
    QTimer.singleShot(SMOKE_TEST_TIMEOUT_MS, lambda: app.exit(2))

"""Starting the window."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QApplication

from viewer import __version__
from viewer.resources import resource_path
from viewer.ui.input_method import choose_input_method, qt_plugin_folders
from viewer.ui.main_window import MainWindow
from viewer.ui.settings import Settings
from viewer.ui.single_instance import FileOpenEvents, InstanceServer, bring_forward, claim, list_the_others

SMOKE_TEST_TIMEOUT_MS = 30_000


def qt_application(argv: list[str]) -> list[str]:
    """Make the application from the whole command line, so that Qt takes out the options it
    knows with their values (-style fusion, -platform offscreen, -reverse, -stylesheet FILE,
    -qwindowgeometry …); returns the arguments left, for us to read."""
    if QApplication.instance() is None:
        choose_input_method(os.environ, qt_plugin_folders())
    app = QApplication.instance() or QApplication(argv)
    return app.arguments()[1:]


def run(paths: Sequence[Path], smoke_test: bool = False) -> int:
    """Open the window on the first of `paths` (on the sample posts when there is none); the
    others are put in File ▸ Open Recent."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Note Viewer")
    app.setOrganizationName("note-viewer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("note-viewer")
    app.setWindowIcon(_app_icon())
    # One app per user and display: a running one takes the paths and comes forward. A smoke
    # test always runs on its own.
    instance = InstanceServer(QLocalServer(app)) if smoke_test else claim(paths)
    if instance is None:
        return 0
    # Files the system opens in the app (macOS) wait, like handed-over ones, for the window.
    app.installEventFilter(FileOpenEvents(instance.receive, app))
    window = MainWindow(Settings(), build_now=False)
    targets = list(paths) or [resource_path("samples")]
    list_the_others(window, targets[1:])
    if smoke_test:
        _check_when_shown(app, window)
    # Show the window first, then load the panels' code and build them, then read the post:
    # the window appears as soon as Qt is up.
    window.show()
    app.processEvents()
    window.build()
    app.processEvents()
    QTimer.singleShot(0, lambda: window.open_path(targets[0]))
    QTimer.singleShot(0, lambda: instance.deliver_to(partial(bring_forward, window)))
    status = app.exec()
    instance.close()
    if window.reading.busy():
        # A post still being read or laid out (a huge one takes seconds in Qt's HTML import,
        # which cannot be interrupted) would keep the process alive until it is done, with no
        # window. Settings are saved (closeEvent) and the index is consistent at any point:
        # leave now.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status


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
        if window.reading.rendered is not None:
            print("smoke test: post:", window.reading.rendered.post.path, file=sys.stderr)
        if window.statusBar().currentMessage():
            print("smoke test: status bar:", window.statusBar().currentMessage(), file=sys.stderr)
        window.close()
        app.exit(0 if shown else 1)

    window.post_shown.connect(check)
    QTimer.singleShot(SMOKE_TEST_TIMEOUT_MS, lambda: app.exit(2))

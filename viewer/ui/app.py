"""Starting the window."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from viewer import __version__
from viewer.core import is_file
from viewer.core.render_cache import finished_early
from viewer.resources import resource_path
from viewer.ui.first_paint import after_first_post, after_next_paint, report_first_paint
from viewer.ui.input_method import choose_input_method, qt_plugin_folders
from viewer.ui.main_window import MainWindow
from viewer.ui.page_style import with_hangul_face
from viewer.ui.settings import Settings
from viewer.ui.single_instance import (
    FileOpeningApplication,
    InstanceServer,
    bring_forward,
    claim,
    list_the_others,
)
from viewer.ui.translation import start_in_language

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

SMOKE_TEST_TIMEOUT_MS = 30_000
#: How long the window waits for its first post before it shows without it.
EARLY_POST_WAIT_S = 0.5
#: Later apps are answered after the first paint, or this long after the start without one.
ANSWER_UNPAINTED_MS = 1000


def qt_application(argv: list[str]) -> list[str]:
    """Make the application from the whole command line, so that Qt takes out the options it
    knows with their values (-style fusion, -platform offscreen, -reverse, -stylesheet FILE,
    -qwindowgeometry …); returns the arguments left, for us to read."""
    if QApplication.instance() is None:
        choose_input_method(os.environ, qt_plugin_folders())
    app = QApplication.instance() or _application_class()(argv)
    return app.arguments()[1:]


def _application_class() -> type[QApplication]:
    # Only macOS sends files as events to the application; elsewhere Qt's own class, whose
    # events run no Python.
    return FileOpeningApplication if sys.platform == "darwin" else QApplication


def run(paths: Sequence[Path], smoke_test: bool = False) -> int:
    """Open the window on the first of `paths` (on the sample posts when there is none); the
    others are put in File ▸ Open Recent."""
    app = QApplication.instance() or _application_class()(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Note Viewer")
    app.setOrganizationName("note-viewer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("note-viewer")
    settings = Settings()
    translators = start_in_language(app, settings.language)
    app.setFont(with_hangul_face(app.font()))
    # One app per user and display: a running one takes the paths and comes forward. A smoke
    # test always runs on its own. (Before the first paint: an app started a moment later must
    # find this one's address, or two windows open.)
    instance = InstanceServer() if smoke_test else claim(paths)
    if instance is None:
        return 0
    # Files the system opens in the app (macOS) wait, like handed-over ones, for the window.
    if isinstance(app, FileOpeningApplication):
        app.hand_files_to(instance.receive)
    window = MainWindow(settings, build_now=False)
    targets = list(paths) or [resource_path("samples")]
    list_the_others(window, targets[1:])
    if smoke_test:
        _check_when_shown(app, window, [Path(t.filePath()).name for t in translators])
    # The post was read while Qt loaded (see cli.py). When that is over, or soon is (a post
    # opened for the first time renders), the window's first paint shows the post and its
    # header alone, and the panels, menus and toolbar are built after that paint, then the
    # post goes where it was left; else the window is built and shows first, the post after.
    rendered = finished_early(targets[0], wait=EARLY_POST_WAIT_S)
    window.build_post_view()
    if rendered is not None and window.reading.show_now(targets[0], rendered, arrive=False):

        def build_the_rest() -> None:
            window.build()
            window.reading.show_again()
            window.list_site_around(targets[0])

        after_first_post(window.reading, window, build_the_rest)
    else:
        window.build()
        if is_file(targets[0]):
            window.show_opening(targets[0])  # not the welcome page: the post is on its way
        QTimer.singleShot(0, lambda: window.open_path(targets[0]))
    after_next_paint(window, gc.enable)  # held off since the start (see cli.py)
    # The window manager takes the icon a moment after the window (QIcon's enums: 2 ms).
    after_next_paint(window, lambda: app.setWindowIcon(_app_icon()))
    after_next_paint(window, partial(_close_on_termination, window))
    # Later apps wait in the address's queue until then (Qt's network module: 5-10 ms), or
    # for a second at most, for a window the window manager keeps hidden (another workspace).
    answer = partial(instance.deliver_to, partial(bring_forward, window))
    after_next_paint(window, answer)
    QTimer.singleShot(ANSWER_UNPAINTED_MS, answer)
    # Last: of the watchers of the first paint, Qt asks the last installed first.
    report_first_paint(window.reading, window)
    window.show()
    status = app.exec()
    gc.enable()  # if the window never painted
    instance.close()
    if window.busy():
        # A post still being read or laid out (a huge one takes seconds in Qt's HTML import,
        # which cannot be interrupted), or an index update past the window's wait, runs on a
        # thread the interpreter would stop halfway through its own shutdown, with Qt already
        # gone. Settings are saved (closeEvent) and the index is consistent at any point:
        # leave now.
        _end_pool_processes()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status


def _close_on_termination(window: MainWindow) -> None:
    from viewer.ui.termination import close_on_termination

    close_on_termination(window.close, window)


def _end_pool_processes() -> None:
    """The processes an index update renders posts in would outlive an app that leaves with
    os._exit, waiting for work for ever: they are ended first."""
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is not None:  # imported only by an index update that used a pool
        for child in multiprocessing.active_children():
            child.terminate()


def _app_icon() -> QIcon:
    from PySide6.QtGui import QIcon

    # PNGs, not the SVG: loading Qt's SVG icon engine would slow the first paint.
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        icon.addFile(str(resource_path("icons", f"note-viewer-{size}.png")))
    return icon


def _check_when_shown(app: QApplication, window: MainWindow, translations: list[str]) -> None:
    """--smoke-test: exit 0 once a post is painted with its outline, 1 if it is empty, 2 if
    nothing arrives in time. Used by CI on the frozen app."""

    def check() -> None:
        shown = window.reading.rendered is not None and window.outline.model().rowCount() > 0
        shown = shown and bool(window.preview.toPlainText().strip())
        print("smoke test:", "outline and post shown" if shown else "nothing shown", file=sys.stderr)
        if window.reading.rendered is not None:
            print("smoke test: post:", window.reading.rendered.post.path, file=sys.stderr)
        menus = [action.text() for action in window.menuBar().actions()]
        print("smoke test: menus:", " ".join(menus), file=sys.stderr)  # the language it speaks
        print("smoke test: translations:", " ".join(translations), file=sys.stderr)
        if window.statusBar().currentMessage():
            print("smoke test: status bar:", window.statusBar().currentMessage(), file=sys.stderr)
        window.close()
        app.exit(0 if shown else 1)

    def shown() -> None:
        if window.reading.rendered is not None:
            after_next_paint(window, check)  # on screen: painted
        else:
            QTimer.singleShot(0, check)  # in the event loop: the post may come before it runs

    window.post_shown.connect(shown)
    QTimer.singleShot(SMOKE_TEST_TIMEOUT_MS, lambda: app.exit(2))

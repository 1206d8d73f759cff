"""After the first paint: work that can wait until the post is on screen, and the opt-in line
a launch benchmark waits for.

With NOTE_VIEWER_REPORT_FIRST_PAINT=1 in the environment the window prints, once,

    note-viewer: first paint of the post (cpu 0.123 s)

right after the window has painted the first post the reading state showed (the process's
CPU time so far in brackets). Nothing else changes; without the variable nothing is installed.
`benchmarks/launch.py` stops its clock on this line: the window's title or its mapping would
stop it before the post is there to read.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from viewer.ui.reading import Reading

ENVIRONMENT_VARIABLE = "NOTE_VIEWER_REPORT_FIRST_PAINT"
MARKER = "note-viewer: first paint of the post"


def after_next_paint(widget: QWidget, then: Callable[[], object]) -> None:
    """Call `then` once, as soon as `widget` (and with it what it holds) has next been painted."""
    watcher = _PaintWatcher(widget, then)
    widget.installEventFilter(watcher)
    widget.update()


def after_first_post(reading: Reading, window: QWidget, then: Callable[[], object]) -> None:
    """Call `then` once, after the window first paints with a post the reading state shows.

    The window is watched, not the post view's viewport: asking a scroll area for its
    viewport makes PySide6 set up the enums of every widget class (~15 ms) before the first
    paint. A window paints its children in the same pass, so once it has painted, so has the post.
    """
    done = False

    def shown(rendered: object) -> None:
        nonlocal done
        if rendered is not None and not done:
            done = True
            after_next_paint(window, then)

    if reading.rendered is not None:
        shown(reading.rendered)
    else:
        reading.post_changed.connect(shown)


def report_first_paint(reading: Reading, window: QWidget) -> None:
    """The benchmark's line (see the module's comment), when the environment asks for it."""
    if os.environ.get(ENVIRONMENT_VARIABLE, "") not in ("", "0"):
        after_first_post(reading, window, _print_marker)


class _PaintWatcher(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self.then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # After the paint itself: the filter sees the event before the widget handles it.
            QTimer.singleShot(0, self.then)
            self.deleteLater()
        return False


def _print_marker() -> None:
    print(f"{MARKER} (cpu {time.process_time():.3f} s)", file=sys.stderr, flush=True)

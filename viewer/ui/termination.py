"""SIGTERM (the session ending, `kill`) and SIGINT (Ctrl+C in the terminal that started the app)
close the window as the user would: the layout, the settings and the reading place are saved,
and the single-instance socket is removed. Python's default would end the process on the spot.

A Python signal handler runs only when the interpreter next runs, which Qt's event loop may not
ask of it for a long while; the signal's arrival is written to a pipe (`signal.set_wakeup_fd`)
that Qt watches, so the handler runs at once.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier


def close_on_termination(close: Callable[[], object], parent: QObject) -> None:
    """Call `close` when the process is asked to end (POSIX; nothing elsewhere)."""
    if sys.platform == "win32":
        return
    reading, writing = os.pipe()
    for end in (reading, writing):
        os.set_blocking(end, False)
        os.set_inheritable(end, False)
    notifier = QSocketNotifier(reading, QSocketNotifier.Type.Read, parent)

    def drain() -> None:  # the Python handlers run as this runs
        with contextlib.suppress(OSError):
            os.read(reading, 512)

    notifier.activated.connect(drain)
    signal.set_wakeup_fd(writing, warn_on_full_buffer=False)
    for number in (signal.SIGTERM, signal.SIGINT):
        if signal.getsignal(number) is not signal.SIG_IGN:  # started to ignore it: it still does
            signal.signal(number, lambda _number, _frame: close())

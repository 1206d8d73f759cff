"""Hand a QObject made on a worker thread (a laid-out post) to the GUI thread, without holding
Python's interpreter lock while Qt does it.

PySide6 keeps the interpreter lock through `QObject.moveToThread`, which takes Qt's own locks
(a lock per bucket of objects, and both threads' event queues). The GUI thread, deleting an
object, takes one of those locks and then waits for the interpreter lock to tell Python the
object is gone. When both meet, each waits for the other for good: a CI run hung so, with the
render lane in `moveToThread` and the GUI thread in `~QObject` (py-spy showed both). The same
Qt function called through ctypes runs with the interpreter lock released.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject

#: `QObject::moveToThread(QThread*)` as Qt 6 exports it on Linux and macOS (Itanium C++ names).
MOVE_TO_THREAD = "_ZN7QObject12moveToThreadEP7QThread"


@lru_cache(maxsize=1)
def _qt_move_to_thread() -> Callable[[int, int], None] | None:
    """Qt's own function, or None where it cannot be found (Windows: its C++ names differ)."""
    import ctypes  # not before the first paint: the first post laid out in a worker needs it

    from PySide6.QtCore import QLibraryInfo

    libraries = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath))
    if sys.platform.startswith("linux"):
        # The loaded library by its name (dlopen finds it among those loaded), else by its place.
        candidates = ["libQt6Core.so.6", str(libraries / "libQt6Core.so.6")]
    elif sys.platform == "darwin":
        candidates = [str(libraries / "QtCore.framework" / "QtCore")]
    else:
        return None
    for candidate in candidates:
        try:
            function = getattr(ctypes.CDLL(candidate), MOVE_TO_THREAD)
        except (OSError, AttributeError):
            continue
        function.argtypes = (ctypes.c_void_p, ctypes.c_void_p)
        function.restype = None
        return function  # type: ignore[no-any-return]
    return None


def move_to_gui_thread(thing: QObject) -> None:
    """Give `thing` (made on this thread) to the application's thread."""
    if threading.current_thread() is threading.main_thread():
        # Made on the GUI thread (the app is made on the main thread): the first post, laid
        # out before the first paint, without Qt's thread class (its bindings take a while).
        return
    application = QCoreApplication.instance()
    if application is None:
        return  # no GUI thread to give it to (a command-line export)
    target = application.thread()
    if thing.thread() is target:
        return
    function = _qt_move_to_thread()
    if function is None:
        thing.moveToThread(target)
        return
    [thing_address] = shiboken6.getCppPointer(thing)
    [target_address] = shiboken6.getCppPointer(target)
    function(thing_address, target_address)  # ctypes releases the interpreter lock meanwhile

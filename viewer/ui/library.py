"""The opened folder's library: its post list and search index, kept current off the GUI thread.

Opening a folder shows the list the index already holds at once, then brings the index up to
date in the background (with progress) and shows the fresh list; the posts that update left
unrendered are then rendered for their outline paths on a lane of their own, so that searches do
not wait behind them (their results gain paths as they are stored). Afterwards changes on disk are
picked up from folder and file watches, and by a re-check whenever the window is activated
(in-place edits of files beyond the watch budget are seen then).
"""

from __future__ import annotations

import sys
import threading
import time
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from viewer.core.user_folders import cache_folder
from viewer.ui.workers import Worker

#: Changes on disk come in bursts (a save, a git checkout): re-check once they settle.
RESCAN_DELAY_MS = 400
#: Folders are always watched; post files up to this many paths in all. On Linux each is an
#: inotify watch (a per-user budget shared with every other program); on macOS and the BSDs
#: each is an open file descriptor, of which a process may have only 256 by default.
WATCH_LIMIT = 4000 if sys.platform.startswith("linux") else 128
#: Results shown for a library search (the count covers all).
MAX_RESULTS = 30
#: While posts are rendered for their outline paths, `outlines_stored` says so this often.
OUTLINES_STORED_EVERY_S = 2.0


def read_library(
    folder: Path, cache: Path, update: bool, progress: Any, stop: threading.Event
) -> tuple[list[Any], list[str]]:
    """Runs in the worker thread: (the posts, the paths to watch); with `update` the index is
    brought up to date first."""
    from viewer.core.index import LibraryIndex, forget_unused_indexes, index_path_for

    index = LibraryIndex(folder, index_path_for(folder, cache))
    if not update:  # once per opening: the cache does not keep every folder ever opened
        forget_unused_indexes(cache)
    try:
        folders = index.update(progress, stop).folders if update else ()
        posts = index.posts()
    finally:
        index.close()
    if not update:
        return posts, []
    watched = [str(path) for path in folders]
    watched += [str(post.path) for post in posts][: max(0, WATCH_LIMIT - len(watched))]
    return posts, watched


def search_index(
    folder: Path, cache: Path, query: str, update_first: bool, stop: threading.Event, composing: str = ""
) -> tuple[str, str, int, list[Any]]:
    """Runs in the worker thread: (query, composing, how many posts match, the first hits);
    `composing` is the syllable an input method is composing after the query."""
    from viewer.core.index import LibraryIndex, index_path_for

    index = LibraryIndex(folder, index_path_for(folder, cache))
    try:
        if update_first:
            index.update(None, stop)
        count, hits = index.search(query, MAX_RESULTS, composing) if query or composing else (0, [])
    finally:
        index.close()
    return query, composing, count, hits


def store_outlines(folder: Path, cache: Path, progress: Any, stop: threading.Event) -> int:
    """Runs in the outlines lane: render the posts the last update left unrendered, for their
    outline paths (a pool of processes below the window's priority)."""
    from viewer.core.index import LibraryIndex, index_path_for

    index = LibraryIndex(folder, index_path_for(folder, cache))
    try:
        # An index kept in memory is this connection's alone: nothing would see the paths.
        return 0 if index.in_memory else index.store_outlines(progress, stop, background=True)
    finally:
        index.close()


class Library(QObject):
    #: The posts of the folder (list[PostSummary]); `fresh` once the index is up to date.
    listed = Signal(object, bool)
    #: Posts read so far, of how many (while the index is brought up to date).
    progress = Signal(int, int)
    #: (query, count, [SearchHit]) for `search()`: the query with the composing syllable after
    #: it; each hit says where in its post the query is.
    searched = Signal(str, int, list)
    #: More posts have their outline paths stored: a search shown may now say more.
    outlines_stored = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder: Path | None = None
        self.worker = Worker(self)
        self.worker.done.connect(self._on_done)
        self.worker.failed.connect(self._on_failed)
        # Renders for outline paths take long on a large folder: searches must not wait for them.
        self.outliner = Worker(self)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self.rescan_soon)
        self.watcher.directoryChanged.connect(self.rescan_soon)
        self._rescan_timer = QTimer(self, singleShot=True, interval=RESCAN_DELAY_MS)
        self._rescan_timer.timeout.connect(self.rescan)
        self._stop = threading.Event()
        self._quitting = threading.Event()
        self.updating = False
        self._rescan_again = False

    def open(self, folder: Path) -> None:
        self.close()
        self._stop = threading.Event()
        self.folder = folder
        cache, stop = cache_folder(), self._stop
        self.worker.submit("cached", lambda: read_library(folder, cache, False, None, stop))
        self.rescan()

    def rescan(self) -> None:
        """Bring the index and the list up to date with the folder."""
        if self.folder is None:
            return
        if self.updating:
            self._rescan_again = True  # the running update may have missed this change
            return
        self.updating = True
        folder, cache, stop = self.folder, cache_folder(), self._stop

        def report(done: int, total: int) -> None:
            if not stop.is_set():  # a folder no longer open says nothing
                self.progress.emit(done, total)

        self.worker.submit("fresh", lambda: read_library(folder, cache, True, report, stop))

    def rescan_soon(self, _changed: str = "") -> None:
        self._rescan_timer.start()

    def search(self, folder: Path, query: str, composing: str = "") -> None:
        # An opened folder is kept current; another folder is brought up to date first.
        update_first = folder != self.folder
        cache = cache_folder()
        job = partial(search_index, folder, cache, query, update_first, self._quitting, composing)
        self.worker.submit("search", job)
        if update_first:
            self._store_outlines(folder)

    def _store_outlines(self, folder: Path) -> None:
        cache, stop = cache_folder(), self._stop
        said = time.monotonic()

        def stored(done: int, total: int) -> None:
            nonlocal said
            if not stop.is_set() and (done == total or time.monotonic() - said >= OUTLINES_STORED_EVERY_S):
                said = time.monotonic()
                self.outlines_stored.emit()

        self.outliner.submit("outlines", lambda: store_outlines(folder, cache, stored, stop))

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for the work under way, `msecs` in all (the window closing)."""
        deadline = time.monotonic() + msecs / 1000
        if not self.worker.wait(msecs):
            return False
        return self.outliner.wait(max(0, int((deadline - time.monotonic()) * 1000)))

    def busy(self) -> bool:
        """An index update, a search or an outline render is running or waiting."""
        return self.worker.busy() or self.outliner.busy()

    def quit(self) -> None:
        """The window is closing: stop all work, a search's update of another folder too."""
        self._quitting.set()
        self.close()

    def close(self) -> None:
        """Stop work on the open folder and its watches."""
        self._stop.set()
        self._rescan_timer.stop()
        self.folder = None
        self.updating = self._rescan_again = False
        paths = self.watcher.files() + self.watcher.directories()
        if paths:
            self.watcher.removePaths(paths)

    def _on_done(self, kind: str, result: Any) -> None:
        if kind == "search":
            query, composing, count, hits = result
            self.searched.emit(query + composing, count, hits)
            return
        posts, watched = result
        if kind == "fresh":
            self.updating = False
        if self.folder is None:
            return  # closed meanwhile
        if kind == "fresh":
            self._store_outlines(self.folder)
            current = set(self.watcher.files() + self.watcher.directories())
            gone, new = current - set(watched), [path for path in watched if path not in current]
            if gone:
                self.watcher.removePaths(list(gone))
            if new:
                self.watcher.addPaths(new)
        elif not posts:
            return  # nothing indexed yet: the fresh list follows
        self.listed.emit(posts, kind == "fresh")
        if kind == "fresh" and self._rescan_again:
            self._rescan_again = False
            self.rescan()

    def _on_failed(self, kind: str, message: str) -> None:
        if kind == "fresh":
            self.updating = False
        self.failed.emit(message)

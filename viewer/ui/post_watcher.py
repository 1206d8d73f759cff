"""Changes on disk to the post being read: a change reloads it (the views keep their place),
a deleted post says so and stays on screen.

The post asked for stays watched whatever became of it: a reload that failed (the file deleted
mid-save, unreadable, replaced by a link to a device) is tried again on the next change, so
fixing the file brings the post back without F5.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

if TYPE_CHECKING:
    from viewer.core.render import RenderedPost
    from viewer.ui.reading import Reading

#: Editors save in bursts (write, rename, touch): reload once they settle.
RELOAD_DELAY_MS = 250

Identity = tuple[int, int, int, int, int]


def file_identity(path: Path) -> Identity | None:
    """What changes when the file is written, replaced or has its permissions changed."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino, info.st_mode)


class PostWatcher(QObject):
    #: The post shown was deleted or moved (a message to show).
    vanished = Signal(str)

    def __init__(self, reading: Reading, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reading = reading
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_disk_change)
        self._watcher.directoryChanged.connect(self._on_disk_change)
        self._timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._timer.timeout.connect(self._reload_after_change)
        self._path: Path | None = None
        self._identity: Identity | None = None
        reading.post_changed.connect(self._show_reading)

    def _show_reading(self, rendered: RenderedPost | None) -> None:
        # Shown or not, the post asked for is watched: a failed read is tried again on a change.
        path = rendered.post.path if rendered is not None else self.reading.path
        if path is None:
            self.unwatch()
        else:
            self.watch(path)

    def watch(self, path: Path) -> None:
        self.unwatch()
        self._path, self._identity = path, file_identity(path)
        # The folder too: editors that save by writing a new file and renaming it replace the
        # file we watched, and the file watch alone goes quiet; a deleted file comes back there.
        paths = [str(path.parent)] + ([str(path)] if self._identity is not None else [])
        self._watcher.addPaths(paths)

    def unwatch(self) -> None:
        self._timer.stop()
        self._path = None
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)

    def _on_disk_change(self, _changed: str) -> None:
        self._timer.start()

    def _reload_after_change(self) -> None:
        path = self._path
        if path is None or path != self.reading.path:
            return  # another post is being opened
        identity = file_identity(path)
        if identity == self._identity:
            return  # another file in the folder changed, not this post
        self._identity = identity
        if identity is None:
            if self.reading.rendered is not None:
                self.vanished.emit(f"{path.name} was deleted or moved; showing the last version read.")
            return
        if str(path) not in self._watcher.files():
            self._watcher.addPath(str(path))
        self.reading.open(path, keep_view=True)

"""Slow work (loading, rendering, listing folders) off the GUI thread; results come back by signal.

The window keeps two of these lanes, each one thread: the reading state's (renders) and the
library's (index updates, library searches). One lane would do the same work, but a render
would then wait behind an index update, which takes minutes on a large site; and the index's
jobs must run one after another, as they share one SQLite file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(str, int, object)  # (job kind, request number, result)
    failed = Signal(str, int, str)  # (job kind, request number, message)


class _Task(QRunnable):
    def __init__(
        self, kind: str, request: int, job: Callable[[], Any], latest: dict[str, int], signals: _Signals
    ) -> None:
        super().__init__()
        self.kind, self.request, self.job, self.latest, self.signals = kind, request, job, latest, signals

    def run(self) -> None:
        from viewer.core.document import PostError

        if self.latest.get(self.kind) != self.request:
            return  # a newer job of its kind was asked for while this one waited: not wanted
        try:
            result = self.job()
        except PostError as exc:
            self.signals.failed.emit(self.kind, self.request, str(exc))
        except Exception as exc:  # a bug in a job must not take the window down
            self.signals.failed.emit(self.kind, self.request, f"Something went wrong: {exc}")
        else:
            self.signals.done.emit(self.kind, self.request, result)


class Worker(QObject):
    """Runs jobs in order on one background thread. Of several jobs of one kind, only the newest
    is wanted: one still waiting when a newer one comes never starts, and one already running
    has its result dropped, so an older render never overwrites a newer one."""

    done = Signal(str, object)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._latest: dict[str, int] = {}
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    def submit(self, kind: str, job: Callable[[], Any]) -> None:
        request = self._latest.get(kind, 0) + 1
        self._latest[kind] = request
        self._pool.start(_Task(kind, request, job, self._latest, self._signals))

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)

    def busy(self) -> bool:
        """A job is running or waiting."""
        return self._pool.activeThreadCount() > 0

    def abandon(self) -> None:
        """Want no result of the jobs asked for so far: waiting ones never start, a running
        one's result is dropped."""
        for kind in self._latest:
            self._latest[kind] += 1

    def _on_done(self, kind: str, request: int, result: object) -> None:
        if request == self._latest.get(kind):
            self.done.emit(kind, result)

    def _on_failed(self, kind: str, request: int, message: str) -> None:
        if request == self._latest.get(kind):
            self.failed.emit(kind, message)

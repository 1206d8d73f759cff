"""Slow work (loading, rendering, listing folders) off the GUI thread; results come back by signal.

The window keeps three of these lanes, each one thread: the reading state's (renders), the
library's (index updates, library searches) and the library's outlines. One lane would do the
same work, but a render would then wait behind an index update, which takes minutes on a large
site; and the index's jobs must run one after another, as they share one SQLite file.

A lane is a Python thread, not a QThreadPool. A pool being deleted waits for its jobs with no
time limit, and Qt may delete it while PySide6 holds the interpreter lock (QTest's waits hold it
while they process events, deferred deletions included): a job, which needs that lock to go on,
then never ends, and neither does the wait.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from viewer.ui.translation import translate

#: A lane's thread ends after this long without work; the next job starts another.
IDLE_SECONDS = 30.0


class _Signals(QObject):
    done = Signal(str, int, object)  # (job kind, request number, result)
    failed = Signal(str, int, str)  # (job kind, request number, message)


class _Lane:
    """The jobs and the thread of one Worker. It holds no reference to the Worker, and its
    signals object has no Qt parent, so a window may go while a job runs: the result then
    reaches no one."""

    def __init__(self, signals: _Signals, latest: dict[str, int]) -> None:
        self.signals, self.latest = signals, latest
        self.jobs: queue.SimpleQueue[tuple[str, int, Callable[[], Any]]] = queue.SimpleQueue()
        self.changed = threading.Condition()
        self.unfinished = 0  # jobs asked for and not yet done (guarded by `changed`)
        self.running = False  # a thread serves the lane (guarded by `changed`)

    def submit(self, kind: str, request: int, job: Callable[[], Any]) -> None:
        with self.changed:
            self.unfinished += 1
            self.jobs.put((kind, request, job))
            if not self.running:
                self.running = True
                threading.Thread(target=self._serve, name=f"note-viewer {kind}", daemon=True).start()

    def wait(self, seconds: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.unfinished == 0, seconds)

    def _serve(self) -> None:
        while True:
            try:
                kind, request, job = self.jobs.get(timeout=IDLE_SECONDS)
            except queue.Empty:
                with self.changed:
                    if self.unfinished == 0:
                        self.running = False
                        return
                continue
            try:
                self._run(kind, request, job)
            finally:
                with self.changed:
                    self.unfinished -= 1
                    self.changed.notify_all()

    def _run(self, kind: str, request: int, job: Callable[[], Any]) -> None:
        from viewer.core.document import PostError

        if self.latest.get(kind) != request:
            return  # a newer job of its kind was asked for while this one waited: not wanted
        try:
            result = job()
        except PostError as exc:
            self.signals.failed.emit(kind, request, str(exc))
        except Exception as exc:  # a bug in a job must not take the window down
            message = translate("Worker", "Something went wrong: {problem}").format(problem=exc)
            self.signals.failed.emit(kind, request, message)
        else:
            self.signals.done.emit(kind, request, result)


class Worker(QObject):
    """Runs jobs in order on one background thread. Of several jobs of one kind, only the newest
    is wanted: one still waiting when a newer one comes never starts, and one already running
    has its result dropped, so an older render never overwrites a newer one."""

    done = Signal(str, object)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _Signals()  # the lane's (see _Lane); queued to this object's thread
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._latest: dict[str, int] = {}
        self._lane = _Lane(self._signals, self._latest)

    def submit(self, kind: str, job: Callable[[], Any]) -> None:
        request = self._latest.get(kind, 0) + 1
        self._latest[kind] = request
        self._lane.submit(kind, request, job)

    def wait(self, msecs: int = 30000) -> bool:
        """Wait until every job asked for is done; False if `msecs` went by first."""
        return self._lane.wait(msecs / 1000)

    def busy(self) -> bool:
        """A job is running or waiting."""
        return self._lane.unfinished > 0

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

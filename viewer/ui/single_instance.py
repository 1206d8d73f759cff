"""One window for many files: a second `note-viewer FILE` (from a file manager, the command line,
the system's "Open With") hands its paths to the app already running for this user on this
display, which comes forward with them, and exits. macOS sends the files it opens as
`QEvent.FileOpen` instead: they take the same way.

The running app listens on a QLocalServer keyed on the user, the display and the Qt platform
(in $XDG_RUNTIME_DIR when there is one, a folder only the user can reach). There the address is
taken before the first paint with the system's own calls, and Qt's network module (5-10 ms) is
loaded after it: later apps' connections wait in the socket's queue until the server takes
them. A socket left by an app that crashed is removed. An app that cannot be reached in time,
or a server that cannot be made, never stops a new app from starting: it just starts on its own.

Several paths: the first opens; the others go to File ▸ Open Recent, one click away. (The window
shows one post at a time, which every panel follows; tabs would need a reading state per tab.)
"""

from __future__ import annotations

import contextlib
import os
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from viewer.ui.settings import MAX_RECENT
from viewer.ui.translation import Texts

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

    from viewer.ui.main_window import MainWindow

#: How long a new app waits for the running one to take its paths (it may be busy starting).
ANSWER_TIMEOUT_MS = 5000
CONNECT_TIMEOUT_MS = 500
#: A message is one line of JSON; nothing sane is longer.
MAX_MESSAGE_BYTES = 1 << 20
ACK = b"ok\n"

PathsHandler = Callable[[list[Path]], None]


def server_name() -> str:
    """The running app's address for this user, display and Qt platform."""
    if hasattr(os, "getuid"):
        user = str(os.getuid())  # not getpass, which loads termios: 1 ms before the first paint
    else:
        import getpass

        try:
            user = getpass.getuser()
        except OSError:  # no name in the environment
            user = "user"
    place = "|".join(
        os.environ.get(name, "") for name in ("WAYLAND_DISPLAY", "DISPLAY", "QT_QPA_PLATFORM", "SESSIONNAME")
    )
    key = f"{user}|{place}".encode()
    digest = f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}"  # a name, not a secret (no hashlib: 4 ms)
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and Path(runtime).is_dir() and sys.platform != "win32":
        return str(Path(runtime) / f"note-viewer-{digest}")
    return f"note-viewer-{digest}"  # Qt puts it in the temporary folder (a pipe on Windows)


def hand_over(paths: Sequence[Path], name: str, timeout_ms: int = ANSWER_TIMEOUT_MS) -> bool | None:
    """Give `paths` to the app listening at `name`: True once it has taken them; False when it
    took the connection but gave no answer in time; None when no connection could be made."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return None
    import json  # not before the first paint: only when another app is running

    message = json.dumps({"paths": [str(Path(p).expanduser().absolute()) for p in paths]})
    socket.write(message.encode() + b"\n")
    socket.flush()
    answer = b""
    while ACK not in answer and socket.waitForReadyRead(timeout_ms):
        answer += bytes(socket.readAll().data())
    socket.abort()
    return ACK in answer


class InstanceServer(QObject):
    """Listens for the paths later apps hand over; holds them until a handler takes them (the
    window may still be being built).

    `listening` is a server, a listening socket's descriptor at the path `address` (Qt's server
    takes it over in `deliver_to`), or None: this app listens nowhere. The socket at `address`
    is the file `inode`: it is removed at the end only while it is still this app's."""

    def __init__(
        self, listening: QLocalServer | int | None = None, address: str = "", inode: int = 0,
        parent: QObject | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self._listening = listening
        self._address, self._inode = address, inode
        self._server: QLocalServer | None = None
        self._handler: PathsHandler | None = None
        self._waiting: list[list[Path]] = []

    @property
    def server(self) -> QLocalServer:
        """Made at the first call (Qt's network module is loaded then), or by `deliver_to`."""
        if self._server is None:
            self._server = self._made_server()
        return self._server

    def deliver_to(self, handler: PathsHandler) -> None:
        """Hand paths to `handler` from now on, those waiting first, and answer later apps."""
        self._handler = handler
        waiting, self._waiting = self._waiting, []
        for paths in waiting:
            handler(paths)
        if self._server is None:
            self._server = self._made_server()

    def _made_server(self) -> QLocalServer:
        from PySide6.QtNetwork import QLocalServer

        listening, self._listening = self._listening, None
        server = listening if isinstance(listening, QLocalServer) else QLocalServer()
        if isinstance(listening, int) and not server.listen(listening):
            os.close(listening)
            self._free_address()
        server.setParent(self)
        server.newConnection.connect(self._accept)
        QTimer.singleShot(0, self._accept)  # those that came before
        return server

    def close(self) -> None:
        if isinstance(self._listening, int):  # never taken over by Qt's server
            os.close(self._listening)
            self._listening = None
        if self._server is not None:
            self._server.close()  # Qt removes only its own name for the socket (see _listen_at)
        self._free_address()

    def _free_address(self) -> None:
        # Not another app's: one that took the address after this one lost it (see claim).
        with contextlib.suppress(OSError):
            if self._address and os.stat(self._address).st_ino == self._inode:
                os.unlink(self._address)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            buffer = bytearray()

            def read(socket: QLocalSocket = socket, buffer: bytearray = buffer) -> None:
                buffer += bytes(socket.readAll().data())
                if b"\n" not in buffer and len(buffer) < MAX_MESSAGE_BYTES:
                    return  # more to come
                socket.readyRead.disconnect()
                paths = _paths_of(bytes(buffer))
                socket.write(ACK)
                socket.flush()
                socket.disconnectFromServer()
                if paths is not None:
                    self.receive(paths)

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                read()

    def receive(self, paths: list[Path]) -> None:
        """Paths to show (none: just come forward), from another app or from the system."""
        if self._handler is None:
            self._waiting.append(paths)
        else:
            self._handler(paths)


def _paths_of(message: bytes) -> list[Path] | None:
    import json

    try:
        data = json.loads(message.split(b"\n", 1)[0])
        # A path cannot hold a NUL character (the system's calls refuse it).
        return [Path(p) for p in data["paths"] if isinstance(p, str) and "\0" not in p]
    except (ValueError, KeyError, TypeError, RecursionError):  # RecursionError: nested too deep
        return None  # not one of ours: ignored


def claim(
    paths: Sequence[Path], name: str | None = None, timeout_ms: int = ANSWER_TIMEOUT_MS
) -> InstanceServer | None:
    """Become the app that later ones hand their paths to, or hand `paths` to the running one.

    None: a running app took the paths, and this one should exit. Otherwise this app starts,
    listening when it could make the server (`server.isListening()`)."""
    name = name or server_name()
    if not Path(name).is_absolute():
        return _claim_with_qt(paths, name, timeout_ms)
    for _attempt in range(3):
        try:
            listening = _listen_at(name)
        except OSError:
            break  # not a place for a socket: start on our own
        if listening is not None:
            descriptor, inode = listening
            return InstanceServer(descriptor, name, inode)
        handed = hand_over(paths, name, timeout_ms)
        if handed:
            return None
        if handed is False:
            break  # it took the paths and never answered: start on our own, without a server
        # No connection. A socket left by an app that crashed refuses it: removed. Otherwise an
        # app holds the address (it took it a moment ago, or its queue is full): ask it again.
        if _refused(name):
            _remove(name)
    return InstanceServer()  # not listening: this app just runs on its own


def _claim_with_qt(paths: Sequence[Path], name: str, timeout_ms: int) -> InstanceServer | None:
    """`claim` where the address is not a path of ours: Qt makes the socket in the shared
    temporary folder, for this user only (or a pipe on Windows). It makes it elsewhere and
    renames it into place, replacing whatever was there: the running app is asked first."""
    from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

    for _attempt in range(2):
        if hand_over(paths, name, timeout_ms):
            return None
        server = QLocalServer()
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if server.listen(name):
            return InstanceServer(server)
        if server.serverError() != QAbstractSocket.SocketError.AddressInUseError:
            break
        # Nobody answered at the address: a socket left by an app that crashed. (A live app
        # that is merely slow still holds it, and the next attempt reaches it or gives up.)
        probe = QLocalSocket()
        probe.connectToServer(name)
        if probe.waitForConnected(CONNECT_TIMEOUT_MS):
            probe.abort()
            break  # alive but not answering: start on our own, without a server
        QLocalServer.removeServer(name)
    return InstanceServer()


def _listen_at(path: str) -> tuple[int, int] | None:
    """A socket listening at `path`: (its descriptor, its file's inode); None when one is there
    already (a running app's, or one left by a crash). It is made at a name of its own, then
    linked to `path`: linking is the test, one app at a time passes it, and the socket listens
    before any app can reach it. Qt's server knows it by its own name, gone by then, so that
    closing it removes nothing another app may have made at `path` since."""
    import _socket

    own_name = f"{path}.{os.getpid()}"
    _remove(own_name)  # left by an app that crashed with this process id
    listening = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        listening.bind(own_name)
        listening.listen(_socket.SOMAXCONN)  # apps started together (a file manager's, say) queue
        inode = os.stat(own_name).st_ino
        os.link(own_name, path)
    except FileExistsError:
        listening.close()
        return None
    except OSError:
        listening.close()
        raise
    finally:
        _remove(own_name)
    return listening.detach(), inode


def _refused(path: str) -> bool:
    """Whether nothing listens at `path` any more (a connection to it is refused)."""
    import _socket

    probe = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    probe.setblocking(False)  # a full queue answers at once, as busy
    try:
        probe.connect(path)
    except ConnectionRefusedError:
        return True
    except OSError:
        return False  # busy, or gone (the next attempt takes the address)
    finally:
        probe.close()
    return False


def _remove(path: str) -> None:
    if path:
        with contextlib.suppress(OSError):
            os.unlink(path)


def open_paths(window: MainWindow, paths: Sequence[Path]) -> None:
    """The first path opens; the others wait in File ▸ Open Recent, just under it, and the status
    bar says so once the first shows."""
    if not paths:
        return
    first, *others = paths
    list_the_others(window, others)
    window.open_path(Path(first))


class SingleInstanceTexts(Texts):
    """The translation context of this module's messages."""


def list_the_others(window: MainWindow, others: Sequence[Path]) -> None:
    """Put `others` in File ▸ Open Recent (under the first path, which goes on top once shown);
    the status bar says so when the next post shows."""
    if not others:
        return
    listed = others[: MAX_RECENT - 1]
    for path in reversed(listed):
        window.settings.add_recent(str(Path(path).expanduser().absolute()))
    if len(listed) < len(others):
        message = SingleInstanceTexts.tr(
            "%n more file(s) were given; File ▸ Open Recent lists the first {listed}.", "", len(others)
        ).format(listed=len(listed))
    else:
        message = SingleInstanceTexts.tr(
            "%n more file(s) were given; File ▸ Open Recent lists them.", "", len(others)
        )
    from PySide6.QtCore import Qt  # not on the way to the first paint (see PostHeader)

    window.post_shown.connect(
        lambda: window.statusBar().showMessage(message, 20_000), Qt.ConnectionType.SingleShotConnection
    )


def bring_forward(window: MainWindow, paths: Sequence[Path]) -> None:
    """Another app handed over `paths`: show them in this window, brought to the front."""
    if window.isMinimized():
        from PySide6.QtCore import Qt

        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    QApplication.alert(window)  # where the window manager refuses to raise it, ask for attention
    open_paths(window, paths)


class FileOpeningApplication(QApplication):
    """The app's QApplication. macOS hands it the files it opens in the app (at launch and
    later) as QEvent.FileOpen, sent to the application object itself: they are taken here, and
    wait until a handler is given. Not by an event filter on the application, which would see
    every event of every widget, each waiting for the interpreter lock while a worker thread
    holds it: the window would crawl while a long post renders or a library is indexed."""

    def __init__(self, argv: Sequence[str]) -> None:
        super().__init__(list(argv))
        self._handler: PathsHandler | None = None
        self._waiting: list[list[Path]] = []

    def hand_files_to(self, handler: PathsHandler | None) -> None:
        """Give the files opened so far, and those to come, to `handler` (None: keep them)."""
        self._handler = handler
        if handler is not None:
            waiting, self._waiting = self._waiting, []
            for paths in waiting:
                handler(paths)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent) and event.file():
            paths = [Path(event.file())]
            if self._handler is None:
                self._waiting.append(paths)
            else:
                self._handler(paths)
            return True
        return super().event(event)

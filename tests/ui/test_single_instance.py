"""One app per user and display: a second `note-viewer FILE` lands in the running window."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import open_and_wait
from viewer.ui.single_instance import bring_forward, claim, server_name

MEETUP = "_posts/2024-03-09-cloud-native-meetup.md"
PYCON = "_posts/2023-11-20-pycon-notes.md"


@pytest.fixture
def runtime_folder() -> Path:
    """The runtime folder tests/conftest.py gives this test (the running app's address is there)."""
    return Path(os.environ["XDG_RUNTIME_DIR"])


def second_app(*args: str | Path) -> subprocess.Popen[str]:
    """`note-viewer ARGS` started as a user would, with this test's user folders and display."""
    return subprocess.Popen(
        [sys.executable, "-m", "viewer", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_a_second_note_viewer_lands_in_the_running_window(qtbot, window, samples, runtime_folder) -> None:
    instance = claim([])
    assert instance is not None and instance.server.isListening()
    assert Path(instance.server.fullServerName()).parent == runtime_folder  # only the user reaches it
    instance.deliver_to(partial(bring_forward, window))
    open_and_wait(qtbot, window, samples / MEETUP)

    started = time.monotonic()
    app = second_app(samples / PYCON)
    with qtbot.waitSignal(window.post_shown, timeout=20000):
        qtbot.waitUntil(lambda: app.poll() is not None, timeout=20000)
    _out, err = app.communicate()
    assert app.returncode == 0, err
    assert time.monotonic() - started < 15  # it handed over and left; no second window stayed
    assert window.reading.path == (samples / PYCON).resolve()
    assert window.isVisible() and window.windowTitle().startswith("Notes from a Python conference talk")
    instance.close()


def test_a_socket_left_by_a_crashed_app_is_cleaned_up(runtime_folder) -> None:
    name = server_name()
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(name)  # bound and never listened on or removed, as after a crash
    stale.close()
    assert Path(name).exists()
    instance = claim([], timeout_ms=300)
    assert instance is not None and instance.server.isListening()
    instance.close()


def test_an_app_that_does_not_answer_does_not_stop_a_new_one(runtime_folder) -> None:
    hung = socket.socket(socket.AF_UNIX)
    hung.bind(server_name())
    hung.listen()  # accepts, never answers
    try:
        started = time.monotonic()
        instance = claim([Path("post.md")], timeout_ms=300)
        assert instance is not None  # this app starts on its own…
        assert not instance.server.isListening()  # …without taking the address
        assert time.monotonic() - started < 5
    finally:
        hung.close()


def test_the_key_is_per_display(runtime_folder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":1")
    first = server_name()
    monkeypatch.setenv("DISPLAY", ":2")
    assert server_name() != first


def test_files_the_system_opens_in_the_app_macos_file_open_events(qtbot, qapp, window, samples) -> None:
    # At launch the system may send one before the window is there: it waits for the window.
    QApplication.sendEvent(qapp, QFileOpenEvent(str(samples / PYCON)))
    try:
        with qtbot.waitSignal(window.post_shown, timeout=10000):
            qapp.hand_files_to(partial(bring_forward, window))
        assert window.reading.path == (samples / PYCON).resolve()
        other = next(p for p in sorted((samples / "_posts").glob("*.md")) if not PYCON.endswith(p.name))
        with qtbot.waitSignal(window.post_shown, timeout=10000):
            QApplication.sendEvent(qapp, QFileOpenEvent(str(other)))
        assert window.reading.path == other.resolve()
    finally:
        qapp.hand_files_to(None)


def test_several_files_handed_over_the_first_opens_the_others_wait_in_open_recent(
    qtbot, window, samples, runtime_folder
) -> None:
    instance = claim([])
    instance.deliver_to(partial(bring_forward, window))
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    app = second_app(samples / PYCON, samples / MEETUP)  # as a file manager passes two chosen files
    with qtbot.waitSignal(window.post_shown, timeout=20000):
        qtbot.waitUntil(lambda: app.poll() is not None, timeout=20000)
    _out, err = app.communicate()
    assert app.returncode == 0, err
    assert window.reading.path == (samples / PYCON).resolve()
    assert window.settings.recent_paths[:2] == [str((samples / PYCON).resolve()), str(samples / MEETUP)]
    assert "1 more file was given; File ▸ Open Recent lists it." in said
    instance.close()


def test_many_apps_waiting_for_a_starting_app_do_not_take_its_address(runtime_folder) -> None:
    first = claim([])  # an app before its first paint: it answers no one yet
    assert first is not None
    name = server_name()
    owner = os.stat(name).st_ino
    waiting = []
    try:
        for _ in range(40):  # as a file manager starts one app per file of 40 chosen
            connection = socket.socket(socket.AF_UNIX)
            connection.setblocking(False)
            connection.connect(name)  # queued: none is refused for a full queue
            waiting.append(connection)
        later = claim([Path("post.md")], timeout_ms=300)
        assert later is not None and not later.server.isListening()  # it runs on its own…
        assert os.stat(name).st_ino == owner  # …and the address is still the first app's
    finally:
        for connection in waiting:
            connection.close()
        first.close()


@pytest.mark.parametrize(
    ("message", "taken"),
    [
        (b'{"paths": ["/tmp/a\\u0000b.md", "/tmp/notes.md"]}\n', [[Path("/tmp/notes.md")]]),  # no NUL path
        (b"[" * 200_000 + b"\n", []),  # nested past what the JSON reader can follow
        (b"\x00\xff garbage\n", []),
    ],
    ids=["nul-in-a-path", "deeply-nested", "garbage"],
)
def test_a_stranger_on_the_address_is_answered_and_its_nonsense_ignored(
    qtbot, runtime_folder, message: bytes, taken: list[list[Path]]
) -> None:
    instance = claim([])
    received: list[list[Path]] = []
    instance.deliver_to(received.append)
    stranger = socket.socket(socket.AF_UNIX)
    stranger.connect(server_name())
    stranger.sendall(message)
    answer = b""
    stranger.setblocking(False)
    try:

        def answered() -> bool:
            nonlocal answer
            with contextlib.suppress(BlockingIOError):  # nothing yet
                answer += stranger.recv(16)
            return answer == b"ok\n"

        qtbot.waitUntil(answered, timeout=5000)  # answered at once, not left waiting
        assert received == taken
    finally:
        stranger.close()
        instance.close()


def test_an_app_that_lost_its_address_leaves_the_new_owners_socket_when_it_closes(runtime_folder) -> None:
    first = claim([])
    assert first is not None
    first.deliver_to(lambda paths: None)  # answering, as after its first paint
    name = server_name()
    os.unlink(name)  # the address lost (an app that took a live socket for a stale one)…
    newer = socket.socket(socket.AF_UNIX)
    newer.bind(name)  # …and taken by another app
    newer.listen()
    try:
        first.close()
        assert Path(name).exists()  # the other app still has its address
    finally:
        newer.close()
        os.unlink(name)

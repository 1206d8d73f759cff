"""The window started as users start it (`note-viewer POST`), in a process of its own."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.ui.conftest import run_alone

AFTER_FIRST_PAINT = """
import gc, os, sys
os.environ["NOTE_VIEWER_REPORT_FIRST_PAINT"] = "1"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import viewer.ui.first_paint as first_paint

def painted():
    def look():
        print("collector on:", gc.isenabled(), flush=True)
        QApplication.instance().quit()
    QTimer.singleShot(200, look)

first_paint._print_marker = painted
from viewer.cli import main
raise SystemExit(main([sys.argv[1]]))
"""
SHORT_POST = "---\ntitle: 시작\n---\n## 세션\n* 항목 **굵게**\n  * 하위 항목\n"
#: A second or so to render and lay out: the start is still under way when the test acts.
LONG_POST = "---\ntitle: 긴 글\n---\n" + (
    "* 클라우드 **비용** 절감 [자료](https://www.slideshare.net/a/b) `code`\n  * 하위 항목 텍스트\n" * 20_000
)


def start_app(post: Path, **popen: Any) -> subprocess.Popen[str]:
    """`note-viewer POST` as a user starts it, offscreen, with the test's user folders; it says
    when it has painted the post (see `wait_for_first_paint`)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "NOTE_VIEWER_REPORT_FIRST_PAINT": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "viewer", str(post)], stderr=subprocess.PIPE, text=True, env=env, **popen
    )


def wait_for_first_paint(app: subprocess.Popen[str]) -> None:
    assert app.stderr is not None
    for line in app.stderr:
        if "first paint of the post" in line:
            return
    pytest.fail("the app ended before it painted its post")


def test_the_garbage_collector_held_off_during_the_start_is_on_again_once_the_post_is_shown(
    write_post,
) -> None:
    result = run_alone(
        AFTER_FIRST_PAINT, str(write_post(SHORT_POST)), hang="the window never painted its first post"
    )
    assert "collector on: True" in result.stdout, result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_window_asked_to_end_closes_as_the_user_would_keeping_its_settings(write_post, number: int) -> None:
    app = start_app(write_post(SHORT_POST))
    try:
        wait_for_first_paint(app)
        time.sleep(0.5)  # the window is built after its first paint
        app.send_signal(number)
        _out, err = app.communicate(timeout=20)
    finally:
        app.kill()
    assert app.returncode == 0, err
    settings = (Path(os.environ["XDG_CONFIG_HOME"]) / "note-viewer").glob("*")
    assert any("geometry" in file.read_text(errors="replace") for file in settings if file.is_file())
    assert not any(Path(os.environ["XDG_RUNTIME_DIR"]).glob("note-viewer-*"))  # no socket left


def _processes_running(command_part: str) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if command_part.encode() in status.read_bytes():
                found.append(int(status.parent.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the first post renders in a child on Linux")
def test_an_app_ended_while_its_first_post_renders_leaves_no_process_behind(write_post) -> None:
    post = write_post(LONG_POST)
    app = start_app(post, stdout=subprocess.PIPE)
    time.sleep(0.5)  # started: its child renders the post
    app.kill()  # ended as no handler can see
    started = time.monotonic()
    app.communicate(timeout=20)  # the output ends with the app: nothing else holds it
    assert time.monotonic() - started < 0.5
    deadline = time.monotonic() + 5
    while _processes_running(str(post)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_running(str(post)) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_before_the_first_paint_ends_the_app_quietly(write_post) -> None:
    app = start_app(write_post(LONG_POST))
    time.sleep(0.3)  # starting: importing Qt, rendering the post
    app.send_signal(signal.SIGINT)
    _out, err = app.communicate(timeout=20)
    assert app.returncode in (-signal.SIGINT, 0)  # ended by the interrupt (or just closed)
    assert "Traceback" not in err and "Fatal" not in err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_an_app_started_to_ignore_ctrl_c_goes_on_ignoring_it(write_post) -> None:
    # As `command &` in a script starts it.
    app = start_app(write_post(SHORT_POST), preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        wait_for_first_paint(app)
        time.sleep(0.5)
        app.send_signal(signal.SIGINT)
        time.sleep(0.5)
        assert app.poll() is None  # still open
        app.send_signal(signal.SIGTERM)
        app.communicate(timeout=20)
        assert app.returncode == 0
    finally:
        app.kill()


@pytest.mark.skipif(sys.platform == "win32", reason="the address is a named pipe there")
def test_a_second_app_started_while_the_first_starts_hands_its_post_over(write_post) -> None:
    first_post = write_post(LONG_POST, "2021-01-15-long.md")
    second_post = write_post(SHORT_POST, "2021-01-16-short.md")
    runtime = Path(os.environ["XDG_RUNTIME_DIR"])
    first = start_app(first_post)
    try:
        deadline = time.monotonic() + 20
        while not any(runtime.glob("note-viewer-*")) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert first.poll() is None
        assert first.stderr is not None
        os.set_blocking(first.stderr.fileno(), False)
        said_so_far = os.read(first.stderr.fileno(), 1 << 16) if select.select([first.stderr], [], [], 0)[0] else b""
        os.set_blocking(first.stderr.fileno(), True)
        assert b"first paint" not in said_so_far  # it has its address, and its post is not shown yet
        second = start_app(second_post)
        _out, err = second.communicate(timeout=30)
        assert second.returncode == 0, err
        assert "first paint" not in err  # it opened no window of its own
        wait_for_first_paint(first)
        time.sleep(1.0)  # the handed-over post opens
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=20)
    finally:
        first.kill()
    settings = (Path(os.environ["XDG_CONFIG_HOME"]) / "note-viewer").glob("*")
    assert any(str(second_post) in file.read_text(errors="replace") for file in settings if file.is_file())

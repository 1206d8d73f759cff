"""Handing the post to other programs: the editor, the file manager, the clipboard."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QInputDialog

from tests.ui.conftest import click_node, open_and_wait

MEETUP = "_posts/2024-03-09-cloud-native-meetup.md"


def test_open_in_editor_runs_the_chosen_command_at_the_nodes_line(qtbot, window, samples, tmp_path) -> None:
    record = tmp_path / "editor was given.txt"
    script = (
        "import sys, pathlib; pathlib.Path(sys.argv[1]).write_text(' '.join(sys.argv[2:]), encoding='utf-8')"
    )
    window.settings.editor_command = f"{shlex.quote(sys.executable)} -c {shlex.quote(script)} {shlex.quote(str(record))} +{{line}} {{path}}"
    open_and_wait(qtbot, window, samples / MEETUP)
    click_node(qtbot, window, "대시보드 정리")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    # Written whole, not merely there: the editor's process may have made the file and not yet written it.
    qtbot.waitUntil(lambda: record.exists() and record.read_text(encoding="utf-8") != "", timeout=10000)
    line = 1 + (samples / MEETUP).read_text(encoding="utf-8").split("\n").index("  + 대시보드 정리")
    assert record.read_text(encoding="utf-8") == f"+{line} {(samples / MEETUP).resolve()}"


def test_open_in_editor_without_a_command_asks_the_system(qtbot, window, samples, monkeypatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    open_and_wait(qtbot, window, samples / MEETUP)
    window.commands["file.open-in-editor"].trigger()
    assert opened == [QUrl.fromLocalFile(str((samples / MEETUP).resolve()))]


def test_show_in_folder_opens_the_posts_folder(qtbot, window, samples, monkeypatch) -> None:
    # Here no file manager answers on the session bus: the folder itself is opened.
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    open_and_wait(qtbot, window, samples / MEETUP)
    window.commands["file.show-in-folder"].trigger()
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    assert opened == [QUrl.fromLocalFile(str((samples / MEETUP).resolve().parent))]


def test_ctrl_c_in_the_tree_copies_the_branch_as_its_markdown(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    click_node(qtbot, window, "수집 파이프라인 통합")
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(window.outline, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == (
        "+ 수집 파이프라인 통합\n"
        "  - OpenTelemetry 수집기 한 곳에서 세 가지 신호를 모두 받음\n"
        "  - 샘플링은 꼬리 기반(tail-based)으로 전환, 저장 비용 35% 절감\n"
    )
    assert "Copied the branch as Markdown (lines: 3)" in window.statusBar().currentMessage()
    # The heading's whole section from the Edit menu.
    click_node(qtbot, window, "마무리")
    window.commands["edit.copy-markdown"].trigger()
    assert QGuiApplication.clipboard().text().startswith("## 마무리\n* 전체 슬라이드 모음: ")


def test_preferences_keep_the_editor_command(qtbot, window, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def get_text(_parent, _title, label, _mode, text):
        asked.append(label)
        return "  gedit +{line} {path} ", True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    window.commands["edit.preferences"].trigger()
    assert "{path}" in asked[0] and "{line}" in asked[0]
    assert window.settings.editor_command == "gedit +{line} {path}"


def test_editor_arguments_keep_quoted_paths_whole() -> None:
    from viewer.ui.other_programs import editor_arguments

    post = Path("/home/me/블로그 글/2024-01-01-post.md")
    assert editor_arguments("code -g {path}:{line}", post, 12) == ["code", "-g", f"{post}:12"]
    assert editor_arguments("'/opt/My Editor/edit'", post, 3) == ["/opt/My Editor/edit", str(post)]

"""The main window, driven through its real widgets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.conftest import click_node, flashed_text, open_and_wait, tree_rows
from viewer.core.outline import find_path, walk
from viewer.ui import exporting
from viewer.ui.main_window import MainWindow
from viewer.ui.outline_panel import NodeIdRole

MEETUP = "_posts/2024-03-09-cloud-native-meetup.md"


def cli_rows(path: Path) -> list[tuple[int, str]]:
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "outline", "--json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )

    def flat(nodes: list[dict], depth: int) -> list[tuple[int, str]]:
        rows = []
        for node in nodes:
            rows.append((depth, node["text"]))
            rows += flat(node["children"], depth + 1)
        return rows

    return flat(json.loads(result.stdout)["outline"], 0)


def test_tree_matches_the_command_line_outline(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    assert tree_rows(window) == cli_rows(samples / MEETUP)
    assert window.windowTitle().startswith("클라우드 네이티브 밋업 2024 정리 - 1부")
    assert "2024-03-09 14:30:00 +0900" in window.header.heading.text()


def test_a_title_with_markup_characters_reads_as_written_in_the_header(qtbot, window, tmp_path) -> None:
    title = '<b>굵게</b> & "따옴표" 제목'
    post = tmp_path / "2024-05-01-markup.md"
    post.write_text(f"---\ntitle: '{title}'\ncategories: [C&D]\n---\n\n* 항목\n", encoding="utf-8")
    open_and_wait(qtbot, window, post)
    shown = QTextDocument()
    shown.setHtml(window.header.heading.text())
    assert title in shown.toPlainText() and "C&D" in shown.toPlainText()


def test_clicking_a_deep_bullet_scrolls_the_post_to_it_and_flashes_it(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.resize(900, 400)
    bar = window.preview.verticalScrollBar()
    bar.setValue(0)
    click_node(qtbot, window, "나머지 지표는 드릴다운으로 이동")  # four levels below the heading
    assert bar.value() > 0
    assert window.preview.anchor_at_top() == window.outline.current_node_id()
    assert flashed_text(window) == "나머지 지표는 드릴다운으로 이동"


def test_keyboard_moves_through_the_tree_and_the_post_follows(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.resize(900, 400)
    window.outline.setFocus()
    click_node(qtbot, window, "관측성")
    before = window.preview.verticalScrollBar().value()
    qtbot.keyClick(window.outline, Qt.Key.Key_Down)
    qtbot.keyClick(window.outline, Qt.Key.Key_Down)
    current = window.outline.current_node_id()
    assert window.outline.view_index(current).data() == "수집 파이프라인 통합"  # two nodes further down
    assert window.preview.verticalScrollBar().value() > before  # the post followed the keyboard
    assert window.preview.anchor_at_top() == current


def test_scrolling_to_the_end_selects_the_last_section(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.resize(900, 400)
    window.activateWindow()
    window.preview.setFocus()
    bar = window.preview.verticalScrollBar()
    bar.setValue(bar.maximum())
    outline = window.reading.rendered.outline
    last = [node.id for _, node in walk(outline)][-1]
    qtbot.waitUntil(lambda: window.outline.current_node_id() == last, timeout=3000)
    path = [node.text for node in find_path(outline, last)]
    assert path[:2] == ["클라우드 네이티브 밋업 2024", "마무리"]  # in the last section
    assert QApplication.focusWidget() is window.preview  # the tree followed without taking focus


def test_links_in_the_post(qtbot, window, samples, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No
    )
    informed: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: informed.append(a[2]))
    open_and_wait(qtbot, window, samples / MEETUP)
    window.resize(900, 400)

    window.preview.anchorClicked.emit(QUrl("#마무리"))
    heading = window.preview.cursorRect(window.preview.anchor_cursor("마무리"))
    assert window.preview.viewport().rect().contains(heading.center())

    window.preview.anchorClicked.emit(QUrl("https://www.slideshare.net/cnmeetup-kr"))
    window.preview.anchorClicked.emit(QUrl("mailto:me@example.com"))
    assert opened == ["https://www.slideshare.net/cnmeetup-kr", "mailto:me@example.com"]

    window.preview.anchorClicked.emit(QUrl("javascript:alert(1)"))
    window.preview.anchorClicked.emit(QUrl("file:///usr/bin/xterm"))
    window.preview.anchorClicked.emit(QUrl("file:///home/me/app.desktop"))
    assert len(opened) == 2  # nothing else reached the system
    assert len(asked) == 1 and "javascript:alert(1)" in asked[0]
    assert len(informed) == 2

    with qtbot.waitSignal(window.post_shown, timeout=10000):
        window.preview.anchorClicked.emit(QUrl("2024-03-16-cloud-native-meetup-2.md"))
    assert window.windowTitle().startswith("클라우드 네이티브 밋업 2024 정리 - 2부")


def test_a_file_rewritten_on_disk_reloads_keeping_the_view(qtbot, window, samples) -> None:
    post = samples / MEETUP
    open_and_wait(qtbot, window, post)
    window.resize(900, 400)
    click_node(qtbot, window, "질의응답")
    collapsed = window.outline.view_index("관측성")
    window.outline.collapse(collapsed)
    scroll = window.preview.verticalScrollBar().value()

    with qtbot.waitSignal(window.post_shown, timeout=10000):
        post.write_text(post.read_text(encoding="utf-8").replace("## 마무리", "## 맺음말"), encoding="utf-8")
    assert "맺음말" in [text for _, text in tree_rows(window)]
    assert window.outline.current_node_id() == window.outline.view_index(
        window.outline.current_node_id()
    ).data(NodeIdRole)
    assert not window.outline.isExpanded(window.outline.view_index("관측성"))
    qtbot.waitUntil(lambda: abs(window.preview.verticalScrollBar().value() - scroll) < 40, timeout=3000)

    # Editors that save by writing a new file and renaming it over the old one.
    replacement = samples / ".meetup.tmp"
    replacement.write_text(post.read_text(encoding="utf-8").replace("## 맺음말", "## 끝"), encoding="utf-8")
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        os.replace(replacement, post)
    assert "끝" in [text for _, text in tree_rows(window)]


def test_f5_reloads(qtbot, window, samples) -> None:
    post = samples / MEETUP
    open_and_wait(qtbot, window, post)
    window.post_watcher.unwatch()  # only F5 reloads
    post.write_text(post.read_text(encoding="utf-8") + "\n## 추가된 절\n", encoding="utf-8")
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        qtbot.keyClick(window.preview, Qt.Key.Key_F5)
    assert (0, "추가된 절") in tree_rows(window) or (1, "추가된 절") in tree_rows(window)


def test_bad_files_show_a_message_and_the_window_stays_usable(qtbot, window, samples, tmp_path) -> None:
    open_and_wait(qtbot, window, tmp_path / "missing.md")
    assert "cannot be shown" in window.preview.toPlainText()
    assert "no such file" in window.preview.toPlainText()
    binary = tmp_path / "binary.md"
    binary.write_bytes(bytes(range(256)) * 30)
    open_and_wait(qtbot, window, binary)
    assert "binary" in window.preview.toPlainText()
    open_and_wait(qtbot, window, samples / MEETUP)
    assert tree_rows(window)


def test_front_matter_problems_show_in_a_dismissible_bar(qtbot, window, tmp_path) -> None:
    post = tmp_path / "2021-01-01-broken.md"
    post.write_text("---\ntitle: [oops\n---\n* 본문은 보인다\n", encoding="utf-8")
    open_and_wait(qtbot, window, post)
    assert window.warnings.isVisible()
    assert "not valid YAML" in window.warnings.label.text()
    assert tree_rows(window) == [(0, "본문은 보인다")]
    qtbot.mouseClick(window.warnings.close_button, Qt.MouseButton.LeftButton)
    assert not window.warnings.isVisible()


def test_zoom_keys_and_memory(qtbot, window, samples, settings) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    qtbot.keyClick(window.preview, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.preview, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.preview.zoom == 2
    qtbot.keyClick(window.preview, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.preview.zoom == 1 and settings.zoom == 1
    qtbot.keyClick(window.preview, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.preview.zoom == 0


def test_layout_is_remembered(qtbot, settings, samples) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(780, 560)  # within the offscreen screen (800×600): put back as it was
    first.splitter.setSizes([200, 380, 200])
    first.commands["view.show-links"].trigger()
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.show()
    assert second.size().height() == 560  # (offscreen Qt reports widths with hidden panels off)
    assert not second.links.isVisible() and not second.commands["view.show-links"].isChecked()
    assert second.splitter.sizes()[0] == sizes[0]


def test_expand_collapse_and_levels(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    top = window.outline.model().index(0, 0)
    section = window.outline.view_index("관측성")
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.outline.isExpanded(top) and not window.outline.isExpanded(section)
    qtbot.keyClick(
        window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert not window.outline.isExpanded(top)
    qtbot.keyClick(
        window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.outline.isExpanded(section)


def test_export_outline_as_opml_and_markdown(qtbot, window, samples, tmp_path, monkeypatch) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    target = tmp_path / "out.opml"
    monkeypatch.setattr(exporting, "ask_save_path", lambda _window, suggested, _filter: target)
    exporting.export_post(window, "outline-opml")
    text = target.read_text(encoding="utf-8")
    assert '<outline text="관측성">' in text and '<outline text="나머지 지표는 드릴다운으로 이동"/>' in text
    target = tmp_path / "out.md"
    exporting.export_post(window, "outline-markdown")
    assert "      - 나머지 지표는 드릴다운으로 이동" in target.read_text(encoding="utf-8")
    # Never over the post itself.
    monkeypatch.setattr(exporting, "ask_save_path", lambda *a: samples / MEETUP)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    before = (samples / MEETUP).read_bytes()
    exporting.export_post(window, "post-html")
    assert (samples / MEETUP).read_bytes() == before


def test_drop_a_file_to_open_it(qtbot, window, samples) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(samples / MEETUP))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        window.dropEvent(event)
    assert window.reading.path == samples / MEETUP


def test_models_pass_the_model_tester(qtbot, qtmodeltester, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    qtmodeltester.check(window.outline.outline_model)
    qtmodeltester.check(window.links.links_model)


def test_the_post_follows_a_dark_palette(qtbot, window, samples) -> None:
    from PySide6.QtGui import QColor, QPalette

    open_and_wait(qtbot, window, samples / MEETUP)
    light = window.preview.document().defaultStyleSheet()
    dark = QPalette(window.preview.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    with qtbot.waitSignal(window.post_shown, timeout=10000):  # laid out again in the worker
        window.preview.setPalette(dark)
    sheet = window.preview.document().defaultStyleSheet()
    assert sheet != light and "#e6e6e6" in sheet  # the post's text takes the dark theme's colour
    assert "나머지 지표는 드릴다운으로 이동" in window.preview.toPlainText()  # still showing the post


def test_recent_files_menu(qtbot, window, samples, settings) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    open_and_wait(qtbot, window, samples / "_posts" / "2023-11-20-pycon-notes.md")
    window.recent_menu.aboutToShow.emit()  # as when the menu opens
    entries = [a for a in window.recent_menu.actions() if a.text()]
    # Newest first, each by name and folder with a number key; the whole path in the status bar.
    assert [a.text() for a in entries[:2]] == [
        f"&1 2023-11-20-pycon-notes.md — {samples / '_posts'}",
        f"&2 {MEETUP.split('/')[-1]} — {samples / '_posts'}",
    ]
    assert entries[1].statusTip() == str(samples / MEETUP)
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        window.recent_menu.actions()[1].trigger()
    assert window.reading.path == samples / MEETUP


def test_a_warning_reads_as_written(qtbot, window, tmp_path) -> None:
    from PySide6.QtGui import QTextDocument

    post = tmp_path / "2021-01-02-unclosed.md"
    post.write_text("---\ntitle: 닫히지 않은 머리말\n* 본문\n", encoding="utf-8")
    open_and_wait(qtbot, window, post)
    label = window.warnings.label
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(label.text())
    )
    shown = QTextDocument()
    shown.setHtml(label.text()) if rich else shown.setPlainText(label.text())  # as the label draws it
    assert "'---'" in shown.toPlainText() and "&#" not in shown.toPlainText()


def test_an_empty_window_offers_nowhere_to_go(window) -> None:
    for command in ("go.back", "go.forward", "go.previous-post", "go.next-post", "go.focus-branch"):
        assert not window.commands[command].isEnabled(), command

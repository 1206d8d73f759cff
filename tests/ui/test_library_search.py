"""Searching the whole library from the window (Ctrl+Shift+F)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.test_search import type_text
from viewer.ui.library_search import MATCH_STYLE, HtmlRole


def test_search_the_library_and_open_a_result_at_its_match(
    qtbot, window, samples, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with qtbot.waitSignal(window.library_indexed, timeout=20000):
        window.open_path(samples)
    qtbot.waitUntil(lambda: window.reading.rendered is not None, timeout=10000)
    assert list((tmp_path / "cache" / "note-viewer").glob("library-*.sqlite"))  # in the user's cache

    window.activateWindow()
    qtbot.keyClick(
        window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = window.library_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.edit, timeout=3000)
    type_text(qtbot, dialog.edit, "드릴다운")
    qtbot.waitUntil(lambda: dialog.results.count() > 0, timeout=10000)
    assert dialog.status.text() == "1 post matches"
    first = dialog.results.item(0)
    assert first.text().startswith("클라우드 네이티브 밋업 2024 정리 - 1부  2024-03-09")
    assert f'<span style="{MATCH_STYLE}">드릴다운</span>' in first.data(HtmlRole)  # the match highlighted
    # Where in the outline it is follows (each costs a render).
    qtbot.waitUntil(lambda: "관측성 › " in first.data(HtmlRole), timeout=10000)

    with qtbot.waitSignal(window.post_shown, timeout=10000):
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert window.windowTitle().startswith("클라우드 네이티브 밋업 2024 정리 - 1부")
    assert window.search.edit.text() == "드릴다운"
    assert window.search.status.text() == "1 / 1"
    assert window.preview.textCursor().selectedText() == "드릴다운"


def test_no_folder_no_library_search(qtbot, window) -> None:
    window.search_library()
    assert window.library_dialog is None
    assert "Open a folder first" in window.statusBar().currentMessage()


def test_arrow_keys_choose_among_the_results_while_typing(qtbot, window, samples) -> None:
    with qtbot.waitSignal(window.library_indexed, timeout=20000):
        window.open_path(samples)
    qtbot.waitUntil(lambda: window.reading.rendered is not None, timeout=10000)
    window.search_library()
    dialog = window.library_dialog
    type_text(qtbot, dialog.edit, "쿠버네티스")
    qtbot.waitUntil(lambda: dialog.results.count() == 2, timeout=10000)
    assert dialog.status.text() == "2 posts match"
    assert dialog.results.currentRow() == 0
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)
    assert dialog.results.currentRow() == 1 and dialog.edit.hasFocus()
    chosen = dialog.results.currentItem().text().split("  ")[0]
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert window.reading.rendered.post.title == chosen
    assert not dialog.isVisible()

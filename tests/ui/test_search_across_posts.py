"""A search in the post belongs to that post: a library result opens its post at the match, and
going on to another post (previous/next, the list, a link) shows that post whole."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from tests.ui.conftest import open_and_wait, tree_rows
from tests.ui.test_library import open_site
from tests.ui.test_search import type_query, type_text

MEETUP = "_posts/2024-03-09-cloud-native-meetup.md"


def test_after_a_library_result_the_next_post_shows_whole(qtbot, window, samples) -> None:
    open_site(qtbot, window, samples)
    window.search_library()
    dialog = window.library_dialog
    type_text(qtbot, dialog.edit, "드릴다운")
    qtbot.waitUntil(lambda: dialog.results.count() == 1, timeout=10000)
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert window.search.edit.text() == "드릴다운" and window.search.status.text() == "1 / 1"
    assert len(tree_rows(window)) < 10  # the tree shows the match

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)  # back from the dialog
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)  # next post
    assert window.windowTitle().startswith("클라우드 네이티브 밋업 2024 정리 - 2부")
    # No match of "드릴다운" there: the post shows whole, not an empty tree and list.
    assert window.search.edit.text() == "" and window.search.status.text() == ""
    [clear_button] = [
        button
        for button in window.search.edit.findChildren(QToolButton)
        if button.defaultAction() and button.defaultAction().objectName() == "_q_qlineeditclearaction"
    ]
    qtbot.waitUntil(lambda: not clear_button.isVisible())  # an empty box offers nothing to clear
    assert window.reading.matcher is None
    assert len(tree_rows(window)) > 3
    assert window.links.model().rowCount() > 0


def test_reloading_keeps_the_search(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    type_query(qtbot, window, "관측성")
    status = window.search.status.text()
    assert "/" in status
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.search.edit.text() == "관측성" and window.search.status.text() == status


def test_an_invalid_pattern_stays_in_the_box(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.search.regex.setChecked(True)
    type_query(qtbot, window, "(관측")
    assert window.search.edit.text() == "(관측" and window.search.status.text() == "⚠ invalid"

"""Searching in the window: typed into the real box, results in the post, the tree and the links."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import highlighted_matches, match_count, open_and_wait, tree_ids, tree_rows
from viewer.ui.main_window import MainWindow

MEETUP = "_posts/2024-03-09-cloud-native-meetup.md"


def type_text(qtbot, widget, text: str) -> None:
    """Type as a user would: ASCII with key clicks, Hangul through the input method (a preedit
    for each syllable, then its commit), which is how Korean reaches a Qt widget. QtTest's key
    clicks cannot carry non-ASCII text (they assert in qasciikey.cpp)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        QApplication.sendEvent(widget, QInputMethodEvent(char, []))
        commit = QInputMethodEvent("", [])
        commit.setCommitString(char)
        QApplication.sendEvent(widget, commit)


def type_query(qtbot, window: MainWindow, text: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search.edit
    with qtbot.waitSignal(window.search.query_changed, timeout=3000):
        type_text(qtbot, window.search.edit, text)


def test_ctrl_f_type_and_see_matches_everywhere(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.activateWindow()
    type_query(qtbot, window, "템플릿")
    assert window.search.status.text() == "1 / 2"
    assert window.preview.textCursor().selectedText() == "템플릿"
    assert "템플릿" in highlighted_matches(window)
    visible = tree_ids(window)
    assert any("템플릿" in text for _, text in tree_rows(window))
    assert "관측성" not in visible  # a section without matches is filtered out
    assert "클라우드-네이티브-밋업-2024" in visible  # ancestors of matches stay
    assert window.links.model().rowCount() == 0  # no link mentions 템플릿


def test_links_narrow_to_matching_text_or_url(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.activateWindow()
    type_query(qtbot, window, "youtube")
    urls = [
        window.links.entry(window.links.model().index(r, 0)).url
        for r in range(window.links.model().rowCount())
    ]
    assert urls and all("youtube" in u for u in urls)


def test_enter_f3_and_shift_step_through_matches_and_wrap(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.activateWindow()
    type_query(qtbot, window, "서비스")
    total = match_count(window)
    assert total >= 3
    qtbot.keyClick(window.search.edit, Qt.Key.Key_Return)
    assert window.search.status.text() == f"2 / {total}"
    qtbot.keyClick(window.search.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.search.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.search.status.text() == f"{total} / {total}"  # wrapped backwards
    qtbot.keyClick(window.preview, Qt.Key.Key_F3)
    assert window.search.status.text() == f"1 / {total}"  # and forwards
    qtbot.keyClick(window.preview, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.search.status.text() == f"{total} / {total}"


def test_no_matches_state_and_escape_restores_the_tree(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.activateWindow()
    collapsed = window.outline.view_index("관측성")
    window.outline.collapse(collapsed)
    before = window.outline.expanded_ids()
    type_query(qtbot, window, "존재하지않는말")
    assert window.search.status.text() == "No matches"
    assert tree_rows(window) == []
    with qtbot.waitSignal(window.search.query_changed, timeout=3000):
        qtbot.keyClick(window.search.edit, Qt.Key.Key_Escape)
    assert window.search.edit.text() == ""
    assert window.outline.expanded_ids() == before
    assert not window.outline.isExpanded(window.outline.view_index("관측성"))
    assert highlighted_matches(window) == [] and window.search.status.text() == ""
    # Done searching: the post has the keys again (End, Page Down scroll it at once).
    qtbot.waitUntil(window.preview.hasFocus, timeout=2000)
    bar = window.preview.verticalScrollBar()
    qtbot.keyClick(window.preview, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == bar.maximum() > 0


def test_decomposed_query_finds_composed_text(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.activateWindow()
    type_query(qtbot, window, unicodedata.normalize("NFD", "플랫폼"))
    assert window.search.status.text().endswith("/ 2")


def test_match_case_and_whole_word(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / "_posts" / "2023-11-20-pycon-notes.md")
    window.activateWindow()
    type_query(qtbot, window, "pep")
    assert window.search.status.text() == "1 / 1"
    with qtbot.waitSignal(window.search.query_changed):
        window.search.match_case.click()
    assert window.search.status.text() == "No matches"
    with qtbot.waitSignal(window.search.query_changed):
        window.search.match_case.click()
    window.search.clear()
    with qtbot.waitSignal(window.search.query_changed, timeout=3000):
        type_text(qtbot, window.search.edit, "py")
    with_prefix = match_count(window)
    with qtbot.waitSignal(window.search.query_changed):
        window.search.whole_word.click()
    assert 0 < match_count(window) < with_prefix  # only 'setup.py'; not 'pyproject'


def test_invalid_regular_expression_shows_its_error_at_the_box(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.activateWindow()
    window.search.regex.click()
    type_query(qtbot, window, "(관측")
    assert window.search.status.text() == "⚠ invalid"
    assert "Invalid regular expression" in window.search.edit.toolTip()
    qtbot.keyClick(window.search.edit, Qt.Key.Key_Return)  # stepping with no query does nothing
    assert highlighted_matches(window) == [] and not window.preview.textCursor().hasSelection()
    assert window.search.status.text() == "⚠ invalid"


def test_one_search_per_pause_while_an_input_method_is_composing(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.activateWindow()
    window.search.focus()
    received = []
    window.search.query_changed.connect(received.append)
    for preedit in ("ㄱ", "거", "검"):  # jamo by jamo, as a Korean IME composes
        QApplication.sendEvent(window.search.edit, QInputMethodEvent(preedit, []))
        qtbot.keyClick(window.search.edit, Qt.Key.Key_Return)
    assert received == []  # no search per jamo, and Enter while composing did nothing
    with qtbot.waitSignal(window.search.query_changed, timeout=3000):
        pass  # after the pause, the syllable being composed is searched for
    assert len(received) == 1 and window.search.status.text() == "1 / 1"  # 보안 검사
    commit = QInputMethodEvent("", [])
    commit.setCommitString("검")
    QApplication.sendEvent(window.search.edit, commit)
    with qtbot.waitSignal(window.search.query_changed, timeout=3000):
        pass
    assert window.search.edit.text() == "검"
    assert window.search.status.text() == "1 / 1"


def test_clicking_a_filtered_node_goes_to_its_first_match(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.activateWindow()
    type_query(qtbot, window, "템플릿")
    index = window.outline.view_index("li-15")  # 골든 패스 문서화 is not a match; find its sibling
    matches = window.outline.model().match(
        window.outline.model().index(0, 0),
        Qt.ItemDataRole.DisplayRole,
        "A. 템플릿은 최소한으로, 확장은 플러그인으로",
        1,
        Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly,
    )
    assert matches and index is not None
    rect = window.outline.visualRect(matches[0])
    qtbot.mouseClick(window.outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.search.status.text() == "2 / 2"


def test_a_query_matching_most_of_a_long_post_caps_the_tree_not_the_count(qtbot, window, tmp_path) -> None:
    from viewer.ui.outline_panel import MAX_FILTERED_MATCHES

    post = tmp_path / "2021-01-01-long.md"
    post.write_text(
        "---\ntitle: 긴 글\n---\n" + "".join(f"* 데이터 항목 {n}\n" for n in range(600)), encoding="utf-8"
    )
    open_and_wait(qtbot, window, post)
    window.activateWindow()
    type_query(qtbot, window, "데이터")
    assert window.search.status.text() == "1 / 600"  # every match is counted and highlighted
    assert len(tree_ids(window)) == MAX_FILTERED_MATCHES
    assert f"first {MAX_FILTERED_MATCHES} of 600" in window.statusBar().currentMessage()

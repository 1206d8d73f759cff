"""Korean in every search box of the window: initial consonants (초성) and the syllable an input
method is still composing. Korean reaches a Qt widget as input-method events (QtTest's key
clicks cannot carry it), so these tests send what ibus sends: a preedit for the syllable being
composed, then its commit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.ui.conftest import highlighted_matches, match_count, open_and_wait, tree_rows
from viewer.ui.main_window import MainWindow

POSTS = {
    "2021-03-01-cloud.md": """---
title: 클라우드 네이티브 정리
categories: [Cloud]
---
# 5가지 클라우드 기술변화
* 하이브리드 클라우드
  * 기존: 클라우드와 데이터센터
* 크라우드 펀딩 사례
* 비용 절감
""",
    "2021-04-01-data.md": "---\ntitle: 데이터 분석 메모\n---\n* 데이터 수집\n* 카드 결제 기록\n",
    "2021-05-01-crowd.md": "---\ntitle: 크라우드 펀딩 후기\n---\n* 후원자 모집\n",
}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "blog"
    (folder / "_posts").mkdir(parents=True)
    (folder / "_config.yml").write_text("title: 블로그\n", encoding="utf-8")
    for name, text in POSTS.items():
        (folder / "_posts" / name).write_text(text, encoding="utf-8")
    return folder


def compose(widget: QLineEdit, preedit: str, commit: str = "") -> None:
    """One input-method event: `commit` is added to the text, `preedit` is shown being composed."""
    event = QInputMethodEvent(preedit, [])
    if commit:
        event.setCommitString(commit)
    QApplication.sendEvent(widget, event)


def type_korean(widget: QLineEdit, keys: list[tuple[str, str]]) -> None:
    for preedit, commit in keys:
        compose(widget, preedit, commit)


def focus_search(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search.edit


def open_cloud_post(qtbot, window: MainWindow, site: Path) -> None:
    open_and_wait(qtbot, window, site / "_posts" / "2021-03-01-cloud.md")


def test_initial_consonants_in_the_search_box_highlight_the_words(qtbot, window, site) -> None:
    open_cloud_post(qtbot, window, site)
    focus_search(qtbot, window)
    with qtbot.waitSignal(window.search.query_changed, timeout=3000):
        compose(window.search.edit, "", "ㅋㄹㅇㄷ")
    assert window.search.edit.text() == "ㅋㄹㅇㄷ"
    # 클라우드 three times and 크라우드 once, in the post as in the tree.
    assert match_count(window) == 4
    assert sorted(set(highlighted_matches(window))) == ["크라우드", "클라우드"]
    assert window.preview.textCursor().selectedText() == "클라우드"  # the first match, selected
    texts = [text for _, text in tree_rows(window)]
    assert "비용 절감" not in texts and "크라우드 펀딩 사례" in texts and "하이브리드 클라우드" in texts


def test_mixed_query_and_double_initials(qtbot, window, site) -> None:
    open_cloud_post(qtbot, window, site)
    focus_search(qtbot, window)
    with qtbot.waitSignal(window.search.query_changed, timeout=3000):
        compose(window.search.edit, "", "클ㄹ우드")
    assert match_count(window) == 3
    assert set(highlighted_matches(window)) == {"클라우드"}
    window.search.set_query("ㄲ")
    assert window.search.status.text() == "No matches"  # 기존, 클라우드, …: none begins with ㄲ


def test_search_follows_the_syllable_being_composed(qtbot, window, site) -> None:
    open_cloud_post(qtbot, window, site)
    focus_search(qtbot, window)
    edit = window.search.edit
    # 클라우드 typed on a Korean keyboard, as ibus-hangul reports it (see docs in the README).
    type_korean(edit, [("ㅋ", ""), ("크", ""), ("클", ""), ("", "클"), ("ㄹ", ""), ("라", ""), ("랑", "")])
    with qtbot.waitSignal(window.search.query_changed, timeout=3000):
        type_korean(edit, [("", "라"), ("우", "")])
    assert (edit.text(), edit.composing) == ("클라", "우")
    # 우 being composed may still become 운, 울, 워…: 클라우 is found while it is composed.
    assert match_count(window) == 3 and set(highlighted_matches(window)) == {"클라우"}
    with qtbot.waitSignal(window.search.query_changed, timeout=3000):
        type_korean(edit, [("욷", "")])  # ㄷ may end 욷 or begin 드
    assert match_count(window) == 3 and set(highlighted_matches(window)) == {"클라우드"}
    # Enter while a syllable is composed is not "next match".
    before = window.reading.current_match
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.reading.current_match == before
    with qtbot.waitSignal(window.search.query_changed, timeout=3000):
        type_korean(edit, [("", "우"), ("드", ""), ("", "드")])
    assert (edit.text(), edit.composing) == ("클라우드", "")
    assert match_count(window) == 3


def test_no_search_for_each_jamo_and_none_for_other_languages(qtbot, window, site) -> None:
    open_cloud_post(qtbot, window, site)
    focus_search(qtbot, window)
    received: list[object] = []
    window.search.query_changed.connect(received.append)
    for preedit in ("ㅋ", "크", "클"):  # quicker than the typing pause: one search, at the end
        compose(window.search.edit, preedit)
    qtbot.wait(400)
    # 클 being composed: 클 three times, and 크라 (크 + ㄹ moved on) once.
    assert len(received) == 1 and match_count(window) == 4
    received.clear()
    compose(window.search.edit, "")
    window.search.set_query("")
    received.clear()
    for preedit in ("k", "ka", "かん"):  # a Japanese reading, not yet converted: nothing to find
        compose(window.search.edit, preedit)
    qtbot.wait(400)
    assert received == []


def test_a_regular_expression_waits_for_the_syllable(qtbot, window, site) -> None:
    open_cloud_post(qtbot, window, site)
    focus_search(qtbot, window)
    window.search.regex.click()
    received: list[object] = []
    window.search.query_changed.connect(received.append)
    compose(window.search.edit, "클")
    qtbot.wait(400)
    assert received == []
    with qtbot.waitSignal(window.search.query_changed, timeout=3000):
        compose(window.search.edit, "", "클")
    assert match_count(window) == 3


def test_post_list_filter_with_initials_and_composing(qtbot, window, site) -> None:
    open_and_wait(qtbot, window, site)
    posts = window.posts
    qtbot.waitUntil(lambda: posts.model.rowCount() == 3, timeout=10000)

    def titles() -> list[str]:
        return sorted(post.title for post in posts.model.shown)

    compose(posts.text_filter, "", "ㅋㄹㅇㄷ")
    assert titles() == ["크라우드 펀딩 후기", "클라우드 네이티브 정리"]
    assert posts.count.text() == "2 of 3 posts"
    posts.text_filter.clear()
    compose(posts.text_filter, "", "데")
    compose(posts.text_filter, "ㅇ")  # 데 + a syllable beginning with ㅇ: 데이…
    assert titles() == ["데이터 분석 메모"]
    compose(posts.text_filter, "오")  # 데오…, 데와…: no title
    assert titles() == []
    compose(posts.text_filter, "")  # the syllable taken back
    assert titles() == ["데이터 분석 메모"]


def test_library_search_with_initials_and_composing(qtbot, window, site) -> None:
    with qtbot.waitSignal(window.library_indexed, timeout=20000):
        window.open_path(site)
    window.search_library()
    dialog = window.library_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.edit, timeout=3000)
    compose(dialog.edit, "", "ㅋㄹㅇㄷ")
    qtbot.waitUntil(lambda: dialog.status.text() == "2 posts match", timeout=10000)
    titles = sorted(dialog.results.item(row).text().split("  ")[0] for row in range(dialog.results.count()))
    assert titles == ["크라우드 펀딩 후기", "클라우드 네이티브 정리"]
    dialog.edit.clear()
    compose(dialog.edit, "", "클라")
    compose(dialog.edit, "우")
    qtbot.waitUntil(lambda: dialog.status.text() == "1 post matches", timeout=10000)
    assert dialog.results.item(0).text().startswith("클라우드 네이티브 정리")
    compose(dialog.edit, "")
    dialog.edit.clear()
    compose(dialog.edit, "", "ㅋㄷ")  # 카드 결제
    qtbot.waitUntil(lambda: dialog.results.item(0).text().startswith("데이터 분석 메모"), timeout=10000)
    assert dialog.status.text() == "1 post matches"


def test_the_enter_and_esc_that_end_a_composition_are_the_input_methods(qtbot, window, site) -> None:
    open_and_wait(qtbot, window, site / "_posts" / "2021-03-01-cloud.md")
    posts = window.posts
    qtbot.waitUntil(lambda: posts.model.rowCount() == 3, timeout=10000)
    compose(posts.text_filter, "ㄷ", "ㅋㄹㅇ")
    qtbot.keyClick(posts.text_filter, Qt.Key.Key_Escape)  # fcitx5 sends the key first …
    compose(posts.text_filter, "", "ㄷ")  # … and the commit after it
    assert posts.text_filter.text() == "ㅋㄹㅇㄷ" and posts.model.rowCount() == 2
    qtbot.keyClick(posts.text_filter, Qt.Key.Key_Escape)  # now it clears the filter
    assert posts.text_filter.text() == "" and posts.model.rowCount() == 3

    window.search_library()
    dialog = window.library_dialog
    assert dialog is not None
    compose(dialog.edit, "드", "ㅋㄹㅇ")
    qtbot.waitUntil(lambda: dialog.results.count() == 2, timeout=10000)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert dialog.isVisible()  # neither closed nor opened a result
    compose(dialog.edit, "", "드")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()

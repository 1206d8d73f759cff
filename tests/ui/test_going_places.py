"""Going to places in the post: a link in the link list, a search match, the keyboard's way into
the post. What is gone to is in the middle of the view, and the tree marks the node it is in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import flashed_link, open_and_wait
from tests.ui.test_links_panel import row_rect
from tests.ui.test_search import type_query
from viewer.ui.main_window import MainWindow

LONG_SECTION = "\n\n".join(
    f"{n}번째 문단입니다. 발표 내용을 길게 적어 두었습니다. 관측성과 플랫폼 이야기가 이어집니다."
    for n in range(40)
)
POST = f"""---
title: 링크 위치
---
# 긴 절
먼저 [처음 링크](https://example.com/first)를 봅니다.

{LONG_SECTION}

마지막 문단에 [발표 영상](https://www.youtube.com/watch?v=abc123xyz)이 있습니다.

## 목록
* 첫 항목
  * 둘째 단계
    * [슬라이드](https://www.slideshare.net/someone/deck) 깊은 곳
* 다시 [발표 영상](https://youtu.be/abc123xyz) 한 번 더

{LONG_SECTION}
"""


def write_post(tmp_path: Path) -> Path:
    path = tmp_path / "2024-05-01-links.md"
    path.write_text(POST, encoding="utf-8")
    return path


def visible_part(window: MainWindow, position: int) -> float:
    """Where `position` is in the view: 0 at its top edge, 1 at its bottom (outside: <0, >1)."""
    cursor = QTextCursor(window.preview.document())
    cursor.setPosition(position)
    rect = window.preview.cursorRect(cursor)
    return rect.center().y() / window.preview.viewport().height()


def test_a_link_list_click_goes_to_the_link_itself(qtbot, window, tmp_path) -> None:
    post = write_post(tmp_path)
    open_and_wait(qtbot, window, post)
    window.resize(900, 400)
    _, rect = row_rect(window.links, "https://www.youtube.com/watch?v=abc123xyz")
    qtbot.mouseClick(window.links.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    # The link is 40 paragraphs below its heading: the view shows the link, not the heading.
    assert flashed_link(window) == "발표 영상"
    link = window.preview.toPlainText().index("발표 영상")
    assert 0.25 < visible_part(window, link) < 0.75
    assert window.outline.currentIndex().data() == "긴 절"

    # Clicked again: its next citation, written another way (youtu.be), in a list item.
    qtbot.mouseClick(window.links.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    second = window.preview.toPlainText().index("발표 영상", link + 1)
    assert 0.25 < visible_part(window, second) < 0.75
    assert window.outline.currentIndex().data() == "다시 발표 영상 한 번 더"


def test_the_tree_follows_a_link_in_a_deep_item(qtbot, window, tmp_path) -> None:
    open_and_wait(qtbot, window, write_post(tmp_path))
    window.resize(900, 400)
    _, rect = row_rect(window.links, "https://www.slideshare.net/someone/deck")
    qtbot.mouseClick(window.links.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.outline.currentIndex().data() == "슬라이드 깊은 곳"
    assert flashed_link(window) == "슬라이드"


def test_the_current_match_is_in_the_middle_of_the_view(qtbot, window, tmp_path) -> None:
    open_and_wait(qtbot, window, write_post(tmp_path))
    window.resize(900, 400)
    type_query(qtbot, window, "39번째")  # the last paragraph of the first long section
    start, _end = window.reading.matches[window.reading.current_match]
    assert 0.25 < visible_part(window, start) < 0.75


def test_tab_in_the_post_goes_to_the_next_link_in_view_not_the_first_of_the_post(
    qtbot, window, tmp_path
) -> None:
    open_and_wait(qtbot, window, write_post(tmp_path))
    window.resize(900, 400)
    window.activateWindow()
    bar = window.preview.verticalScrollBar()
    bar.setValue(bar.maximum() // 4)  # in the long first section, past the first link
    place = bar.value()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # Go to Post
    assert QApplication.focusWidget() is window.preview
    assert bar.value() == place
    qtbot.keyClick(window.preview, Qt.Key.Key_Tab)
    assert window.preview.textCursor().selectedText() == "발표 영상"  # the next link down
    assert bar.value() >= place  # not back to the top for the first link of the post
    qtbot.keyClick(window.preview, Qt.Key.Key_Backtab)
    assert window.preview.textCursor().selectedText() == "처음 링크"


def test_tab_from_the_tree_into_the_post_keeps_the_place(qtbot, window, tmp_path) -> None:
    open_and_wait(qtbot, window, write_post(tmp_path))
    window.resize(900, 400)
    window.activateWindow()
    bar = window.preview.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    place = bar.value()
    window.outline.setFocus()
    qtbot.keyClick(window.outline, Qt.Key.Key_Tab)  # the next widget in the tab order
    assert QApplication.focusWidget() is window.preview
    assert bar.value() == place

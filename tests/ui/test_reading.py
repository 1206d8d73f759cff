"""The reading state keeps every view on the same post, node and search."""

from __future__ import annotations

import threading

from tests.ui.conftest import (
    click_node,
    flashed_text,
    highlighted_matches,
    open_and_wait,
    tree_rows,
)
from tests.ui.test_search import type_query
from viewer.ui import APP_NAME
from viewer.ui import reading as reading_module
from viewer.ui.reading import Reading

MEETUP = "_posts/2024-03-09-cloud-native-meetup.md"


def link_urls(window) -> list[str]:
    model = window.links.model()
    return [window.links.entry(model.index(row, 0)).url for row in range(model.rowCount())]


def test_choosing_a_node_in_the_tree_takes_the_post_there_once(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.resize(900, 400)
    selected: list[str] = []
    jumped: list[str] = []
    window.reading.node_selected.connect(selected.append)
    window.reading.jumped.connect(jumped.append)
    click_node(qtbot, window, "대시보드 정리")
    qtbot.wait(300)  # longer than the post waits before it says where the reader scrolled
    node = window.outline.current_node_id()
    assert selected == [node] and jumped == [node]  # one click, one jump: no echo from the post
    assert window.preview.anchor_at_top() == node
    assert flashed_text(window) == "대시보드 정리"
    # Clicking the node again goes there again; it is still the one selected.
    window.preview.verticalScrollBar().setValue(0)
    window.reading.node_selected.disconnect()
    click_node(qtbot, window, "대시보드 정리")
    assert jumped == [node, node] and window.preview.anchor_at_top() == node


def test_scrolling_the_post_moves_the_tree_without_a_jump(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.resize(900, 400)
    jumped: list[str] = []
    window.reading.jumped.connect(jumped.append)
    preview = window.preview
    with qtbot.waitSignal(window.reading.node_selected, timeout=3000) as selected:
        preview.verticalScrollBar().setValue(
            preview.cursorRect(preview.anchor_cursor("플랫폼-엔지니어링")).top()
        )
    assert selected.args == [window.outline.current_node_id()] == [preview.anchor_at_top()]
    assert jumped == []  # the post stayed where the reader put it


def test_a_search_reaches_the_tree_the_post_and_the_links(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.activateWindow()
    type_query(qtbot, window, "slideshare")
    assert tree_rows(window) == [
        (0, "클라우드 네이티브 밋업 2024"),
        (1, "마무리"),
        (2, "전체 슬라이드 모음: https://www.slideshare.net/cnmeetup-kr"),
    ]
    assert window.preview.textCursor().selectedText() == "slideshare"
    assert "slideshare" in highlighted_matches(window)
    assert link_urls(window) == ["https://www.slideshare.net/cnmeetup-kr"]
    assert window.search.status.text() == "1 / 2"  # the bare URL under the title, then 마무리's
    # While searching, a node chosen in the tree leads to its first match.
    click_node(qtbot, window, "마무리")
    assert window.search.status.text() == "2 / 2"
    assert window.preview.textCursor().block().text().startswith("전체 슬라이드 모음")


def test_a_post_that_cannot_be_shown_clears_every_view(qtbot, window, samples, tmp_path) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.activateWindow()
    type_query(qtbot, window, "slideshare")
    click_node(qtbot, window, "마무리")
    open_and_wait(qtbot, window, tmp_path / "missing.md")
    assert "cannot be shown" in window.preview.toPlainText()
    assert tree_rows(window) == [] and window.outline.current_node_id() == ""
    assert link_urls(window) == []
    assert not window.header.isVisible() and not window.warnings.isVisible()
    assert window.windowTitle() == APP_NAME
    assert window.search.edit.text() == "" and window.search.status.text() == ""  # another post: search ended
    assert highlighted_matches(window) == [] and flashed_text(window) == ""
    assert not window.preview.textCursor().hasSelection()
    assert "no such file" in window.statusBar().currentMessage()


def test_a_newer_post_asked_for_supersedes_one_still_waiting(qtbot, samples, monkeypatch) -> None:
    posts = samples / "_posts"
    first, second, third = (
        posts / "2023-11-20-pycon-notes.md",
        posts / "2024-03-09-cloud-native-meetup.md",
        posts / "2024-03-16-cloud-native-meetup-2.md",
    )
    gate = threading.Event()
    started: list[str] = []
    real_render = reading_module.render_path

    def render(path, stylesheet, *focus):
        started.append(path.name)
        if len(started) == 1:
            gate.wait(10)  # the first render is still running while two more are asked for
        return real_render(path, stylesheet, *focus)

    monkeypatch.setattr(reading_module, "render_path", render)
    reading = Reading()
    shown: list[str] = []
    reading.post_changed.connect(lambda rendered: shown.append(rendered.post.path.name))
    reading.open(first)
    qtbot.waitUntil(lambda: started == [first.name], timeout=5000)
    reading.open(second)
    reading.open(third)
    gate.set()
    qtbot.waitUntil(lambda: shown == [third.name], timeout=10000)
    reading.wait()
    assert started == [first.name, third.name]  # the second was not wanted any more: never read
    assert shown == [third.name]

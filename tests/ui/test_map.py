"""The mind map, focus on a branch, the place kept in each post, and back/forward."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import click_node, open_and_wait, tree_rows
from tests.ui.test_search import type_query
from viewer.core.outline import walk
from viewer.ui import exporting

SVG = "{http://www.w3.org/2000/svg}"

POST = """---
title: "지도 시험 - 관측성과 플랫폼 정리"
date: 2024-05-01 10:00:00 +0900
categories: Test
---
# 지도 시험

발표를 들으며 적은 요약입니다. 빠진 내용이 있을 수 있습니다.

## 관측성
* 로그와 메트릭을 하나로
  + 수집 파이프라인 통합
    - 샘플링을 꼬리 기반으로 바꿔 저장 비용을 줄임
    - 수집기 한 곳에서 세 가지 신호를 모두 받음
  + 대시보드 정리
    - 서비스별 골든 시그널만 첫 화면에
* 알림 규칙을 절반으로 줄임
## 플랫폼
* 내부 개발자 플랫폼
  + 템플릿으로 새 서비스 생성 시간 2일 → 20분
  + 골든 패스 문서화
    1. 저장소 생성
    2. 파이프라인 연결
* 질의응답
  + 팀마다 요구사항이 다르면 플러그인으로 확장
## 마무리
* 다음 모임은 6월, 장소는 추후 공지
"""


def long_post(rows: int = 40) -> str:
    """The post with long sections before and after, so that any node can be scrolled to the top."""
    filler = "\n".join(f"* 앞부분 메모 {n}번: 여러 줄을 채우는 긴 문장입니다" for n in range(rows))
    appendix = "\n".join(f"* 부록 메모 {n}번: 끝까지 채우는 문장" for n in range(40))
    return POST.replace("## 관측성", f"## 앞부분\n{filler}\n\n## 관측성") + f"## 부록\n{appendix}\n"


def show_map(qtbot, window) -> None:
    window.commands["view.show-map"].trigger()
    qtbot.waitUntil(lambda: window.map.isVisible() and window.map.mind_map is not None, timeout=5000)
    qtbot.wait(20)  # the first view is set once the panel has its size


def node_id(window, text: str) -> str:
    for _, node in walk(window.reading.rendered.outline):
        if node.text == text:
            return node.id
    raise AssertionError(text)


def click_map(qtbot, window, point: QPointF, double: bool = False) -> None:
    view = window.map.view
    view.centerOn(point)
    position = view.mapFromScene(point)
    if double:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=position)
    else:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=position)


def click_map_node(qtbot, window, text: str, double: bool = False) -> None:
    rect = window.map.scene.node_rect(node_id(window, text))
    assert rect is not None, f"{text} is not shown in the map"
    click_map(qtbot, window, rect.center(), double)


def shown_in_map(window) -> list[str]:
    return [node.text for node in window.map.scene.layout_now.nodes]


@pytest.fixture
def post(write_post) -> Path:
    return write_post(long_post(), "2024-05-01-map.md")


def test_the_map_shows_every_node_with_the_lone_heading_at_the_centre(qtbot, window, post) -> None:
    open_and_wait(qtbot, window, post)
    assert not window.map.isVisible()  # hidden until asked for
    show_map(qtbot, window)
    outline = [node.text for _, node in walk(window.reading.rendered.outline)]
    assert sorted(shown_in_map(window)) == sorted(outline)
    centre = window.map.scene.layout_now.nodes[0]
    assert centre.text == "지도 시험" and centre.caption == ("지도 시험 - 관측성과 플랫폼 정리",)
    assert window.map.summary.text() == f"{len(outline)} of {len(outline)} nodes"


def test_clicking_a_map_node_selects_it_in_the_tree_and_takes_the_post_there(qtbot, window, post) -> None:
    open_and_wait(qtbot, window, post)
    show_map(qtbot, window)
    target = node_id(window, "알림 규칙을 절반으로 줄임")
    click_map_node(qtbot, window, "알림 규칙을 절반으로 줄임")
    assert window.outline.current_node_id() == target
    assert window.preview.anchor_at_top() == target
    assert window.map.scene.highlighted == target


def test_the_tree_and_the_scrolled_post_move_the_maps_ring(qtbot, window, post) -> None:
    open_and_wait(qtbot, window, post)
    show_map(qtbot, window)
    click_node(qtbot, window, "골든 패스 문서화")
    assert window.map.scene.highlighted == node_id(window, "골든 패스 문서화")
    # Scrolling the post: the map follows the node at the top of the post.
    preview = window.preview
    target = node_id(window, "관측성")
    bar = preview.verticalScrollBar()
    with qtbot.waitSignal(window.reading.node_selected, timeout=3000):
        bar.setValue(bar.value() + preview.cursorRect(preview.anchor_cursor(target)).top())
    assert window.map.scene.highlighted == preview.anchor_at_top() == target


def test_a_search_rings_matching_nodes_and_fades_the_rest(qtbot, window, post) -> None:
    open_and_wait(qtbot, window, post)
    show_map(qtbot, window)
    window.activateWindow()
    type_query(qtbot, window, "샘플링")
    scene = window.map.scene
    matching = node_id(window, "샘플링을 꼬리 기반으로 바꿔 저장 비용을 줄임")
    assert not scene.faded(matching)
    assert not scene.faded(node_id(window, "수집 파이프라인 통합"))  # on the way to a match
    assert scene.faded(node_id(window, "질의응답")) and scene.faded(node_id(window, "마무리"))
    window.search.clear()
    assert not scene.faded(node_id(window, "질의응답"))


def test_a_handle_folds_and_unfolds_its_branch(qtbot, window, post) -> None:
    open_and_wait(qtbot, window, post)
    show_map(qtbot, window)
    scene = window.map.scene
    branch, child = node_id(window, "관측성"), node_id(window, "대시보드 정리")
    total = len(scene.layout_now.nodes)
    click_map(qtbot, window, scene.handle_point(branch))
    assert scene.node_rect(child) is None  # folded away
    assert len(scene.layout_now.nodes) == total - 7
    assert window.map.summary.text().startswith(f"{total - 7} of")
    # The reader's node folded away: its branch is ringed instead.
    click_node(qtbot, window, "대시보드 정리")
    assert scene.highlighted == branch
    click_map(qtbot, window, scene.handle_point(branch))
    assert scene.node_rect(child) is not None and len(scene.layout_now.nodes) == total
    assert scene.highlighted == child


def test_levels_and_sides(qtbot, window, post, settings) -> None:
    open_and_wait(qtbot, window, post)
    show_map(qtbot, window)
    panel = window.map
    panel.level.setCurrentIndex(0)
    panel.level.activated.emit(0)
    assert {node.depth for node in panel.scene.layout_now.nodes} == {0, 1}  # the centre and its branches
    sides = {node.side for node in panel.scene.layout_now.nodes if node.depth == 1}
    assert sides == {1, -1}  # balanced on both sides
    panel.sides.click()
    assert {node.side for node in panel.scene.layout_now.nodes if node.depth == 1} == {1}
    assert settings.map_side == "right"  # remembered


def test_double_click_focuses_on_a_branch_with_its_breadcrumb(qtbot, window, post) -> None:
    open_and_wait(qtbot, window, post)
    show_map(qtbot, window)
    rect = window.map.scene.node_rect(node_id(window, "골든 패스 문서화"))
    window.map.view.centerOn(rect.center())
    middle_click_place = window.map.view.mapFromScene(rect.center())
    with qtbot.assertNotEmitted(window.reading.focus_changed, wait=1000):  # only the left button's
        qtbot.mouseDClick(window.map.view.viewport(), Qt.MouseButton.MiddleButton, pos=middle_click_place)
    with qtbot.waitSignal(window.reading.focus_changed, timeout=5000):
        click_map_node(qtbot, window, "골든 패스 문서화", double=True)
    # The tree, the post and the map show only the branch.
    assert tree_rows(window) == [(0, "골든 패스 문서화"), (1, "저장소 생성"), (1, "파이프라인 연결")]
    text = window.preview.toPlainText()
    assert "저장소 생성" in text and "파이프라인 연결" in text
    assert "내부 개발자 플랫폼" not in text and "마무리" not in text
    assert sorted(shown_in_map(window)) == ["골든 패스 문서화", "저장소 생성", "파이프라인 연결"]
    bar = window.breadcrumbs
    assert bar.isVisible()
    assert [crumb.text() for crumb in bar.crumbs] == [
        "지도 시험 - 관측성과 플랫폼 정리",
        "지도 시험",
        "플랫폼",
        "내부 개발자 플랫폼",
    ]
    assert bar.current.text() == "골든 패스 문서화"
    assert "This branch: 3 items" in window.header.counts.text()
    # A crumb widens the focus to its branch.
    with qtbot.waitSignal(window.reading.focus_changed, timeout=5000):
        qtbot.mouseClick(bar.crumbs[2], Qt.MouseButton.LeftButton)
    assert tree_rows(window)[0] == (0, "플랫폼")
    assert "질의응답" in window.preview.toPlainText() and "관측성" not in window.preview.toPlainText()
    # The first crumb shows the whole post again.
    qtbot.mouseClick(bar.crumbs[0], Qt.MouseButton.LeftButton)
    assert window.reading.focus == "" and not bar.isVisible()
    assert "관측성" in window.preview.toPlainText()
    assert tree_rows(window)[0] == (0, "지도 시험")


def test_focus_from_the_tree_search_stays_in_the_branch_and_esc_returns(qtbot, window, post) -> None:
    open_and_wait(qtbot, window, post)
    window.activateWindow()
    click_node(qtbot, window, "관측성")
    with qtbot.waitSignal(window.reading.focus_changed, timeout=5000):
        window.commands["go.focus-branch"].trigger()
    assert window.reading.focus == node_id(window, "관측성")
    type_query(qtbot, window, "정리")  # 대시보드 정리 (관측성); the title's "정리" is outside
    assert window.search.status.text() == "1 / 1"
    assert "Searching this branch only: 1 match" in window.breadcrumbs.note.text()
    window.search.clear()
    window.preview.setFocus()
    qtbot.keyClick(window.preview, Qt.Key.Key_Escape)
    assert window.reading.focus == ""
    assert not window.commands["go.unfocus"].isEnabled()  # Esc is free again


def test_the_place_in_a_post_is_restored_after_it_was_edited_above(qtbot, window, post, write_post) -> None:
    other = write_post(POST.replace("지도 시험", "다른 글"), "2024-05-02-other.md")
    open_and_wait(qtbot, window, post)
    click_node(qtbot, window, "파이프라인 연결")
    old_id = window.reading.node
    open_and_wait(qtbot, window, other)
    assert not window.place_note.isVisible()  # never read before: opens at the top
    # Bullets added above the place renumber every item id after them.
    post.write_text(long_post(rows=55), encoding="utf-8")
    open_and_wait(qtbot, window, post)
    target = window.reading.node
    assert target != old_id  # the item's id moved with the bullets added above
    assert [n.text for _, n in walk(window.reading.rendered.outline) if n.id == target] == ["파이프라인 연결"]
    assert window.outline.current_node_id() == target == window.preview.anchor_at_top()
    assert window.place_note.isVisible()
    assert "Back to where you were" in window.place_note.label.text()
    assert "파이프라인 연결" in window.place_note.label.text()
    qtbot.mouseClick(window.place_note.close_button, Qt.MouseButton.LeftButton)
    assert not window.place_note.isVisible()


def test_places_survive_a_new_session(qtbot, post, settings) -> None:
    from viewer.ui.main_window import MainWindow

    first = MainWindow(settings)
    qtbot.addWidget(first)
    open_and_wait(qtbot, first, post)
    first.reading.go_to(node_id(first, "질의응답"))
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    open_and_wait(qtbot, second, post)
    assert second.reading.node == node_id(second, "질의응답")
    second.close()


def test_back_and_forward_across_posts(qtbot, window, post, write_post) -> None:
    other = write_post(POST.replace("지도 시험", "다른 글"), "2024-05-02-other.md")
    open_and_wait(qtbot, window, post)
    window.activateWindow()
    assert not window.commands["go.back"].isEnabled()
    click_node(qtbot, window, "질의응답")  # far from the top: a place to come back to
    deep = window.reading.node
    open_and_wait(qtbot, window, other)
    assert window.commands["go.back"].isEnabled()
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        qtbot.keyClick(window.preview, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.reading.path == post.resolve() and window.reading.node == deep
    assert window.outline.current_node_id() == deep == window.preview.anchor_at_top()
    # Back within the post: to its top, where the reader was before the far jump.
    qtbot.keyClick(window.preview, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.reading.node != deep and window.preview.verticalScrollBar().value() < 50
    qtbot.keyClick(window.preview, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.reading.node == deep
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        window.commands["go.forward"].trigger()
    assert window.reading.path == other.resolve()
    assert not window.commands["go.forward"].isEnabled()


def test_the_mouse_back_and_forward_buttons_go_back_and_forward_over_any_view(
    qtbot, window, post, write_post
) -> None:
    second = write_post(POST, "2024-05-02-second.md")
    third = write_post(POST.replace("title: ", "title: 셋째 "), "2024-05-03-third.md")
    for each in (post, second, third):
        open_and_wait(qtbot, window, each)
    window.show()
    qtbot.waitExposed(window)
    show_map(qtbot, window)
    back, forward = Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton

    def over(widget):  # a place in the window, as the system hands a click to the window
        return widget.mapTo(window, widget.rect().center())

    def click(widget, button) -> None:
        with qtbot.waitSignal(window.post_shown, timeout=10000):
            QTest.mouseClick(window.windowHandle(), button, Qt.KeyboardModifier.NoModifier, over(widget))

    click(window.outline.viewport(), back)
    assert window.reading.path == second.resolve()
    click(window.preview.viewport(), forward)
    assert window.reading.path == third.resolve()
    click(window.links.viewport(), back)
    assert window.reading.path == second.resolve()
    click(window.links.viewport(), forward)
    # Two quick presses are two steps back. Within a post the first step is taken at once, and
    # the second press comes as a press and a double click: no view may take that double click
    # as its own (a jump to the row under the pointer, the branch of the node), which would
    # also lose the way forward.
    handle, no_key = window.windowHandle(), Qt.KeyboardModifier.NoModifier

    def over_a_row():
        view = window.outline
        middle = view.viewport().rect().center()
        assert view.indexAt(middle).isValid()
        return view.viewport().mapTo(window, middle)

    def over_a_node():
        view = window.map.view
        for _, node in walk(window.reading.rendered.outline):
            place = view.mapFromScene(window.map.scene.node_rect(node.id).center())
            if view.viewport().rect().contains(place):
                return view.viewport().mapTo(window, place)
        raise AssertionError("no node in sight")

    def double_press(where) -> None:  # as Qt delivers it: press, release, press, double click, release
        QTest.mouseClick(handle, back, no_key, where())
        place = where()
        QTest.mousePress(handle, back, no_key, place)
        global_place = QPointF(window.mapToGlobal(place))
        QApplication.sendEvent(
            handle, QMouseEvent(QEvent.Type.MouseButtonDblClick, QPointF(place), global_place, back, back, no_key)
        )
        QTest.mouseRelease(handle, back, no_key, place)

    open_and_wait(qtbot, window, post)
    top = {"", next(walk(window.reading.rendered.outline))[1].id}  # where the post opened
    for place in (over_a_row, over_a_node):
        for text in ("부록 메모 30번: 끝까지 채우는 문장", "앞부분 메모 20번: 여러 줄을 채우는 긴 문장입니다"):
            window.reading.go_to(node_id(window, text))
        double_press(place)
        assert window.reading.node in top and window.reading.focus == ""
        assert window.commands["go.forward"].isEnabled()


def test_a_near_jump_is_not_kept_in_the_history(qtbot, window, post) -> None:
    open_and_wait(qtbot, window, post)
    click_node(qtbot, window, "앞부분 메모 1번: 여러 줄을 채우는 긴 문장입니다")
    assert not window.commands["go.back"].isEnabled()


def test_the_header_counts_items_words_and_reading_time(qtbot, window, post) -> None:
    open_and_wait(qtbot, window, post)
    counts = window.header.counts.text()
    assert counts.startswith("6 headings · 95 items · ")
    assert counts.endswith("min read")


def test_export_the_map_as_svg_and_png(qtbot, window, post, tmp_path, monkeypatch) -> None:
    open_and_wait(qtbot, window, post)
    for fmt in ("svg", "png"):
        monkeypatch.setattr(exporting, "ask_save_path", lambda _window, name, _filter: tmp_path / name)
        window.commands[f"file.export.map-{fmt}"].trigger()
    svg = ET.parse(tmp_path / "2024-05-01-map-map.svg").getroot()
    labels = svg.findall(f".//{SVG}g[@data-node]/{SVG}text[@class='label']")
    assert len(labels) == sum(1 for _ in walk(window.reading.rendered.outline))
    assert (tmp_path / "2024-05-01-map-map.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_the_map_follows_a_dark_palette(qtbot, window, post) -> None:
    from PySide6.QtGui import QColor, QPalette

    open_and_wait(qtbot, window, post)
    show_map(qtbot, window)
    palette = QPalette(window.palette())
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
        palette.setColor(role, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e8eaed"))
    window.setPalette(palette)
    assert window.map.scene.backgroundBrush().color().lightness() < 60
    assert sorted(shown_in_map(window)) == sorted(n.text for _, n in walk(window.reading.rendered.outline))


def test_a_reload_keeps_the_focus_while_the_branch_is_there(qtbot, window, post) -> None:
    open_and_wait(qtbot, window, post)
    click_node(qtbot, window, "플랫폼")
    with qtbot.waitSignal(window.reading.focus_changed, timeout=5000):
        window.commands["go.focus-branch"].trigger()
    post.write_text(long_post().replace("* 질의응답", "* 질의응답과 토론"), encoding="utf-8")
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        window.reading.reload()
    assert window.reading.focus == node_id(window, "플랫폼")
    assert (1, "질의응답과 토론") in tree_rows(window) and tree_rows(window)[0] == (0, "플랫폼")
    assert "마무리" not in window.preview.toPlainText()
    post.write_text(long_post().replace("## 플랫폼", "## 플랫폼 팀"), encoding="utf-8")
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        window.reading.reload()
    assert window.reading.focus == "" and not window.breadcrumbs.isVisible()
    assert "마무리" in window.preview.toPlainText()


def test_back_after_focusing_on_a_branch_shows_the_whole_post_again(qtbot, window, post, write_post) -> None:
    other = write_post(POST.replace("지도 시험", "다른 글"), "2024-05-02-other.md")
    open_and_wait(qtbot, window, other)
    open_and_wait(qtbot, window, post)
    window.activateWindow()
    click_node(qtbot, window, "관측성")
    with qtbot.waitSignal(window.reading.focus_changed, timeout=5000):
        window.commands["go.focus-branch"].trigger()
    assert "파이프라인 연결" not in window.preview.toPlainText()  # another branch's
    window.commands["go.back"].trigger()
    assert window.reading.path == post.resolve()  # still this post, whole again
    assert window.reading.focus == "" and "파이프라인 연결" in window.preview.toPlainText()
    with qtbot.waitSignal(window.reading.focus_changed, timeout=5000):
        window.commands["go.forward"].trigger()
    assert window.reading.focus == node_id(window, "관측성")


def test_the_map_beside_the_post_in_a_small_window_leaves_the_post_readable(qtbot, window, post) -> None:
    window.resize(900, 600)
    open_and_wait(qtbot, window, post)
    window.show_panel("map", True)
    qtbot.waitUntil(lambda: window.map.isVisible())
    qtbot.wait(50)
    post_width, map_width = window.post_and_map.sizes()
    assert post_width >= 240 and post_width >= map_width - 1  # a column of words, not a strip

"""Which post a folder opens on, and what the reader opens while a folder is open: the post the
reader chose stays, the folder starts on a post it can show, the filter box leads into the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.test_library import listed, open_site
from tests.ui.test_search import type_text


def test_a_post_opened_while_a_folder_is_open_stays_when_the_folder_is_checked_again(
    qtbot, window, samples, tmp_path
) -> None:
    open_site(qtbot, window, samples)
    loose = tmp_path / "따로 쓴 메모.md"
    loose.write_text("# 따로 쓴 메모\n* 항목\n", encoding="utf-8")
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        window.open_path(loose)
    # Coming back to the window re-checks the folder (as after editing a post elsewhere).
    with qtbot.waitSignal(window.library_indexed, timeout=10000):
        window.library.rescan_soon()
    qtbot.wait(300)  # a post opened by the re-check would be on its way by now
    window.reading.wait()
    assert window.reading.path == loose.resolve()
    assert window.windowTitle().startswith("따로 쓴 메모")


def test_a_post_opened_while_the_folder_is_still_read_stays(qtbot, window, samples, tmp_path) -> None:
    loose = tmp_path / "메모.md"
    loose.write_text("# 메모\n* 항목\n", encoding="utf-8")
    with qtbot.waitSignal(window.library_indexed, timeout=20000):
        window.open_path(samples)
        window.open_path(loose)  # before the folder's list arrives
    window.reading.wait()
    qtbot.wait(100)
    assert window.reading.path == loose.resolve()


def test_a_folder_starts_on_a_post_it_can_show(qtbot, window, tmp_path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "0-broken.md").write_bytes(b"\x00\x01\x02 not text \x00" * 50)
    (folder / "1-first.md").write_text("---\ntitle: 가을 메모\n---\n* 항목\n", encoding="utf-8")
    (folder / "2-second.md").write_text("---\ntitle: 나무 메모\n---\n* 항목\n", encoding="utf-8")
    window.posts.set_order("title")
    with qtbot.waitSignal(window.library_indexed, timeout=20000):
        window.open_path(folder)
    assert window.posts.model.shown[0].problem  # the problem file heads the list
    qtbot.waitUntil(lambda: window.reading.rendered is not None, timeout=10000)
    assert window.reading.path == (folder / "1-first.md").resolve()
    assert window.posts.view.currentIndex().data() == "가을 메모"


def test_a_folder_of_problem_files_only_shows_why(qtbot, window, tmp_path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "a.md").write_bytes(b"\x00\x01\x02" * 50)
    with qtbot.waitSignal(window.library_indexed, timeout=20000):
        window.open_path(folder)
    qtbot.waitUntil(lambda: bool(window.reading.problem), timeout=10000)
    assert "cannot be shown" in window.preview.toPlainText()


def test_filter_box_down_moves_into_the_list_and_enter_opens(qtbot, window, samples) -> None:
    open_site(qtbot, window, samples)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.posts.text_filter.hasFocus(), timeout=3000)
    type_text(qtbot, window.posts.text_filter, "밋업")
    assert listed(window) == [
        "클라우드 네이티브 밋업 2024 정리 - 2부",
        "클라우드 네이티브 밋업 2024 정리 - 1부",
    ]
    # Down: into the list, on its first post, which opens when the keys rest.
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        qtbot.keyClick(window.posts.text_filter, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.posts.view
    assert window.windowTitle().startswith("클라우드 네이티브 밋업 2024 정리 - 2부")
    qtbot.keyClick(window.posts.view, Qt.Key.Key_Down)
    assert window.posts.view.currentIndex().data() == "클라우드 네이티브 밋업 2024 정리 - 1부"

    # Enter in the filter box opens the first post the filter leaves.
    window.posts.focus_filter()
    type_text(qtbot, window.posts.text_filter, "python")
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        qtbot.keyClick(window.posts.text_filter, Qt.Key.Key_Return)
    assert window.windowTitle().startswith("Notes from a Python conference talk")


def test_a_folder_whose_posts_the_filter_hides_opens_on_the_first_in_the_lists_order(
    qtbot, window, samples, tmp_path
) -> None:
    open_site(qtbot, window, samples)
    window.posts.text_filter.setText("어느 제목에도 없는 말")
    folder = tmp_path / "다른 블로그" / "_posts"
    folder.mkdir(parents=True)
    for day in ("2020-03-01", "2022-05-01", "2021-07-01"):
        (folder / f"{day}-메모.md").write_text(f"---\ntitle: {day} 메모\n---\n* 항목\n", encoding="utf-8")
    open_site(qtbot, window, folder.parent)
    assert listed(window) == []  # the filter stays, and hides them all
    assert window.posts.order.currentData() == "newest"
    assert window.reading.path == (folder / "2022-05-01-메모.md").resolve()

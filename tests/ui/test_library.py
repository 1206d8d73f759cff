"""A folder or Jekyll site in the window: the post list, its filters and order, previous/next,
and changes on disk showing up without a restart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from tests.ui.test_search import type_text
from viewer.ui.main_window import MainWindow
from viewer.ui.posts_panel import describe

WEEK_1 = "study/_posts/2024-04-02-kubernetes-study-week-1.md"


def open_site(qtbot, window: MainWindow, folder: Path) -> None:
    with qtbot.waitSignal(window.library_indexed, timeout=20000):
        window.open_path(folder)
    qtbot.waitUntil(lambda: window.reading.rendered is not None, timeout=10000)


def listed(window: MainWindow) -> list[str]:
    return [post.title for post in window.posts.model.shown]


def choose(box: QComboBox, value: object) -> None:
    box.setCurrentIndex(box.findData(value))


def test_a_site_lists_its_posts_and_drafts_newest_first(qtbot, window, samples) -> None:
    open_site(qtbot, window, samples)
    assert listed(window) == [
        "쿠버네티스 스터디 2주차 - 디플로이먼트",
        "쿠버네티스 스터디 1주차 - 파드와 서비스",
        "클라우드 네이티브 밋업 2024 정리 - 2부",
        "클라우드 네이티브 밋업 2024 정리 - 1부",
        "Notes from a Python conference talk on packaging",
        "관측성 읽을거리 (초안)",  # the undated draft last; the About page is not a post
    ]
    assert window.posts.count.text() == "6 posts"
    # The newest post is opened and marked in the list.
    assert window.windowTitle().startswith("쿠버네티스 스터디 2주차")
    assert window.posts.view.currentIndex().row() == 0
    # Each row says when, where filed (the category folder first) and tagged; drafts are marked.
    rows = [describe(post) for post in window.posts.model.shown]
    assert rows[0] == "2024-04-09   study · Kubernetes   #kubernetes #스터디 #배포"
    assert rows[-1].startswith("DRAFT   no date   Cloud")


def test_filters_and_sort_orders(qtbot, window, samples) -> None:
    open_site(qtbot, window, samples)
    posts = window.posts
    type_text(qtbot, posts.text_filter, "밋업")
    assert listed(window) == [
        "클라우드 네이티브 밋업 2024 정리 - 2부",
        "클라우드 네이티브 밋업 2024 정리 - 1부",
    ]
    assert posts.count.text() == "2 of 6 posts"
    posts.text_filter.clear()

    assert posts.category.itemText(posts.category.findData("Kubernetes")) == "Kubernetes (2)"
    choose(posts.category, "Kubernetes")
    assert listed(window) == [
        "쿠버네티스 스터디 2주차 - 디플로이먼트",
        "쿠버네티스 스터디 1주차 - 파드와 서비스",
    ]
    choose(posts.tag, "배포")
    assert listed(window) == ["쿠버네티스 스터디 2주차 - 디플로이먼트"]
    choose(posts.category, None)
    choose(posts.tag, None)
    choose(posts.year, 2023)
    assert listed(window) == ["Notes from a Python conference talk on packaging"]
    choose(posts.year, None)

    choose(posts.order, "title")
    assert listed(window)[0] == "Notes from a Python conference talk on packaging"
    assert listed(window)[1:3] == ["관측성 읽을거리 (초안)", "쿠버네티스 스터디 1주차 - 파드와 서비스"]
    choose(posts.order, "oldest")
    assert listed(window)[0] == "Notes from a Python conference talk on packaging"
    # Re-ordering keeps the open post selected.
    assert posts.view.currentIndex().data() == window.reading.rendered.post.title


def test_choosing_a_post_in_the_list_opens_it(qtbot, window, samples) -> None:
    open_site(qtbot, window, samples)
    view = window.posts.view
    row = listed(window).index("Notes from a Python conference talk on packaging")
    rect = view.visualRect(window.posts.model.index(row))
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.windowTitle().startswith("Notes from a Python conference talk")
    # Arrow keys move through the list; the post opens when they rest.
    view.setFocus()
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        qtbot.keyClick(view, Qt.Key.Key_Up)
    assert window.windowTitle().startswith("클라우드 네이티브 밋업 2024 정리 - 1부")


def test_previous_and_next_post_by_date_and_within_the_category(qtbot, window, samples) -> None:
    (samples / "_posts" / "2024-05-01-cloud-native-meetup-3.md").write_text(
        "---\ntitle: 밋업 정리 - 3부\ncategories: Cloud Meetup\n---\n* 마무리\n", encoding="utf-8"
    )
    open_site(qtbot, window, samples)
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        window.open_path(samples / "_posts" / "2024-03-09-cloud-native-meetup.md")
    nav = window.header.nav.text()
    assert "‹ Notes from a Python conference talk on packaging" in nav
    assert "클라우드 네이티브 밋업 2024 정리 - 2부 ›" in nav

    with qtbot.waitSignal(window.post_shown, timeout=10000):
        qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert window.windowTitle().startswith("클라우드 네이티브 밋업 2024 정리 - 2부")
    # The study posts come next by date; the series goes on with 3부, offered on a line of its own.
    nav = window.header.nav.text()
    assert "쿠버네티스 스터디 1주차 - 파드와 서비스 ›" in nav
    assert "<i>In Cloud · Meetup:</i>" in nav and "밋업 정리 - 3부 ›" in nav
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert window.windowTitle().startswith("쿠버네티스 스터디 1주차")  # next by date: another category

    # Within the category: week 1 → week 2 of the study, and nothing before week 1.
    next_in_category = window.commands["go.next-in-category"]
    previous_in_category = window.commands["go.previous-in-category"]
    next_post = window.commands["go.next-post"]
    assert not previous_in_category.isEnabled()
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        qtbot.keyClick(
            window,
            Qt.Key.Key_PageDown,
            Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert window.windowTitle().startswith("쿠버네티스 스터디 2주차")
    assert not next_in_category.isEnabled()
    assert next_post.statusTip() == "밋업 정리 - 3부"  # next by date
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        next_post.trigger()
    assert not next_post.isEnabled()  # the newest dated post: no next


def test_the_list_and_index_follow_changes_on_disk(qtbot, window, samples) -> None:
    open_site(qtbot, window, samples)
    posts = samples / "_posts"

    def search_count(query: str) -> int:
        with qtbot.waitSignal(window.library.searched, timeout=10000) as answer:
            window.library.search(window.folder, query)
        return answer.args[1]

    # Added.
    new = posts / "2024-06-01-new-talk.md"
    with qtbot.waitSignal(window.library_indexed, timeout=10000):
        new.write_text("---\ntitle: 새로 쓴 발표 정리\ntags: 신규\n---\n* 처음보는낱말\n", encoding="utf-8")
    assert "새로 쓴 발표 정리" in listed(window)
    assert window.posts.tag.findData("신규") >= 0
    assert search_count("처음보는낱말") == 1

    # Changed in place (same file, new title and text).
    with qtbot.waitSignal(window.library_indexed, timeout=10000):
        new.write_text("---\ntitle: 고쳐 쓴 발표 정리\n---\n* 바뀐낱말\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "고쳐 쓴 발표 정리" in listed(window), timeout=10000)
    assert "새로 쓴 발표 정리" not in listed(window)
    assert search_count("처음보는낱말") == 0 and search_count("바뀐낱말") == 1

    # Deleted.
    with qtbot.waitSignal(window.library_indexed, timeout=10000):
        new.unlink()
    qtbot.waitUntil(lambda: "고쳐 쓴 발표 정리" not in listed(window), timeout=10000)
    assert search_count("바뀐낱말") == 0
    assert window.posts.count.text() == "6 posts"


def test_a_new_category_folder_is_picked_up(qtbot, window, samples) -> None:
    open_site(qtbot, window, samples)
    folder = samples / "talks" / "_posts"
    with qtbot.waitSignal(window.library_indexed, timeout=10000):
        folder.mkdir(parents=True)
    with qtbot.waitSignal(window.library_indexed, timeout=10000):
        (folder / "2024-07-01-keynote.md").write_text("---\ntitle: 기조연설\n---\n* 내용\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "기조연설" in listed(window), timeout=10000)
    assert window.posts.category.findData("talks") >= 0  # filed under its folder


def test_reopening_shows_the_indexed_list_at_once(qtbot, window, samples, settings) -> None:
    open_site(qtbot, window, samples)
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    shown: list[bool] = []
    again.library.listed.connect(lambda _posts, fresh: shown.append(fresh))
    again.open_path(samples)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=10000)
    assert shown == [False, True]  # the cached list first, then the checked one
    assert len(again.posts.posts) == 6
    again.library.worker.wait()
    again.reading.wait()


def test_ctrl_l_filters_esc_clears_and_the_sort_order_is_remembered(qtbot, window, samples, settings) -> None:
    open_site(qtbot, window, samples)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.posts.text_filter.hasFocus(), timeout=3000)
    qtbot.keyClicks(window.posts.text_filter, "python")
    assert listed(window) == ["Notes from a Python conference talk on packaging"]
    qtbot.keyClick(window.posts.text_filter, Qt.Key.Key_Escape)
    assert window.posts.text_filter.text() == "" and len(listed(window)) == 6

    choose(window.posts.order, "title")
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.library_indexed, timeout=10000):
        again.open_path(samples)
    assert again.posts.order.currentData() == "title"
    assert listed(again)[0] == "Notes from a Python conference talk on packaging"
    again.library.worker.wait()
    again.reading.wait()


def test_an_empty_folder_says_so(qtbot, window, tmp_path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "photo.png").write_bytes(b"\x89PNG")
    with qtbot.waitSignal(window.library_indexed, timeout=10000):
        window.open_path(empty)
    assert window.posts.posts == (), window.posts.posts
    assert window.posts.count.text() == "0 posts"
    assert "has no Markdown files" in window.preview.toPlainText()


def test_indexing_shows_progress_and_the_window_stays_usable(qtbot, window, samples, tmp_path) -> None:
    big = tmp_path / "big" / "_posts"
    big.mkdir(parents=True)
    for number in range(2000):
        (big / f"2022-01-{number % 28 + 1:02d}-note-{number}.md").write_text(
            f"---\ntitle: 노트 {number}\n---\n* 클라우드 {number}\n  * 관측성\n", encoding="utf-8"
        )
    progress: list[tuple[int, int, bool]] = []
    # Connected after the window's own handler: sees the bar as the window left it.
    window.library.progress.connect(
        lambda done, total: progress.append((done, total, window.index_progress.isVisible()))
    )
    window.open_path(big.parent)
    # While the folder is indexed, a post from elsewhere (not of a site) opens and shows.
    single = tmp_path / "메모.md"
    single.write_text("# 메모\n* 항목\n", encoding="utf-8")
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        window.open_path(single)
    assert window.library.updating
    qtbot.waitUntil(lambda: len(window.posts.posts) == 2000, timeout=60000)
    assert progress[-1] == (2000, 2000, True) and len(progress) >= 10
    assert not window.index_progress.isVisible()


def test_the_post_list_model_passes_the_model_tester(qtbot, qtmodeltester, window, samples) -> None:
    open_site(qtbot, window, samples)
    qtmodeltester.check(window.posts.model)
    choose(window.posts.category, "Kubernetes")
    qtmodeltester.check(window.posts.model)


def test_a_chosen_tag_whose_last_post_is_deleted_stops_filtering(qtbot, window, samples) -> None:
    open_site(qtbot, window, samples)
    choose(window.posts.tag, "packaging")
    assert listed(window) == ["Notes from a Python conference talk on packaging"]
    with qtbot.waitSignal(window.library_indexed, timeout=10000):
        (samples / "_posts" / "2023-11-20-pycon-notes.md").unlink()
    qtbot.waitUntil(lambda: window.posts.tag.findData("packaging") < 0, timeout=10000)
    assert window.posts.tag.currentData() is None
    assert len(listed(window)) == 5  # every post that is left, not an empty list


def test_a_post_of_a_site_opened_alone_lists_the_site_around_it(qtbot, window, samples, tmp_path) -> None:
    post = samples / "study" / "_posts" / "2024-04-02-kubernetes-study-week-1.md"
    with qtbot.waitSignal(window.library_indexed, timeout=20000):
        window.open_path(post)  # as from a file manager
    assert window.windowTitle().startswith("쿠버네티스 스터디 1주차")  # the post itself stays
    assert len(window.posts.posts) == 6
    assert window.posts.view.currentIndex().data() == "쿠버네티스 스터디 1주차 - 파드와 서비스"
    assert "쿠버네티스 스터디 2주차 - 디플로이먼트 ›" in window.header.nav.text()
    assert str(samples) not in window.settings.recent_paths  # only what the user opened

    loose = tmp_path / "loose.md"
    loose.write_text("# 따로 쓴 메모\n* 항목\n", encoding="utf-8")
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        window.open_path(loose)
    assert window.folder == samples.resolve()  # a post of no site leaves the list as it was
    assert not window.header.nav.isVisible()

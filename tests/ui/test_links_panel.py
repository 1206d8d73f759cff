"""The link list, driven with the mouse, the keyboard and its context menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMenu

from tests.ui.conftest import flashed_link, open_and_wait
from viewer.ui.links_panel import LinksPanel

MEETUP = "_posts/2024-03-09-cloud-native-meetup.md"


def rows(panel: LinksPanel) -> list[tuple[str, str, int]]:
    model = panel.model()
    entries = [panel.entry(model.index(r, 0)) for r in range(model.rowCount())]
    return [(e.kind, e.url, e.count) for e in entries if e is not None]


def row_rect(panel: LinksPanel, url: str):
    for row in range(panel.model().rowCount()):
        index = panel.model().index(row, 0)
        if panel.entry(index).url == url:
            panel.scrollTo(index)
            return index, panel.visualRect(index)
    raise AssertionError(url)


def test_references_lead_with_counts(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    listed = rows(window.links)
    assert listed[0] == ("slideshare-profile", "https://www.slideshare.net/cnmeetup-kr", 3)
    kinds = [kind for kind, _, _ in listed]
    assert kinds.index("youtube-channel") < kinds.index("post")  # references before the rest
    assert {"youtube-video", "youtube-channel"} <= set(kinds)


def test_click_goes_to_each_citation_in_turn(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.resize(900, 400)
    visited: list[tuple[str, str]] = []
    _, rect = row_rect(window.links, "https://www.slideshare.net/cnmeetup-kr")
    for _ in range(4):
        qtbot.mouseClick(window.links.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        visited.append((window.reading.node, flashed_link(window)))
    first, second = window.links.entry(window.links.currentIndex()).anchors
    # Cited twice in the opening paragraph (as a link, then bare), once in the last section.
    assert visited == [
        (first, "밋업 발표 자료 모음"),
        (first, "https://www.slideshare.net/cnmeetup-kr"),
        (second, "https://www.slideshare.net/cnmeetup-kr"),
        (first, "밋업 발표 자료 모음"),  # and round again
    ]


def test_double_click_and_enter_open_in_the_browser(qtbot, window, samples, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    open_and_wait(qtbot, window, samples / MEETUP)
    index, rect = row_rect(window.links, "https://www.youtube.com/@cnmeetup-kr")
    qtbot.mouseClick(window.links.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.links.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == ["https://www.youtube.com/@cnmeetup-kr"]
    window.links.setCurrentIndex(index)
    qtbot.keyClick(window.links, Qt.Key.Key_Return)
    assert opened == ["https://www.youtube.com/@cnmeetup-kr"] * 2


def test_a_post_link_opens_in_the_viewer_not_the_browser(qtbot, window, samples, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    open_and_wait(qtbot, window, samples / MEETUP)
    _, rect = row_rect(window.links, "2024-03-16-cloud-native-meetup-2.md")
    qtbot.mouseClick(window.links.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        qtbot.mouseDClick(window.links.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == []
    assert window.windowTitle().startswith("클라우드 네이티브 밋업 2024 정리 - 2부")


@pytest.mark.parametrize(
    ("action", "clipboard"),
    [
        ("Copy URL", "https://www.slideshare.net/cnmeetup-kr"),
        ("Copy as Markdown Link", "[밋업 발표 자료 모음](https://www.slideshare.net/cnmeetup-kr)"),
    ],
)
def test_context_menu_copies(qtbot, window, samples, action: str, clipboard: str) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    _, rect = row_rect(window.links, "https://www.slideshare.net/cnmeetup-kr")

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        [wanted] = [a for a in menu.actions() if a.text() == action]
        wanted.trigger()
        menu.close()

    QTimer.singleShot(100, choose)
    window.links.customContextMenuRequested.emit(rect.center())
    assert QApplication.clipboard().text() == clipboard


def test_the_model_passes_the_model_tester(qtbot, qtmodeltester, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    qtmodeltester.check(window.links.links_model)
    qtmodeltester.check(window.links.model())
    assert window.links.model().rowCount(QModelIndex()) == 4

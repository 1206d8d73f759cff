"""The window on a small or scaled screen (QT_SCALE_FACTOR=2 halves the screen Qt sees): it is
put back only where the screen can hold it, and narrowing it takes the side panels' width before
the post's."""

from __future__ import annotations

from PySide6.QtCore import QRect

from tests.ui.conftest import open_and_wait
from tests.ui.test_library import open_site
from viewer.ui.main_window import MainWindow
from viewer.ui.window_size import SIDE_PANEL_MIN


def test_a_window_larger_than_the_screen_is_not_put_back_so(qtbot, settings) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    free = first.screen().availableGeometry()
    first.show()
    # As left on a bigger screen (or before the scale factor doubled).
    first.setGeometry(QRect(free.topLeft(), free.size() * 1.5))
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert free.contains(second.geometry()), (free, second.geometry())
    # Every panel is on the screen, the link list included.
    links = second.links
    assert free.contains(QRect(links.mapToGlobal(links.rect().topLeft()), links.size()))


def test_a_first_window_fits_the_screen(qtbot, settings) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.screen().availableGeometry().contains(window.geometry())


def test_a_narrower_window_takes_from_the_side_panels_first(qtbot, window, samples) -> None:
    open_site(qtbot, window, samples)  # the post list, and the previous/next titles above the post
    window.resize(1280, 700)
    window.splitter.setSizes([300, 660, 300])
    qtbot.wait(10)
    window.resize(1100, 700)
    qtbot.waitUntil(lambda: window.splitter.width() <= 1100, timeout=2000)
    left, post, links = window.splitter.sizes()
    assert post >= 660  # the post kept the width asked for it…
    assert left < 300 and links < 300  # …the side panels gave theirs
    # Narrower still: once the panels are down to their minimum, the post gives way too.
    window.resize(700, 700)
    qtbot.waitUntil(lambda: window.splitter.width() <= 700, timeout=2000)
    left, post, links = window.splitter.sizes()
    assert left >= SIDE_PANEL_MIN and links >= SIDE_PANEL_MIN
    assert 250 < post < 660


def test_the_window_can_be_as_narrow_as_half_a_laptop_screen(qtbot, window, samples) -> None:
    # QT_SCALE_FACTOR=2 on a 1366-pixel screen leaves 683 pixels: the window must fit, long
    # titles of the previous and next posts included.
    open_and_wait(qtbot, window, samples / "_posts" / "2024-03-09-cloud-native-meetup.md")
    assert "‹ Notes from a Python conference talk on packaging" in window.header.nav.text()
    window.resize(600, 500)
    qtbot.wait(100)  # the layouts settle (a label's new text asks for a new minimum width)
    assert window.width() == 600
    assert window.links.mapTo(window, window.links.rect().topRight()).x() <= 600  # all in it


def test_panels_left_on_a_wider_screen_give_way_to_the_post(qtbot, settings) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(780, 560)
    first.splitter.setSizes([300, 372, 300])
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.resize(560, 500)  # as on a smaller (or scaled) screen
    second.show()
    qtbot.waitExposed(second)
    left, post, links = second.splitter.sizes()
    assert post > 150  # Qt alone squeezed it to its least width (70 px) and kept the panels
    assert left >= SIDE_PANEL_MIN and links >= SIDE_PANEL_MIN


def test_panel_widths_left_last_time_come_back_after_the_window_narrows_and_widens(qtbot, settings) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.resize(1200, 700)
    first.show()
    qtbot.waitExposed(first)
    first.splitter.setSizes([330, 540, 310])
    left_before, _, links_before = first.splitter.sizes()
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.resize(1200, 700)
    second.show()
    qtbot.waitExposed(second)
    second.resize(700, 700)  # the panels give way to the post
    qtbot.waitUntil(lambda: second.splitter.width() <= 700, timeout=2000)
    second.resize(1200, 700)
    qtbot.waitUntil(lambda: second.splitter.width() >= 1100, timeout=2000)
    left, _, links = second.splitter.sizes()
    assert abs(left - left_before) <= 2 and abs(links - links_before) <= 2, second.splitter.sizes()

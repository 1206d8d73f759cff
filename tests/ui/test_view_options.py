"""View ▸ Font, Readable Line Width, Theme and Focus Mode: each applies at once and is there
again in the next window; and the window explains itself (toolbar, search options, empty states)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QSize, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QKeySequence, QPalette, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import open_and_wait
from tests.ui.test_search import type_text
from viewer.core.code_style import code_css
from viewer.ui.main_window import MainWindow
from viewer.ui.page_style import DEFAULT_SIZE
from viewer.ui.post_document import page_colours
from viewer.ui.settings import Settings
from viewer.ui.theme import apply_theme

MEETUP = "_posts/2024-03-09-cloud-native-meetup.md"
#: A paragraph of Korean prose, long enough for several lines at any measure.
PROSE = (
    "발표를 들으며 적은 메모입니다. 빠진 내용이 있을 수 있으니 발표 자료를 함께 보세요. 관측성은 로그와 "
    "메트릭과 트레이스를 하나로 묶어서 보는 일에서 시작합니다. 수집 파이프라인을 통합하면 저장 비용이 "
    "줄어들고 대시보드도 단순해집니다. "
) * 3


@pytest.fixture(autouse=True)
def system_theme_after():
    """The palette is the application's: give the next test the system's again."""
    yield
    apply_theme("system")


def again(qtbot, settings: Settings) -> MainWindow:
    """The window as the next start of the app makes it, from the same settings."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def close(window: MainWindow) -> None:
    window.close()
    window.library.worker.wait()
    window.reading.wait()


def syllables_per_line(window: MainWindow, text: str) -> list[int]:
    """How many Hangul syllables each full line of the paragraph holding `text` shows."""
    cursor = window.preview.document().find(text[:20])
    block = cursor.block()
    layout = block.layout()
    counts = []
    for number in range(layout.lineCount() - 1):  # the last line is not full
        line = layout.lineAt(number)
        shown = block.text()[line.textStart() : line.textStart() + line.textLength()]
        counts.append(sum("가" <= char <= "힣" for char in shown))
    return counts


def test_the_font_applies_at_once_and_is_remembered(qtbot, window, samples, settings) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.commands["view.font"].trigger()
    dialog = window.view_options.font_dialog
    assert dialog is not None and dialog.isVisible()
    line_before = window.preview.document().find("발표를 들으며").blockFormat().lineHeight()
    dialog.size_box.selectAll()
    qtbot.keyClicks(dialog.size_box, "15")
    dialog.line_height_box.selectAll()
    qtbot.keyClicks(dialog.line_height_box, "200")

    def laid_out_as_chosen() -> bool:  # the post is laid out again in the worker with the new look
        document = window.preview.document()
        return document.defaultFont().pointSizeF() == 15.0 and (
            document.defaultStyleSheet().startswith(window.preview.look.stylesheet)
        )

    qtbot.waitUntil(laid_out_as_chosen, timeout=5000)
    paragraph = window.preview.document().find("발표를 들으며").blockFormat()
    assert paragraph.lineHeight() > line_before  # taller lines, in the post shown
    assert "발표를 들으며" in window.preview.toPlainText()
    dialog.close()
    close(window)
    later = again(qtbot, settings)
    assert later.preview.page_style.size == 15.0 and later.preview.page_style.line_height == 200
    open_and_wait(qtbot, later, samples / MEETUP)
    assert later.preview.document().defaultFont().pointSizeF() == 15.0
    assert later.preview.document().find("발표를 들으며").blockFormat().lineHeight() == paragraph.lineHeight()
    close(later)


def test_zoom_adds_to_the_chosen_size(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.preview.document().defaultFont().pointSizeF() == DEFAULT_SIZE + 1
    # The title, date and counts above the post grow with it, in the post's font.
    for label in (window.header.heading, window.header.counts):
        assert label.font().pointSizeF() == DEFAULT_SIZE + 1
        assert label.font().family() == window.preview.document().defaultFont().family()


def test_a_readable_column_and_the_toggle_that_widens_it(qtbot, window, tmp_path: Path, settings) -> None:
    post = tmp_path / "2024-01-01-prose.md"
    paragraphs = "\n\n".join([PROSE] * 8)  # long enough to scroll
    post.write_text(f"---\ntitle: 긴 문단\n---\n{paragraphs}\n", encoding="utf-8")
    window.resize(1920, 1080)
    open_and_wait(qtbot, window, post)
    counts = syllables_per_line(window, PROSE)
    # About 40 syllables of prose a line (spaces take the rest), whatever the window's width.
    assert counts and all(36 <= count <= 45 for count in counts), counts
    margins = window.preview.viewportMargins()
    assert margins.left() == margins.right() > 300  # centred, with room on both sides

    def header_offset() -> int:
        header_left = window.header.heading.mapToGlobal(QPoint(0, 0)).x()
        return header_left - window.preview.mapToGlobal(QPoint(window.preview.column[0], 0)).x()

    qtbot.waitUntil(lambda: abs(header_offset()) <= 2, timeout=2000)  # the title lines up with the text
    # The wheel over the empty sides scrolls the post as over the text.
    beside = QPointF(margins.left() / 2, 200)
    wheel = QWheelEvent(
        beside, window.preview.mapToGlobal(beside), QPoint(), QPoint(0, -120), Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(window.preview, wheel)
    assert window.preview.verticalScrollBar().value() > 0

    action = window.commands["view.readable-width"]
    assert action.isChecked()
    action.trigger()  # off: the text takes the view's width
    wide = syllables_per_line(window, PROSE)
    assert min(wide) > 60, wide
    close(window)
    later = again(qtbot, settings)
    assert not later.commands["view.readable-width"].isChecked()
    assert not later.preview.page_style.readable_width
    close(later)


def test_focus_mode_hides_the_panels_and_escape_brings_them_back(qtbot, window, samples, settings) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    side = (window.left, window.links, window.toolbar, window.menuBar(), window.statusBar())
    assert all(widget.isVisible() for widget in side)
    qtbot.keyClick(window.preview, Qt.Key.Key_F11)
    assert not any(widget.isVisible() for widget in side)
    assert window.preview.isVisible() and window.header.isVisible()
    assert window.isFullScreen()  # on by default (View ▸ Full Screen in Focus Mode)
    assert window.focus_mode.hint.isVisible()  # says how to leave
    qtbot.keyClick(window.preview, Qt.Key.Key_Escape)
    assert all(widget.isVisible() for widget in side)
    assert not window.isFullScreen()

    # Full screen is optional; a window closed in focus mode opens in it again.
    window.commands["view.focus-full-screen"].trigger()
    qtbot.keyClick(window.preview, Qt.Key.Key_F11)
    assert not window.isFullScreen() and not window.links.isVisible()
    close(window)
    later = again(qtbot, settings)
    assert later.focus_mode.on and not later.links.isVisible()
    assert not later.commands["view.focus-full-screen"].isChecked()
    later.commands["view.focus-mode"].trigger()
    assert later.links.isVisible() and later.left.isVisible()  # the panels were saved as they were
    close(later)


def test_a_start_in_focus_mode_with_the_post_shown_first_brings_every_bar_back(
    qtbot, window, samples, settings
) -> None:
    """A post read before (or rendered while Qt loads) is painted before the menus, toolbar and
    panels are made (see app.run): leaving the focus mode restored then brings them all back."""
    from viewer.core.document import load_post
    from viewer.core.render import render_post

    window.resize(700, 500)
    window.focus_mode.set_on(True)
    close(window)
    later = MainWindow(settings, build_now=False)
    qtbot.addWidget(later)
    later.build_post_view()
    assert later.reading.show_now(samples / MEETUP, render_post(load_post(samples / MEETUP)), arrive=False)
    later.show()
    qtbot.waitExposed(later)
    later.build()
    assert later.focus_mode.on and not later.menuBar().isVisible()
    later.focus_mode.escape()
    side = (later.left, later.links, later.toolbar, later.menuBar(), later.statusBar())
    assert all(widget.isVisible() for widget in side)
    qtbot.waitUntil(lambda: not later.isFullScreen())
    assert later.size() == QSize(700, 500)  # as it was left, not the screen's size
    close(later)


def test_ctrl_f_in_focus_mode_shows_the_search(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    window.focus_mode.set_on(True)
    qtbot.keyClick(window.preview, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.edit.isVisible() and window.search.edit.hasFocus()
    type_text(qtbot, window.search.edit, "관측")
    qtbot.keyClick(window.search.edit, Qt.Key.Key_Escape)  # clears the search, as it does outside
    assert window.search.edit.text() == "" and window.focus_mode.on
    qtbot.keyClick(window.search.edit, Qt.Key.Key_Escape)  # then leaves focus mode
    assert not window.focus_mode.on and window.links.isVisible()


def test_the_theme_applies_at_once_to_page_code_and_header_and_is_remembered(
    qtbot, window, samples, settings
) -> None:
    open_and_wait(qtbot, window, samples / "_posts" / "2023-11-20-pycon-notes.md")
    window.preview.verticalScrollBar().setValue(window.preview.verticalScrollBar().maximum())
    with qtbot.waitSignal(window.post_shown, timeout=10000):  # laid out again in the worker
        window.commands["view.theme-dark"].trigger()
    base = window.preview.palette().color(QPalette.ColorRole.Base)
    assert base.lightness() < 80
    colours = page_colours(window.preview.palette())
    sheet = window.preview.document().defaultStyleSheet()
    assert code_css(True, colours["code_bg"]) in sheet  # the dark code colours
    cursor = window.preview.document().find("def")
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
    keyword = cursor.charFormat().foreground().color().name()
    assert keyword in code_css(True, colours["code_bg"]).lower()  # the code shown is recoloured
    assert colours["muted"] in window.header.heading.text()  # the date line is legible on dark
    assert window.windowTitle().startswith("Notes from a Python conference")  # still the post
    close(window)
    apply_theme("system")
    later = again(qtbot, settings)
    assert later.commands["view.theme-dark"].isChecked()
    assert later.preview.palette().color(QPalette.ColorRole.Base).lightness() < 80
    later.commands["view.theme-system"].trigger()
    assert later.preview.palette().color(QPalette.ColorRole.Base) == QGuiApplication.palette().color(
        QPalette.ColorRole.Base
    )
    assert settings.theme == "system"
    close(later)


def test_toolbar_actions_have_icons_and_tooltips_naming_their_keys(window) -> None:
    actions = [action for action in window.toolbar.actions() if action.text() and not action.isSeparator()]
    assert len(actions) >= 6
    for action in actions:
        assert not action.icon().isNull(), action.text()
        key = (
            action.shortcuts()[0].toString(QKeySequence.SequenceFormat.NativeText)
            if action.shortcuts()
            else ""
        )
        assert key and key in action.toolTip(), (action.text(), action.toolTip())


def test_search_options_are_labelled_toggles_with_tooltips(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / "_posts" / "2023-11-20-pycon-notes.md")
    bar = window.search
    for button, label in (
        (bar.match_case, "Match case"),
        (bar.whole_word, "Whole word"),
        (bar.regex, "Regular expression"),
    ):
        assert button.text() == label and button.isCheckable()
        assert button.toolTip().startswith(label) and "Alt+" in button.toolTip()
    qtbot.keyClicks(bar.edit, "setup")
    qtbot.waitUntil(lambda: bar.status.text() != "", timeout=3000)
    found = bar.status.text()
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Match case, by its key
    qtbot.waitUntil(bar.match_case.isChecked, timeout=2000)  # a shortcut "clicks" the button visibly
    qtbot.keyClicks(bar.edit, "zz")
    qtbot.waitUntil(lambda: bar.status.text() == "No matches", timeout=3000)
    assert found != "No matches"


def test_empty_states_say_what_to_do(qtbot, window, samples, tmp_path: Path, settings) -> None:
    # The link list says why it is empty: no links, or none matching the search.
    bare = tmp_path / "2024-01-01-bare.md"
    bare.write_text("---\ntitle: 링크 없음\n---\n* 항목\n", encoding="utf-8")
    open_and_wait(qtbot, window, bare)
    assert window.links.empty_text() == "No links in this post."
    # No post: what to do, and the recent files, which open with a click.
    settings.add_recent(str(samples / MEETUP))
    window.show_welcome()
    text = window.preview.toPlainText()
    assert "Open a post or a folder" in text and "Ctrl+O" in text and "cloud-native-meetup.md" in text
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        window.preview.anchorClicked.emit(QUrl.fromLocalFile(str(samples / MEETUP)))
    assert window.reading.path == (samples / MEETUP).resolve()
    assert window.links.empty_text() == ""
    window.search.set_query("없는말없는말")
    assert window.links.empty_text() == "No links match the search."


def test_a_file_link_in_a_post_is_still_refused(qtbot, window, samples, monkeypatch) -> None:
    # Only our own message pages open the files they list; a post's file: link stays refused.
    from PySide6.QtWidgets import QMessageBox

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    open_and_wait(qtbot, window, samples / MEETUP)
    window.preview.anchorClicked.emit(QUrl("file:///usr/bin/xterm"))
    assert told and "local file" in told[0]
    assert window.reading.path == (samples / MEETUP).resolve()


@pytest.mark.parametrize("paragraphs", [1, 8], ids=["short", "long enough to scroll"])
def test_the_column_of_the_first_paint_is_where_it_stays(qtbot, settings, tmp_path: Path, paragraphs) -> None:
    """Before its first paint the view works its width out instead of asking its viewport (see
    PostView._viewport_width): the text must not move once the viewport is asked."""
    from viewer.core.document import load_post
    from viewer.core.render import render_post

    post = tmp_path / "2024-01-01-prose.md"
    post.write_text("---\ntitle: 문단\n---\n" + "\n\n".join([PROSE] * paragraphs) + "\n", encoding="utf-8")
    window = MainWindow(settings, build_now=False)
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.build_post_view()
    assert window.reading.show_now(post, render_post(load_post(post)), arrive=False)
    window.show()
    qtbot.waitExposed(window)
    scrolls = window.preview.verticalScrollBar().maximum() > 0
    assert scrolls == (paragraphs > 1)
    first = window.preview.column
    window.build()  # after the first paint: the viewport is asked from now on
    assert window.preview.column == first
    assert window.preview.column[1] == window.preview.viewport().width() - 2 * 18  # DOCUMENT_MARGIN
    close(window)


def test_ctrl_end_and_ctrl_home_go_to_the_end_and_the_start_of_the_post(qtbot, window, tmp_path: Path) -> None:
    post = tmp_path / "2024-01-01-prose.md"
    post.write_text("---\ntitle: 긴 글\n---\n" + "\n\n".join([PROSE] * 12) + "\n", encoding="utf-8")
    open_and_wait(qtbot, window, post)
    bar = window.preview.verticalScrollBar()
    window.preview.setFocus()
    assert bar.maximum() > 0 and bar.value() == 0
    qtbot.keyClick(window.preview, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == bar.maximum()
    qtbot.keyClick(window.preview, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == 0


def test_while_the_first_post_is_read_its_place_says_so(qtbot, window, tmp_path: Path) -> None:
    post = tmp_path / "2024-01-01-long.md"
    post.write_text("---\ntitle: 긴 글\n---\n" + "\n\n".join([PROSE] * 12) + "\n", encoding="utf-8")
    assert "Open a post or a folder" in window.preview.toPlainText()
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        window.open_path(post)
        assert "Opening 2024-01-01-long.md…" in window.preview.toPlainText()  # not the welcome page
        assert "Open a post or a folder" not in window.preview.toPlainText()
    assert PROSE[:20] in window.preview.toPlainText()


def test_in_a_narrow_window_the_search_stays_in_the_toolbar_with_short_labels(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / "_posts" / "2023-11-20-pycon-notes.md")
    bar = window.search
    window.resize(700, 600)
    # The box is on the toolbar, not behind its overflow button: visible, and wholly inside it.
    qtbot.waitUntil(lambda: bar.isVisible() and bar.edit.isVisible(), timeout=3000)
    right_edge = bar.mapTo(window.toolbar, bar.rect().topRight()).x()
    assert right_edge <= window.toolbar.width()
    assert [button.text() for button in (bar.match_case, bar.whole_word, bar.regex)] == ["Aa", "W", ".*"]
    assert bar.whole_word.toolTip().startswith("Whole word") and bar.whole_word.accessibleName() == "Whole word"
    # Its keys still work with the short labels (a button's new text would replace them).
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(bar.whole_word.isChecked, timeout=2000)
    window.resize(1400, 800)
    qtbot.waitUntil(lambda: bar.match_case.text() == "Match case", timeout=3000)
    assert bar.whole_word.text() == "Whole word" and bar.whole_word.isChecked()


def _toolbar_width(qtbot, window, width: int) -> None:
    """Resize the window so that its toolbar is `width` pixels wide."""
    window.resize(window.width() + width - window.toolbar.width(), 700)
    qtbot.waitUntil(lambda: window.toolbar.width() == width, timeout=3000)


@pytest.mark.parametrize("points", [None, 15])
def test_the_search_bar_is_whole_exactly_when_it_fits(qtbot, qapp, window, samples, points) -> None:
    if points:  # a larger interface font: the bar's widths are measured, not estimated
        font = qapp.font()
        font.setPointSize(points)
        qapp.setFont(font)
    open_and_wait(qtbot, window, samples / "_posts" / "2023-11-20-pycon-notes.md")
    bar = window.search
    _toolbar_width(qtbot, window, 1600)
    whole = window.toolbar.sizeHint().width()  # what the toolbar wants with the options' names
    _toolbar_width(qtbot, window, whole - 1)
    qtbot.waitUntil(lambda: bar.match_case.text() == "Aa", timeout=3000)
    _toolbar_width(qtbot, window, whole)
    qtbot.waitUntil(lambda: bar.match_case.text() == "Match case", timeout=3000)
    qtbot.waitUntil(lambda: bar.isVisible() and window.commands["view.focus-mode"] in _shown_actions(window))


def _shown_actions(window) -> list:
    """The toolbar's actions whose buttons are on it (not behind its overflow button)."""
    toolbar = window.toolbar
    return [a for a in toolbar.actions() if (w := toolbar.widgetForAction(a)) is not None and w.isVisible()]


def test_a_long_match_count_is_shown_whole(qtbot, window, tmp_path) -> None:
    # More items than the preview lays out: the count says how many matches are further on.
    post = tmp_path / "2021-01-15-many.md"
    post.write_text("".join(f"* 항목 {n} 클라우드\n" for n in range(6000)), encoding="utf-8")
    open_and_wait(qtbot, window, post)
    bar = window.search
    _toolbar_width(qtbot, window, 1600)
    _toolbar_width(qtbot, window, window.toolbar.sizeHint().width() + 10)  # the bar just fits
    assert bar.match_case.text() == "Match case"
    bar.set_query("클라우드")
    qtbot.waitUntil(lambda: "further on" in bar.status.text(), timeout=10000)
    # The wider count made room for itself: the options went short, and the count is not cut.
    qtbot.waitUntil(lambda: bar.match_case.text() == "Aa", timeout=3000)
    qtbot.waitUntil(lambda: bar.status.width() >= bar.status.sizeHint().width(), timeout=3000)


def test_ctrl_f_in_a_very_narrow_window_opens_the_toolbars_overflow_with_the_box(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / "_posts" / "2023-11-20-pycon-notes.md")
    bar = window.search
    window.resize(520, 600)
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=3000)  # behind the overflow button
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(bar.edit.isVisible, timeout=3000)
    qtbot.keyClicks(bar.edit, "setup")
    qtbot.waitUntil(lambda: "/" in bar.status.text(), timeout=3000)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)  # done: the overflow closes again
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=3000)

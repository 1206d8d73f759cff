"""The window in Korean. One walk through every command, menu, widget and dialog of the window,
with the Korean translation loaded, collects what the reader can see or hear (texts, tooltips,
placeholders, window and menu titles, status messages, accessible names and descriptions) and
fails on any of it left in English; and on a control a screen reader cannot name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QAccessible, QContextMenuEvent, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QFontComboBox,
    QGraphicsView,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressBar,
    QTextEdit,
    QWidget,
)

from tests.ui.conftest import open_and_wait
from viewer.ui.main_window import MainWindow
from viewer.ui.settings import Settings
from viewer.ui.translation import install_translations, remove_translations

KOREAN_SITE = Path(__file__).resolve().parent.parent / "fixtures" / "korean_site"
POST = "_posts/2024-05-02-클라우드-모임.md"

#: What may stay in Latin letters in the Korean window, each with why: none of it is a word to
#: translate.
NOT_WORDS = {
    "Note Viewer": "the app's name",
    "YouTube": "a service's name",
    "SlideShare": "a service's name",
    "GitHub": "a service's name",
    "Jekyll": "the blog engine's name",
    "Python": "the dialect of the regular expressions",
    "OPML": "a file format's name, written so in Korean",
    "HTML": "a file format's name",
    "CSV": "a file format's name",
    "JSON": "a file format's name",
    "SVG": "a file format's name",
    "PNG": "a file format's name",
    "PDF": "a file format's name",
    "URL": "written so in Korean",
    "pt": "the unit of font sizes",
    "em": "the unit of the line width (a Hangul syllable's width)",
    "English": "View ▸ Language: each language is named in its own words",
    "code -g {path}:{line}": "an example editor command in Preferences (typed as it is)",
    "gedit +{line} {path}": "an example editor command in Preferences",
    "{path}": "what the reader types in the editor command",
    "{line}": "what the reader types in the editor command",
}
#: Key names as keyboards print them (Qt's own Korean writes them so too).
KEY_NAMES = ("Ctrl", "Shift", "Alt", "Esc", "Enter", "Return", "Space", "Home", "PgUp", "PgDown", "Del")
#: Commands not run in the walk: Quit closes the window.
NOT_RUN = {"file.quit"}


def english_words(text: str, content: tuple[str, ...]) -> list[str]:
    """The words of `text` left in English, once the post's own content (paths, URLs, file names)
    and the allowed names are taken out."""
    # Addresses, paths, host names, file patterns, Qt's placeholders.
    text = re.sub(r"\w+://\S+|(/[^\s/]+)+/?|[\w.-]+\.(com|net|org)\b|\*\.\w+|\(\*\)|%[vmn]|%Ln", " ", text)
    for part in sorted(content, key=len, reverse=True):
        if part:
            text = text.replace(part, " ")
    for allowed in sorted([*NOT_WORDS, *KEY_NAMES], key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z]){re.escape(allowed)}(?![A-Za-z])", " ", text)
    return re.findall(r"[A-Za-z]{2,}", text)


@pytest.fixture
def korean(qapp, translations: Path, english: list[Any]) -> Iterator[None]:
    remove_translations(qapp, english)
    installed = install_translations(qapp, "ko", translations)
    yield
    remove_translations(qapp, installed)
    english[:] = install_translations(qapp, "en", translations)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    import shutil

    folder = tmp_path / "블로그"
    shutil.copytree(KOREAN_SITE, folder)
    return folder


class Seen:
    """What the reader could see or hear, with where it was."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, str]] = []

    def add(self, where: str, *texts: Any) -> None:
        for text in texts:
            if isinstance(text, str) and text.strip():
                plain = QTextDocumentFragment.fromHtml(text).toPlainText() if "<" in text else text
                self.texts.append((where, plain))

    def widget(self, widget: QWidget) -> None:
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        self.add(where, widget.toolTip(), widget.statusTip(), widget.whatsThis())
        self.add(where, widget.accessibleName(), widget.accessibleDescription())
        if widget.isWindow():
            self.add(where, widget.windowTitle())
        if isinstance(widget, QLabel):
            self.add(where, widget.text())
        if isinstance(widget, QAbstractButton):
            self.add(where, widget.text())
        if isinstance(widget, QLineEdit):
            self.add(where, widget.placeholderText())
        if isinstance(widget, QComboBox) and not isinstance(widget, QFontComboBox):  # font names are names
            self.add(where, *(widget.itemText(i) for i in range(widget.count())))
        if isinstance(widget, QAbstractSpinBox):
            self.add(where, widget.specialValueText(), getattr(widget, "suffix", str)())
        if isinstance(widget, QProgressBar):
            self.add(where, widget.format())
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            model = widget.model()
            if model is not None:
                for column in range(view_columns(widget)):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        self.add(where, model.headerData(column, Qt.Orientation.Horizontal, role))

    def menu(self, menu: QMenu, where: str = "") -> None:
        where = f"{where} ▸ {menu.title()}"
        self.add(where, menu.title())
        for action in menu.actions():
            self.add(where, action.text(), action.toolTip(), action.statusTip())
            if action.menu() is not None:
                self.menu(action.menu(), where)

    def untranslated(self, content: tuple[str, ...]) -> list[tuple[str, str, list[str]]]:
        found = []
        for where, text in self.texts:
            words = english_words(text, content)
            if words:
                found.append((where, text, words))
        return found


def view_columns(view: QAbstractItemView) -> int:
    header = getattr(view, "header", None)
    return header().count() if header is not None else 1


def keyboard_menu(widget: QWidget) -> list[str]:
    """The context menu the menu key opens on `widget` (at its current item, as Qt places it),
    read and closed: the texts of its actions."""
    seen: list[str] = []

    def read_and_close() -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu):
            seen.extend(action.text() for action in popup.actions() if not action.isSeparator())
            popup.close()

    place = widget.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
    point = QRectF(place).toRect().center() if place else widget.rect().center()
    QTimer.singleShot(0, read_and_close)
    QApplication.sendEvent(
        widget, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, point, widget.mapToGlobal(point))
    )
    return seen


def our_widgets(*tops: QWidget) -> list[QWidget]:
    return [widget for top in tops for widget in [top, *top.findChildren(QWidget)]]


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """Modal boxes and file dialogs answered at once (cancelled), with what they said."""
    said: list[tuple[str, ...]] = []

    def record(*args: Any, **_kwargs: Any) -> Any:
        said.append(tuple(str(a) for a in args[1:] if isinstance(a, str)))
        return ("", "") if len(args) > 3 else ""

    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, record)

    def box(*args: Any, **_kwargs: Any) -> QMessageBox.StandardButton:
        said.append(tuple(str(a) for a in args[1:3]))
        return QMessageBox.StandardButton.No

    for name in ("question", "information", "warning", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, box)

    def get_text(*args: Any, **_kwargs: Any) -> tuple[str, bool]:
        said.append(tuple(str(a) for a in args[1:3]))
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda _url: True)
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    def preview(dialog: QPrintPreviewDialog) -> int:
        """File ▸ Print's preview, read (its title and Qt's own words) and closed."""
        seen = Seen()
        for widget in our_widgets(dialog):
            seen.widget(widget)
        said.extend((text,) for _, text in seen.texts)
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", preview)
    return said


def test_every_string_of_the_window_is_korean(qtbot, korean, settings: Settings, site: Path, asked) -> None:
    seen = Seen()
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.statusBar().messageChanged.connect(lambda text: seen.add("status bar", text))
    seen.add("welcome page", window.preview.toPlainText())
    for action in window.menuBar().actions():
        if action.menu() is not None:
            seen.menu(action.menu())
    # Every command once with nothing open ("open a post first"), the dialogs answered at once.
    commands = window.commands
    for action_id, action in commands.items():
        seen.add(action_id, action.text(), action.toolTip(), action.statusTip())
        if action_id not in NOT_RUN and action.isEnabled():
            action.trigger()
            if action_id == "view.focus-mode":
                action.trigger()
    window.focus_mode.set_on(False)
    # A site of Korean posts: the post list, the post, its links and outline, the map.
    open_and_wait(qtbot, window, site / POST)
    window.show_panel("map", True)
    commands["view.show-map"].setChecked(True)
    qtbot.waitUntil(lambda: window.map.mind_map is not None)
    for item in window.map.scene.items():
        seen.add("map item", item.toolTip())
    window.map.expand_to_level(1)  # folded nodes: their handles say how many are hidden
    for item in window.map.scene.items():
        seen.add("map item", item.toolTip())
    links = window.links.model()
    for row in range(links.rowCount()):
        for column in range(links.columnCount()):
            index = links.index(row, column)
            for role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                seen.add("link list", index.data(role))
    posts = window.posts.model
    for row in range(posts.rowCount()):
        seen.add("post list", posts.index(row).data(Qt.ItemDataRole.AccessibleTextRole))
    # The menus of the tree, the links, the posts and the map, from the keyboard.
    window.outline.setFocus()
    window.outline.setCurrentIndex(window.outline.model().index(0, 0))
    window.links.setCurrentIndex(window.links.model().index(0, 0))
    window.posts.view.setCurrentIndex(window.posts.model.index(0))
    for view in (window.outline, window.links, window.posts.view, window.map.view):
        texts = keyboard_menu(view)
        assert texts, f"no menu from the keyboard on {type(view).__name__}"
        seen.add(f"menu of {type(view).__name__}", *texts)
    # A search, a focused branch (the breadcrumb bar), then the commands again with a post.
    window.reading.focus_on(window.outline.model().index(0, 0).data(Qt.ItemDataRole.UserRole + 1))
    qtbot.waitUntil(lambda: window.breadcrumbs.isVisible())
    window.search.set_query("발표")
    seen.widget(window.breadcrumbs.note)
    window.search.set_query("없는말없는말")
    for action_id, action in commands.items():
        if action_id not in NOT_RUN and action.isEnabled() and not action_id.startswith("view.theme"):
            action.trigger()
            if action_id == "view.focus-mode":
                action.trigger()
    window.focus_mode.set_on(False)
    library = window.library_dialog
    assert library is not None
    library.edit.setText("클라우드")
    qtbot.waitUntil(lambda: library.results.count() > 0, timeout=20000)
    window.link_policy.follow("file:///etc/passwd")
    window.link_policy.follow("ftp://example.com/자료")
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.parent() is window]
    assert {type(d).__name__ for d in dialogs} >= {"FontDialog", "LibrarySearchDialog", "ShortcutsDialog"}
    for widget in our_widgets(window, *dialogs):
        seen.widget(widget)
    for said in asked:
        seen.add("a dialog", *said)
    assert any(said[0].startswith("인쇄 — ") for said in asked if said)  # the print preview was read
    content = (
        str(site),
        site.name,
        *(p.name for p in site.rglob("*")),
        *(p.stem for p in site.rglob("*.md")),
    )
    untranslated = seen.untranslated(content)
    assert untranslated == [], "\n".join(f"{where}: {text!r} {words}" for where, text, words in untranslated)
    assert len(seen.texts) > 400  # the walk saw the window, not an empty one
    window.library.close()
    window.library.worker.wait()
    window.reading.wait()


def test_qts_own_dialogs_speak_korean(qtbot, korean) -> None:
    """The file dialogs, message boxes and the print dialog come from Qt, in Qt's Korean; the
    few words it leaves in English come from ours (viewer/ui/qt_texts.py)."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    dialogs: list[QWidget] = []
    for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        files = QFileDialog(None, "글 열기", str(Path.home()))
        files.setOption(QFileDialog.Option.DontUseNativeDialog)
        files.setAcceptMode(mode)
        dialogs.append(files)
    buttons = (
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel
    )
    dialogs.append(QMessageBox(QMessageBox.Icon.Question, "제목", "본문", buttons))
    printer = QPrinter()
    dialogs.append(QPrintDialog(printer))
    seen = Seen()
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        for widget in our_widgets(dialog):
            seen.widget(widget)
    assert ("QLabel lookInLabel", "찾는 위치(&L):") in seen.texts
    untranslated = seen.untranslated((str(Path.home()),))
    assert untranslated == [], untranslated


# --- screen readers and the keyboard -----------------------------------------------------------------

#: Controls: what the keyboard reaches and a screen reader reads out as a thing to use.
CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QTextEdit,
    QGraphicsView,
    QProgressBar,
)


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None and interface.isValid(), widget
    return interface.text(QAccessible.Text.Name)


def labelled_by(widget: QWidget) -> str:
    labels = [label.text() for label in widget.window().findChildren(QLabel) if label.buddy() is widget]
    return " ".join(labels)


def is_qts_own_part(widget: QWidget) -> bool:
    """A piece Qt builds inside its own widgets (a combo box's list, a spin box's line edit, a
    header, a toolbar's overflow button, a line edit's clear button): named by its owner."""
    if isinstance(widget, QHeaderView) or widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit)) or parent.objectName().startswith(
            "qt_"
        ):
            return True
        parent = parent.parentWidget()
    return type(widget).__name__ in ("QComboBoxListView", "QLineEditIconButton")


def test_every_control_has_a_name_and_the_lists_say_their_rows(
    qtbot, korean, settings: Settings, site: Path
) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    open_and_wait(qtbot, window, site / POST)
    window.show_panel("map", True)
    window.reading.focus_on(window.outline.model().index(0, 0).data(Qt.ItemDataRole.UserRole + 1))
    qtbot.waitUntil(lambda: window.breadcrumbs.isVisible())
    window.commands["view.font"].trigger()
    window.commands["help.shortcuts"].trigger()
    window.commands["file.search-library"].trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.parent() is window]
    nameless = []
    for widget in our_widgets(window, *dialogs):
        if isinstance(widget, CONTROLS) and not is_qts_own_part(widget):
            name = accessible_name(widget)
            if isinstance(widget, QComboBox):
                # On Linux a combo box's name is its current choice; what it chooses is its
                # description (its tooltip) or the label it is the buddy of.
                name = widget.accessibleDescription() or widget.toolTip() or labelled_by(widget)
            if not re.search(r"[가-힣A-Za-z]{2,}", name):  # "✕", "+" or "" say nothing
                nameless.append((type(widget).__name__, widget.objectName(), name, widget.toolTip()))
    assert nameless == [], "\n".join(map(str, nameless))
    # The rows of the tree, the post list and the link list read as their text.
    for view in (window.outline, window.posts.view, window.links):
        interface = QAccessible.queryAccessibleInterface(view)
        assert interface is not None
        model = view.model()
        rows = [model.index(row, 0).data(Qt.ItemDataRole.DisplayRole) for row in range(model.rowCount())]
        children = [interface.child(n) for n in range(interface.childCount())]
        names = [child.text(QAccessible.Text.Name) for child in children if child is not None]
        for text in rows:
            assert any(text in name for name in names), (type(view).__name__, text, names[:8])
    # The kind badges and the count column say what they mean.
    links = window.links.model()
    kinds = [links.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole) for row in range(links.rowCount())]
    assert any(kind.startswith("YouTube 동영상: ") for kind in kinds), kinds
    counts = [links.index(row, 1).data(Qt.ItemDataRole.AccessibleTextRole) for row in range(links.rowCount())]
    assert "1번 인용" in counts
    # The map says which node it rings; the search box's count says itself in words.
    assert window.map.view.accessibleDescription().startswith("표시된 항목: ")
    window.search.set_query("발표")
    assert re.fullmatch(r"일치 항목 \d+개 중 1번째", accessible_name(window.search.status))
    window.library.close()
    window.library.worker.wait()
    window.reading.wait()


def test_the_tab_key_goes_through_the_window_in_reading_order(qtbot, window, site: Path) -> None:
    open_and_wait(qtbot, window, site / POST)
    window.show_panel("map", True)
    window.reading.focus_on(window.outline.model().index(0, 0).data(Qt.ItemDataRole.UserRole + 1))
    qtbot.waitUntil(lambda: window.breadcrumbs.isVisible())
    window.warnings.show_messages(["경고"])
    window.activateWindow()
    qtbot.waitActive(window)
    window.search.edit.setFocus()
    order: list[QWidget] = []
    for _ in range(80):  # Tab, as the reader presses it, until it comes round to the search box
        widget = QApplication.focusWidget()
        assert widget is not None
        if widget not in order:
            order.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is window.search.edit:
            break
    else:
        raise AssertionError("the Tab key never came back to the search box")
    major = [
        window.search.edit,
        window.posts.text_filter,
        window.posts.view,
        window.outline,
        window.warnings.close_button,
        *window.breadcrumbs.crumbs,
        window.breadcrumbs.close_button,
        window.preview,
        window.map.sides,
        window.map.view,
        window.links,
    ]
    assert all(w in order for w in major), [type(w).__name__ for w in order]
    positions = [order.index(w) for w in major]
    assert positions == sorted(positions), [type(w).__name__ for w in order]


def test_what_the_core_says_about_a_post_is_said_in_korean(korean, tmp_path: Path, monkeypatch) -> None:
    from viewer.core.document import PostError, load_post
    from viewer.core.kramdown_blocks import KramdownBlockParser
    from viewer.core.render import render_post
    from viewer.ui.core_texts import post_message

    monkeypatch.setattr(KramdownBlockParser, "MAX_BLOCKS", 30)  # as 45,000, smaller

    deep = "".join("  " * level + "* 항목\n" for level in range(40))
    posts = {
        "empty.md": b"",
        "cp949.md": "---\ntitle: 제목\n---\n* 한글 본문\n".encode("cp949"),
        "unclosed.md": "---\ntitle: 닫히지 않음\n* 본문\n".encode(),
        "not-yaml.md": "---\ntitle: [깨진\n---\n* 본문\n".encode(),
        "bad-date.md": "---\ntitle: 날짜\ndate: 어제\n---\n* 본문\n".encode(),
        "deep.md": f"---\ntitle: 깊이\n---\n{deep}".encode(),
        "many-blocks.md": "".join(f"* 항목 {n}\n" for n in range(50)).encode(),
        "binary.md": b"\x00\x01\x02PNG\x00" * 50,
    }
    said = []
    for name, data in posts.items():
        (tmp_path / name).write_bytes(data)
        try:
            rendered = render_post(load_post(tmp_path / name))
            said.extend(rendered.all_warnings)
        except PostError as exc:
            said.append(str(exc))
    for missing in (tmp_path / "없는 글.md", tmp_path):  # no such file; a folder
        try:
            load_post(missing)
        except PostError as exc:
            said.append(str(exc))
    assert len(said) >= len(posts) + 2
    for message in said:
        shown = post_message(message)
        assert re.search(r"[가-힣]", shown.replace(str(tmp_path), "")), message  # said in Korean

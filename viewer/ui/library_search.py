"""Search the whole library (Ctrl+Shift+F): results from the index, one click from the post."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.core.index import MATCH_END, MATCH_START, SearchHit
from viewer.ui.composing_edit import ComposingEdit
from viewer.ui.delegates import RichTextDelegate
from viewer.ui.key_bindings import KeyBinding, KeyTable
from viewer.ui.tooltips import plain_tooltip
from viewer.ui.translation import QT_TRANSLATE_NOOP, translate

TYPING_PAUSE_MS = 250
PathRole = Qt.ItemDataRole.UserRole + 1
HtmlRole = Qt.ItemDataRole.UserRole + 2
#: The match in a snippet: dark text on amber, readable in light and dark themes alike.
MATCH_STYLE = "background-color:#fcd34d; color:#111"


def result_html(hit: SearchHit) -> str:
    """Title and date, the snippet with its match highlighted, and where in the outline it is."""
    snippet = html.escape(hit.snippet).replace(MATCH_START, f'<span style="{MATCH_STYLE}">')
    snippet = snippet.replace(MATCH_END, "</span>")
    lines = [
        f"<b>{html.escape(hit.title)}</b>&nbsp;&nbsp;<i>{html.escape(hit.date[:10])}</i>",
        snippet,
    ]
    if hit.outline_path:
        where = translate("LibrarySearchDialog", "in {section}").format(section=" › ".join(hit.outline_path))
        lines.append(f"<i>{html.escape(where)}</i>")
    return "<br>".join(lines)


MOVE = KeyBinding(
    ("Down", "Up", "PgDown", "PgUp"), QT_TRANSLATE_NOOP("LibrarySearchDialog", "Move through the results")
)
OPEN_RESULT = KeyBinding(
    ("Return",), QT_TRANSLATE_NOOP("LibrarySearchDialog", "Open the chosen post at the match")
)
#: The library search's own keys, typed in its search box.
LIBRARY_KEYS = KeyTable(
    "LibrarySearchDialog", QT_TRANSLATE_NOOP("LibrarySearchDialog", "Library search"), (MOVE, OPEN_RESULT)
)


class LibrarySearchDialog(QDialog):
    #: A query to look up in the index, and the syllable being composed after it (the window
    #: runs it off the GUI thread).
    query_changed = Signal(str, str)
    #: (post path, query): open this post at the query.
    result_chosen = Signal(Path, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Search the Library"))
        self.resize(640, 480)
        self.edit = ComposingEdit(self)
        self.edit.setPlaceholderText(self.tr("Search every post of the folder"))
        self.edit.setAccessibleName(self.tr("Search every post"))
        self.edit.setClearButtonEnabled(True)
        self.status = QLabel(self)
        self.results = QListWidget(self)
        self.results.setAccessibleName(self.tr("Matching posts"))
        self.results.setAlternatingRowColors(True)
        self.results.setResizeMode(QListWidget.ResizeMode.Adjust)  # re-wrap when resized
        self.results.setItemDelegate(RichTextDelegate(HtmlRole, self.results))
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(lambda: self.query_changed.emit(*self._query()))
        self.edit.edited.connect(lambda _text, _composing: self._timer.start())
        self.edit.returnPressed.connect(self._open_current)
        self.results.itemActivated.connect(self._open)
        self._shown_query = ""
        self._paths_pending = False
        # The arrow keys move through the results while typing goes on in the box.
        self.edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and MOVE.matches(event)
        ):
            QApplication.sendEvent(self.results, event)
            return True
        return super().eventFilter(watched, event)

    def _query(self) -> tuple[str, str]:
        text, composing = self.edit.text(), self.edit.composing
        return (text.lstrip() if composing else text.strip()), composing

    def _shown(self) -> str:
        """The query as the results are labelled with it: with the syllable being composed."""
        return "".join(self._query())

    def show_results(self, query: str, count: int, hits: list[SearchHit]) -> None:
        if query != self._shown():
            return  # an answer to an older query
        # The same query asked again (for outline paths) keeps the result the user is at.
        row = self.results.currentRow() if query == self._shown_query else 0
        self._shown_query = query
        self._paths_pending = any(hit.outline_pending for hit in hits)
        self.results.clear()
        nothing = self.tr("No posts match") if query else ""
        self.status.setText(self._count_text(count, len(hits)) if count else nothing)
        for hit in hits:
            item = QListWidgetItem()
            plain = hit.snippet.replace(MATCH_START, "").replace(MATCH_END, "")
            item.setText(f"{hit.title}  {hit.date[:10]}  {plain}")  # what screen readers say
            item.setData(HtmlRole, result_html(hit))
            item.setToolTip(plain_tooltip(str(hit.path)))
            item.setData(PathRole, str(hit.path))
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(min(max(row, 0), self.results.count() - 1))

    def ask_again_for_paths(self) -> None:
        """More posts of the library have their outline paths stored: if a result shown has no
        path yet, its query is asked again."""
        if self.isVisible() and self._paths_pending and self._shown_query == self._shown():
            self.query_changed.emit(*self._query())

    def _count_text(self, count: int, shown: int) -> str:
        text = self.tr("%Ln post(s) match", "", count)
        return text + (self.tr(" (the first %Ln are shown)", "", shown) if shown < count else "")

    def show_message(self, text: str) -> None:
        self.status.setText(text)

    def _open_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._open(item)

    def _open(self, item: QListWidgetItem) -> None:
        self.result_chosen.emit(Path(item.data(PathRole)), self.edit.text().strip())
        self.hide()

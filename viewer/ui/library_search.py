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

TYPING_PAUSE_MS = 250
PathRole = Qt.ItemDataRole.UserRole + 1
HtmlRole = Qt.ItemDataRole.UserRole + 2
#: The match in a snippet: dark text on amber, readable in light and dark themes alike.
MATCH_STYLE = "background-color:#fcd34d; color:#111"


def result_html(hit: SearchHit, outline_path: list[str]) -> str:
    """Title and date, the snippet with its match highlighted, and where in the outline it is."""
    snippet = html.escape(hit.snippet).replace(MATCH_START, f'<span style="{MATCH_STYLE}">')
    snippet = snippet.replace(MATCH_END, "</span>")
    lines = [
        f"<b>{html.escape(hit.title)}</b>&nbsp;&nbsp;<i>{html.escape(hit.date[:10])}</i>",
        snippet,
    ]
    if outline_path:
        lines.append(f"<i>in {html.escape(' › '.join(outline_path))}</i>")
    return "<br>".join(lines)


def _count_text(count: int, shown: int) -> str:
    text = "1 post matches" if count == 1 else f"{count:,} posts match"
    return text + (f" (the first {shown} are shown)" if shown < count else "")


class LibrarySearchDialog(QDialog):
    #: A query to look up in the index, and the syllable being composed after it (the window
    #: runs it off the GUI thread).
    query_changed = Signal(str, str)
    #: (post path, query): open this post at the query.
    result_chosen = Signal(Path, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Search the Library")
        self.resize(640, 480)
        self.edit = ComposingEdit(self)
        self.edit.setPlaceholderText("Search every post of the folder")
        self.edit.setClearButtonEnabled(True)
        self.status = QLabel(self)
        self.results = QListWidget(self)
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
        self._hits: list[SearchHit] = []
        # The arrow keys move through the results while typing goes on in the box.
        self.edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
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
        self.results.clear()
        self.status.setText(_count_text(count, len(hits)) if count else ("No posts match" if query else ""))
        self._hits = hits
        for hit in hits:
            item = QListWidgetItem()
            plain = hit.snippet.replace(MATCH_START, "").replace(MATCH_END, "")
            item.setText(f"{hit.title}  {hit.date[:10]}  {plain}")  # what screen readers say
            item.setData(HtmlRole, result_html(hit, []))
            item.setToolTip(html.escape(str(hit.path)))
            item.setData(PathRole, str(hit.path))
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def show_outline_path(self, query: str, row: int, outline_path: list[str]) -> None:
        """Add where in the post's outline result `row` matched (found after the results)."""
        if query != self._shown() or row >= self.results.count() or not outline_path:
            return
        self.results.item(row).setData(HtmlRole, result_html(self._hits[row], outline_path))
        self.results.doItemsLayout()  # the row grew a line

    def show_message(self, text: str) -> None:
        self.status.setText(text)

    def _open_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._open(item)

    def _open(self, item: QListWidgetItem) -> None:
        self.result_chosen.emit(Path(item.data(PathRole)), self.edit.text().strip())
        self.hide()

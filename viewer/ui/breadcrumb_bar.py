"""Above the post while the reader focuses on a branch: the path from the post's title down to
the branch, each crumb widening the focus again, and a note that only the branch is searched."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from viewer.ui.tooltips import plain_tooltip

if TYPE_CHECKING:
    from viewer.ui.reading import Reading

#: A crumb longer than this is cut (the whole text is its tooltip).
CRUMB_CHARS = 28


def _short(text: str) -> str:
    return text if len(text) <= CRUMB_CHARS else text[: CRUMB_CHARS - 1].rstrip() + "…"


class BreadcrumbBar(QFrame):
    def __init__(self, reading: Reading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading = reading
        self.setObjectName("breadcrumbBar")
        self.setStyleSheet(
            "#breadcrumbBar { background: palette(alternate-base); border: 1px solid palette(mid);"
            " border-radius: 4px; }"
        )
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(6, 2, 4, 2)
        self.row.setSpacing(2)
        #: The crumbs, the post's title first (buttons), then the focused branch (a label).
        self.crumbs: list[QToolButton] = []
        self.current = QLabel(self)
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        self.note = QLabel(self)
        self.note.setForegroundRole(self.note.foregroundRole().PlaceholderText)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip("Show the whole post (Esc)")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(lambda: reading.unfocus())
        self.hide()
        reading.post_changed.connect(self._show_path)
        reading.focus_changed.connect(self._show_path)
        reading.search_changed.connect(self._show_note)

    def _show_path(self) -> None:
        while self.row.count():
            item = self.row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget not in (self.current, self.note, self.close_button):
                widget.deleteLater()
        self.crumbs = []
        path = self.reading.focus_path
        rendered = self.reading.rendered
        if not path or rendered is None:
            self.hide()
            return
        self._add_crumb(rendered.post.metadata.title or "Post", "")
        for node in path[:-1]:
            self._add_crumb(node.text, node.id)
        self.current.setText(_short(path[-1].text))
        self.current.setToolTip(plain_tooltip(path[-1].text))
        font = self.current.font()
        font.setBold(True)
        self.current.setFont(font)
        self.row.addWidget(self.current)
        self.row.addStretch(1)
        self.row.addWidget(self.note)
        self.row.addWidget(self.close_button)
        self._show_note()
        self.show()

    def _add_crumb(self, text: str, node_id: str) -> None:
        button = QToolButton(self)
        button.setText(_short(text))
        tip = f"Show the whole post ({text})" if not node_id else f"Focus on {text}"
        button.setToolTip(plain_tooltip(tip))
        button.setAutoRaise(True)
        button.clicked.connect(
            (lambda: self.reading.unfocus()) if not node_id else (lambda: self.reading.focus_on(node_id))
        )
        self.crumbs.append(button)
        self.row.addWidget(button)
        separator = QLabel("›", self)
        separator.setForegroundRole(separator.foregroundRole().PlaceholderText)
        self.row.addWidget(separator)

    def _show_note(self) -> None:
        if self.reading.matcher is None:
            self.note.setText("Showing this branch only")
        else:
            count = len(self.reading.matches)
            self.note.setText(f"Searching this branch only: {count:,} match{'es' * (count != 1)}")

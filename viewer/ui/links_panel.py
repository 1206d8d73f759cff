"""The list of links a post references: a read-only table model over `LinkEntry`s and its view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTreeView, QWidget

from viewer.core.links import LinkEntry
from viewer.core.search import Matcher

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
EntryRole = Qt.ItemDataRole.UserRole + 1

KIND_LABELS = {
    "slideshare-deck": "▣ Slides",
    "slideshare-profile": "▣ SlideShare",
    "youtube-video": "▶ Video",
    "youtube-playlist": "▶ Playlist",
    "youtube-channel": "▶ Channel",
    "github": "⌥ GitHub",
    "post": "✎ Post",
    "email": "✉ Mail",
    "other": "↗ Web",
}
COLUMNS = ("Kind", "Link", "×")


class LinksModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: tuple[LinkEntry, ...] = ()

    def set_entries(self, entries: tuple[LinkEntry, ...]) -> None:
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def entry(self, index: Index) -> LinkEntry | None:
        return self._entries[index.row()] if index.isValid() else None

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index)
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return KIND_LABELS.get(entry.kind, entry.kind)
            if column == 1:
                return entry.text if entry.text and entry.text != entry.url else entry.url
            return str(entry.count)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [entry.text, entry.url] if entry.text != entry.url else [entry.url]
            if entry.section:
                lines.append("in " + " › ".join(entry.section))
            return "\n".join(lines)
        if role == EntryRole:
            return entry
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class LinksFilter(QSortFilterProxyModel):
    """Keeps the links whose text or URL matches the search."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matcher: Matcher | None = None

    def set_matcher(self, matcher: Matcher | None) -> None:
        self.beginFilterChange()
        self.matcher = matcher
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if self.matcher is None:
            return True
        entry = self.sourceModel().index(row, 0, parent).data(EntryRole)
        return bool(entry) and (self.matcher.matches(entry.text) or self.matcher.matches(entry.url))


class LinksPanel(QTreeView):
    """Click: go to where the link is cited (again: the next place). Double-click or Enter: open it."""

    #: An element id in the post to scroll to.
    go_to_anchor = Signal(str)
    #: A URL the user asked to open.
    open_url = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.links_model = LinksModel(self)
        self.filter_model = LinksFilter(self)
        self.filter_model.setSourceModel(self.links_model)
        self.setModel(self.filter_model)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAccessibleName("Links")
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.clicked.connect(self._on_clicked)
        self.doubleClicked.connect(self._on_double_clicked)
        self._next_occurrence: dict[str, int] = {}

    def set_entries(self, entries: tuple[LinkEntry, ...]) -> None:
        self._next_occurrence.clear()
        self.links_model.set_entries(entries)

    def entry(self, index: Index) -> LinkEntry | None:
        return self.links_model.entry(self.filter_model.mapToSource(index))

    def set_matcher(self, matcher: Matcher | None) -> None:
        self.filter_model.set_matcher(matcher)

    def _on_clicked(self, index: QModelIndex) -> None:
        entry = self.entry(index)
        if entry is None or not entry.anchors:
            return
        number = self._next_occurrence.get(entry.url, 0)
        self._next_occurrence[entry.url] = (number + 1) % len(entry.anchors)
        self.go_to_anchor.emit(entry.anchors[number])

    def _on_double_clicked(self, index: QModelIndex) -> None:
        entry = self.entry(index)
        if entry is not None:
            self.open_url.emit(entry.url)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            entry = self.entry(self.currentIndex())
            if entry is not None:
                self.open_url.emit(entry.url)
                return
        super().keyPressEvent(event)

    def _context_menu(self, position: QPoint) -> None:
        entry = self.entry(self.indexAt(position))
        if entry is None:
            return
        menu = self.context_menu(entry)
        menu.exec(self.viewport().mapToGlobal(position))

    def context_menu(self, entry: LinkEntry) -> QMenu:
        menu = QMenu(self)
        menu.addAction("Open in Browser", lambda: self.open_url.emit(entry.url))
        if entry.anchors:
            menu.addAction("Go to Citation", lambda: self.go_to_anchor.emit(entry.anchors[0]))
        menu.addSeparator()
        clipboard = QGuiApplication.clipboard()
        menu.addAction("Copy URL", lambda: clipboard.setText(entry.url))
        label = (entry.text or entry.url).replace("[", "\\[").replace("]", "\\]")
        menu.addAction("Copy as Markdown Link", lambda: clipboard.setText(f"[{label}]({entry.url})"))
        return menu

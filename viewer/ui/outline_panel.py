"""The outline tree: a read-only model over `OutlineNode`s and the view that shows it."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QFont, QKeySequence, QPainter, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from viewer.core.outline import OutlineNode
from viewer.core.search import Matcher

NodeIdRole = Qt.ItemDataRole.UserRole + 1
NodeKindRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class OutlineModel(QAbstractItemModel):
    """Flattens the tree into arrays once; an index's internal id is the node's position."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._set_nodes(())

    def _set_nodes(self, outline: tuple[OutlineNode, ...]) -> None:
        self._nodes: list[OutlineNode] = []
        self._parent: list[int] = []  # -1 for top-level nodes
        self._row: list[int] = []
        self._children: dict[int, list[int]] = {-1: []}
        self._by_id: dict[str, int] = {}

        def add(nodes: tuple[OutlineNode, ...], parent: int) -> None:
            for row, node in enumerate(nodes):
                number = len(self._nodes)
                self._nodes.append(node)
                self._parent.append(parent)
                self._row.append(row)
                self._children[parent].append(number)
                self._children[number] = []
                self._by_id[node.id] = number
                add(node.children, number)

        add(outline, -1)
        self._heading_font = QFont()
        self._heading_font.setBold(True)

    def set_outline(self, outline: tuple[OutlineNode, ...]) -> None:
        self.beginResetModel()
        self._set_nodes(outline)
        self.endResetModel()

    def node(self, index: Index) -> OutlineNode | None:
        return self._nodes[index.internalId()] if index.isValid() else None

    def index_of(self, node_id: str) -> QModelIndex:
        number = self._by_id.get(node_id)
        if number is None:
            return QModelIndex()
        return self.createIndex(self._row[number], 0, number)

    # --- QAbstractItemModel --------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        parent_number = parent.internalId() if parent.isValid() else -1
        children = self._children.get(parent_number, [])
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, child: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return QModelIndex()
        parent_number = self._parent[child.internalId()]
        if parent_number < 0:
            return QModelIndex()
        return self.createIndex(self._row[parent_number], 0, parent_number)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(parent.internalId() if parent.isValid() else -1, []))

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return node.text or "(empty)"
        if role == Qt.ItemDataRole.FontRole and node.kind == "heading":
            return self._heading_font
        if role == NodeIdRole:
            return node.id
        if role == NodeKindRole:
            return node.kind
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class OutlineFilter(QSortFilterProxyModel):
    """Keeps the nodes whose text matches the search, and their ancestors."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.matcher: Matcher | None = None

    def set_matcher(self, matcher: Matcher | None) -> None:
        self.beginFilterChange()
        self.matcher = matcher
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if self.matcher is None:
            return True
        index = self.sourceModel().index(row, 0, parent)
        return self.matcher.matches(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))


class MatchDelegate(QStyledItemDelegate):
    """Draws the matched part of a node's text emphasised."""

    def __init__(self, panel: OutlinePanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        matcher = self.panel.filter_model.matcher
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        spans = matcher.find_all(text) if matcher is not None else []
        if not spans:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else self.panel.style()
        option_text = option.text
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = option_text
        marked, last = [], 0
        for span in spans:
            marked.append(html.escape(text[last : span.start]))
            marked.append(f"<b><u>{html.escape(text[span.start : span.end])}</u></b>")
            last = span.end
        marked.append(html.escape(text[last:]))
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml("".join(marked))
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, option.widget)
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(rect.translated(-rect.topLeft()))
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = option.palette.ColorRole.HighlightedText if selected else option.palette.ColorRole.Text
        context.palette.setColor(option.palette.ColorRole.Text, option.palette.color(role))
        painter.translate(0, (rect.height() - document.size().height()) / 2)
        document.documentLayout().draw(painter, context)
        painter.restore()


class OutlinePanel(QTreeView):
    """Shows the outline; tells when the user picks a node, and follows the post when told to."""

    #: A node the user selected (click or keyboard): its element id.
    node_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outline_model = OutlineModel(self)
        self.filter_model = OutlineFilter(self)
        self.filter_model.setSourceModel(self.outline_model)
        self.setModel(self.filter_model)
        self.setItemDelegate(MatchDelegate(self))
        self._expanded_before_search: set[str] | None = None
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Outline")
        self._following = False  # True while the selection follows the post: not the user's choice
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        self.clicked.connect(self._on_clicked)
        for key, action in (("*", self.expandAll), ("/", self.collapseAll)):
            QShortcut(QKeySequence(key), self, action, context=Qt.ShortcutContext.WidgetShortcut)

    def set_outline(self, outline: tuple[OutlineNode, ...]) -> None:
        self.outline_model.set_outline(outline)
        self.expandAll()

    def node(self, index: Index) -> OutlineNode | None:
        return self.outline_model.node(self.filter_model.mapToSource(index))

    def view_index(self, node_id: str) -> QModelIndex:
        return self.filter_model.mapFromSource(self.outline_model.index_of(node_id))

    def set_matcher(self, matcher: Matcher | None) -> None:
        """Show only nodes matching the search (and their ancestors); None restores the tree."""
        if matcher is not None and self._expanded_before_search is None:
            self._expanded_before_search = self.expanded_ids()
        self.filter_model.set_matcher(matcher)
        if matcher is not None:
            self.expandAll()
        elif self._expanded_before_search is not None:
            self.restore_expanded(self._expanded_before_search)
            self._expanded_before_search = None
        self.viewport().update()

    def visible_node_ids(self) -> list[str]:
        found: list[str] = []

        def visit(parent: QModelIndex) -> None:
            for row in range(self.filter_model.rowCount(parent)):
                index = self.filter_model.index(row, 0, parent)
                found.append(str(index.data(NodeIdRole)))
                visit(index)

        visit(QModelIndex())
        return found

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = self.node(current)
        if node is not None and not self._following:
            self.node_chosen.emit(node.id)

    def _on_clicked(self, index: QModelIndex) -> None:
        node = self.node(index)
        if node is not None:  # clicking the current node again scrolls to it again
            self.node_chosen.emit(node.id)

    def follow(self, node_id: str) -> None:
        """Select the node for `node_id` without announcing it (the post scrolled there)."""
        index = self.view_index(node_id)
        if not index.isValid() or index == self.currentIndex():
            return
        self._following = True
        try:
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._following = False

    def current_node_id(self) -> str:
        node = self.node(self.currentIndex())
        return node.id if node else ""

    def expand_to_level(self, level: int) -> None:
        """Show the first `level` levels of the tree (1 = top-level nodes only)."""
        self.collapseAll()
        if level > 1:
            self.expandToDepth(level - 2)

    def expanded_ids(self) -> set[str]:
        model = self.filter_model
        found: set[str] = set()

        def visit(parent: QModelIndex) -> None:
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                if self.isExpanded(index):
                    found.add(model.data(index, NodeIdRole))
                    visit(index)

        visit(QModelIndex())
        return found

    def restore_expanded(self, ids: set[str]) -> None:
        self.collapseAll()
        for node_id in ids:
            index = self.view_index(node_id)
            if index.isValid():
                self.setExpanded(index, True)

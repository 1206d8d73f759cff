"""The outline tree: a read-only model over `OutlineNode`s and the view that shows it."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QContextMenuEvent,
    QFont,
    QMouseEvent,
    QPainter,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from viewer.core.outline import OutlineNode, prune, walk
from viewer.core.search import JoinedTexts, Matcher
from viewer.ui.key_bindings import KeyBinding, KeyTable
from viewer.ui.tooltips import plain_tooltip
from viewer.ui.translation import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from viewer.core.render import RenderedPost
    from viewer.ui.reading import Reading

NodeIdRole = Qt.ItemDataRole.UserRole + 1
NodeKindRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


#: A search tree shows at most this many matching nodes: beyond that it is no longer a filter
#: (a one-syllable query can match most of a post), and laying out thousands of rows is slow.
MAX_FILTERED_MATCHES = 200
_ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # once: Qt asks for flags a lot


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
        children = self._children.get(parent_number, ())
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
        return len(self._children.get(parent.internalId() if parent.isValid() else -1, ()))

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return node.text or translate("OutlineModel", "(empty)")
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(node.text or translate("OutlineModel", "(empty)"))
        if role == Qt.ItemDataRole.CheckStateRole and node.checked is not None:
            # A task item's box, drawn by the view beside the text (not user-checkable: the
            # post says what is done); the text itself has no glyph, as in Jekyll's page.
            return Qt.CheckState.Checked if node.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole and node.kind == "heading":
            return self._heading_font
        if role == NodeIdRole:
            return node.id
        if role == NodeKindRole:
            return node.kind
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ITEM_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags


class MatchDelegate(QStyledItemDelegate):
    """Draws the matched part of a node's text emphasised."""

    def __init__(self, panel: OutlinePanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        matcher = self.panel.matcher
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


EXPAND_ALL = KeyBinding(("*",), QT_TRANSLATE_NOOP("OutlinePanel", "Expand every node"))
COLLAPSE_ALL = KeyBinding(("/",), QT_TRANSLATE_NOOP("OutlinePanel", "Collapse every node"))
COPY_BRANCH = KeyBinding(("Ctrl+C",), QT_TRANSLATE_NOOP("OutlinePanel", "Copy the branch as Markdown"))
#: The tree's own keys (besides the arrows, and the menu key for the node's menu).
TREE_KEYS = KeyTable(
    "OutlinePanel", QT_TRANSLATE_NOOP("OutlinePanel", "Outline"), (EXPAND_ALL, COLLAPSE_ALL, COPY_BRANCH)
)


class OutlinePanel(QTreeView):
    """Shows the outline of the post being read and the node the reader is at; choosing a node
    (click or keyboard) asks the reading state to go there. While searching, only the matching
    nodes and their ancestors are shown."""

    #: The search matches more nodes (this many) than the tree shows.
    matches_capped = Signal(int)

    def __init__(self, reading: Reading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading = reading
        self.outline_model = OutlineModel(self)
        self.setModel(self.outline_model)
        self.setItemDelegate(MatchDelegate(self))
        self.matcher: Matcher | None = None
        self._full_outline: tuple[OutlineNode, ...] = ()
        # The nodes' texts joined for searching, made at the first search of an outline.
        self._search_texts: JoinedTexts | None = None
        self._search_ids: list[str] = []
        self._expanded_before_search: set[str] | None = None
        self._searching = False
        # True while every node is expanded (as after opening a post): cheap to save and restore.
        self._all_expanded = True
        self.expanded.connect(self._on_user_expansion)
        self.collapsed.connect(self._on_user_expansion)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName(self.tr("Outline"))
        self.setAccessibleDescription(self.tr("The post's headings and bullets; choosing one goes there"))
        self._following = False  # True while the selection follows the post: not the user's choice
        self._current_before_press = QPersistentModelIndex()
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        self.clicked.connect(self._on_clicked)
        for binding, action in ((EXPAND_ALL, self.expandAll), (COLLAPSE_ALL, self.collapseAll)):
            for sequence in binding.sequences():
                QShortcut(sequence, self, action, context=Qt.ShortcutContext.WidgetShortcut)
        reading.post_changed.connect(self._show_reading)
        reading.node_selected.connect(self.follow)
        reading.search_changed.connect(self.set_matcher)
        reading.focus_changed.connect(self._show_focus)

    def _show_reading(self, rendered: RenderedPost | None, keep_view: bool) -> None:
        keep_expanded = keep_view and self.matcher is None  # a search shows every match expanded
        expanded = self.expanded_ids() if keep_expanded else None
        self.set_outline(self.reading.outline_shown)
        if keep_expanded:
            self.restore_expanded(expanded)
        if self.reading.node:
            self.follow(self.reading.node)

    def _show_focus(self) -> None:
        """Only the focused branch (or the whole outline again)."""
        self.set_outline(self.reading.outline_shown)
        if self.reading.node:
            self.follow(self.reading.node)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        node = self.node(self.indexAt(event.pos()))
        menu = QMenu(self)
        if node is not None and node.id != self.reading.focus:
            menu.addAction(self.tr("Focus on This Branch"), lambda: self.reading.focus_on(node.id))
        if self.reading.focus:
            menu.addAction(self.tr("Widen the Focus"), self.reading.widen)
            menu.addAction(self.tr("Show the Whole Post"), self.reading.unfocus)
        if not menu.isEmpty():
            menu.exec(event.globalPos())

    def set_outline(self, outline: tuple[OutlineNode, ...]) -> None:
        self._full_outline = outline
        self._search_texts = None
        if self.matcher is not None:
            self._show_matching(self.matcher)
        else:
            self.outline_model.set_outline(outline)
            self.expandAll()

    def _on_user_expansion(self, _index: QModelIndex) -> None:
        if self.matcher is None:
            self._all_expanded = False

    def expandAll(self) -> None:
        super().expandAll()
        if self.matcher is None:
            self._all_expanded = True

    def collapseAll(self) -> None:
        super().collapseAll()
        self._all_expanded = False

    def node(self, index: Index) -> OutlineNode | None:
        return self.outline_model.node(index)

    def view_index(self, node_id: str) -> QModelIndex:
        return self.outline_model.index_of(node_id)

    def set_matcher(self, matcher: Matcher | None) -> None:
        """Show only nodes matching the search and their ancestors; None restores the tree as it was."""
        if matcher is not None:
            if not self._searching:
                self._expanded_before_search = self.expanded_ids()
                self._searching = True
            self.matcher = matcher
            self._show_matching(matcher)
            return
        self.matcher = None
        if not self._searching:
            return
        self.outline_model.set_outline(self._full_outline)
        self.restore_expanded(self._expanded_before_search)
        self._searching = False
        self._expanded_before_search = None

    def _show_matching(self, matcher: Matcher) -> None:
        # Pruned in Python: a recursive QSortFilterProxyModel over a Python model is quadratic.
        if self._search_texts is None:
            nodes = [node for _, node in walk(self._full_outline)]
            self._search_texts = JoinedTexts([node.text for node in nodes])
            self._search_ids = [node.id for node in nodes]
        matched = {self._search_ids[number] for number in matcher.matching(self._search_texts)}
        tree, matching = prune(self._full_outline, lambda node: node.id in matched, MAX_FILTERED_MATCHES)
        self.outline_model.set_outline(tree)
        self.expandAll()
        if matching > MAX_FILTERED_MATCHES:
            self.matches_capped.emit(matching)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = self.node(current)
        if node is not None and not self._following:
            self.reading.go_to(node.id)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._current_before_press = QPersistentModelIndex(self.currentIndex())
        super().mousePressEvent(event)

    def _on_clicked(self, index: QModelIndex) -> None:
        # A click that made the node current went there already; clicking the current node
        # again goes there again.
        node = self.node(index)
        if node is not None and index == self._current_before_press:
            self.reading.go_to(node.id)

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

    def expanded_ids(self) -> set[str] | None:
        """Ids of the expanded nodes; None when all of them are."""
        if self._all_expanded:
            return None
        model = self.outline_model
        found: set[str] = set()

        def visit(parent: QModelIndex) -> None:
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                if self.isExpanded(index):
                    found.add(model.data(index, NodeIdRole))
                    visit(index)

        visit(QModelIndex())
        return found

    def restore_expanded(self, ids: set[str] | None) -> None:
        if ids is None:
            self.expandAll()
            return
        self.collapseAll()
        for node_id in ids:
            index = self.view_index(node_id)
            if index.isValid():
                self.setExpanded(index, True)

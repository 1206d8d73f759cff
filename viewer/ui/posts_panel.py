"""The post list of an opened folder or site: sort, filters by title, category, tag and year."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QLabel,
    QListView,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from viewer.core.library import SORT_ORDERS, PostSummary, filtered_posts, sorted_posts
from viewer.ui.composing_edit import ComposingEdit
from viewer.ui.core_texts import post_message
from viewer.ui.delegates import Index, TwoLineDelegate
from viewer.ui.key_bindings import KeyBinding, KeyTable
from viewer.ui.tooltips import plain_tooltip
from viewer.ui.translation import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from viewer.ui.reading import Reading

_ROOT = QModelIndex()
PostRole = Qt.ItemDataRole.UserRole + 1
#: Moving through the list with the keyboard opens the post once the keys rest this long.
SELECTION_PAUSE_MS = 120


FIRST_POST = KeyBinding(("Down",), QT_TRANSLATE_NOOP("PostsPanel", "From the filter box: into the list"))
OPEN_POST = KeyBinding(
    ("Return",), QT_TRANSLATE_NOOP("PostsPanel", "From the filter box: open the chosen or the first post")
)
CLEAR_FILTER = KeyBinding(("Esc",), QT_TRANSLATE_NOOP("PostsPanel", "Clear the filter"))
#: The post list's own keys (Ctrl+L, the window's, goes to the filter box).
POST_LIST_KEYS = KeyTable(
    "PostsPanel", QT_TRANSLATE_NOOP("PostsPanel", "Post list"), (FIRST_POST, OPEN_POST, CLEAR_FILTER)
)


def describe(post: PostSummary) -> str:
    """The list's second line: date, categories, tags, and what is special about the file."""
    parts = [post.date.strftime("%Y-%m-%d") if post.date else translate("PostsPanel", "no date")]
    if post.categories:
        parts.append(" · ".join(post.categories))
    if post.tags:
        parts.append(" ".join(f"#{tag}" for tag in post.tags))
    if post.is_draft:
        parts.insert(0, translate("PostsPanel", "DRAFT"))
    if post.problem:
        parts.insert(0, translate("PostsPanel", "⚠ cannot be shown"))
    return "   ".join(parts)


class PostListModel(QAbstractListModel):
    """All posts of the library; shows those passing the filters in the chosen order. Sorting
    and filtering are plain Python over the summaries: a proxy model would call back into
    Python for every comparison."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.all_posts: tuple[PostSummary, ...] = ()
        self.shown: list[PostSummary] = []
        self.order = "newest"
        self.filters: dict[str, Any] = {}

    def set_posts(self, posts: list[PostSummary]) -> None:
        self.all_posts = tuple(posts)
        self._refresh()

    def set_order(self, order: str) -> None:
        self.order = order
        self._refresh()

    def set_filters(self, **filters: Any) -> None:
        self.filters = filters
        self._refresh()

    def _refresh(self) -> None:
        self.beginResetModel()
        self.shown = sorted_posts(filtered_posts(self.all_posts, **self.filters), self.order)
        self.endResetModel()

    def row_of(self, path: Path) -> int:
        return next((row for row, post in enumerate(self.shown) if post.path == path), -1)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        post = self.shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return post.title
        if role == PostRole:
            return post
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{post.title}, {describe(post)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            problem = f"\n{post_message(post.problem)}" if post.problem else ""
            return plain_tooltip(f"{post.path}{problem}")
        return None


class PostDelegate(TwoLineDelegate):
    def lines(self, index: Index) -> tuple[str, str] | None:
        post = index.data(PostRole)
        return (post.title, describe(post)) if post is not None else None


class PostsPanel(QWidget):
    """The posts of the open library, the one being read marked. Selecting a post (click, or
    arrow keys coming to rest) opens it."""

    post_chosen = Signal(Path)
    #: The user chose another sort order (a key of SORT_ORDERS), to be remembered.
    order_changed = Signal(str)

    def __init__(self, reading: Reading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_filter = ComposingEdit(self)
        self.text_filter.setPlaceholderText(self.tr("Filter posts by title"))
        self.text_filter.setAccessibleName(self.tr("Filter posts"))
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.installEventFilter(self)
        self.category = QComboBox(self)
        self.tag = QComboBox(self)
        self.year = QComboBox(self)
        self.order = QComboBox(self)
        for key, label in SORT_ORDERS.items():
            self.order.addItem(translate("PostsPanel", label), key)
        for box, name in (
            (self.category, self.tr("Category")),
            (self.tag, self.tr("Tag")),
            (self.year, self.tr("Year")),
            (self.order, self.tr("Sort")),
        ):
            box.setAccessibleName(name)
            box.setToolTip(name)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(6)
        self.model = PostListModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(PostDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setAlternatingRowColors(True)
        self.view.setAccessibleName(self.tr("Posts"))
        self.view.setAccessibleDescription(self.tr("The posts of the folder; choosing one opens it"))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.count = QLabel(self)
        self.count.setContentsMargins(4, 0, 4, 0)

        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setSpacing(2)
        filters.addWidget(self.category, 0, 0)
        filters.addWidget(self.tag, 0, 1)
        filters.addWidget(self.year, 1, 0)
        filters.addWidget(self.order, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.text_filter)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)

        self._selection_timer = QTimer(self, singleShot=True, interval=SELECTION_PAUSE_MS)
        self._selection_timer.timeout.connect(self._open_current)
        self.current_path: Path | None = None
        self.text_filter.edited.connect(self._apply_filters)
        for box in (self.category, self.tag, self.year):
            box.currentIndexChanged.connect(self._apply_filters)
        self.order.currentIndexChanged.connect(
            lambda: self._keep_selection(self.model.set_order, self.order.currentData())
        )
        self.order.currentIndexChanged.connect(lambda: self.order_changed.emit(self.order.currentData()))
        # Arrow keys move the selection; the post opens when they come to rest.
        self.view.selectionModel().currentChanged.connect(lambda: self._selection_timer.start())
        self.view.clicked.connect(lambda _index: self._open_current())
        self.view.activated.connect(lambda _index: self._open_current())
        self.set_posts([])
        self.post_chosen.connect(reading.open)
        reading.post_changed.connect(lambda: self.select(reading.path))

    # --- content -------------------------------------------------------------------------------------

    @property
    def posts(self) -> tuple[PostSummary, ...]:
        return self.model.all_posts

    def set_posts(self, posts: list[PostSummary]) -> None:
        """Show a new or updated library, keeping filters, selection and scroll position where
        they still apply."""
        if tuple(posts) == self.model.all_posts and posts:
            return  # re-checked and unchanged: leave the list as the user has it
        scrolled = self.view.verticalScrollBar().value()
        categories = Counter(c for p in posts for c in p.categories)
        self._fill_choices(self.category, self.tr("All categories"), categories)
        self._fill_choices(self.tag, self.tr("All tags"), Counter(t for p in posts for t in p.tags))
        years = Counter(p.year for p in posts if p.year is not None)
        self._fill_choices(self.year, self.tr("All years"), years, newest_first=True)
        self.model.filters = self._chosen_filters()  # a category that is gone is no longer chosen
        self._keep_selection(self.model.set_posts, posts)
        self.view.verticalScrollBar().setValue(scrolled)

    @staticmethod
    def _fill_choices(
        box: QComboBox, everything: str, counts: Counter[Any], newest_first: bool = False
    ) -> None:
        chosen = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, None)
        keys = sorted(counts, reverse=True) if newest_first else sorted(counts, key=lambda k: (-counts[k], k))
        for key in keys:
            box.addItem(f"{key} ({counts[key]})", key)
        box.setCurrentIndex(max(0, box.findData(chosen)) if chosen is not None else 0)
        box.setEnabled(bool(counts))
        box.blockSignals(False)

    def _chosen_filters(self) -> dict[str, Any]:
        return {
            "text": self.text_filter.text(),
            "category": self.category.currentData(),
            "tag": self.tag.currentData(),
            "year": self.year.currentData(),
            "composing": self.text_filter.composing,
        }

    def _apply_filters(self) -> None:
        self._keep_selection(self.model.set_filters, **self._chosen_filters())

    def _keep_selection(self, change: Any, *args: Any, **kwargs: Any) -> None:
        change(*args, **kwargs)
        self.select(self.current_path)
        shown, total = len(self.model.shown), len(self.model.all_posts)
        self.count.setText(
            self.tr("%Ln post(s)", "", total)
            if shown == total
            else self.tr("{shown} of %Ln post(s)", "", total).format(shown=f"{shown:,}")
        )

    def select(self, path: Path | None) -> None:
        """Mark the post at `path` as the current one (without opening it again)."""
        self.current_path = path
        row = self.model.row_of(path) if path is not None else -1
        selection = self.view.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            index = self.model.index(row)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        else:
            self.view.clearSelection()
            self.view.setCurrentIndex(QModelIndex())
        selection.blockSignals(False)
        self.view.viewport().update()

    def set_order(self, order: str) -> None:
        where = self.order.findData(order)
        if where >= 0:
            self.order.setCurrentIndex(where)

    def show_placeholder(self, text: str) -> None:
        self.count.setText(text)

    def first_path(self) -> Path | None:
        """The first post of the list as filtered and sorted that can be shown (else the first);
        when the filter leaves none, of all the posts in the list's order."""
        shown = self.model.shown or sorted_posts(self.model.all_posts, self.model.order)
        readable = next((post for post in shown if not post.problem), shown[0] if shown else None)
        return readable.path if readable else None

    def focus_filter(self) -> None:
        if self.isVisible():
            self.text_filter.setFocus()
            self.text_filter.selectAll()

    # --- choosing ------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.text_filter
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and not self.text_filter.composing  # keys that finish a Korean syllable are not commands
            and self._filter_key(event)
        ):
            return True
        return super().eventFilter(watched, event)

    def _filter_key(self, event: QKeyEvent) -> bool:
        """Keys of the filter box: Esc clears it (every post shows again); Down goes into the
        list (its first post when none there is chosen); Enter opens the chosen post, or the
        first one the filter leaves that can be shown."""
        into_list = FIRST_POST.matches(event)
        if CLEAR_FILTER.matches(event) and self.text_filter.text():
            self.text_filter.clear()
        elif (into_list or OPEN_POST.matches(event) or event.key() == Qt.Key.Key_Enter) and self.model.shown:
            if not self.view.currentIndex().isValid():
                first = self.first_path() if not into_list else None
                row = self.model.row_of(first) if first is not None else 0
                self.view.setCurrentIndex(self.model.index(max(row, 0)))
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            if not into_list:
                self._open_current()
        else:
            return False
        return True

    def _context_menu(self, position: QPoint) -> None:
        post = self.view.indexAt(position).data(PostRole)
        if post is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self.post_chosen.emit(post.path))
        menu.addAction(self.tr("Copy Path"), lambda: QGuiApplication.clipboard().setText(str(post.path)))
        menu.addAction(
            self.tr("Open Containing Folder"),
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(post.path.parent))),
        )
        menu.exec(self.view.viewport().mapToGlobal(position))

    def _open_current(self) -> None:
        self._selection_timer.stop()
        post = self.view.currentIndex().data(PostRole)
        if post is not None and post.path != self.current_path:
            self.current_path = post.path
            self.post_chosen.emit(post.path)

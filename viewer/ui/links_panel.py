"""The list of links a post references: a read-only table model over `LinkEntry`s and its view."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QKeyEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QTreeView,
    QWidget,
)

from viewer.core.links import KIND_ORDER, LinkEntry, distinct_links
from viewer.core.search import Matcher
from viewer.ui.delegates import Detail, TwoLineDelegate, item_colours
from viewer.ui.key_bindings import KeyBinding, KeyTable
from viewer.ui.tooltips import plain_tooltip
from viewer.ui.translation import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from viewer.core.render import RenderedPost
    from viewer.ui.reading import Reading

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
EntryRole = Qt.ItemDataRole.UserRole + 1

#: kind → (colour, glyph, label) for the painted kind icons (the label translated where shown).
KINDS = {
    "slideshare-deck": ("#0a8a7e", "S", QT_TRANSLATE_NOOP("LinksModel", "SlideShare deck")),
    "slideshare-profile": ("#0a8a7e", "@", QT_TRANSLATE_NOOP("LinksModel", "SlideShare profile")),
    "youtube-video": ("#e62117", "▶", QT_TRANSLATE_NOOP("LinksModel", "YouTube video")),
    "youtube-playlist": ("#e62117", "≡", QT_TRANSLATE_NOOP("LinksModel", "YouTube playlist")),
    "youtube-channel": ("#e62117", "@", QT_TRANSLATE_NOOP("LinksModel", "YouTube channel")),
    "github": ("#24292f", "G", QT_TRANSLATE_NOOP("LinksModel", "GitHub")),
    "post": ("#3367d6", "✎", QT_TRANSLATE_NOOP("LinksModel", "Another post")),
    "email": ("#6b7280", "✉", QT_TRANSLATE_NOOP("LinksModel", "E-mail address")),
    "other": ("#6b7280", "↗", QT_TRANSLATE_NOOP("LinksModel", "Web page")),
}
#: The second column counts the citations ("×", as once, read as a close button).
COLUMNS = (QT_TRANSLATE_NOOP("LinksModel", "Link"), QT_TRANSLATE_NOOP("LinksModel", "Cited"))
OPEN_LINK = KeyBinding(("Return",), QT_TRANSLATE_NOOP("LinksPanel", "Open the link in the browser"))
#: The link list's own keys (arrows choose a link; the menu key gives its menu).
LINK_KEYS = KeyTable("LinksPanel", QT_TRANSLATE_NOOP("LinksPanel", "Links"), (OPEN_LINK,))


def kind_label(kind: str) -> str:
    """What a kind of link is called: "YouTube video"."""
    return translate("LinksModel", KINDS.get(kind, KINDS["other"])[2])


SortRole = Qt.ItemDataRole.UserRole + 2
_ICONS: dict[str, QIcon] = {}


def kind_icon(kind: str) -> QIcon:
    """A small round badge in the kind's colour with its glyph, painted once per kind."""
    if kind not in _ICONS:
        colour, glyph, _label = KINDS.get(kind, KINDS["other"])
        pixmap = QPixmap(32, 32)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(colour))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(QRectF(1, 1, 30, 30), 8, 8)
        font = painter.font()
        font.setPixelSize(19)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(0, 0, 32, 32), Qt.AlignmentFlag.AlignCenter, glyph)
        painter.end()
        _ICONS[kind] = QIcon(pixmap)
    return _ICONS[kind]


class LinkDelegate(TwoLineDelegate):
    """Two lines per link: its text; then where it goes (the host, whole) and the section it is
    cited in (the innermost heading; the whole path is in the tooltip), muted."""

    detail_elide = Qt.TextElideMode.ElideRight

    def lines(self, index: Index) -> tuple[str, Detail] | None:
        entry = index.data(EntryRole)
        if index.column() != 0 or entry is None:
            return None
        first = entry.text if entry.text and entry.text != entry.url else short_url(entry.url)
        place = host(entry.url) or kind_label(entry.kind)
        return first, (place, f"  ·  {entry.section[-1]}" if entry.section else "")


def host(url: str) -> str:
    """The site a link goes to, without "www.": "slideshare.net"."""
    name = urlsplit(url).hostname or ""
    return name.removeprefix("www.")


def short_url(url: str) -> str:
    """A URL without its scheme and "www.", for a link written as a bare address."""
    parts = urlsplit(url)
    if not parts.hostname:
        return url
    return url.split("://", 1)[-1].removeprefix("www.").rstrip("/")


class LinksModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: tuple[LinkEntry, ...] = ()
        self.sort_keys: tuple[list[Any], ...] = ([], [])

    def set_entries(self, entries: tuple[LinkEntry, ...]) -> None:
        self.beginResetModel()
        self._entries = entries
        # What the proxy sorts by, per column: read by row, not through data() (a post of
        # 5,000 links asks for 70,000 comparisons: 0.4 s through model indexes).
        self.sort_keys = (
            [(KIND_ORDER.index(entry.kind), row) for row, entry in enumerate(entries)],
            [entry.count for entry in entries],
        )
        self.endResetModel()

    def entry(self, index: Index) -> LinkEntry | None:
        return self._entries[index.row()] if index.isValid() else None

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("LinksModel", COLUMNS[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section:
            return self.tr("How many times the post cites the link (click the link: each citation in turn)")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index)
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return entry.text if entry.text and entry.text != entry.url else entry.url
            return str(entry.count)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return kind_icon(entry.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [kind_label(entry.kind), entry.text, entry.url]
            if entry.section:
                lines.append(self.tr("in {section}").format(section=" › ".join(entry.section)))
            return plain_tooltip("\n".join(dict.fromkeys(line for line in lines if line)))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # Read aloud: the kind the badge shows, the text, and for the count what it counts.
            if column == 0:
                text = entry.text if entry.text and entry.text != entry.url else short_url(entry.url)
                return f"{kind_label(entry.kind)}: {text}"
            return self.tr("cited %n time(s)", "", entry.count)
        if role == SortRole:
            return self.sort_keys[column][index.row()]
        if role == EntryRole:
            return entry
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class LinksFilter(QSortFilterProxyModel):
    """Keeps the links whose text or URL matches the search; sorts by kind (references first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matcher: Matcher | None = None
        self.setSortRole(SortRole)

    def lessThan(self, left: Index, right: Index) -> bool:
        keys = self.sourceModel().sort_keys[left.column()]  # type: ignore[attr-defined]
        return bool(keys[left.row()] < keys[right.row()])

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
    """The links of the post being read, narrowed by the search. Click: go to where the link is
    cited (again: the next place). Double-click or Enter: open it."""

    #: A link to go to in the post (the reading state goes to the link itself): the LinkEntry
    #: and which of its citations (0 the first; it counts on from the first after the last).
    go_to_link = Signal(object, int)
    #: A URL the user asked to open (the link policy decides how).
    open_url = Signal(str)

    def __init__(self, reading: Reading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.links_model = LinksModel(self)
        self.filter_model = LinksFilter(self)
        self.filter_model.setSourceModel(self.links_model)
        self.setModel(self.filter_model)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAccessibleName(self.tr("Links"))
        self.setAccessibleDescription(
            self.tr("The links of the post; choosing one goes to where it is cited, Enter opens it")
        )
        self.setItemDelegate(LinkDelegate(self))
        self.setIconSize(QSize(20, 20))
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.clicked.connect(self._on_clicked)
        self.doubleClicked.connect(self._on_double_clicked)
        self._next_occurrence: dict[str, int] = {}
        self._post_shown = False
        self.go_to_link.connect(reading.go_to_link)
        reading.post_changed.connect(self._show_reading)
        reading.search_changed.connect(self.set_matcher)

    def _show_reading(self, rendered: RenderedPost | None) -> None:
        self._post_shown = rendered is not None
        self.set_entries(distinct_links(rendered.links) if rendered is not None else ())

    def empty_text(self) -> str:
        """What the empty list says: why there is nothing to show."""
        if not self._post_shown or self.filter_model.rowCount() > 0:
            return ""
        if self.links_model.rowCount() == 0:
            return self.tr("No links in this post.")
        return self.tr("No links match the search.")

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        text = self.empty_text()
        if text:
            painter = QPainter(self.viewport())
            painter.setPen(item_colours(self.palette(), selected=False)[1])
            area = self.viewport().rect().adjusted(12, 16, -12, 0)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            painter.drawText(area, int(flags), text)
            painter.end()

    def set_entries(self, entries: tuple[LinkEntry, ...]) -> None:
        self._next_occurrence.clear()
        self.links_model.set_entries(entries)

    def entry(self, index: Index) -> LinkEntry | None:
        return self.links_model.entry(self.filter_model.mapToSource(index))

    def set_matcher(self, matcher: Matcher | None) -> None:
        self.filter_model.set_matcher(matcher)

    def _on_clicked(self, index: QModelIndex) -> None:
        entry = self.entry(index)
        if entry is None:
            return
        number = self._next_occurrence.get(entry.url, 0)
        self._next_occurrence[entry.url] = number + 1
        self.go_to_link.emit(entry, number)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        entry = self.entry(index)
        if entry is not None:
            self.open_url.emit(entry.url)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if OPEN_LINK.matches(event) or event.key() == Qt.Key.Key_Enter:
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
        menu.addAction(self.tr("Open in Browser"), lambda: self.open_url.emit(entry.url))
        if entry.anchors:
            menu.addAction(self.tr("Go to Citation"), lambda: self.go_to_link.emit(entry, 0))
        menu.addSeparator()
        clipboard = QGuiApplication.clipboard()
        menu.addAction(self.tr("Copy URL"), lambda: clipboard.setText(entry.url))
        label = (entry.text or entry.url).replace("[", "\\[").replace("]", "\\]")
        menu.addAction(self.tr("Copy as Markdown Link"), lambda: clipboard.setText(f"[{label}]({entry.url})"))
        return menu

"""The main toolbar: icons for the commands a reader uses most, each with a tooltip that names its
shortcut, and the search box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSizePolicy, QToolBar, QToolButton, QWidget

from viewer.ui.actions import plain
from viewer.ui.icons import SIZE, icon

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow

#: The toolbar from left to right: command id → icon name; None is a separator, "search" the box,
#: "stretch" pushes what follows to the right edge.
LAYOUT: tuple[tuple[str, str] | str | None, ...] = (
    ("go.back", "back"),
    ("go.forward", "forward"),
    None,
    ("file.open", "open-file"),
    ("file.open-folder", "open-folder"),
    ("file.reload", "reload"),
    None,
    ("go.previous-post", "previous"),
    ("go.next-post", "next"),
    None,
    "search",
    "stretch",
    ("view.font", "font"),
    ("view.focus-mode", "focus"),
)


def tooltip(action: QAction) -> str:
    """The action's name and its first shortcut: "Open File (Ctrl+O)"."""
    name = plain(action.text())
    keys = action.shortcuts()
    key = keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
    return f"{name} ({key})" if key else name


class Toolbar(QObject):
    """Fills the window's toolbar and keeps its icons in the palette's colours."""

    def __init__(self, window: MainWindow, toolbar: QToolBar) -> None:
        super().__init__(toolbar)
        self.toolbar = toolbar
        self.search = window.search
        self.icons: dict[QAction, str] = {}
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        toolbar.setIconSize(QSize(SIZE, SIZE))
        for entry in LAYOUT:
            if entry is None:
                toolbar.addSeparator()
            elif entry == "search":
                toolbar.addWidget(window.search)
            elif entry == "stretch":
                spacer = QWidget(toolbar)
                spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
                toolbar.addWidget(spacer)
            elif isinstance(entry, tuple):
                action_id, icon_name = entry
                action = window.commands[action_id]
                action.setToolTip(tooltip(action))
                toolbar.addAction(action)
                self.icons[action] = icon_name
        self.set_icons()
        toolbar.installEventFilter(self)
        self.search.status_changed.connect(self.fit_search)
        self._revealed = False  # the overflow was opened for the search box (reveal_search)
        self.search.finished.connect(self._hide_revealed_search)

    def set_icons(self) -> None:
        palette = self.toolbar.palette()
        for action, name in self.icons.items():
            action.setIcon(icon(name, palette))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.toolbar and event.type() == QEvent.Type.PaletteChange:
            self.set_icons()  # a theme switch: icons in the new text colour
        elif watched is self.toolbar and event.type() == QEvent.Type.Resize:
            self.fit_search()
        return False

    def fit_search(self) -> None:
        """The search bar goes compact when the toolbar is too narrow for it whole. The whole
        bar is tried first: its width is measured, not estimated (fonts, languages, the count)."""
        if self.search.compact:
            self._set_compact(False)
        else:
            self.search.updateGeometry()  # its wish may have changed (the count): asked afresh
        if self.toolbar.sizeHint().width() > self.toolbar.width():
            self._set_compact(True)

    def _set_compact(self, compact: bool) -> None:
        self.search.set_compact(compact)
        layout = self.toolbar.layout()
        if layout is not None:  # a toolbar always has one
            layout.invalidate()  # it keeps the bar's old width until told

    def reveal_search(self) -> None:
        """In a window too narrow even for the compact bar, the search box is behind the
        toolbar's overflow button: open it, so that the box being typed into is seen; Esc in
        the box closes it again."""
        layout = self.toolbar.layout()
        if layout is not None:
            layout.activate()  # a toolbar just shown again (focus mode) places its items now
        if self.toolbar.isVisible() and not self.search.isVisible():
            self._revealed = self._toggle_overflow()

    def _hide_revealed_search(self) -> None:
        if self._revealed and self.search.isVisible():  # not closed by hand meanwhile
            self._toggle_overflow()
        self._revealed = False

    def _toggle_overflow(self) -> bool:
        extension = self.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        if extension is None or not extension.isVisible():
            return False
        extension.click()
        return True

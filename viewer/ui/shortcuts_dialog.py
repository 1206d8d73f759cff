"""Help ▸ Keyboard Shortcuts (F1, Ctrl+/): every key of the window, made from the commands table
(actions.py) and the keys the widgets declare (key_bindings.py), so that the list cannot say what
the window no longer does. A box above narrows it, as every search of the window does (initial
consonants, the syllable being composed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from viewer.core.search import Matcher, SearchError, SearchOptions
from viewer.ui.actions import ActionSpec, Key, plain, window_actions
from viewer.ui.composing_edit import ComposingEdit
from viewer.ui.font_dialog import FONT_KEYS
from viewer.ui.key_bindings import KeyTable
from viewer.ui.library_search import LIBRARY_KEYS
from viewer.ui.links_panel import LINK_KEYS
from viewer.ui.map_view import MAP_KEYS
from viewer.ui.outline_panel import TREE_KEYS
from viewer.ui.post_keys import POST_KEYS
from viewer.ui.posts_panel import POST_LIST_KEYS
from viewer.ui.search_bar import SEARCH_KEYS
from viewer.ui.translation import translate

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow

#: The keys the widgets answer to themselves, in the order the list shows them.
WIDGET_KEYS: tuple[KeyTable, ...] = (
    POST_KEYS,
    SEARCH_KEYS,
    TREE_KEYS,
    LINK_KEYS,
    POST_LIST_KEYS,
    MAP_KEYS,
    LIBRARY_KEYS,
    FONT_KEYS,
)


@dataclass(frozen=True)
class Shortcut:
    #: Where it works: a menu's name, the whole window, or a widget.
    section: str
    #: What it does.
    text: str
    #: Its keys as the platform writes them ("Ctrl+O", "⌘O").
    keys: tuple[str, ...]


def key_names(keys: tuple[Key, ...]) -> tuple[str, ...]:
    """Each key as the platform writes it; a standard key with all its bindings (Zoom In is
    Ctrl++ and Ctrl+=), each once."""
    sequences: list[QKeySequence] = []
    for key in keys:
        if isinstance(key, QKeySequence.StandardKey):
            sequences += QKeySequence.keyBindings(key)
        else:
            sequences.append(QKeySequence(key))
    names = (
        sequence.toString(QKeySequence.SequenceFormat.NativeText)
        for sequence in sequences
        # Not the special keys some keyboards have (Open, Refresh, Zoom In, Back…): they work,
        # but their names read like commands, not keys.
        if not sequence.isEmpty() and sequence[0].key() < Qt.Key.Key_Back  # type: ignore[index]
    )
    return tuple(dict.fromkeys(name for name in names if name))


def shortcuts(
    specs: tuple[ActionSpec, ...] | None = None, tables: tuple[KeyTable, ...] = WIDGET_KEYS
) -> list[Shortcut]:
    """Every command with a key, under its menu, then those of no menu (the whole window's), then
    the widgets' own keys."""
    in_menus, anywhere = [], []
    for spec in window_actions() if specs is None else specs:
        keys = key_names(spec.shortcuts)
        if keys and spec.menu:
            section = plain(translate("Menus", spec.menu.split("/")[0]))
            in_menus.append(Shortcut(section, plain(spec.label()), keys))
        elif keys:
            section = translate("ShortcutsDialog", "Anywhere in the window")
            anywhere.append(Shortcut(section, plain(spec.label()), keys))
    found = in_menus + anywhere
    for table in tables:
        found += [
            Shortcut(table.heading(), table.label(binding), key_names(binding.keys))
            for binding in table.bindings
        ]
    return found


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.resize(560, 640)
        self.filter = ComposingEdit(self)
        self.filter.setPlaceholderText(self.tr("Find a command or a key"))
        self.filter.setAccessibleName(self.tr("Find a shortcut"))
        self.filter.setClearButtonEnabled(True)
        self.list = QTreeWidget(self)
        self.list.setColumnCount(2)
        self.list.setHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.list.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformRowHeights(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        #: section → its heading and its rows
        self._sections: dict[str, tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = {}
        self._fill(shortcuts())
        self.filter.edited.connect(self._narrow)

    def _fill(self, rows: list[Shortcut]) -> None:
        sections = self._sections
        for row in rows:
            if row.section not in sections:
                heading = QTreeWidgetItem(self.list, [row.section])
                heading.setFirstColumnSpanned(True)
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = heading.font(0)
                font.setBold(True)
                heading.setFont(0, font)
                sections[row.section] = (heading, [])
            keys = ", ".join(row.keys)
            item = QTreeWidgetItem(sections[row.section][0], [row.text, keys])
            sections[row.section][1].append(item)
            # Read aloud as one line: the command, then its keys.
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{row.text}: {keys}")
        self.list.expandAll()
        self.list.resizeColumnToContents(1)
        self.list.header().resizeSection(0, max(self.list.header().sectionSize(0), 320))

    def _narrow(self, text: str, composing: str) -> None:
        """Only the commands whose name or keys match (their section stays as their heading)."""
        try:
            matcher = Matcher(text, SearchOptions(), composing)
        except SearchError:
            return
        for heading, items in self._sections.values():
            shown = 0
            for item in items:
                hit = matcher.is_empty or any(matcher.matches(item.text(column)) for column in (0, 1))
                item.setHidden(not hit)
                shown += hit
            heading.setHidden(shown == 0)


def show_shortcuts(window: MainWindow) -> None:
    dialog = window.findChild(ShortcutsDialog)
    if dialog is None:
        dialog = ShortcutsDialog(window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.filter.setFocus()

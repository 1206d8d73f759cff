"""Help ▸ Keyboard Shortcuts: every key of the window, from the commands table and the widgets' own
key tables, findable by name or key."""

from __future__ import annotations

import importlib
import pkgutil

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

import viewer.ui
from viewer.ui.actions import plain, window_actions
from viewer.ui.key_bindings import KeyTable
from viewer.ui.shortcuts_dialog import WIDGET_KEYS, ShortcutsDialog, key_names, shortcuts


def shown_rows(dialog: ShortcutsDialog) -> list[tuple[str, str, str]]:
    rows = []
    for number in range(dialog.list.topLevelItemCount()):
        heading = dialog.list.topLevelItem(number)
        assert heading is not None
        for row in range(heading.childCount()):
            item = heading.child(row)
            assert item is not None
            if not heading.isHidden() and not item.isHidden():
                rows.append((heading.text(0), item.text(0), item.text(1)))
    return rows


def test_f1_and_ctrl_slash_open_the_list_of_every_shortcut(qtbot, window) -> None:
    window.activateWindow()
    for key, modifiers in (
        (Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier),
    ):
        qtbot.keyClick(window, key, modifiers)
        dialog = window.findChild(ShortcutsDialog)
        assert dialog is not None and dialog.isVisible()
        assert dialog.focusWidget() is dialog.filter  # typing finds a command at once
        dialog.close()
    rows = shown_rows(dialog)
    # Every command that has a key is listed with it, under its menu.
    with_keys = [spec for spec in window_actions() if spec.shortcuts]
    assert len(rows) >= len(with_keys)
    assert (
        "File",
        "Open File",
        QKeySequence("Ctrl+O").toString(QKeySequence.SequenceFormat.NativeText),
    ) in rows
    assert ("View", "Zoom In", "Ctrl++, Ctrl+=") in rows  # a standard key with all its bindings
    assert ("Go", "Back", "Alt+Left") in rows  # not the keyboard's own Back key
    assert ("Help", "Keyboard Shortcuts", "F1, Ctrl+/") in rows
    assert ("Anywhere in the window", "Go to Outline", "Ctrl+1") in rows
    # And the keys the widgets answer to themselves.
    assert ("Outline", "Expand every node", "*") in rows
    assert ("Mind map", "Zoom in", "+, =") in rows
    assert ("Search box", "Go to the previous match", "Shift+Return") in rows


def test_the_list_is_the_tables_not_a_copy_of_them() -> None:
    listed = shortcuts()
    for spec in window_actions():
        keys = key_names(spec.shortcuts)  # Quit has no key on some platforms
        if keys:
            assert any(row.text == plain(spec.label()) and row.keys == keys for row in listed), spec.id
    for table in WIDGET_KEYS:
        for binding in table.bindings:
            assert any(row.section == table.heading() and row.text == table.label(binding) for row in listed)


def test_every_widgets_key_table_is_in_the_list() -> None:
    tables = set()
    for module in pkgutil.iter_modules(viewer.ui.__path__):
        loaded = importlib.import_module(f"viewer.ui.{module.name}")
        tables |= {id(value) for value in vars(loaded).values() if isinstance(value, KeyTable)}
    assert tables == {id(table) for table in WIDGET_KEYS}


def test_the_list_narrows_to_a_command_or_a_key_and_korean_initials(qtbot, window) -> None:
    window.commands["help.shortcuts"].trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None
    qtbot.keyClicks(dialog.filter, "zoom")
    assert {text for _, text, _ in shown_rows(dialog)} == {"Zoom In", "Zoom Out", "Zoom in", "Zoom out"}
    dialog.filter.clear()
    qtbot.keyClicks(dialog.filter, "F11")
    assert [text for _, text, _ in shown_rows(dialog)] == ["Focus Mode"]
    dialog.filter.clear()
    assert len(shown_rows(dialog)) > 40

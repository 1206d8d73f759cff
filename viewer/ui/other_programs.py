"""Handing the post to other programs: the editor (the system's default for Markdown, or a
command the user chose), the file manager, and the clipboard (a branch of the tree as the
Markdown it was written as)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QProcess, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu

from viewer.core.outline import walk

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow

EDITOR_HELP = (
    "The command that opens a post for editing; empty for the system's default program for "
    "Markdown files. {path} is replaced by the post's file and {line} by the line of the node "
    "chosen in the tree, e.g.  code -g {path}:{line}  or  gedit +{line} {path}"
)


def editor_arguments(command: str, path: Path, line: int) -> list[str]:
    """The editor command split as a shell would, with {path} and {line} filled in (the path
    goes last when the command does not say where)."""
    words = shlex.split(command, posix=sys.platform != "win32")
    if not any("{path}" in word for word in words):
        words.append("{path}")
    return [word.replace("{path}", str(path)).replace("{line}", str(line)) for word in words]


def current_line(window: MainWindow) -> int:
    """The source line of the node the reader is at (1 when none is known)."""
    rendered, node_id = window.reading.rendered, window.reading.node
    if rendered is None:
        return 1
    return next((node.line for _, node in walk(rendered.outline) if node.id == node_id and node.line > 0), 1)


def open_in_editor(window: MainWindow) -> None:
    path = window.reading.path
    if path is None or window.reading.rendered is None:
        window.statusBar().showMessage("Open a post first.", 4000)
        return
    command = window.settings.editor_command.strip()
    if command:
        try:
            program, *arguments = editor_arguments(command, path, current_line(window))
        except ValueError as exc:  # unbalanced quotes
            window.statusBar().showMessage(f"The editor command cannot be read: {exc}", 8000)
            return
        started, _pid = QProcess.startDetached(program, arguments, str(path.parent))
        if not started:
            window.statusBar().showMessage(
                f"Could not start the editor “{program}” (Edit ▸ Preferences…)", 8000
            )
        return
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        window.statusBar().showMessage(
            "No program opens Markdown files here: choose an editor in Edit ▸ Preferences…", 8000
        )


def show_in_folder(window: MainWindow) -> None:
    """The file manager with the post selected where the system offers that, else its folder."""
    path = window.reading.path
    if path is None:
        window.statusBar().showMessage("Open a post first.", 4000)
        return
    if sys.platform == "darwin":
        QProcess.startDetached("open", ["-R", str(path)])
    elif sys.platform == "win32":
        QProcess.startDetached("explorer", [f"/select,{path}"])
    else:
        _show_item_freedesktop(window, path)


def _show_item_freedesktop(window: MainWindow, path: Path) -> None:
    """The freedesktop file manager interface (Nautilus, Dolphin, Nemo, Caja…) selects the file;
    without it (or without dbus-send), the folder opens."""

    def open_folder() -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    process = QProcess(window)
    process.finished.connect(lambda code, _status: None if code == 0 else open_folder())
    process.errorOccurred.connect(lambda _error: open_folder())
    process.finished.connect(process.deleteLater)
    process.start(
        "dbus-send",
        [
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.FileManager1",
            "/org/freedesktop/FileManager1",
            "org.freedesktop.FileManager1.ShowItems",
            f"array:string:{QUrl.fromLocalFile(str(path)).toString()}",
            "string:",
        ],
    )


def copy_branch(window: MainWindow) -> None:
    """The chosen branch of the tree, as the Markdown it was written as, to the clipboard."""
    from viewer.core.branch_source import branch_source

    rendered = window.reading.rendered
    node_id = window.outline.current_node_id() or window.reading.node
    text = branch_source(rendered.post, rendered.outline, node_id) if rendered and node_id else ""
    if not text:
        window.statusBar().showMessage("Choose a node in the outline first.", 4000)
        return
    QGuiApplication.clipboard().setText(text)
    lines = text.count("\n")
    window.statusBar().showMessage(f"Copied {lines} {'line' if lines == 1 else 'lines'} of Markdown.", 4000)


def choose_editor(window: MainWindow) -> None:
    """Edit ▸ Preferences…: the one preference this needs, the editor command."""
    command, accepted = QInputDialog.getText(
        window, "Preferences", EDITOR_HELP, QLineEdit.EchoMode.Normal, window.settings.editor_command
    )
    if accepted:
        window.settings.editor_command = command.strip()


def install_tree_menu(window: MainWindow) -> None:
    """The outline's context menu, and Ctrl+C in the tree copying the branch as Markdown."""
    outline = window.outline
    outline.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def menu_at(position: QPoint) -> None:
        index = outline.indexAt(position)
        if not index.isValid():
            return
        outline.setCurrentIndex(index)
        menu = QMenu(outline)
        menu.addAction(window.commands["edit.copy-markdown"])
        menu.addAction("Copy Text", lambda: QGuiApplication.clipboard().setText(str(index.data())))
        menu.addSeparator()
        menu.addAction(window.commands["file.open-in-editor"])
        menu.exec(outline.viewport().mapToGlobal(position))

    outline.customContextMenuRequested.connect(menu_at)
    QShortcut(
        QKeySequence.StandardKey.Copy,
        outline,
        lambda: copy_branch(window),
        context=Qt.ShortcutContext.WidgetShortcut,
    )

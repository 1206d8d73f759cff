"""File ▸ Export: where an export goes (asked, starting in the last export's folder), and never
over the post itself; the post's formats of the export table and the map."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox

from viewer.ui import APP_NAME
from viewer.ui.translation import translate

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow


def start_folder(last_export: str) -> Path:
    """The folder of the last export, else the user's Documents."""
    if last_export and Path(last_export).is_dir():
        return Path(last_export)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def ask_save_path(window: MainWindow, suggested: str, file_filter: str) -> Path | None:
    """Ask where to export, starting in the folder of the last export, else the Documents
    folder: never beside the post, where a Markdown or HTML file would become part of the
    user's site."""
    folder = start_folder(window.settings.export_folder)
    title = translate("MainWindow", "Export")
    name, _ = QFileDialog.getSaveFileName(window, title, str(folder / suggested), file_filter)
    return Path(name) if name else None


def writes_over(target: Path, post: Path) -> bool:
    """Whether writing `target` would write the post: the same path, a link to it, or another
    name of the same file (a hard link: same device and inode)."""
    try:
        return target.resolve() == post.resolve() or (target.exists() and target.samefile(post))
    except OSError:
        return False


def save_export(
    window: MainWindow, suggested: str, file_filter: str, write: Callable[[Path], object], done: str
) -> None:
    """Ask where to export the post shown, write there with `write` (never over the post),
    remember the folder and say `done` ("… {file}") in the status bar; a failure is said."""
    rendered = window.reading.rendered
    if rendered is None:
        window.statusBar().showMessage(translate("MainWindow", "Open a post first."), 4000)
        return
    target = ask_save_path(window, suggested, file_filter)
    if target is None:
        return
    if writes_over(target, rendered.post.path):
        message = translate("MainWindow", "Choose another file: exporting never overwrites the post.")
        QMessageBox.warning(window, APP_NAME, message)
        return
    try:
        write(target)
    except OSError as exc:
        message = translate("MainWindow", "Could not write {file}:").format(file=target)
        QMessageBox.warning(window, APP_NAME, f"{message}\n{exc.strerror or exc}")
        return
    window.settings.export_folder = str(target.parent)
    window.statusBar().showMessage(done.format(file=target), 5000)


def export_post(window: MainWindow, what: str) -> None:
    """The post in one of the export table's formats (viewer.core.export, as the command line)."""
    from viewer.core.export import EXPORTS

    rendered = window.reading.rendered
    if rendered is None:
        window.statusBar().showMessage(translate("MainWindow", "Open a post first."), 4000)
        return
    fmt = EXPORTS[what]
    suggested = rendered.post.path.with_suffix("").name + ("" if fmt.subject == "post" else f"-{fmt.subject}")
    text = fmt.make(rendered)
    save_export(
        window,
        f"{suggested}.{fmt.suffix}",
        translate("MainWindow", fmt.file_filter),
        lambda target: target.write_text(text, encoding="utf-8"),
        translate("MainWindow", "Exported to {file}"),
    )


def export_map(window: MainWindow, fmt: str) -> None:
    """The map as it is shown (folds, focus, sides), as SVG or PNG."""
    rendered = window.reading.rendered
    stem = rendered.post.path.with_suffix("").name if rendered is not None else ""
    svg, png = translate("MainWindow", "SVG image (*.svg)"), translate("MainWindow", "PNG image (*.png)")
    save_export(
        window,
        f"{stem}-map.{fmt}",
        svg if fmt == "svg" else png,
        lambda target: window.map.export(fmt, target),
        translate("MainWindow", "Exported the map to {file}"),
    )

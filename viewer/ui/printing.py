"""The post on paper and in PDF, laid out by Qt (no browser): its title and date at the top,
the post as the window shows it, its images, and page numbers (QTextDocument.print_ puts them
at the foot of each page). Always in light colours, whatever the window's theme.

`write_pdf` needs only QtGui, so `note-viewer pdf` runs it on Qt's offscreen platform; printing
with a preview (QtPrintSupport) is for the window."""

from __future__ import annotations

import html
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import (
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPalette,
    QPdfWriter,
    QTextDocument,
)

from viewer.ui.post_document import post_stylesheet
from viewer.ui.translation import translate

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from viewer.core.render import RenderedPost
    from viewer.ui.main_window import MainWindow

#: Page margins; Qt's print_ adds 2 cm of its own around the text of a document it paginates.
MARGIN_MM = 2.0
PRINT_POINT_SIZE = 10.5


def paper_palette() -> QPalette:
    """Black on white with blue links: what the post stylesheet is filled in with for paper."""
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Text, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.Base, QColor("white"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#1a5fb4"))
    return palette


def paper_document(rendered: RenderedPost) -> QTextDocument:
    """The post laid out for paper, as the window lays it out (post_document.build_document):
    formulas typeset, images read from the post's site or folder under the same rules, nothing
    loaded by name (Qt's print_ lays out a copy of the document, which keeps its images), web
    images not fetched (the app makes no network requests)."""
    from viewer.ui.post_document import DocumentLook, build_document
    from viewer.ui.reading import resource_place

    font = QFont()
    font.setPointSizeF(PRINT_POINT_SIZE)
    palette = paper_palette()
    # Formulas rasterised at four times the screen's pixels: sharp at a printer's resolution.
    look = DocumentLook(post_stylesheet(palette), font, palette.color(QPalette.ColorRole.Text).name(),
                        "#5f6368", device_pixel_ratio=4.0)  # fmt: skip
    images = partial(resource_place, rendered, look)
    document = build_document(_page_html(rendered), look, images, whole=True).qt
    document.setParent(None)
    return document


def _page_html(rendered: RenderedPost) -> str:
    meta = rendered.post.metadata
    details = [meta.date_text, " · ".join(meta.categories), " ".join(f"#{tag}" for tag in meta.tags)]
    line = "   ".join(detail for detail in details if detail)
    return (
        f'<h1 style="font-size:x-large">{html.escape(meta.title)}</h1>'
        + (f'<p class="muted">{html.escape(line)}</p>' if line else "")
        + "<hr>"
        + rendered.html
    )


def page_layout() -> QPageLayout:
    """A4, or Letter where the locale measures in inches, with even margins."""
    from PySide6.QtCore import QLocale

    size = QPageSize.PageSizeId.Letter
    if QLocale().measurementSystem() != QLocale.MeasurementSystem.ImperialUSSystem:
        size = QPageSize.PageSizeId.A4
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    portrait, millimetre = QPageLayout.Orientation.Portrait, QPageLayout.Unit.Millimeter
    return QPageLayout(QPageSize(size), portrait, margins, millimetre)


def print_to(device: QPagedPaintDevice, rendered: RenderedPost) -> None:
    paper_document(rendered).print_(device)


def write_pdf(rendered: RenderedPost, target: Path) -> None:
    """Write the post as a PDF to `target` (raises OSError when it cannot be written)."""
    writer = QPdfWriter(str(target))
    writer.setPageLayout(page_layout())
    writer.setTitle(rendered.post.metadata.title)
    writer.setCreator("Note Viewer")
    print_to(writer, rendered)
    del writer  # the file is finished when the writer goes
    if not target.is_file() or target.stat().st_size == 0:
        raise OSError(f"could not write {target}")


def print_with_preview(parent: QWidget, rendered: RenderedPost) -> None:
    """File ▸ Print…: Qt's print preview, from which the print dialog is one click away."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    printer.setDocName(rendered.post.metadata.title)
    preview = QPrintPreviewDialog(printer, parent)
    preview.setWindowTitle(
        translate("Printing", "Print — {title}").format(title=rendered.post.metadata.title)
    )
    preview.resize(parent.size() * 0.9)  # pages big enough to read
    preview.paintRequested.connect(lambda device: print_to(device, rendered))
    preview.exec()


# --- the window's commands ---------------------------------------------------------------------------


def print_post(window: MainWindow) -> None:
    rendered = window.reading.rendered
    if rendered is None:
        window.statusBar().showMessage(translate("MainWindow", "Open a post first."), 4000)
        return
    print_with_preview(window, rendered)


def export_pdf(window: MainWindow) -> None:
    """File ▸ Export ▸ Post as PDF…: like the other exports, never over the post itself."""
    rendered = window.reading.rendered
    if rendered is None:
        window.statusBar().showMessage(translate("MainWindow", "Open a post first."), 4000)
        return
    from viewer.ui.exporting import save_export

    save_export(
        window,
        f"{rendered.post.path.stem}.pdf",
        translate("MainWindow", "PDF (*.pdf)"),
        lambda target: write_pdf(rendered, target),
        translate("MainWindow", "Exported to {file}"),
    )


# --- note-viewer pdf POST -o FILE --------------------------------------------------------------------


def pdf_command(post: Path, output: Path) -> int:
    """The command line's `pdf`: 0 when written, 1 for a post or a file the user can fix."""
    import os
    import sys

    from viewer.core.document import PostError, load_post
    from viewer.core.render import render_post

    if output.exists() and output.resolve() == post.resolve():
        print(f"note-viewer: {output}: that is the post; choose another file", file=sys.stderr)
        return 1
    try:
        rendered = render_post(load_post(post))
    except PostError as exc:
        print(f"note-viewer: {exc}", file=sys.stderr)
        return 1
    for warning in rendered.all_warnings:
        print(f"note-viewer: warning: {warning}", file=sys.stderr)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # fonts and layout without a display
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(["note-viewer"])
    try:
        write_pdf(rendered, output)
    except OSError as exc:
        print(f"note-viewer: {output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0

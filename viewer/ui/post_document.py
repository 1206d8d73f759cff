"""A post's HTML laid into a QTextDocument, built in the worker thread from data only (the HTML
and the stylesheet text), then handed to the GUI thread."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPalette, QTextDocument

from viewer.resources import resource_path

#: The preview lays out at most this many list items (a few seconds of Qt's HTML import, which
#: is quadratic in list length); the outline, the links and search still cover the whole post.
MAX_PREVIEW_ITEMS = 10_000
#: Space around the text, and the indent of each list level (Qt's default is 40 px).
DOCUMENT_MARGIN = 18
INDENT_WIDTH = 24


def cut_for_preview(html_text: str, max_items: int = MAX_PREVIEW_ITEMS) -> tuple[str, int]:
    """The HTML up to a whole top-level element, or a whole item of a top-level list, that keeps
    the list items within `max_items`; and how many items that shows."""
    total = html_text.count("<li")
    if total <= max_items:
        return html_text, total
    stack: list[str] = []
    items = 0
    cut, closing = 0, ""
    for match in re.finditer(r"<(/?)(ul|ol|li|blockquote|div|table|dl|figure)\b[^>]*>", html_text):
        is_end, tag = match.group(1), match.group(2)
        if not is_end:
            stack.append(tag)
            items += tag == "li"
            continue
        if stack:
            stack.pop()
        if items > max_items:
            break
        if not stack:
            cut, closing = match.end(), ""
        elif tag == "li" and len(stack) == 1 and stack[0] in ("ul", "ol"):
            cut, closing = match.end(), f"</{stack[0]}>"  # inside one long top-level list
    kept = html_text[:cut] + closing
    return kept, kept.count("<li")


def post_stylesheet(palette: QPalette) -> str:
    """The preview stylesheet with colours taken from the current (light or dark) palette."""
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    dark = base.lightness() < 128
    template = resource_path("preview.css").read_text(encoding="utf-8")
    return (
        template.replace("@text@", text.name())
        .replace("@link@", palette.color(QPalette.ColorRole.Link).name())
        .replace("@muted@", "#9aa0a6" if dark else "#5f6368")
        .replace("@code_bg@", "#2b2d31" if dark else "#f3f4f6")
        .replace("@rule@", "#44474d" if dark else "#d0d4d9")
    )


@dataclass(frozen=True)
class PostDocument:
    """A post laid into a Qt document, with its plain text (what search looks through) and
    where each element id starts in it."""

    qt: QTextDocument
    #: The HTML laid out (the start of a very long post: see `note`).
    html: str
    plain_text: str
    #: Element id → the document position where it starts.
    anchors: dict[str, int]
    #: Set when the preview shows only part of a very long post.
    note: str = ""


def link_spans(document: QTextDocument, url: str) -> list[tuple[int, int]]:
    """(start, end) of every link in the document to `url`, or to the same target written
    another way, in order. An embed that Qt does not show has none."""
    from viewer.core.links import normalize_url

    wanted = normalize_url(url)
    spans: list[tuple[int, int]] = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            href = fragment.charFormat().anchorHref()
            end = fragment.position() + fragment.length()
            if not href or normalize_url(href) != wanted:
                pass
            elif spans and spans[-1][1] == fragment.position():
                spans[-1] = (spans[-1][0], end)  # the same link on (bold inside a link, say)
            else:
                spans.append((fragment.position(), end))
            iterator += 1
        block = block.next()
    return spans


def anchor_positions(document: QTextDocument) -> dict[str, int]:
    """Each anchor name in the document → the start of the first block that holds it."""
    found: dict[str, int] = {}
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            for name in iterator.fragment().charFormat().anchorNames():
                found.setdefault(name, block.position())
            iterator += 1
        block = block.next()
    return found


def build_document(html_text: str, stylesheet: str) -> PostDocument:
    """Lay the HTML into a QTextDocument. Runs in a worker thread: Qt's HTML import takes
    quadratic time in the length of a list, and a post of thousands of bullets would freeze the
    window. The document is moved to the GUI thread, which shows it."""
    document = QTextDocument()
    document.setDefaultStyleSheet(stylesheet)
    document.setDocumentMargin(DOCUMENT_MARGIN)
    document.setIndentWidth(INDENT_WIDTH)
    shown_html, shown = cut_for_preview(html_text)
    document.setHtml(shown_html)
    plain = document.toPlainText()
    anchors = anchor_positions(document)
    application = QCoreApplication.instance()
    if application is not None:
        document.moveToThread(application.thread())
    total = html_text.count("<li")
    note = (
        f"This post has {total:,} list items; the preview shows the first {shown:,}. "
        "The outline, links and search cover all of it."
        if shown < total
        else ""
    )
    return PostDocument(document, shown_html, plain, anchors, note)

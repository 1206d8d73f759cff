"""A post's HTML laid into a QTextDocument, built in the worker thread from data only (the HTML
and the stylesheet text), then handed to the GUI thread."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPalette, QTextDocument

from viewer.core.colours import is_dark, mix, readable_on
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


#: Monospaced families, the first installed wins: Hangul in code keeps two columns in the first.
MONO_FAMILIES = '"Noto Sans Mono CJK KR", "D2Coding", "Menlo", "Consolas", "DejaVu Sans Mono", monospace'
#: The default line height (percent of the font size): Hangul wants more than Latin text.
LINE_HEIGHT = 170


def page_colours(palette: QPalette) -> dict[str, str]:
    """The stylesheet's colours, derived from the palette so that any palette (light, dark, high
    contrast) gives a legible page: every text colour reaches 4.5:1 on the background it sits on."""
    text = palette.color(QPalette.ColorRole.Text).name()
    base = palette.color(QPalette.ColorRole.Base).name()
    dark = is_dark(base)
    code_bg = mix(base, text, 0.06 if dark else 0.045)
    mark_bg = "#6b5a12" if dark else "#fff1a8"
    return {
        "text": text,
        "heading": text,
        "link": readable_on(palette.color(QPalette.ColorRole.Link).name(), base),
        "muted": readable_on(mix(text, base, 0.38), base),
        "code_bg": code_bg,
        "code_text": readable_on(text, code_bg),
        "table_head": mix(base, text, 0.05),
        "rule": mix(base, text, 0.2),
        "quote_bar": mix(base, text, 0.3),
        "mark_bg": mark_bg,
        "mark_text": readable_on(text, mark_bg),
    }


#: Line heights of the other kinds of text, in percent of the font size like the body's.
OTHER_LINE_HEIGHTS = {"list": -15, "heading": 135, "code": 150, "cell": 150, "small": 150}
#: A font's natural line height per pixel of its size (Noto Sans CJK KR: 1.45).
NATURAL_LINE = 1.45


def post_stylesheet(
    palette: QPalette, line_height: int = LINE_HEIGHT, natural_line: float = NATURAL_LINE
) -> str:
    """The preview stylesheet for the palette's colours and the reader's line height, with the
    code colours for its background (dark code style on a dark page).

    `line_height` is in percent of the font size, as in CSS; Qt's proportional line height is a
    percent of the font's natural line height instead (`natural_line` times its size for the
    page's font), so every line height is converted."""
    from viewer.core.code_style import code_css

    def qt_percent(css_percent: int) -> str:
        return str(max(100, round(css_percent / natural_line)))

    colours = page_colours(palette)
    heights = {f"lh_{kind}": qt_percent(value) for kind, value in OTHER_LINE_HEIGHTS.items()}
    heights["lh_list"] = qt_percent(line_height + OTHER_LINE_HEIGHTS["list"])
    values = {**colours, **heights, "lh_body": qt_percent(line_height), "mono": MONO_FAMILIES}
    sheet = re.sub(r"@(\w+)@", lambda m: values[m.group(1)], _template())
    code = code_css(is_dark(palette.color(QPalette.ColorRole.Base).name()), colours["code_bg"])
    return f"{sheet}\n{code}\n"


@lru_cache(maxsize=1)
def _template() -> str:
    return resource_path("preview.css").read_text(encoding="utf-8")


_CODE_BLOCK = re.compile(r"(<pre\b[^>]*>)(.*?)</pre>", re.S)
_QUOTE_OPEN = re.compile(r"<blockquote\b[^>]*>")
_ROUGE_TABLE = re.compile(r'(<table class="rouge-table">.*?</table>)', re.S)
_IFRAME = re.compile(r"<iframe\b[^>]*?\bsrc=([\"'])(?P<src>[^\"']*)\1[^>]*>.*?</iframe>", re.S | re.I)
_LIST_TAG = re.compile(r"<(/?)(ul|ol)\b([^>]*)>")
#: Bullets by depth, and again: the third list inside another is square, the fourth a disc.
BULLETS = ("disc", "circle", "square")
#: The post's own tables and cells (those without a class of their own) get the "grid" style.
_GRID = re.compile(r"<(table|td|th)\b(?![^>]*\bclass=)")


def for_qt(html_text: str) -> str:
    """The post's HTML with the boxes Qt's rich text cannot draw made of one-cell tables: a code
    block becomes one shaded box (Qt would shade each line apart, with gaps between, and show
    the last newline as an empty line), a block quote a cell with a bar on its left. The post's
    own tables are marked "grid": every style goes on a class of its own, as Qt lets a cell's
    general border rule win over a more specific one. An embedded frame (a YouTube or
    SlideShare player), which Qt cannot show, becomes a link to what it embeds. Bullet lists say
    their bullet by depth (• ◦ ▪)."""

    def code(match: re.Match[str]) -> str:
        body = re.sub(r"\n(</code>)?$", r"\1", match.group(2))  # the newline ending the last line
        return f"{_box('code')}{match.group(1)}{body}</pre></td></tr></table>"

    html_text = _bullets_by_depth(html_text)
    html_text = _IFRAME.sub(_embed_link, html_text)
    html_text = _GRID.sub(lambda m: f'<{m.group(1)} class="grid"', html_text)
    # Code with line numbers (Jekyll's {% highlight … linenos %}) is a table already: its cells
    # are the box; only the newline ending each column goes.
    parts = _ROUGE_TABLE.split(html_text)
    for number, part in enumerate(parts):
        if number % 2:
            part = re.sub(r"\n(</code>)?</pre>", r"\1</pre>", part)
            part = part.replace(
                'class="rouge-table">', 'class="rouge-table" width="100%" cellspacing="0">', 1
            )
            parts[number] = part.replace('<td class="gutter', '<td width="1%" class="gutter', 1)
        else:
            parts[number] = _CODE_BLOCK.sub(code, part)
    html_text = "".join(parts)
    html_text = _QUOTE_OPEN.sub(_box("quote"), html_text)
    return html_text.replace("</blockquote>", "</td></tr></table>")


def _bullets_by_depth(html_text: str) -> str:
    """`type` on each bullet list for its depth among the lists around it. An attribute, not
    a stylesheet rule: Qt tries descendant rules on every list item of a long post (a fifth of
    its import time at thousands of items), an attribute costs nothing."""
    depth = 0

    def mark(match: re.Match[str]) -> str:
        nonlocal depth
        closing, tag, attributes = match.groups()
        if closing:
            depth = max(depth - 1, 0)
            return match.group(0)
        depth += 1
        if tag == "ol" or "type=" in attributes or "task-list" in attributes:  # boxes, not bullets
            return match.group(0)
        return f'<ul type="{BULLETS[(depth - 1) % len(BULLETS)]}"{attributes}>'

    return _LIST_TAG.sub(mark, html_text)


def _embed_link(match: re.Match[str]) -> str:
    source = match.group("src")
    url = f"https:{source}" if source.startswith("//") else source
    return f'<p class="embed">▶ Embedded: <a href="{url}">{url}</a></p>'


def _box(kind: str) -> str:
    return f'<table class="{kind}" width="100%" cellspacing="0"><tr><td class="{kind}">'


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
    shown_html = for_qt(shown_html)
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

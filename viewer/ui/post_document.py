"""A post's HTML laid into a QTextDocument, built in the worker thread from data only (the HTML,
the look and where the post's images may come from), then handed to the GUI thread.

Everything the document shows is made here, off the GUI thread: formulas are typeset, images
are read under the rules of `viewer.core.resources_policy` and registered with the document,
and the document never loads anything itself (`PostTextDocument`): Qt left alone would open any
path a post names (`/dev/zero`, a named pipe, a CSS `@import`) on whichever thread asks.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QPalette,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFragment,
    QTextImageFormat,
    QTextLength,
)

from viewer.core.code_style import CLASS_PREFIX
from viewer.core.colours import is_dark, mix, readable_on
from viewer.core.reading_time import TextCounts, text_counts
from viewer.core.searchable_text import SearchableText
from viewer.resources import resource_path
from viewer.ui.to_gui_thread import move_to_gui_thread
from viewer.ui.tooltips import plain_tooltip
from viewer.ui.translation import Texts

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage

    from viewer.core.resources_policy import ResourcePlace

    #: Where a post's images may come from, asked only for a post that shows images.
    PlaceOfImages = Callable[[], ResourcePlace | None]

#: The preview lays out at most this many list items (five times the longest list of a real
#: post): Qt's HTML import takes quadratic time in the number of element ids, and every item
#: has one. The outline, the links and search still cover the whole post.
MAX_PREVIEW_ITEMS = 4_000
#: Space around the text (each list level's indent follows the font: `indent_width`).
DOCUMENT_MARGIN = 18
#: Qt lays out a run of text with no break opportunity in quadratic time (1 MB: 16 s). Runs
#: longer than this get an invisible break (U+200B) every `BREAK_EVERY` characters: lines are
#: as full as before and layout is linear. Search and copying never see these breaks.
LONG_RUN = 200
BREAK_EVERY = 8
ZERO_WIDTH_SPACE = "\u200b"
#: Images are decoded at most this wide (a photo of 6000 px is shown in a column of ~900).
MAX_DECODED_WIDTH = 2400
#: Decoded images of one post together take at most this much memory.
MAX_IMAGE_MEMORY = 256 * 1024 * 1024
#: Typesetting stops after this long; the formulas left are shown as TeX, with a warning.
MATH_TIME_BUDGET_S = 6.0

MATH_SCHEME = "note-viewer-math"
IMAGE_SCHEME = "note-viewer-image"


#: Qt's HTML import takes more than linear time in the number of elements, wherever they are
#: (16,000 struck-out words in one paragraph: 1.3 s), and in how deep they nest (8,000 nested
#: divs: 1.6 s). The preview lays out at most this many elements (2.6 times the most a real
#: post of ours has), nested at most this deep, and shows the rest of the post as plain text.
MAX_PREVIEW_ELEMENTS = 10_000
MAX_PREVIEW_DEPTH = 100
#: Qt lays out about two megabytes of text a second: the preview lays out at most this much
#: HTML (30 times the longest real post of ours) and shows the rest as plain text.
MAX_PREVIEW_HTML = 2_000_000
#: Of that plain text, the preview lays out at most this many characters (Qt takes about a
#: second a megabyte of short lines); search counts matches in all of it.
MAX_PLAIN_CHARS = 500_000
#: Tables nested in tables (block quotes and code are drawn as one-cell tables) take Qt twice
#: as long to lay out for each level (20 quotes in quotes: over a minute), on paper too.
MAX_BOX_DEPTH = 10
_BOX_TAG = re.compile(r"<(/?)(?:table|blockquote)\b", re.IGNORECASE)
_START_TAG = re.compile(r"<[A-Za-z]")
_NESTING_TAG = re.compile(
    r"<(/?)(?:div|blockquote|ul|ol|dl|table|section|article|aside|details|figure|nav|header|footer|main)\b",
    re.IGNORECASE,
)


def _cut_elements(
    html_text: str, max_elements: int, max_depth: int, max_length: int | None = None
) -> tuple[str, str]:
    """(the HTML before its element number `max_elements` + 1, its first element nested deeper
    than `max_depth`, its first box nested deeper than MAX_BOX_DEPTH or its character number
    `max_length` (not inside a tag or a character reference), the HTML from there on)."""
    cut = len(html_text)
    if max_length is not None and cut > max_length:
        cut = max_length
        tag = html_text.rfind("<", 0, cut)
        if tag > html_text.rfind(">", 0, cut):
            cut = tag
        reference = html_text.rfind("&", max(cut - 40, 0), cut)
        if reference >= 0 and ";" not in html_text[reference:cut]:
            cut = reference
    if html_text.count("<") > max_elements:
        for number, match in enumerate(_START_TAG.finditer(html_text)):
            if number == max_elements:
                cut = min(cut, match.start())
                break
    for pattern, most in ((_NESTING_TAG, max_depth), (_BOX_TAG, MAX_BOX_DEPTH)):
        depth = 0
        for match in pattern.finditer(html_text, 0, cut):
            depth += -1 if match.group(1) else 1
            if depth > most:
                cut = match.start()
                break
    return html_text[:cut], html_text[cut:]


def cut_for_preview(html_text: str, max_items: int = MAX_PREVIEW_ITEMS) -> tuple[str, int]:
    """The HTML up to a whole top-level element, or a whole item of a top-level list, that keeps
    the list items within `max_items`; and how many items that shows."""
    kept, _rest, shown = _cut(html_text, max_items)
    return kept, shown


def _cut(html_text: str, max_items: int) -> tuple[str, str, int]:
    """(the HTML shown, the HTML left out, the list items shown)."""
    total = html_text.count("<li")
    if total <= max_items:
        return html_text, "", total
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
    return kept, html_text[cut:], kept.count("<li")


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
    palette: QPalette, line_height: int = LINE_HEIGHT, natural_line: float = NATURAL_LINE, code: bool = True
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
    if not code:  # see DocumentLook.code_colours
        return f"{sheet}\n"
    return f"{sheet}\n{code_css(*code_colours(palette))}\n"


def code_colours(palette: QPalette) -> tuple[bool, str]:
    """(a dark code style, the code background) for the palette's page."""
    return is_dark(palette.color(QPalette.ColorRole.Base).name()), page_colours(palette)["code_bg"]


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

    html_text = _list_ends_last(_lists_in_chunks(_bullets_by_depth(html_text)))
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


#: A list's space below it (preview.css: ul, ol, and lists in lists).
LIST_MARGIN, NESTED_LIST_MARGIN = 12, 2
_LIST_END_BEFORE = re.compile(r"</(?:ul|ol)>\s*</li>\s*$", re.IGNORECASE)


def _list_ends_last(html_text: str) -> str:
    """Qt puts a list's space below on its last item's own line: a list whose last item ends
    with a list of its own had the space above that inner list and none after the whole. The
    space goes on the innermost list that ends there (its last line is the list's last line)."""
    if "</li>" not in html_text or not re.search(r"</(?:ul|ol)>\s*</li>\s*</(?:ul|ol)>", html_text):
        return html_text
    openings: list[re.Match[str]] = []
    margins: dict[int, int] = {}  # opening number -> its space below, where it changes
    open_lists: list[tuple[int, int]] = []  # (opening number, number of the list carrying its space)
    last_closed: tuple[int, int] | None = None  # the list that closed last, and its carrier
    for match in _LIST_TAG.finditer(html_text):
        if not match.group(1):
            openings.append(match)
            open_lists.append((len(openings) - 1, len(openings) - 1))
            continue
        if not open_lists:
            continue
        number, carrier = open_lists.pop()
        inner_list_last = _LIST_END_BEFORE.search(html_text, openings[number].end(), match.start())
        if last_closed is not None and inner_list_last and last_closed[0] > number:
            carrier = last_closed[1]
            margins[number] = 0
            # Its own space below: none for a piece of a long list that another piece goes on.
            own = "margin-bottom:0px" not in openings[number].group(3)
            margins[carrier] = (NESTED_LIST_MARGIN if open_lists else LIST_MARGIN) if own else 0
        last_closed = (number, carrier)
    pieces, at = [], 0
    for number, margin in sorted(margins.items()):
        opening = openings[number]
        tag, attributes = opening.group(2), opening.group(3)
        pieces += [html_text[at : opening.start()], _styled(tag, attributes, f"margin-bottom:{margin}px")]
        at = opening.end()
    return "".join(pieces) + html_text[at:]


#: Qt adds an item to a list in time that grows with the list (8,192 items in one list: 2 s;
#: in lists of 256: 0.07 s). A longer list is laid out as lists of this many items that read
#: as one: the same bullets, the numbers going on, no space between them.
LIST_CHUNK = 256
_LIST_OR_ITEM = re.compile(r"<(/?)(ul|ol|li)\b([^>]*)>", re.IGNORECASE)
_STYLE = re.compile(r'\sstyle="([^"]*)"', re.IGNORECASE)
_START = re.compile(r'\sstart="?(\d+)"?', re.IGNORECASE)


@dataclass
class _Opening:
    """An opening list tag to write at [start, end) of the HTML: the post's own (`text` None
    while unchanged) or one that starts a new chunk (start == end)."""

    start: int
    end: int
    tag: str
    attributes: str
    text: str | None = None

    def add_style(self, style: str) -> None:
        self.text = _styled(self.tag, self.attributes, style)
        self.attributes = self.text[1 + len(self.tag) : -1]


@dataclass
class _OpenList:
    """A list being cut into chunks."""

    opening: _Opening  # the last opening tag of the list: its own, or that of its last chunk
    items: int = 0


def _lists_in_chunks(html_text: str) -> str:
    """The HTML with every list of more than LIST_CHUNK items cut into consecutive lists."""
    if html_text.count("<li") <= LIST_CHUNK:
        return html_text
    openings: list[_Opening] = []
    lists: list[_OpenList] = []
    for match in _LIST_OR_ITEM.finditer(html_text):
        closing, tag, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if tag != "li":
            if closing and lists:
                lists.pop()
            elif not closing:
                openings.append(_Opening(match.start(), match.end(), tag, attributes))
                lists.append(_OpenList(openings[-1]))
            continue
        if closing or not lists:
            continue
        current = lists[-1]
        current.items += 1
        if current.items % LIST_CHUNK != 1 or current.items == 1:
            continue
        # The chunk so far ends without space below it, the next starts without space above.
        before = current.opening
        before.add_style("margin-bottom:0px")
        attributes = _STYLE.sub("", before.attributes)
        if before.tag == "ol":
            start = _START.search(attributes)
            first = int(start.group(1)) if start else 1
            attributes = _START.sub("", attributes) + f' start="{first + LIST_CHUNK}"'
        chunk = _Opening(match.start(), match.start(), before.tag, attributes)
        chunk.add_style("margin-top:0px")
        openings.append(chunk)
        current.opening = chunk
    pieces, last = [], 0
    for opening in openings:
        if opening.text is None:
            continue
        pieces.append(html_text[last : opening.start])
        if opening.start == opening.end:
            pieces.append(f"</{opening.tag}>")
        pieces.append(opening.text)
        last = opening.end
    pieces.append(html_text[last:])
    return "".join(pieces)


def _styled(tag: str, attributes: str, style: str) -> str:
    """The opening tag `<tag attributes>` with `style` added to its own."""
    own = _STYLE.search(attributes)
    if own is None:
        return f'<{tag}{attributes} style="{style}">'
    merged = f'{own.group(1).rstrip("; ")}; {style}'
    return f'<{tag}{attributes[: own.start()]} style="{merged}"{attributes[own.end() :]}>'


def _embed_link(match: re.Match[str]) -> str:
    source = match.group("src")
    url = f"https:{source}" if source.startswith("//") else source
    return f'<p class="embed">▶ Embedded: <a href="{url}">{url}</a></p>'


def _box(kind: str) -> str:
    return f'<table class="{kind}" width="100%" cellspacing="0"><tr><td class="{kind}">'


class PostDocumentTexts(Texts):
    """The translation context of this module's messages (the worker thread makes most of them)."""


@dataclass(frozen=True)
class DocumentLook:
    """How the post view shows posts: what the worker needs to lay one out for it."""

    stylesheet: str = ""
    #: The text font (zoom included): formulas are typeset to its size.
    font: QFont = field(default_factory=QFont)
    #: The text colour ("#rrggbb"): formulas are drawn in it.
    text_colour: str = "#000000"
    muted_colour: str = "#5f6368"
    device_pixel_ratio: float = 1.0
    #: Folders besides the post's site (or folder) its images may come from: the folder the
    #: reader opened as a library.
    image_folders: tuple[Path, ...] = ()
    #: The code colours to add to `stylesheet` for a post with highlighted code: (dark style,
    #: code background), or None when `stylesheet` has them. Made only when a post has code
    #: (Pygments' styles take a while to load: the first paint of a post without code need not wait).
    code_colours: tuple[bool, str] | None = None


@dataclass(frozen=True)
class PostDocument:
    """A post laid into a Qt document, with the text search looks through and where each
    element id starts in it."""

    qt: QTextDocument
    #: The HTML laid out (the start of a very long post: see `note`).
    html: str
    #: What search looks through (formulas as their TeX, no inserted breaks), mapped to the
    #: document's positions by `to_shown`.
    searchable: SearchableText
    #: Element id → the document position where it starts.
    anchors: dict[str, int]
    #: Set when the preview shows only part of a very long post.
    note: str = ""
    #: The text of the part of the post not laid out (searched and counted, not shown).
    rest_text: str = ""
    #: Problems with what the post shows (images not loaded, formulas shown as TeX).
    warnings: tuple[str, ...] = ()
    #: How many formulas are shown as images (their size follows the text's).
    formulas: int = 0
    #: The position of each image read from a file (the view keeps each within its block).
    images: tuple[int, ...] = ()
    #: The words and reading time of all of the post's text, the part not laid out too (counted
    #: here, in the worker: a long post's text takes a second); None on paper.
    counts: TextCounts | None = None

    @property
    def plain_text(self) -> str:
        return self.searchable.text


class PostTextDocument(QTextDocument):
    """A document that never loads anything: every image it shows was read by our own code and
    registered with `addResource`. Qt asks here for whatever else a post names (an image not
    registered, a CSS background, an `@import`), and gets nothing."""

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        return None


def link_spans(document: QTextDocument, url: str) -> list[tuple[int, int]]:
    """(start, end) of every link in the document to `url`, or to the same target written
    another way, in order. An embed that Qt does not show has none."""
    from viewer.core.links import normalize_url

    wanted = normalize_url(url)
    spans: list[tuple[int, int]] = []
    for _block, fragment in fragments(document):
        href = fragment.charFormat().anchorHref()
        end = fragment.position() + fragment.length()
        if not href or normalize_url(href) != wanted:
            pass
        elif spans and spans[-1][1] == fragment.position():
            spans[-1] = (spans[-1][0], end)  # the same link on (bold inside a link, say)
        else:
            spans.append((fragment.position(), end))
    return spans


def fragments(document: QTextDocument) -> Iterator[tuple[QTextBlock, QTextFragment]]:
    """Every run of text of one format, in order, with its block."""
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            yield block, iterator.fragment()
            iterator += 1
        block = block.next()


def anchor_positions(document: QTextDocument) -> dict[str, int]:
    """Each anchor name in the document → the start of the first block that holds it. Tooltips
    the post gave (`title` attributes) are made plain on the way (viewer.ui.tooltips)."""
    found: dict[str, int] = {}
    tooltips: list[tuple[int, int, str]] = []
    for block, fragment in fragments(document):
        char_format = fragment.charFormat()
        for name in char_format.anchorNames():
            found.setdefault(name, block.position())
        if char_format.toolTip():
            tooltips.append((fragment.position(), fragment.length(), char_format.toolTip()))
    if not tooltips:
        return found
    cursor = QTextCursor(document)
    for position, length, tooltip in tooltips:
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        plain = QTextCharFormat()
        plain.setToolTip(plain_tooltip(tooltip))
        cursor.mergeCharFormat(plain)
    return found


def indent_width(font: QFont) -> int:
    """One list level's indent: about one and a half syllables, so that bullets line up under
    the text above (Qt's default is 40 px whatever the font)."""
    return round(QFontMetricsF(font).horizontalAdvance("가") * 1.5)


def build_document(
    html_text: str, look: DocumentLook, place: PlaceOfImages | None = None, whole: bool = False
) -> PostDocument:
    """Lay the HTML into a QTextDocument. Runs in a worker thread: Qt's HTML import takes
    quadratic time in the length of a list, and a post of thousands of bullets would freeze the
    window. The document is moved to the GUI thread, which shows it. `place` says where the
    post's images may come from, asked only for a post that shows images (None: no images are
    loaded). `whole`: never cut a long post (for paper)."""
    shown_html, rest_html, shown = _cut(html_text, len(html_text) if whole else MAX_PREVIEW_ITEMS)
    if whole:  # on paper: all of it, but boxes nested only as deep as Qt lays them out
        shown_html, plain_html = _cut_elements(shown_html, len(shown_html), len(shown_html))
    else:
        shown_html, plain_html = _cut_elements(
            shown_html, MAX_PREVIEW_ELEMENTS, MAX_PREVIEW_DEPTH, MAX_PREVIEW_HTML
        )
    formulas = _Formulas()
    # Formulas first: a formula shown as TeX is code, boxed by for_qt like the post's own code.
    prepared = for_qt(formulas.prepare(shown_html))
    prepared = _without_fetches(_drop_swallowing_tags(prepared))
    prepared = break_long_runs(prepared)

    document = PostTextDocument()
    document.setUndoRedoEnabled(False)
    stylesheet = look.stylesheet
    if look.code_colours is not None and f'class="{CLASS_PREFIX}' in prepared:
        from viewer.core.code_style import code_css

        stylesheet = f"{stylesheet}{code_css(*look.code_colours)}\n"
    document.setDefaultStyleSheet(stylesheet)
    document.setDocumentMargin(DOCUMENT_MARGIN)
    document.setIndentWidth(indent_width(look.font))
    document.setDefaultFont(look.font)
    document.setHtml(prepared)
    placed = _place_images(document, look, place, formulas) if "<img" in prepared else _Placed()
    anchors = anchor_positions(document)  # before the plain text, which has none
    # A cut inside a text (the length budget) goes on in the same line: nothing is added.
    mid_text = bool(plain_html) and bool(shown_html) and shown_html[-1] not in ">\n"
    plain_warning, plain_rest = _append_plain(document, plain_html, mid_text)
    rest_text = "\n".join(part for part in (plain_rest, _text_of(rest_html) if rest_html else "") if part)
    ending = _say_where_the_preview_ends(document, look.muted_colour) if rest_text else None

    shown_text = document.toPlainText()
    replacements = [(m.start(), 1, "") for m in re.finditer(ZERO_WIDTH_SPACE, shown_text)]
    replacements += placed.math_text
    if ending is not None:  # not the post's text: search does not find it
        replacements.append((ending, len(shown_text) - ending, ""))
    searchable = SearchableText(shown_text, replacements)
    move_to_gui_thread(document)
    total = html_text.count("<li")
    note = (
        PostDocumentTexts.tr(
            "This post has %Ln list item(s); the preview shows the first {shown}, the outline and the links "
            "all of them; search counts the matches in all of it and shows those in the part shown.",
            "",
            total,
        ).format(shown=f"{shown:,}")
        if shown < total
        else ""
    )
    counts = None if whole else text_counts("\n".join(part for part in (searchable.text, rest_text) if part))
    return PostDocument(
        document, shown_html, searchable, anchors, note, rest_text,
        (*plain_warning, *formulas.warnings(), *placed.warnings), len(placed.math_text), tuple(placed.images),
        counts,
    )  # fmt: skip


def _say_where_the_preview_ends(document: QTextDocument, colour: str) -> int:
    """A line at the document's end saying that the post goes on, not laid out; where it starts
    in the document's text (the line break before it)."""
    from PySide6.QtCore import Qt  # not before the first paint: Qt's namespace takes 15 ms to set up

    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    start = cursor.position()
    block = QTextBlockFormat()
    block.setTopMargin(DOCUMENT_MARGIN)
    block.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    muted = QTextCharFormat()
    muted.setFontItalic(True)
    muted.setForeground(QColor(colour))
    cursor.insertBlock(block, muted)
    cursor.insertText(
        PostDocumentTexts.tr(
            "The preview ends here. The rest of the post is not laid out; search counts the matches in it."
        ),
        muted,
    )
    return start


_BLOCK_TAG = re.compile(
    r"</?(?:p|li|h[1-6]|pre|td|th|tr|dt|dd|blockquote|div|table|ul|ol|br|hr)\b[^<>]*>", re.IGNORECASE
)
_ANY_TAG = re.compile(r"<[^<>]*>")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def _append_plain(document: QTextDocument, html_text: str, same_line: bool = False) -> tuple[list[str], str]:
    """Add the text of `html_text` at the document's end as plain text (laid out in linear
    time), in a block of its own unless `same_line`, up to MAX_PLAIN_CHARS characters and a line
    end; the warnings that say so, and the text not laid out."""
    text = _text_of(html_text)
    text = text.rstrip("\n") if same_line else text.strip("\n")
    if not text:
        return [], ""
    cut = len(text)
    if cut > MAX_PLAIN_CHARS:
        cut = text.rfind("\n", 0, MAX_PLAIN_CHARS) + 1 or MAX_PLAIN_CHARS
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    shown = _RUN.sub(_broken, text[:cut].rstrip("\n"))
    if same_line:  # the rest of the line where the cut fell, in its block (a list item, say)
        line, _, shown = shown.partition("\n")
        cursor.insertText(line, QTextCharFormat())
    if shown:
        # The lines after it in blocks of their own: lines added to a list item's block would each
        # join its list, which Qt renumbers at every line (500,000 characters: 3.4 s).
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        cursor.insertText(shown)
    warnings = [
        PostDocumentTexts.tr(
            "This post has more elements, elements nested deeper or more text than the preview "
            "lays out ({limit} elements, {depth} levels, {length} characters of HTML); the rest of "
            "it is shown as plain text."
        ).format(limit=f"{MAX_PREVIEW_ELEMENTS:,}", depth=MAX_PREVIEW_DEPTH, length=f"{MAX_PREVIEW_HTML:,}")
    ]
    if cut < len(text):
        warnings.append(
            PostDocumentTexts.tr(
                "The preview shows the first {shown} characters of that text, not the last {left}; "
                "search counts the matches in all of it."
            ).format(shown=f"{cut:,}", left=f"{len(text) - cut:,}")
        )
    return warnings, text[cut:]


def _text_of(html_text: str) -> str:
    """The text of HTML not laid out, for counting matches in it: block tags end lines, other
    tags go (linear; Python's HTML parser takes seconds on the 30,000 items left out)."""
    # A block's tags and the line ends between them: one line end (the end of a nested list
    # left ten empty lines).
    text = _BLANK_LINES.sub("\n", _ANY_TAG.sub("", _BLOCK_TAG.sub("\n", html_text)))
    if _OTHER_REFERENCE.search(text) is None:  # text the renderer escaped (a megabyte: 0.1 s, not 1 s)
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    import html  # named references: not before the first paint (html.entities, 3 ms)

    return html.unescape(text)


_OTHER_REFERENCE = re.compile(r"&(?!(?:lt|gt|quot|amp);)")


# --- formulas ------------------------------------------------------------------------------------

#: The renderer's math elements: inline `<span class="math inline">\(TeX\)</span>`, display
#: `<div class="math display">\[TeX\]</div>`, the TeX HTML-escaped.
_MATH = re.compile(
    r'<span class="math inline">\\\((?P<inline>.*?)\\\)</span>'
    r'|<div class="math display">\s*\\\[(?P<display>.*?)\\\]\s*</div>',
    re.DOTALL,
)


class _Formulas:
    """The formulas of one post: each distinct TeX typeset once, as an image in the HTML."""

    def __init__(self) -> None:
        self.typeset: list[tuple[str, bool, Any]] = []  # (TeX, display, Formula)
        self._numbers: dict[tuple[str, bool], int] = {}
        self.failed: dict[str, str] = {}  # TeX → why
        self.over_budget = 0
        self.seconds = 0.0

    def prepare(self, html_text: str) -> str:
        if "math" not in html_text:
            return html_text
        started = time.perf_counter()
        return _MATH.sub(lambda match: self._replace(match, started), html_text)

    def _replace(self, match: re.Match[str], started: float) -> str:
        from viewer.ui.math_images import MathError, typeset

        display = match.group("display") is not None
        escaped = match.group("display") if display else match.group("inline")
        import html

        tex = html.unescape(escaped).strip()
        key = (tex, display)
        number = self._numbers.get(key)
        if number is None and tex not in self.failed:
            if time.perf_counter() - started > MATH_TIME_BUDGET_S:
                self.over_budget += 1
            else:
                begun = time.perf_counter()
                try:
                    formula = typeset(tex, display)
                except MathError as exc:
                    self.failed[tex] = str(exc)
                else:
                    number = self._numbers[key] = len(self.typeset)
                    self.typeset.append((tex, display, formula))
                self.seconds += time.perf_counter() - begun
        if number is None:
            if display:
                return f'<p class="math display"><code class="math-tex">\\[{escaped}\\]</code></p>'
            return f'<code class="math-tex">\\({escaped}\\)</code>'
        image = f'<img src="{MATH_SCHEME}:{number}" />'
        if display:
            spaced = "margin-top:6px; margin-bottom:6px"
            # Not "math display": the TeX-as-written rule (muted, monospaced) would colour it.
            return f'<div class="formula" align="center" style="{spaced}">{image}</div>'
        return f'<span class="math inline">{image}</span>'

    def warnings(self) -> list[str]:
        found = []
        if self.failed:
            tex, why = next(iter(self.failed.items()))
            failed = PostDocumentTexts.tr(
                "%Ln formula(s) shown as TeX ({formula}: {why}).", "", len(self.failed)
            )
            found.append(failed.format(formula=_short(tex), why=why))
        if self.over_budget:
            found.append(
                PostDocumentTexts.tr(
                    "%Ln formula(s) shown as TeX: typesetting them all would take too long.",
                    "",
                    self.over_budget,
                )
            )
        return found


# --- images --------------------------------------------------------------------------------------


@dataclass
class _Placed:
    """What placing the images and formulas did to a document."""

    warnings: list[str] = field(default_factory=list)
    #: (document position, 1, TeX) for each formula shown as an image.
    math_text: list[tuple[int, int, str]] = field(default_factory=list)
    #: The document position of each image read from a file.
    images: list[int] = field(default_factory=list)


def _images_in(document: QTextDocument) -> list[tuple[int, QTextImageFormat]]:
    """Each image character of the document with its format, in order."""
    found: list[tuple[int, QTextImageFormat]] = []
    for _block, fragment in fragments(document):
        if fragment.charFormat().isImageFormat():
            image_format = fragment.charFormat().toImageFormat()
            found.extend((fragment.position() + i, image_format) for i in range(fragment.length()))
    return found


def _place_images(document: QTextDocument, look: DocumentLook, place: PlaceOfImages | None,
                  formulas: _Formulas) -> _Placed:  # fmt: skip
    """Register every image of the document, read under the rules; an image that cannot be
    shown becomes its alt text. Math images are sized to the text around them."""
    from PySide6.QtCore import QUrl  # for posts with images only: not made before others' first paint

    images = _ImageLoader(place)
    rasters: dict[tuple[Any, ...], tuple[str, Any]] = {}
    tex_of: dict[str, str] = {}  # resource name → TeX
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for position, image_format in reversed(_images_in(document)):  # from the end: positions before stay
        cursor.setPosition(position)
        cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
        name = image_format.name()
        if name.startswith(MATH_SCHEME + ":"):
            tex, display, formula = formulas.typeset[int(name.split(":", 1)[1])]
            shown_format = _math_format(document, image_format, formula, display, look, rasters)
            cursor.setCharFormat(shown_format)
            tex_of[shown_format.name()] = tex
            continue
        shown = images.load(name)
        if isinstance(shown, str):
            alt = _alt_text(image_format, name, shown)
            cursor.insertText(alt, _alt_format(image_format, look, name, shown))
            continue
        resource = f"{IMAGE_SCHEME}:{images.number_of(name)}"
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(resource), shown)
        image_format.setName(resource)
        # Within the column; the view narrows it to the block's own width (a nested item's).
        image_format.setMaximumWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        cursor.setCharFormat(image_format)
    cursor.endEditBlock()
    placed = _Placed(images.warnings())
    spaced: set[int] = set()
    for position, image_format in _images_in(document):  # where they are now the alt texts are in
        name = image_format.name()
        if name in tex_of:
            placed.math_text.append((position, 1, tex_of[name]))
        elif name.startswith(IMAGE_SCHEME + ":"):
            placed.images.append(position)
        block = document.findBlock(position)
        if block.blockNumber() not in spaced:
            spaced.add(block.blockNumber())
            _space_lines_evenly(block)
    return placed


def _space_lines_evenly(block: QTextBlock) -> None:
    """A proportional line height (the stylesheet's `line-height: 150%`) scales each line by its
    own height, so a line holding an image or a tall formula gets half its height again as empty
    space below it. Such a block gets the same gap between lines as its text would have, fixed."""
    block_format = block.blockFormat()
    if block_format.lineHeightType() != QTextBlockFormat.LineHeightTypes.ProportionalHeight.value:
        return
    extra = block_format.lineHeight() / 100 - 1
    if extra <= 0:
        return
    font = block.charFormat().font().resolve(block.document().defaultFont())
    gap = extra * QFontMetricsF(font).height()
    block_format.setLineHeight(gap, QTextBlockFormat.LineHeightTypes.LineDistanceHeight.value)
    QTextCursor(block).setBlockFormat(block_format)


def _math_format(
    document: QTextDocument,
    image_format: QTextImageFormat,
    formula: Any,
    display: bool,
    look: DocumentLook,
    rasters: dict[tuple[Any, ...], tuple[str, Any]],
) -> QTextImageFormat:
    """The image format that shows `formula` at the size and colour of the text around it."""
    from PySide6.QtCore import Qt, QUrl

    from viewer.ui.math_images import rasterise

    font = image_format.font().resolve(document.defaultFont())
    em_px = float(QFontInfo(font).pixelSize())
    # Qt places an inline object by its format's font (math_images.rasterise): the format gets
    # the text's font, and the image is made to match.
    metrics = QFontMetricsF(font)
    brush = image_format.foreground()
    colour = brush.color().name() if brush.style() != Qt.BrushStyle.NoBrush else look.text_colour
    key = (id(formula), font.key(), colour, look.device_pixel_ratio)
    if key not in rasters:
        name = f"{MATH_SCHEME}:{len(rasters)}"
        text_metrics = (0.0, 0.0) if display else (metrics.descent(), metrics.xHeight())
        image = rasterise(formula, em_px, colour, look.device_pixel_ratio, *text_metrics)
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image.image)
        rasters[key] = (name, image)
    name, image = rasters[key]
    shown = QTextImageFormat(image_format)
    shown.setFont(font)
    shown.setName(name)
    shown.setWidth(image.width)
    shown.setHeight(image.height)
    if not display:
        alignment = QTextCharFormat.VerticalAlignment
        shown.setVerticalAlignment(alignment.AlignMiddle if image.middle else alignment.AlignBaseline)
    return shown


class _ImageLoader:
    """Reads the post's images under the rules, once each, within a memory budget."""

    def __init__(self, place: PlaceOfImages | None) -> None:
        self._place_of = place  # asked at the first image
        self._place: ResourcePlace | None = None
        self._loaded: dict[str, QImage | str] = {}
        self._numbers: dict[str, int] = {}
        self._memory = 0
        self._problems: dict[str, str] = {}

    def number_of(self, name: str) -> int:
        return self._numbers.setdefault(name, len(self._numbers))

    def load(self, name: str) -> QImage | str:
        """The image named `name`, or why it is not shown."""
        if name not in self._loaded:
            self._loaded[name] = self._read(name)
            if isinstance(self._loaded[name], str):
                self._problems[name] = str(self._loaded[name])
        return self._loaded[name]

    def _read(self, name: str) -> QImage | str:
        from viewer.core.resources_policy import (
            ResourceRefused,
            decode_data_url,
            locate_image,
            read_image_file,
        )

        if self._place_of is not None:
            self._place, self._place_of = self._place_of(), None
        if self._place is None:
            return PostDocumentTexts.tr("not loaded")
        source = locate_image(name, self._place)
        try:
            if source.kind == "file":
                data = read_image_file(Path(source.target))
            elif source.kind == "data":
                data = decode_data_url(source.target)
            else:
                return source.reason
            image = _decode(data)
        except ResourceRefused as exc:
            return str(exc)
        size = image.sizeInBytes()
        if self._memory + size > MAX_IMAGE_MEMORY:
            return PostDocumentTexts.tr("not loaded: the post's images take too much memory")
        self._memory += size
        return image

    def warnings(self) -> list[str]:
        if not self._problems:
            return []
        problems = list(reversed(self._problems.items()))  # in the post's order: read from its end
        shown = "; ".join(f"{_short(name)} ({why})" for name, why in problems[:3])
        count = len(problems)
        more = PostDocumentTexts.tr("; and %Ln more", "", count - 3) if count > 3 else ""
        return [
            PostDocumentTexts.tr("%Ln image(s) not shown: {images}", "", count).format(images=shown) + more
        ]


def _decode(data: bytes) -> QImage:
    """Decode image bytes, refusing what would take too much memory before decoding it."""
    # Imported here, as the other classes only posts with images need: PySide6 sets up each
    # class's enums when it is first named, and a post without images is painted without them.
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QImageReader

    from viewer.core.resources_policy import ResourceRefused, check_pixels, raster_format

    kind = raster_format(data)  # only raster formats, told to the reader: it guesses nothing
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(kind.encode()))
    reader.setDecideFormatFromContent(False)
    size = reader.size()
    why = check_pixels(size.width(), size.height())
    if why:
        raise ResourceRefused(why)
    if size.width() > MAX_DECODED_WIDTH:
        height = max(1, size.height() * MAX_DECODED_WIDTH // size.width())
        reader.setScaledSize(QSize(MAX_DECODED_WIDTH, height))
    image = reader.read()
    if image.isNull():
        message = PostDocumentTexts.tr("not an image that can be read ({problem})")
        raise ResourceRefused(message.format(problem=reader.errorString()))
    return image


def _alt_text(image_format: QTextImageFormat, name: str, why: str) -> str:
    from PySide6.QtCore import QUrl

    alt = str(image_format.property(QTextFormat.Property.ImageAltText) or "").strip()
    alt = alt or Path(QUrl(name).path()).name or "image"
    return f"[{alt}]" if why == "not found" else f"[{alt} — {why}]"


def _alt_format(image_format: QTextImageFormat, look: DocumentLook, name: str, why: str) -> QTextCharFormat:
    shown = QTextCharFormat()
    shown.setFontItalic(True)
    shown.setForeground(QColor(look.muted_colour))
    if image_format.isAnchor():  # an image that was a link stays one
        shown.setAnchor(True)
        shown.setAnchorHref(image_format.anchorHref())
    if image_format.anchorNames():
        shown.setAnchorNames(image_format.anchorNames())
    shown.setToolTip(
        PostDocumentTexts.tr("Image {name}: {why}").format(name=name, why=why)
    )  # made plain with the post's own tooltips
    return shown


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- HTML made safe to lay out -------------------------------------------------------------------

#: Qt reads everything after `<link>` or `<head>` as the page's head, and shows none of it.
_SWALLOWING = re.compile(r"</?(?:link|head)\b[^>]*>", re.IGNORECASE)


def _drop_swallowing_tags(html_text: str) -> str:
    return _SWALLOWING.sub("", html_text) if "<link" in html_text or "<head" in html_text else html_text


#: What makes Qt fetch something by name besides <img>: CSS url() and @import (in a style
#: attribute or a <style> element) and the background attribute (body, table, td).
_FETCH = re.compile(r"url\s*\(|@import\b|\bbackground\s*=", re.IGNORECASE)


def _without_fetches(html_text: str) -> str:
    """The HTML with every CSS url(), @import and background attribute of the post disarmed, so
    that nothing in the document names a file to load: not even a copy of it made later (for
    printing, say) in a plain QTextDocument, which would load what it names."""
    if not _FETCH.search(html_text):
        return html_text
    pieces, last, in_style = [], 0, False
    for tag in _TAG.finditer(html_text):
        text = html_text[last : tag.start()]
        pieces.append(_FETCH.sub(_disarmed, text) if in_style else text)
        pieces.append(_FETCH.sub(_disarmed, tag.group(0)))
        last = tag.end()
        if (tag.group(2) or "").lower() == "style":
            in_style = not tag.group(1)
    text = html_text[last:]
    pieces.append(_FETCH.sub(_disarmed, text) if in_style else text)
    return "".join(pieces)


def _disarmed(match: re.Match[str]) -> str:
    word = match.group(0).lower()
    return "blocked(" if word.startswith("url") else "@blocked" if word.startswith("@") else "data-blocked="


_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)?[^<>]*>")
#: Text inside these is not broken: code keeps its lines, styles and scripts are not text.
_VERBATIM = frozenset(["pre", "style", "script", "textarea"])
_RUN = re.compile(rf"[^\s<>]{{{LONG_RUN},}}")
_UNIT = re.compile(r"&#?\w{1,12};|.", re.DOTALL)
_JOINERS = frozenset("\u200c\u200d\u034f")


def break_long_runs(html_text: str) -> str:
    """The HTML with an invisible break every few characters of each very long run of text
    without spaces (outside tags, code blocks, styles and scripts)."""
    if not _RUN.search(html_text):
        return html_text
    pieces, last, verbatim = [], 0, ""
    for tag in _TAG.finditer(html_text):
        text = html_text[last : tag.start()]
        pieces.append(text if verbatim else _RUN.sub(_broken, text))
        pieces.append(tag.group(0))
        last = tag.end()
        name = (tag.group(2) or "").lower()
        if not verbatim and not tag.group(1) and name in _VERBATIM:
            verbatim = name
        elif verbatim and tag.group(1) and name == verbatim:
            verbatim = ""
    text = html_text[last:]
    pieces.append(text if verbatim else _RUN.sub(_broken, text))
    return "".join(pieces)


def _broken(run: re.Match[str]) -> str:
    units = _UNIT.findall(run.group(0))
    out: list[str] = []
    since = 0
    for number, unit in enumerate(units):
        if since >= BREAK_EVERY and _may_break_before(unit) and units[number - 1][-1:] not in _JOINERS:
            out.append(ZERO_WIDTH_SPACE)
            since = 0
        out.append(unit)
        since += 1
    return "".join(out)


def _may_break_before(unit: str) -> bool:
    """Not before a combining mark, a joiner or a variation selector: a character stays whole."""
    char = unit[0]
    if char in _JOINERS or "\ufe00" <= char <= "\ufe0f":
        return False
    return not unicodedata.category(char).startswith("M")

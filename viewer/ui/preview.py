"""The rendered post: a QTextBrowser that scrolls to ids, flashes the target and reports where it is."""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

if TYPE_CHECKING:
    from viewer.core.render import RenderedPost
    from viewer.core.search import Matcher
from viewer.resources import resource_path

FLASH_MS = 1200
#: The preview lays out at most this many list items (a few seconds of Qt's HTML import, which
#: is quadratic in list length); the outline, the links and search still cover the whole post.
MAX_PREVIEW_ITEMS = 10_000


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


@dataclass(frozen=True)
class PostDocument:
    """A post laid into a Qt document, with its plain text (what search looks through)."""

    qt: QTextDocument
    plain_text: str
    #: Set when the preview shows only part of a very long post.
    note: str = ""


def post_stylesheet(palette: QPalette) -> str:
    """The preview stylesheet with colours taken from the current (light or dark) palette."""
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    dark = base.lightness() < 128
    muted = QColor(text)
    muted.setAlphaF(0.65)
    template = resource_path("preview.css").read_text(encoding="utf-8")
    return (
        template.replace("@text@", text.name())
        .replace("@link@", palette.color(QPalette.ColorRole.Link).name())
        .replace("@muted@", "#9aa0a6" if dark else "#5f6368")
        .replace("@code_bg@", "#2b2d31" if dark else "#f3f4f6")
        .replace("@rule@", "#44474d" if dark else "#d0d4d9")
    )


class PostView(QTextBrowser):
    """Shows one rendered post. Links are not followed here: the window decides (see MainWindow)."""

    #: The id of the outline node at the top of the view changed because the user scrolled.
    top_anchor_changed = Signal(str)
    #: The post was shown again in new colours (search highlights must be found again).
    palette_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Post")
        self._anchor_ids: list[str] = []
        self._anchor_tops: list[float] | None = None  # y of each anchor, computed on demand
        self._zoom = 0
        self._programmatic_scroll = False
        self._scroll_timer = QTimer(self, singleShot=True, interval=60)
        self._scroll_timer.timeout.connect(self._report_top_anchor)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
        self._flash_selection: list[QTextEdit.ExtraSelection] = []
        self._match_selections: list[QTextEdit.ExtraSelection] = []
        self.match_positions: list[tuple[int, int]] = []  # (start, end) in the document
        self._plain_text: str | None = None
        self._html = ""
        self.document().setDocumentMargin(18)
        self.document().setIndentWidth(24)
        self._apply_stylesheet()

    # --- content -------------------------------------------------------------------------------------

    def show_post(self, rendered: RenderedPost, anchor_ids: list[str], document: PostDocument) -> None:
        """Show a post whose document was built off the GUI thread (see `build_document`)."""
        self._programmatic_scroll = True
        self.match_positions, self._match_selections, self._flash_selection = [], [], []
        # Drop highlights while their document lives: Qt repaints the old ones when they are
        # next replaced, and a flash ending after the old document is gone would crash.
        self._flash_timer.stop()
        self.setExtraSelections([])
        self._html = rendered.html
        old = self.document()
        ours = old.parent() is self  # Qt deletes its own first document; ours are deleted here
        document.qt.setParent(self)
        document.qt.setDefaultFont(self._zoomed_font())
        self.setDocument(document.qt)
        if ours:
            old.deleteLater()
        self._plain_text = document.plain_text
        self._anchor_ids = anchor_ids
        self._anchor_tops = None
        self._programmatic_scroll = False

    def build_document(self, html_text: str) -> PostDocument:
        """Lay the HTML into a QTextDocument. Safe in a worker thread: Qt's HTML import takes
        quadratic time in the length of a list, and a post of thousands of bullets would freeze
        the window. The document is handed to the GUI thread for `show_post`."""
        document = QTextDocument()
        document.setDefaultStyleSheet(self._stylesheet)
        document.setDocumentMargin(18)
        document.setIndentWidth(24)  # Qt indents each list level by 40 px otherwise
        shown_html, shown = cut_for_preview(html_text)
        document.setHtml(shown_html)
        plain = document.toPlainText()
        document.moveToThread(self.thread())
        total = html_text.count("<li")
        note = (
            f"This post has {total:,} list items; the preview shows the first {shown:,}. "
            "The outline, links and search cover all of it."
            if shown < total
            else ""
        )
        return PostDocument(document, plain, note)

    def show_message(self, title: str, detail: str = "") -> None:
        """An empty or error state in place of a post."""
        self._anchor_ids, self._anchor_tops = [], None
        self.match_positions, self._match_selections, self._flash_selection = [], [], []
        self._plain_text = None
        body = f"<h2>{html.escape(title)}</h2>"
        if detail:
            body += f'<p class="muted">{html.escape(detail)}</p>'
        self._html = f'<div class="message">{body}</div>'
        self.setHtml(self._html)

    def _apply_stylesheet(self) -> bool:
        """Use the current palette's colours; True when they changed."""
        stylesheet = post_stylesheet(self.palette())
        if stylesheet == getattr(self, "_stylesheet", None):
            return False
        self._stylesheet = stylesheet
        self.document().setDefaultStyleSheet(stylesheet)
        return True

    def changeEvent(self, event: QEvent) -> None:
        # Light/dark switch: show the post again with the new colours. Qt also sends palette
        # changes that change no colour (a sibling's style sheet): those cost nothing.
        if event.type() == QEvent.Type.PaletteChange and self._apply_stylesheet():
            scroll = self.verticalScrollBar().value()
            self.setHtml(self._html)
            self.verticalScrollBar().setValue(scroll)
            self._anchor_tops = None
            self._plain_text = None
            self.match_positions, self._match_selections, self._flash_selection = [], [], []
            self.palette_changed.emit()
        super().changeEvent(event)

    # --- scrolling -----------------------------------------------------------------------------------

    def scroll_to_id(self, anchor: str, flash: bool = True) -> bool:
        cursor = self.anchor_cursor(anchor)
        if cursor is None:
            return False
        self._programmatic_scroll = True
        bar = self.verticalScrollBar()
        top = self.document().documentLayout().blockBoundingRect(cursor.block()).top()
        bar.setValue(int(top) - 8)
        self._programmatic_scroll = False
        if flash:
            self._flash(cursor)
        return True

    def anchor_cursor(self, anchor: str) -> QTextCursor | None:
        block = self.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                if anchor in iterator.fragment().charFormat().anchorNames():
                    return QTextCursor(block)
                iterator += 1
            block = block.next()
        return None

    def _flash(self, cursor: QTextCursor) -> None:
        colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        colour.setAlpha(70)
        flash = QTextCharFormat()
        flash.setBackground(colour)
        flash.setProperty(QTextFormat.Property.FullWidthSelection, True)
        block_cursor = QTextCursor(cursor)
        block_cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        # The whole item, wrapped lines included.
        block_cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.format = flash
        selection.cursor = block_cursor
        self._flash_selection = [selection]
        self._update_selections()
        self._flash_timer.start()

    def _end_flash(self) -> None:
        self._flash_selection = []
        self._update_selections()

    def _update_selections(self) -> None:
        self.setExtraSelections(self._match_selections + self._flash_selection)

    def is_flashing(self) -> bool:
        return bool(self._flash_selection)

    # --- search --------------------------------------------------------------------------------------

    def show_matches(self, matcher: Matcher | None) -> int:
        """Find every match (the visible ones are highlighted); returns how many there are."""
        self.match_positions = []
        if matcher is not None:
            # One pass over the document's text: its offsets are document positions (each block
            # ends in one separator character, '\n' here).
            if self._plain_text is None:
                self._plain_text = self.document().toPlainText()
            self.match_positions = [(span.start, span.end) for span in matcher.find_all(self._plain_text)]
        if not self.match_positions:
            cursor = self.textCursor()
            cursor.clearSelection()
            self.setTextCursor(cursor)
        self._highlight_visible_matches()
        return len(self.match_positions)

    def _highlight_visible_matches(self) -> None:
        """Highlights for the matches on screen only: Qt lays out every extra selection on every
        repaint, and a one-syllable query can match thousands of times."""
        self._match_selections = []
        if self.match_positions:
            viewport = self.viewport().rect()
            first = self.cursorForPosition(viewport.topLeft()).position()
            last = self.cursorForPosition(viewport.bottomRight()).position()
            starts = [start for start, _end in self.match_positions]
            low = max(bisect.bisect_left(starts, first) - 1, 0)
            high = bisect.bisect_right(starts, last) + 1
            colour = QColor("#f9d65c")
            colour.setAlpha(150)
            highlight = QTextCharFormat()
            highlight.setBackground(colour)
            for start, end in self.match_positions[low:high]:
                cursor = QTextCursor(self.document())
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.format = highlight
                selection.cursor = cursor
                self._match_selections.append(selection)
        self._update_selections()

    def select_match(self, number: int) -> None:
        """Make match `number` the current one: selected (drawn distinctly) and scrolled into view."""
        start, end = self.match_positions[number]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def first_match_at_or_after(self, anchor: str) -> int | None:
        cursor = self.anchor_cursor(anchor)
        if cursor is None:
            return None
        position = cursor.position()
        for number, (start, _end) in enumerate(self.match_positions):
            if start >= position:
                return number
        return None

    def _on_scrolled(self) -> None:
        if self.match_positions:
            self._highlight_visible_matches()
        if not self._programmatic_scroll:
            self._scroll_timer.start()

    def _compute_anchor_tops(self) -> list[float]:
        wanted = set(self._anchor_ids)
        layout = self.document().documentLayout()
        tops: dict[str, float] = {}
        block = self.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                for name in iterator.fragment().charFormat().anchorNames():
                    if name in wanted and name not in tops:
                        tops[name] = layout.blockBoundingRect(block).top()
                iterator += 1
            block = block.next()
        self._anchor_ids = [a for a in self._anchor_ids if a in tops]
        return [tops[a] for a in self._anchor_ids]

    def anchor_at_top(self) -> str:
        """The last outline anchor at or above the top edge of the view (or the first one)."""
        if not self._anchor_ids:
            return ""
        if self._anchor_tops is None:
            self._anchor_tops = self._compute_anchor_tops()
            if not self._anchor_ids:
                return ""
        bar = self.verticalScrollBar()
        if bar.value() >= bar.maximum() > 0:
            # At the very end everything left is visible: the last node is where the reader is.
            return self._anchor_ids[-1]
        position = bisect.bisect_right(self._anchor_tops, bar.value() + 12) - 1
        return self._anchor_ids[max(position, 0)]

    def _report_top_anchor(self) -> None:
        anchor = self.anchor_at_top()
        if anchor:
            self.top_anchor_changed.emit(anchor)

    def resizeEvent(self, event: QObject) -> None:  # type: ignore[override]
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._anchor_tops = None  # reflowed: positions changed
        if self.match_positions:
            self._highlight_visible_matches()

    # --- zoom ----------------------------------------------------------------------------------------

    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        self._zoom = max(-8, min(20, steps))
        self.document().setDefaultFont(self._zoomed_font())
        self._anchor_tops = None

    def _zoomed_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(4.0, font.pointSizeF() + self._zoom))
        return font

    def wheelEvent(self, event: QObject) -> None:  # type: ignore[override]
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:  # type: ignore[attr-defined]
            self.set_zoom(self._zoom + (1 if event.angleDelta().y() > 0 else -1))  # type: ignore[attr-defined]
            return
        super().wheelEvent(event)  # type: ignore[arg-type]

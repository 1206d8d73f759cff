"""The rendered post: a QTextBrowser that follows the reading state, scrolls to ids, flashes
the target, highlights the search and reports where the reader is."""

from __future__ import annotations

import bisect
import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from viewer.core.outline import walk
from viewer.ui.post_document import DOCUMENT_MARGIN, INDENT_WIDTH, PostDocument, post_stylesheet

if TYPE_CHECKING:
    from viewer.core.render import RenderedPost
    from viewer.ui.reading import Reading

FLASH_MS = 1200
#: Marks the flash among the post's extra selections (the rest are search matches).
FLASH_PROPERTY = QTextFormat.Property.UserProperty + 1


class PostView(QTextBrowser):
    """Shows the post being read. Links are not followed here: `anchorClicked` goes to the
    link policy."""

    #: The stylesheet changed with the palette (light/dark): posts read later are laid out with it.
    stylesheet_changed = Signal(str)

    def __init__(self, reading: Reading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading = reading
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Post")
        self._anchor_ids: list[str] = []
        self._anchors: dict[str, int] = {}
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
        self._matches: list[tuple[int, int]] = []  # (start, end) in the document
        self._html = ""
        # Posts' documents belong to the reading state; messages are shown in this one.
        self._message_document = QTextDocument(self)
        self.setDocument(self._message_document)
        self.document().setDocumentMargin(DOCUMENT_MARGIN)
        self.document().setIndentWidth(INDENT_WIDTH)
        self._apply_stylesheet()
        reading.post_changed.connect(self._show_reading)
        reading.focus_changed.connect(self._show_focus)
        reading.jumped.connect(self.scroll_to_id)
        reading.jumped_to_span.connect(self.scroll_to_span)
        reading.search_changed.connect(self._show_search)
        reading.match_changed.connect(lambda number, _total: self._select_match(number))

    @property
    def stylesheet(self) -> str:
        return self._stylesheet

    # --- content -------------------------------------------------------------------------------------

    def _show_reading(self, rendered: RenderedPost | None, keep_view: bool) -> None:
        document = self.reading.document
        if rendered is None or document is None:
            self.show_message("This post cannot be shown", self.reading.problem)
            return
        scroll = self.verticalScrollBar().value()
        self.show_post(document, [node.id for _, node in walk(self.reading.outline_shown)])
        self._show_search()
        if keep_view:
            # Layout happens lazily: restore the scroll position once the document is laid out.
            QTimer.singleShot(0, lambda: self.verticalScrollBar().setValue(scroll))

    def _show_focus(self) -> None:
        """The focused branch alone, or the whole post again (the reading state then says where)."""
        document = self.reading.document
        if document is not None:
            self.show_post(document, [node.id for _, node in walk(self.reading.outline_shown)])
            self._show_search()

    def show_post(self, document: PostDocument, anchor_ids: list[str]) -> None:
        """Show a post whose document was built off the GUI thread (see post_document)."""
        self._programmatic_scroll = True
        self._matches, self._match_selections, self._flash_selection = [], [], []
        # Drop highlights while their document lives: Qt repaints the old ones when they are
        # next replaced, and a flash ending after the old document is gone would crash.
        self._flash_timer.stop()
        self.setExtraSelections([])
        self._html = document.html
        document.qt.setDefaultFont(self._zoomed_font())
        if document.qt.defaultStyleSheet() != self._stylesheet:  # laid out before a light/dark switch
            document.qt.setDefaultStyleSheet(self._stylesheet)
            document.qt.setHtml(document.html)
        self.setDocument(document.qt)
        self._anchors = document.anchors
        self._anchor_ids = [anchor for anchor in anchor_ids if anchor in document.anchors]
        self._anchor_tops = None
        self._programmatic_scroll = False

    def show_message(self, title: str, detail: str = "") -> None:
        """An empty or error state in place of a post."""
        self._flash_timer.stop()
        self._anchor_ids, self._anchors, self._anchor_tops = [], {}, None
        self._matches, self._match_selections, self._flash_selection = [], [], []
        self.setExtraSelections([])
        body = f"<h2>{html.escape(title)}</h2>"
        if detail:
            body += f'<p class="muted">{html.escape(detail)}</p>'
        self._html = f'<div class="message">{body}</div>'
        self._message_document.setDefaultStyleSheet(self._stylesheet)
        self._message_document.setDefaultFont(self._zoomed_font())
        self.setDocument(self._message_document)
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
            self._flash_timer.stop()
            self._flash_selection, self._match_selections = [], []
            self.setExtraSelections([])
            self.setHtml(self._html)  # the same text: anchors and matches stay where they were
            self.verticalScrollBar().setValue(scroll)
            self._anchor_tops = None
            self._highlight_visible_matches()
            self._select_match(self.reading.current_match)
            self.stylesheet_changed.emit(self._stylesheet)
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

    def scroll_to_span(self, start: int, end: int) -> None:
        """Show the text from `start` to `end` (a link, say) in the middle of the view, flashed."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self._programmatic_scroll = True  # the reading state has chosen the node already
        self._centre(cursor)
        self._programmatic_scroll = False
        self._flash(cursor, whole_block=False)

    def _centre(self, cursor: QTextCursor) -> None:
        """Scroll so that the cursor's line is in the middle of the view."""
        line = self.cursorRect(cursor)  # in viewport coordinates
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + line.center().y() - self.viewport().height() // 2)

    def anchor_cursor(self, anchor: str) -> QTextCursor | None:
        position = self._anchors.get(anchor)
        return None if position is None else QTextCursor(self.document().findBlock(position))

    def _flash(self, cursor: QTextCursor, whole_block: bool = True) -> None:
        """Highlight the block of `cursor` (the whole item, wrapped lines included) for a moment;
        without `whole_block`, only the text the cursor selects."""
        colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        colour.setAlpha(70 if whole_block else 110)
        flash = QTextCharFormat()
        flash.setBackground(colour)
        flash.setProperty(FLASH_PROPERTY, True)
        flashed = QTextCursor(cursor)
        if whole_block:
            flash.setProperty(QTextFormat.Property.FullWidthSelection, True)
            flashed.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            flashed.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.format = flash
        selection.cursor = flashed
        self._flash_selection = [selection]
        self._update_selections()
        self._flash_timer.start()

    def _end_flash(self) -> None:
        self._flash_selection = []
        self._update_selections()

    def _update_selections(self) -> None:
        self.setExtraSelections(self._match_selections + self._flash_selection)

    # --- search --------------------------------------------------------------------------------------

    def _show_search(self) -> None:
        """Highlight the reading state's matches (the visible ones) and select the current one."""
        self._matches = self.reading.matches
        self._highlight_visible_matches()
        self._select_match(self.reading.current_match)

    def _highlight_visible_matches(self) -> None:
        """Highlights for the matches on screen only: Qt lays out every extra selection on every
        repaint, and a one-syllable query can match thousands of times."""
        self._match_selections = []
        if self._matches:
            viewport = self.viewport().rect()
            first = self.cursorForPosition(viewport.topLeft()).position()
            last = self.cursorForPosition(viewport.bottomRight()).position()
            low = max(bisect.bisect_left(self._matches, (first,)) - 1, 0)
            high = bisect.bisect_right(self._matches, (last,)) + 1
            colour = QColor("#f9d65c")
            colour.setAlpha(150)
            highlight = QTextCharFormat()
            highlight.setBackground(colour)
            for start, end in self._matches[low:high]:
                cursor = QTextCursor(self.document())
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.format = highlight
                selection.cursor = cursor
                self._match_selections.append(selection)
        self._update_selections()

    def _select_match(self, number: int) -> None:
        """Make match `number` the current one: selected (drawn distinctly) and scrolled into
        view; -1 selects nothing."""
        if not 0 <= number < len(self._matches):
            cursor = self.textCursor()
            cursor.clearSelection()
            self.setTextCursor(cursor)
            return
        start, end = self._matches[number]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        # A match out of sight comes to the middle of the view, with what follows it in sight
        # (setting the cursor alone would scroll it just onto the bottom edge).
        hidden = not self.viewport().rect().contains(self.cursorRect(cursor))
        self.setTextCursor(cursor)
        if hidden:
            self._centre(cursor)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab in the post moves through its links from the selection, and without one from the
        # top of the post: start from what is in view instead (Qt needs a selection for that).
        view = self.viewport().rect()
        cursor = self.textCursor()
        if self.hasFocus() and not (cursor.hasSelection() and view.contains(self.cursorRect())):
            cursor = self.cursorForPosition(view.topLeft() if next else view.bottomRight())
            move = QTextCursor.MoveOperation
            step = move.NextCharacter if next else move.PreviousCharacter
            cursor.movePosition(step, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
        moved = super().focusNextPrevChild(next)
        if not moved or not self.hasFocus():
            cursor = self.textCursor()
            cursor.clearSelection()
            self.setTextCursor(cursor)
        return moved

    def _on_scrolled(self) -> None:
        if self._matches:
            self._highlight_visible_matches()
        if not self._programmatic_scroll:
            self._scroll_timer.start()

    def _compute_anchor_tops(self) -> list[float]:
        layout = self.document().documentLayout()
        document = self.document()
        return [
            layout.blockBoundingRect(document.findBlock(self._anchors[a])).top() for a in self._anchor_ids
        ]

    def anchor_at_top(self) -> str:
        """The last outline anchor at or above the top edge of the view (or the first one)."""
        if not self._anchor_ids:
            return ""
        if self._anchor_tops is None:
            self._anchor_tops = self._compute_anchor_tops()
        bar = self.verticalScrollBar()
        if bar.value() >= bar.maximum() > 0:
            # At the very end everything left is visible: the last node is where the reader is.
            return self._anchor_ids[-1]
        position = bisect.bisect_right(self._anchor_tops, bar.value() + 12) - 1
        return self._anchor_ids[max(position, 0)]

    def _report_top_anchor(self) -> None:
        anchor = self.anchor_at_top()
        if anchor:
            self.reading.reached(anchor)

    def resizeEvent(self, event: QObject) -> None:  # type: ignore[override]
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._anchor_tops = None  # reflowed: positions changed
        if self._matches:
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

"""The rendered post: a QTextBrowser that follows the reading state, scrolls to ids, flashes
the target, highlights the search and reports where the reader is. The page is set as the
reader chose (page_style.py): font, line height, and a centred column of a readable measure."""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLength,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from viewer.core import escape_html
from viewer.core.outline import walk
from viewer.ui.page_style import PageStyle, column_width, natural_line
from viewer.ui.post_document import (
    DOCUMENT_MARGIN,
    ZERO_WIDTH_SPACE,
    DocumentLook,
    PostDocument,
    code_colours,
    indent_width,
    page_colours,
    post_stylesheet,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

    from viewer.core.render import RenderedPost
    from viewer.ui.reading import Reading

FLASH_MS = 1200
#: Marks the flash among the post's extra selections (the rest are search matches).
FLASH_PROPERTY = QTextFormat.Property.UserProperty + 1


#: Characters of text no window shows at once (the scroll bar is shown from the start).
LONG_POST_CHARACTERS = 20_000

class PostView(QTextBrowser):
    """Shows the post being read. Links are not followed here: `link_clicked` goes to the link
    policy; a file link on one of our own message pages (a recent file) asks to open it."""

    #: How posts are to be laid out changed (a DocumentLook: colours, font, line height, zoom,
    #: screen): the reading state lays the post out again in its worker.
    look_changed = Signal(object)
    #: A link in the post was clicked (a QUrl; "object": Qt's URL class is made when first used,
    #: not for the first paint).
    link_clicked = Signal(object)
    #: A file offered on a message page was chosen (a Path).
    open_requested = Signal(Path)
    #: The text column moved or changed width: (left edge, width) in the view's coordinates.
    column_changed = Signal(int, int)

    def __init__(self, reading: Reading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading = reading
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName(self.tr("Post"))
        self.setFrameShape(QTextBrowser.Shape.NoFrame)  # one page with the header above it
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
        self._images: tuple[int, ...] = ()
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self._fit_images)
        self._look = DocumentLook()
        # Posts' documents belong to the reading state; messages are shown in this one.
        self._message_document = QTextDocument(self)
        self.setDocument(self._message_document)
        self._showing_message = False
        self._style = PageStyle()
        self._column = (0, 0)
        self._viewport_known = False  # see _viewport_width
        self._bar_kept = False  # the vertical scroll bar always shown (see show_post)
        self.document().setDocumentMargin(DOCUMENT_MARGIN)
        self._update_look()
        self._set_page_font()
        self.setBackgroundRole(QPalette.ColorRole.Base)  # the margins beside the column too
        self.setAutoFillBackground(True)
        self.anchorClicked.connect(self._on_anchor_clicked)
        reading.post_changed.connect(self._show_reading)
        reading.focus_changed.connect(self._show_focus)
        reading.jumped.connect(self.scroll_to_id)
        reading.jumped_to_span.connect(self.scroll_to_span)
        reading.search_changed.connect(self._show_search)
        reading.match_changed.connect(lambda number, _total: self._select_match(number))

    @property
    def look(self) -> DocumentLook:
        return self._look

    # --- content -------------------------------------------------------------------------------------

    def _show_reading(self, rendered: RenderedPost | None, keep_view: bool) -> None:
        document = self.reading.document
        if rendered is None or document is None:
            from viewer.ui.core_texts import post_message

            self.show_message(self.tr("This post cannot be shown"), post_message(self.reading.problem))
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
        # Laid out before a theme, font or line height change, it is laid out again in the worker
        # (formulas and images and all: reading.set_look); never here, which would lose them.
        # A document is laid out when it is set, and again at each new width (a paragraph of a
        # megabyte: 0.7 s each time): the column first, and a post longer than any window has
        # its scroll bar from the start, not once it is found taller than the view.
        self._keep_scroll_bar(len(document.plain_text) > LONG_POST_CHARACTERS)
        self._update_column(document.qt.defaultFont())
        self.setDocument(document.qt)
        self._showing_message = False
        self._set_page_font()
        self._anchors = document.anchors
        self._anchor_ids = [anchor for anchor in anchor_ids if anchor in document.anchors]
        self._anchor_tops = None
        self._images = document.images
        self._fit_images()
        self._programmatic_scroll = False

    def show_message(self, title: str, detail: str = "", more_html: str = "") -> None:
        """An empty or error state in place of a post: a title, a line saying what to do, and
        `more_html` (links to recent files, say: file links here open in the viewer)."""
        self._flash_timer.stop()
        self._anchor_ids, self._anchors, self._anchor_tops, self._images = [], {}, None, ()
        self._matches, self._match_selections, self._flash_selection = [], [], []
        self.setExtraSelections([])
        body = f"<h2>{escape_html(title)}</h2>"
        if detail:
            body += f'<p class="muted">{escape_html(detail)}</p>'
        self._html = f'<div class="message">{body}{more_html}</div>'
        self._showing_message = True
        self._keep_scroll_bar(False)
        self._message_document.setDefaultStyleSheet(self._look.stylesheet)
        self.setDocument(self._message_document)
        self.setHtml(self._html)
        self._set_page_font()

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if self._showing_message and url.isLocalFile():
            self.open_requested.emit(Path(url.toLocalFile()))
        else:
            self.link_clicked.emit(url)

    # --- the page: colours, font, column ----------------------------------------------------------

    @property
    def page_style(self) -> PageStyle:
        return self._style

    def set_page_style(self, style: PageStyle) -> None:
        """Set the page as `style` says, at once: the font here, the rest (line height, and
        formulas at the new size) by laying the post out again in the reading state's worker."""
        self._style = style
        self._set_page_font()
        self._update_look()

    def _update_look(self) -> bool:
        """Take the current palette's colours, the page style, the zoom and the screen; True
        when the look changed (the reading state then lays the post out again if it shows
        differently)."""
        palette = self.palette()
        colours = page_colours(palette)
        look = DocumentLook(
            post_stylesheet(palette, self._style.line_height, natural_line(self._style.font()), code=False),
            self._style.font(self._zoom),
            colours["text"],
            colours["muted"],
            self.devicePixelRatioF(),
            code_colours=code_colours(palette),
        )
        if look == self._look:
            return False
        self._look = look
        if self._showing_message:  # our own small page, not a post: shown again here
            self._message_document.setDefaultStyleSheet(look.stylesheet)
            self._message_document.setHtml(self._html)
        self.look_changed.emit(look)
        return True

    def changeEvent(self, event: QEvent) -> None:
        # Light/dark switch, another screen: the reading state lays the post out again in its
        # worker (formulas are drawn in the text's colour). Qt also sends palette changes that
        # change no colour (a sibling's style sheet): those cost nothing.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.DevicePixelRatioChange):
            self._update_look()
        super().changeEvent(event)

    def _set_page_font(self) -> None:
        """The document's font (family, size and zoom) and the indent of list levels, then the
        column for them. Set on the document shown at once (a font is laid out again without
        reading the HTML again: images and formulas stay); the worker lays posts out with the
        same (post_document.build_document)."""
        font = self._style.font(self._zoom)
        document = self.document()
        if document.defaultFont() != font:
            document.setDefaultFont(font)
        if document.indentWidth() != indent_width(font):
            document.setIndentWidth(indent_width(font))
        self._anchor_tops = None
        self._update_column()
        if self._images:
            self._fit_timer.start()  # an image's room in its item follows the indent

    def _update_column(self, font: QFont | None = None) -> None:
        """Centre the text in a column of the readable measure (the view's width, less the usual
        margin, when that is narrower or the reader turned the measure off). The view's margins
        make the column, not the document's: the text keeps its width, and a wider or narrower
        window moves the column without laying the post out again."""
        margins = self.viewportMargins()
        viewport_width = self._viewport_width()
        available = viewport_width + margins.left() + margins.right()
        side = 0
        if self._style.readable_width:
            font = font or self.document().defaultFont()
            measure = column_width(font, self._style.measure) + 2 * DOCUMENT_MARGIN
            side = max(0, (available - measure) // 2)
        if side != margins.left() or side != margins.right():
            # Resizes the viewport: this runs again, if Qt sends the resize now (while the view is
            # being shown it may not, and the column must be right for the first paint).
            self.setViewportMargins(side, 0, side, 0)
        column = (side + DOCUMENT_MARGIN, max(available - 2 * side - 2 * DOCUMENT_MARGIN, 0))
        if column != self._column:
            self._column = column
            self.column_changed.emit(*column)

    def _viewport_width(self) -> int:
        """The viewport's width. Until `know_viewport`, worked out as Qt lays the view out, not
        asked: the first call of viewport() makes PySide6 set up the enums of every widget class,
        14 ms before the first paint of a post."""
        if self._viewport_known:
            return self.viewport().width()
        width = self.maximumViewportSize().width()  # less the frame and margins, not the bars
        bar = self.verticalScrollBar()
        if bar.isVisibleTo(self) and not self._bar_kept:
            width -= bar.sizeHint().width()  # a transient bar takes none: know_viewport corrects it
        return width

    def _keep_scroll_bar(self, keep: bool) -> None:
        """Show the scroll bar always (`keep`) or only when the post is longer than the view."""
        if keep == self._bar_kept:
            return  # a short post is painted without naming Qt's namespace (15 ms to set up)
        from PySide6.QtCore import Qt

        policy = Qt.ScrollBarPolicy
        self.setVerticalScrollBarPolicy(policy.ScrollBarAlwaysOn if keep else policy.ScrollBarAsNeeded)
        self._bar_kept = keep

    def know_viewport(self) -> None:
        """After the first paint: ask the viewport its width from now on."""
        self._viewport_known = True
        self._update_column()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Ctrl+Home and Ctrl+End: the post's start and end, as in every reader (a view without
        # a text cursor takes only Home and End).
        from viewer.ui.post_keys import POST_KEYS, TO_START

        binding = POST_KEYS.matching(event)
        if binding is None:
            super().keyPressEvent(event)
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.minimum() if binding is TO_START else bar.maximum())

    def event(self, event: QEvent) -> bool:
        # The wheel over the margins beside the column scrolls the post too (those events come
        # to the view itself, not to its viewport).
        if event.type() == QEvent.Type.Wheel:
            self.wheelEvent(event)  # type: ignore[arg-type]
            return True
        return super().event(event)

    @property
    def column(self) -> tuple[int, int]:
        """The text column: (left edge, width) in the viewport."""
        return self._column

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Nothing is loaded by name: a post's images were read and registered in the worker
        (post_document), and a message has none."""
        return None

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copied text without the invisible breaks laid into very long words."""
        data = super().createMimeDataFromSelection()
        if ZERO_WIDTH_SPACE in data.text():
            plain = QMimeData()
            plain.setText(data.text().replace(ZERO_WIDTH_SPACE, ""))
            return plain
        return data

    def _fit_images(self) -> None:
        """Keep each image within its block: the column's width less the block's indent (Qt's
        own max-width is a share of the whole column, and an image in a nested item would stick
        out of it)."""
        if not self._images:
            return  # (and Qt's frame, cursor and length classes not made before the first paint)
        document = self.document()
        frame = document.rootFrame().frameFormat()
        column = document.textWidth() - frame.leftMargin() - frame.rightMargin()
        cursor = QTextCursor(document)
        for position in self._images:
            cursor.setPosition(position)
            inset = _inset(cursor)
            if inset < 0:
                continue
            cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
            image_format = cursor.charFormat().toImageFormat()
            limit = QTextLength(QTextLength.Type.FixedLength, max(16.0, column - inset))
            if image_format.isValid() and image_format.maximumWidth() != limit:
                image_format.setMaximumWidth(limit)
                cursor.setCharFormat(image_format)

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
        self._update_column()
        if self._images:
            self._fit_timer.start()
        if self._matches:
            self._highlight_visible_matches()

    # --- zoom ----------------------------------------------------------------------------------------

    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        self._zoom = max(-8, min(20, steps))
        self._set_page_font()
        self._update_look()  # formulas follow the text's size

    def wheelEvent(self, event: QObject) -> None:  # type: ignore[override]
        from PySide6.QtCore import Qt

        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:  # type: ignore[attr-defined]
            self.set_zoom(self._zoom + (1 if event.angleDelta().y() > 0 else -1))  # type: ignore[attr-defined]
            return
        super().wheelEvent(event)  # type: ignore[arg-type]


def _inset(cursor: QTextCursor) -> float:
    """How much narrower than the column the lines of the cursor's block are (its margins, its
    indent, its list's indent), as Qt lays them out; -1 in a table, whose cells Qt sizes."""
    if cursor.currentTable() is not None:
        return -1.0
    block = cursor.block()
    block_format = block.blockFormat()
    text_list = block.textList()
    indent = block_format.indent() + (text_list.format().indent() if text_list is not None else 0)
    margins = block_format.leftMargin() + block_format.rightMargin()
    return margins + indent * cursor.document().indentWidth()

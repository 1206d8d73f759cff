"""Above the post: its title, date (as written, with its time zone), categories and tags as small
chips, and links to the posts around it; lined up with the post's text column, in the page's
colours."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from viewer.core import escape_html
from viewer.core.colours import mix, readable_on
from viewer.ui.post_document import DOCUMENT_MARGIN, page_colours

if TYPE_CHECKING:
    from viewer.ui.reading import Reading


class PostHeader(QWidget):
    """The header of the post being read. The previous/next links (by date, and within the
    post's categories) show when a library is open around the post."""

    def __init__(self, reading: Reading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading = reading
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)  # one page with the post below
        # Its width is the post's: the margins that line it up with the text must never make the
        # column wider (which would move the text, and the margins again).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.heading = QLabel(self)
        # Set by their names: naming Qt's enums before the first paint would make PySide6 set
        # up all of Qt's namespace (15 ms).
        self.heading.setProperty("textFormat", "RichText")
        self.heading.setWordWrap(True)
        self.heading.setProperty("textInteractionFlags", "TextSelectableByMouse")
        self.nav = QLabel(self)
        self.nav.setProperty("textFormat", "RichText")
        self.nav.setWordWrap(True)  # long titles wrap: they must not set the window's least width
        self.nav.linkActivated.connect(reading.open_neighbour)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(DOCUMENT_MARGIN, 14, DOCUMENT_MARGIN, 2)
        self.layout_.setSpacing(6)
        self.layout_.addWidget(self.heading)
        from viewer.ui.post_counts import PostCounts

        self.counts = PostCounts(reading, self)  # a line of its own: counts and reading time
        self.layout_.addWidget(self.counts)
        self.layout_.addWidget(self.nav)
        self._column = (DOCUMENT_MARGIN, 0)
        self.hide()
        reading.post_changed.connect(self._show_reading)
        reading.neighbours_changed.connect(self._show_neighbours)

    def set_page_font(self, font: QFont) -> None:
        """The post's font (its family, size and zoom): the title, date and counts grow and
        shrink with the text below them."""
        for label in (self.heading, self.counts, self.nav):
            label.setFont(font)

    def set_column(self, left: int, width: int) -> None:
        """Line up with the post's text column (left edge and width in the post's viewport)."""
        self._column = (left, width)
        right = max(self.width() - left - width, DOCUMENT_MARGIN) if width else DOCUMENT_MARGIN
        margins = self.layout_.contentsMargins()
        self.layout_.setContentsMargins(left, margins.top(), right, margins.bottom())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.set_column(*self._column)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self.reading.rendered is not None:
            self._show_reading()  # the chips' and the date's colours follow the theme
        super().changeEvent(event)

    def _show_reading(self) -> None:
        rendered = self.reading.rendered
        self.setVisible(rendered is not None)
        if rendered is not None:
            meta = rendered.post.metadata
            colours = page_colours(self.palette())
            base = self.palette().color(QPalette.ColorRole.Base).name()
            chip = mix(base, colours["text"], 0.09)
            category_chip = mix(base, colours["link"], 0.16)
            on_category = readable_on(colours["text"], category_chip)
            chips = [_chip(c, category_chip, on_category) for c in meta.categories]
            chips += [_chip(f"#{t}", chip, readable_on(colours["muted"], chip)) for t in meta.tags]
            date = f'<span style="color:{colours["muted"]}">{escape_html(meta.date_text)}</span>'
            details = "&nbsp;&nbsp; ".join(([date] if meta.date_text else []) + chips)
            self.heading.setText(
                f'<div style="font-size:x-large; font-weight:700; color:{colours["heading"]}">'
                f"{escape_html(meta.title)}</div>"
                + (f'<div style="margin-top:6px">{details}</div>' if details else "")
            )
        self._show_neighbours()

    def _show_neighbours(self) -> None:
        around, rendered = self.reading.neighbours, self.reading.rendered
        if around is None or rendered is None:
            self.nav.hide()
            return

        def link(key: str, label: str) -> str:
            target = getattr(around, key)
            if target is None:
                return ""
            return f'<a href="{key}">{escape_html(label.format(title=target.title))}</a>'

        cells = [link("older", "‹ {title}"), link("newer", "{title} ›")]
        # The category's own neighbours, when one of them is not simply the previous or next post.
        by_date = (around.older, around.newer)
        if any(
            p is not None and p not in by_date for p in (around.older_in_category, around.newer_in_category)
        ):
            categories = " · ".join(rendered.post.metadata.categories)
            within = escape_html(self.tr("In {categories}:").format(categories=categories))
            cells += [
                f"<i>{within}</i> {link('older_in_category', '‹ {title}')}",
                link("newer_in_category", "{title} ›"),
            ]
        rows = "".join(
            f'<tr><td width="50%">{cells[i]}</td><td width="50%" align="right">{cells[i + 1]}</td></tr>'
            for i in range(0, len(cells), 2)
        )
        link_colour = page_colours(self.palette())["link"]
        self.nav.setText(
            f"<style>a {{ color:{link_colour}; text-decoration:none; }}</style>"
            f'<table width="100%" style="font-size:small">{rows}</table>'
        )
        self.nav.setVisible(any(cells))


def _chip(text: str, background: str, colour: str) -> str:
    """A category or tag as a small shaded label (Qt's rich text has no rounded boxes)."""
    return (
        f'<span style="background-color:{background}; color:{colour}; font-size:small">'
        f"&nbsp;{escape_html(text)}&nbsp;</span>"
    )

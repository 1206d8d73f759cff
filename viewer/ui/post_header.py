"""Above the post: its title, date, categories and tags, and links to the posts around it."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from viewer.ui.reading import Reading


class PostHeader(QWidget):
    """The header of the post being read. The previous/next links (by date, and within the
    post's categories) show when a library is open around the post."""

    def __init__(self, reading: Reading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading = reading
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.setContentsMargins(18, 10, 18, 0)
        self.nav = QLabel(self)
        self.nav.setTextFormat(Qt.TextFormat.RichText)
        self.nav.setWordWrap(True)  # long titles wrap: they must not set the window's least width
        self.nav.setContentsMargins(18, 0, 18, 0)
        self.nav.linkActivated.connect(reading.open_neighbour)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        from viewer.ui.post_counts import PostCounts

        self.counts = PostCounts(reading, self)
        self.counts.setContentsMargins(18, 0, 18, 0)
        layout.addWidget(self.counts)
        layout.addWidget(self.nav)
        self.hide()
        reading.post_changed.connect(self._show_reading)
        reading.neighbours_changed.connect(self._show_neighbours)

    def _show_reading(self) -> None:
        rendered = self.reading.rendered
        self.setVisible(rendered is not None)
        if rendered is not None:
            meta = rendered.post.metadata
            details = [meta.date_text, " · ".join(meta.categories), " ".join(f"#{t}" for t in meta.tags)]
            self.heading.setText(
                f'<div style="font-size:x-large; font-weight:600">{html.escape(meta.title)}</div>'
                f'<div style="color:palette(mid)">{html.escape("   ".join(d for d in details if d))}</div>'
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
            return f'<a href="{key}">{html.escape(label.format(title=target.title))}</a>'

        cells = [link("older", "‹ {title}"), link("newer", "{title} ›")]
        # The category's own neighbours, when one of them is not simply the previous or next post.
        by_date = (around.older, around.newer)
        if any(
            p is not None and p not in by_date for p in (around.older_in_category, around.newer_in_category)
        ):
            categories = html.escape(" · ".join(rendered.post.metadata.categories))
            cells += [
                f"<i>In {categories}:</i> {link('older_in_category', '‹ {title}')}",
                link("newer_in_category", "{title} ›"),
            ]
        rows = "".join(
            f'<tr><td width="50%">{cells[i]}</td><td width="50%" align="right">{cells[i + 1]}</td></tr>'
            for i in range(0, len(cells), 2)
        )
        self.nav.setText(f'<table width="100%">{rows}</table>')
        self.nav.setVisible(any(cells))

"""A line of the post header: how much the post (and the focused branch) holds and how long it
takes to read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget

from viewer.core.reading_time import TextCounts, with_outline

if TYPE_CHECKING:
    from viewer.ui.reading import Reading


class PostCounts(QLabel):
    def __init__(self, reading: Reading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading = reading
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        # No accessible name: a label's name is what a screen reader says instead of its text.
        self._whole = ""  # the whole post's counts, made once per post
        reading.post_changed.connect(self._show_post)
        reading.focus_changed.connect(self._show_counts)

    def describe(self, counts: TextCounts) -> str:
        """'3 headings · 38 items · 1,204 words · 4 min read' (parts that are zero left out)."""
        parts = []
        if counts.headings:
            parts.append(self.tr("%Ln heading(s)", "", counts.headings))
        if counts.items:
            parts.append(self.tr("%Ln item(s)", "", counts.items))
        if counts.words:
            parts.append(self.tr("%Ln word(s)", "", counts.words))
            parts.append(self.tr("%n min read", "", counts.rounded_minutes))
        return " · ".join(parts)

    def _show_post(self) -> None:
        rendered, document = self.reading.rendered, self.reading.full_document
        counts = document.counts if document is not None else None
        self._whole = self.describe(with_outline(counts, rendered.outline)) if rendered and counts else ""
        self._show_counts()

    def _show_counts(self) -> None:
        document = self.reading.document
        if not self.reading.focus or document is None or document.counts is None:
            self.setText(self._whole)
        else:
            branch = self.describe(with_outline(document.counts, self.reading.outline_shown))
            self.setText(
                self.tr("This branch: {branch}   (whole post: {post})").format(
                    branch=branch, post=self._whole
                )
            )
        self.setVisible(bool(self._whole))

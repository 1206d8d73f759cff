"""A line of the post header: how much the post (and the focused branch) holds and how long it
takes to read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget

from viewer.core.reading_time import describe, text_counts

if TYPE_CHECKING:
    from viewer.ui.reading import Reading


class PostCounts(QLabel):
    def __init__(self, reading: Reading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading = reading
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setAccessibleName("Counts")
        self._whole = ""  # the whole post's counts, made once per post
        reading.post_changed.connect(self._show_post)
        reading.focus_changed.connect(self._show_counts)

    def _show_post(self) -> None:
        rendered, document = self.reading.rendered, self.reading.full_document
        self._whole = (
            describe(text_counts(document.plain_text, rendered.outline)) if rendered and document else ""
        )
        self._show_counts()

    def _show_counts(self) -> None:
        document = self.reading.document
        if not self.reading.focus or document is None:
            self.setText(self._whole)
        else:
            branch = describe(text_counts(document.plain_text, self.reading.outline_shown))
            self.setText(f"This branch: {branch}   (whole post: {self._whole})")
        self.setVisible(bool(self._whole))

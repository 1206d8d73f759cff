"""Problems with the post (bad front matter, encoding fallback, a preview cut short) above it."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from viewer.ui.core_texts import post_message

if TYPE_CHECKING:
    from viewer.core.render import RenderedPost
    from viewer.ui.reading import Reading


class WarningBar(QFrame):
    """Shows the warnings of the post being read, or any other message about it; can be dismissed."""

    def __init__(self, reading: Reading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading = reading
        self.setObjectName("warningBar")
        self.setStyleSheet(
            "#warningBar { background: palette(alternate-base);"
            " border: 1px solid #d9a441; border-radius: 4px; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.setAccessibleName(self.tr("Warning"))
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setTextFormat(Qt.TextFormat.RichText)  # one message alone too: it is escaped
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.setAccessibleName(self.tr("Dismiss the warning"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()
        reading.post_changed.connect(self._show_reading)

    def _show_reading(self, rendered: RenderedPost | None) -> None:
        document = self.reading.document
        shown = [document.note, *document.warnings] if document is not None else []
        self.show_messages([*rendered.all_warnings, *filter(None, shown)] if rendered is not None else [])

    def show_messages(self, messages: Sequence[str]) -> None:
        if not messages:
            self.hide()
            return
        shown = (html.escape(post_message(m), quote=False) for m in messages)
        self.label.setText("⚠ " + "<br>⚠ ".join(shown))
        self.show()

"""A short note when a post opens where the reader left it, with a way back to its top."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from viewer.core.outline import find_path
from viewer.ui.tooltips import plain_tooltip

if TYPE_CHECKING:
    from viewer.ui.reading import Reading

#: The note goes away by itself after this long.
SHOWN_MS = 12000


class PlaceNote(QFrame):
    def __init__(self, reading: Reading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading = reading
        self.setObjectName("placeNote")
        self.setStyleSheet(
            "#placeNote { background: palette(alternate-base); border: 1px solid palette(highlight);"
            " border-radius: 4px; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a post's text, read as written
        self.top_button = QToolButton(self)
        self.top_button.setText("Start from the top")
        self.top_button.setAutoRaise(True)
        self.top_button.clicked.connect(self._to_top)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip("Dismiss")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.top_button)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self, singleShot=True, interval=SHOWN_MS)
        self._timer.timeout.connect(self.hide)
        self.hide()
        reading.place_restored.connect(self._show_place)
        reading.opening.connect(lambda _path: self.hide())

    def _show_place(self, node_id: str) -> None:
        rendered = self.reading.rendered
        path = find_path(rendered.outline, node_id) if rendered is not None else ()
        where = " › ".join(node.text if len(node.text) < 40 else node.text[:39] + "…" for node in path[-3:])
        self.label.setText(f"↩ Back to where you were: {where}")
        self.label.setToolTip(plain_tooltip(" › ".join(node.text for node in path)))
        self.show()
        self._timer.start()

    def _to_top(self) -> None:
        self.hide()
        self.reading.to_top()

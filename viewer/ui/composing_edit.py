"""A line edit for queries that knows what an input method is composing.

A Korean input method keeps the syllable being typed uncommitted (`text()` does not hold it)
until the next one starts; a search can match it as it is typed (see `viewer.core.hangul`).
Qt gives the same preedit events for ibus, fcitx5 through its ibus interface, and the macOS and
Windows input methods.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget


class ComposingEdit(QLineEdit):
    """`edited` tells each change of the committed text or of the text being composed."""

    #: (committed text, text being composed)
    edited = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: What the input method is composing (not yet in `text()`), or "".
        self.composing = ""
        self._in_input_method = False
        self.textChanged.connect(self._on_text_changed)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        text, composing = self.text(), self.composing
        # Set first: a commit in the same event changes the text inside the call below.
        self.composing = event.preeditString()
        self._in_input_method = True
        try:
            super().inputMethodEvent(event)
        finally:
            self._in_input_method = False
        if self.text() == text and self.composing != composing:
            self.edited.emit(text, self.composing)

    def _on_text_changed(self, text: str) -> None:
        if not self._in_input_method:
            self.composing = ""  # set by the program, or typed without an input method
        self.edited.emit(text, self.composing)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The Enter or Esc that ends a composition is the input method's, not a request (fcitx5
        # sends the key first and the commit after it; ibus commits first, then sends the key).
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)
        if event.key() in keys and self.composing:
            event.accept()
            return
        super().keyPressEvent(event)

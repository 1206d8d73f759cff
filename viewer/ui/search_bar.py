"""The search box: waits for typing to pause, never acts on a half-composed Korean syllable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from viewer.core.search import Matcher, SearchError, SearchOptions

if TYPE_CHECKING:
    from viewer.ui.reading import Reading

TYPING_PAUSE_MS = 200


class QueryEdit(QLineEdit):
    """A line edit that knows when an input method is composing."""

    enter_pressed = Signal(bool)  # True with Shift: previous match
    escape_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.composing = False

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self.composing = bool(event.preeditString())
        super().inputMethodEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not self.composing:  # Enter that commits a syllable is not a search
                self.enter_pressed.emit(bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            return
        if event.key() == Qt.Key.Key_Escape and not self.composing:
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)


class SearchBar(QWidget):
    """Edits the query of the reading state's search and shows where its current match is."""

    #: A new query was applied (a Matcher; None: no search, or an invalid one).
    query_changed = Signal(object)
    next_requested = Signal()
    previous_requested = Signal()

    def __init__(self, reading: Reading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading = reading
        self.edit = QueryEdit(self)
        self.edit.setPlaceholderText("Search in post (Ctrl+F)")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Search")
        self.edit.setMinimumWidth(220)
        self.edit.setMaximumWidth(440)
        self.status = QLabel(self)
        self.status.setMinimumWidth(70)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.match_case = self._toggle("Aa", "Match case")
        self.whole_word = self._toggle("W", "Whole word")
        self.regex = self._toggle(".*", "Regular expression")
        previous = self._button("▲", "Previous match (Shift+F3)", self.previous_requested.emit)
        following = self._button("▼", "Next match (F3)", self.next_requested.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for widget in (self.edit, self.status, previous, following, self.match_case, self.whole_word,
                       self.regex):  # fmt: skip
            layout.addWidget(widget)
        self._applying = False  # True while this box sends its query to the reading state
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.apply)
        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.enter_pressed.connect(self._on_enter)
        self.edit.escape_pressed.connect(self.clear)
        self.query_changed.connect(reading.search)
        self.next_requested.connect(lambda: reading.step_match(1))
        self.previous_requested.connect(lambda: reading.step_match(-1))
        reading.search_changed.connect(self._follow_search)
        reading.post_changed.connect(lambda: self.show_position())
        reading.match_changed.connect(lambda _number, _total: self.show_position())

    def _toggle(self, text: str, tip: str) -> QToolButton:
        button = self._button(text, tip, self.apply)
        button.setCheckable(True)
        return button

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        return button

    def _on_text_changed(self, _text: str) -> None:
        if not self.edit.composing:
            self._timer.start()

    def _on_enter(self, backwards: bool) -> None:
        if self._timer.isActive():  # Enter right after typing: search now, then step
            self._timer.stop()
            self.apply()
            return
        (self.previous_requested if backwards else self.next_requested).emit()

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def set_query(self, text: str) -> None:
        """Search for `text` now (as if typed, without waiting for a pause)."""
        self.edit.setText(text)
        self._timer.stop()
        self.apply()

    def clear(self) -> None:
        self.edit.clear()
        self._timer.stop()
        self.apply()

    def options(self) -> SearchOptions:
        return SearchOptions(self.match_case.isChecked(), self.whole_word.isChecked(), self.regex.isChecked())

    def apply(self) -> None:
        self._applying = True
        try:
            self._apply()
        finally:
            self._applying = False

    def _apply(self) -> None:
        text = self.edit.text()
        self.edit.setToolTip("")
        self.edit.setStyleSheet("")
        if not text:
            self.status.setText("")
            self.query_changed.emit(None)
            return
        try:
            matcher = Matcher(text, self.options())
        except SearchError as exc:
            self.status.setText("⚠ invalid")
            self.edit.setToolTip(str(exc))
            self.edit.setStyleSheet("QLineEdit { border: 1px solid #d93025; }")
            self.query_changed.emit(None)
            return
        self.query_changed.emit(matcher)

    def _follow_search(self, matcher: Matcher | None) -> None:
        if matcher is None and not self._applying and self.edit.text() and not self._timer.isActive():
            # The search was ended elsewhere (another post was opened): the box says so too.
            self.edit.blockSignals(True)
            self.edit.clear()
            self.edit.blockSignals(False)
            self.status.setText("")
        self.show_position()

    def show_position(self) -> None:
        """'3 / 17', or a clear 'No matches' (no search: the box says it all)."""
        if self.reading.matcher is None:
            return
        total = len(self.reading.matches)
        self.status.setText(f"{self.reading.current_match + 1} / {total}" if total else "No matches")

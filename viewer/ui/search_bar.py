"""The search box: waits for typing to pause, matches the Korean syllable being composed as what
it can become, never acts on the Enter that commits one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from viewer.core.hangul import is_korean_composition
from viewer.core.search import Matcher, SearchError, SearchOptions
from viewer.ui.composing_edit import ComposingEdit

if TYPE_CHECKING:
    from viewer.ui.reading import Reading

TYPING_PAUSE_MS = 200


class QueryEdit(ComposingEdit):
    """Enter and Esc are the search's: next (previous with Shift) match, and clear."""

    enter_pressed = Signal(bool)  # True with Shift: previous match
    escape_pressed = Signal()

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
        self.status.setMinimumWidth(78)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setAccessibleName("Matches")
        self.match_case = self._toggle("Match case", "Find only text with the same capitals", "Alt+C")
        self.whole_word = self._toggle("Whole word", "Find the query only as a whole word", "Alt+W")
        self.regex = self._toggle(
            "Regular expression", "Read the query as a regular expression (Python syntax)", "Alt+R"
        )
        self.previous_button = self._button("", "Previous match (Shift+F3)", self.previous_requested.emit)
        self.next_button = self._button("", "Next match (F3, Enter)", self.next_requested.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for widget in (self.edit, self.status, self.previous_button, self.next_button):
            layout.addWidget(widget)
        layout.addSpacing(6)
        for widget in (self.match_case, self.whole_word, self.regex):
            layout.addWidget(widget)
        self.set_icons()
        self._applying = False  # True while this box sends its query to the reading state
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.apply)
        self.edit.edited.connect(self._on_edited)
        self.edit.enter_pressed.connect(self._on_enter)
        self.edit.escape_pressed.connect(self.clear)
        self.query_changed.connect(reading.search)
        self.next_requested.connect(lambda: reading.step_match(1))
        self.previous_requested.connect(lambda: reading.step_match(-1))
        reading.search_changed.connect(self._follow_search)
        reading.post_changed.connect(lambda: self.show_position())
        reading.match_changed.connect(lambda _number, _total: self.show_position())

    def _toggle(self, text: str, tip: str, key: str) -> QToolButton:
        """A labelled on/off option of the search; its tooltip says what it does and its key."""
        button = self._button(text, f"{text}: {tip.lower()[0]}{tip[1:]} ({key})", self.apply)
        button.setCheckable(True)
        button.setShortcut(QKeySequence(key))
        button.setAccessibleName(text)
        return button

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        return button

    def set_icons(self) -> None:
        """Icons for the palette in use (called again when it changes)."""
        from viewer.ui.icons import icon

        palette = self.palette()
        self.previous_button.setIcon(icon("match-previous", palette))
        self.next_button.setIcon(icon("match-next", palette))
        if not hasattr(self, "_search_icon"):
            # Our own action (the line edit may drop the ones it makes): the icon inside the box.
            self._search_icon = QAction(self)
            self.edit.addAction(self._search_icon, QLineEdit.ActionPosition.LeadingPosition)
        self._search_icon.setIcon(icon("search", palette))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.set_icons()
        super().changeEvent(event)

    def _on_edited(self, _text: str, composing: str) -> None:
        # A Chinese or Japanese reading waits to be converted; a regular expression waits for
        # the Korean syllable to be committed (it reads text as it is).
        if not composing or (is_korean_composition(composing) and not self.regex.isChecked()):
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
        text, composing = self.edit.text(), self.edit.composing
        self.edit.setToolTip("")
        self.edit.setStyleSheet("")
        try:
            matcher = Matcher(text, self.options(), composing)
        except SearchError as exc:
            self.status.setText("⚠ invalid")
            self.edit.setToolTip(str(exc))
            self.edit.setStyleSheet("QLineEdit { border: 1px solid #d93025; }")
            self.query_changed.emit(None)
            return
        if matcher.is_empty:
            self.status.setText("")
            self.query_changed.emit(None)
            return
        self.query_changed.emit(matcher)

    def _follow_search(self, matcher: Matcher | None) -> None:
        if matcher is None and not self._applying and self.edit.text() and not self._timer.isActive():
            # The search was ended elsewhere (another post was opened): the box says so too.
            self.edit.blockSignals(True)
            self.edit.clear()
            self.edit.composing = ""
            self.edit.blockSignals(False)
            self.status.setText("")
        self.show_position()

    def show_position(self) -> None:
        """'3 / 17', or a clear 'No matches' (no search: the box says it all)."""
        if self.reading.matcher is None:
            return
        total, further = len(self.reading.matches), self.reading.matches_not_shown
        text = f"{self.reading.current_match + 1} / {total}" if total else "No matches"
        if further:  # in the part of a very long post that the preview does not lay out
            text = f"{text if total else 'None shown'} (+{further:,} further on)"
        self.status.setText(text)
        if further:
            tip = f"{further:,} more matches in the part of the post the preview does not show"
        else:
            tip = "" if total else "Nothing in this post matches the search."
        self.status.setToolTip(tip)

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
from viewer.ui.key_bindings import KeyBinding, KeyTable
from viewer.ui.translation import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from viewer.ui.reading import Reading

TYPING_PAUSE_MS = 200
#: The box's least width, and the less it takes in a narrow window (see `set_compact`).
EDIT_MIN_WIDTH, COMPACT_EDIT_MIN_WIDTH = 220, 150

NEXT_MATCH = KeyBinding(("Return",), QT_TRANSLATE_NOOP("SearchBar", "Go to the next match"))
PREVIOUS_MATCH = KeyBinding(("Shift+Return",), QT_TRANSLATE_NOOP("SearchBar", "Go to the previous match"))
CLEAR = KeyBinding(("Esc",), QT_TRANSLATE_NOOP("SearchBar", "Clear the search and go back to the post"))
MATCH_CASE = KeyBinding(("Alt+C",), QT_TRANSLATE_NOOP("SearchBar", "Match case on or off"))
WHOLE_WORD = KeyBinding(("Alt+W",), QT_TRANSLATE_NOOP("SearchBar", "Whole word on or off"))
REGEX = KeyBinding(("Alt+R",), QT_TRANSLATE_NOOP("SearchBar", "Regular expression on or off"))
#: The search box's own keys (Ctrl+F, F3 and Shift+F3 are the window's).
SEARCH_KEYS = KeyTable(
    "SearchBar",
    QT_TRANSLATE_NOOP("SearchBar", "Search box"),
    (PREVIOUS_MATCH, NEXT_MATCH, CLEAR, MATCH_CASE, WHOLE_WORD, REGEX),
)


class QueryEdit(ComposingEdit):
    """Enter and Esc are the search's: next (previous with Shift) match, and clear."""

    enter_pressed = Signal(bool)  # True with Shift: previous match
    escape_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not self.composing:  # Enter that commits a syllable is not a search
                self.enter_pressed.emit(PREVIOUS_MATCH.matches(event))
            return
        if CLEAR.matches(event) and not self.composing:
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)


class SearchBar(QWidget):
    """Edits the query of the reading state's search and shows where its current match is."""

    #: A new query was applied (a Matcher; None: no search, or an invalid one).
    query_changed = Signal(object)
    next_requested = Signal()
    previous_requested = Signal()
    #: Esc: the reader is done searching (the post takes the keys again).
    finished = Signal()
    #: The match count's text changed (and with it, maybe, the width the bar wants).
    status_changed = Signal()

    def __init__(self, reading: Reading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading = reading
        self.edit = QueryEdit(self)
        self.edit.setPlaceholderText(self.tr("Search in post (Ctrl+F)"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName(self.tr("Search in post"))
        self.edit.setAccessibleDescription(
            self.tr("Finds text in the post, the outline and the links as you type; Enter: the next match")
        )
        self.edit.setMinimumWidth(EDIT_MIN_WIDTH)
        self.edit.setMaximumWidth(440)
        self.status = QLabel(self)
        self.status.setMinimumWidth(78)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Each option's name, and the short label it has in a narrow window (as editors label them).
        self._labels: dict[QToolButton, tuple[str, str, QKeySequence]] = {}
        self.compact = False
        self.match_case = self._toggle(
            self.tr("Match case"), "Aa", self.tr("find only text with the same capitals"), MATCH_CASE
        )
        self.whole_word = self._toggle(
            self.tr("Whole word"), "W", self.tr("find the query only as a whole word"), WHOLE_WORD
        )
        self.regex = self._toggle(
            self.tr("Regular expression"),
            ".*",
            self.tr("read the query as a regular expression (Python syntax)"),
            REGEX,
        )
        self.previous_button = self._button(
            "", self.tr("Previous match (Shift+F3)"), self.previous_requested.emit
        )
        self.previous_button.setAccessibleName(self.tr("Previous match"))
        self.next_button = self._button("", self.tr("Next match (F3, Enter)"), self.next_requested.emit)
        self.next_button.setAccessibleName(self.tr("Next match"))
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
        self.edit.escape_pressed.connect(self.finished)
        self.query_changed.connect(reading.search)
        self.next_requested.connect(lambda: reading.step_match(1))
        self.previous_requested.connect(lambda: reading.step_match(-1))
        reading.search_changed.connect(self._follow_search)
        reading.post_changed.connect(lambda: self.show_position())
        reading.match_changed.connect(lambda _number, _total: self.show_position())

    def _toggle(self, text: str, short: str, tip: str, binding: KeyBinding) -> QToolButton:
        """A labelled on/off option of the search; its tooltip says what it does and its key."""
        [key] = binding.sequences()
        button = self._button(
            text, f"{text}: {tip} ({key.toString(QKeySequence.SequenceFormat.NativeText)})", self.apply
        )
        button.setCheckable(True)
        button.setShortcut(key)
        button.setAccessibleName(text)
        button.setAccessibleDescription(tip)
        self._labels[button] = (text, short, key)
        return button

    def set_compact(self, compact: bool) -> None:
        """In a narrow window the options show short labels (Aa, W, .*; their tooltips and
        accessible names keep the names) and the box may be narrower, so that the search stays
        in the toolbar instead of going behind its overflow button."""
        if compact == self.compact:
            return
        self.compact = compact
        for button, (text, short, key) in self._labels.items():
            button.setText(short if compact else text)
            button.setShortcut(key)  # a button's new text replaces its shortcut with its mnemonic
        self.edit.setMinimumWidth(COMPACT_EDIT_MIN_WIDTH if compact else EDIT_MIN_WIDTH)
        self.updateGeometry()  # the toolbar asks the bar's new width at once

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
            self._show_status(self.tr("⚠ invalid"))
            self.edit.setToolTip(str(exc))
            self.edit.setStyleSheet("QLineEdit { border: 1px solid #d93025; }")
            self.query_changed.emit(None)
            return
        if matcher.is_empty:
            self._show_status("")
            self.query_changed.emit(None)
            return
        self.query_changed.emit(matcher)

    def _follow_search(self, matcher: Matcher | None) -> None:
        if matcher is None and not self._applying and self.edit.text() and not self._timer.isActive():
            # The search was ended elsewhere (another post was opened): the box says so too.
            # Not with the box's signals blocked: its clear button follows its text by them.
            self.edit.clear()
            self.edit.composing = ""
            self._timer.stop()  # the clearing is no query to search for
            self._show_status("")
        self.show_position()

    def _show_status(self, text: str, spoken: str = "") -> None:
        changed = text != self.status.text()
        self.status.setText(text)
        self.status.setAccessibleName(spoken)  # "": the text itself
        if changed:
            self.status_changed.emit()

    def show_position(self) -> None:
        """'3 / 17', or a clear 'No matches' (no search: the box says it all)."""
        if self.reading.matcher is None:
            return
        total, further = len(self.reading.matches), self.reading.matches_not_shown
        number = self.reading.current_match + 1
        text = f"{number} / {total}" if total else self.tr("No matches")
        # "3 / 17" read aloud says little: the accessible name says it in words.
        spoken = self.tr("Match {number} of %Ln", "", total).format(number=number) if total else ""
        if further:  # in the part of a very long post that the preview does not lay out
            more, none = self.tr("(+%Ln further on)", "", further), self.tr("None shown")
            text = f"{text if total else none} {more}"
            spoken = f"{spoken or none} {more}"
        self._show_status(text, spoken)
        if further:
            tip = self.tr("%Ln more match(es) in the part of the post the preview does not show", "", further)
        else:
            tip = "" if total else self.tr("Nothing in this post matches the search.")
        self.status.setToolTip(tip)

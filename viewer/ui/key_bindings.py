"""Keys a widget answers to itself (the window's commands and their shortcuts are in actions.py).
Each widget declares its keys in a `KeyTable` and handles them through it, so that Help ▸
Keyboard Shortcuts, which lists the tables, says what the widgets do."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

from viewer.ui.translation import translate


@dataclass(frozen=True)
class KeyBinding:
    #: The keys, as QKeySequence writes them ("Shift+Return", "+").
    keys: tuple[str, ...]
    #: What they do (English; translated in the table's context).
    text: str

    def sequences(self) -> list[QKeySequence]:
        return [QKeySequence(key) for key in self.keys]

    def matches(self, event: QKeyEvent) -> bool:
        """The event is one of the keys. A key declared without modifiers is also one typed with
        Shift ("+" is Shift+= on many keyboards) or on the keypad."""
        pressed = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        for sequence in self.sequences():
            combination = sequence[0]  # type: ignore[index]  # the stubs lack QKeySequence.operator[]
            wanted = combination.keyboardModifiers()
            if combination.key() == event.key() and (
                pressed == wanted
                or (wanted == Qt.KeyboardModifier.NoModifier and pressed == Qt.KeyboardModifier.ShiftModifier)
            ):
                return True
        return False


@dataclass(frozen=True)
class KeyTable:
    #: The translation context of the texts, and of the title.
    context: str
    #: Where the keys work ("Outline", "Mind map"): a heading of the shortcuts list.
    title: str
    bindings: tuple[KeyBinding, ...]

    def label(self, binding: KeyBinding) -> str:
        return translate(self.context, binding.text)

    def heading(self) -> str:
        return translate(self.context, self.title)

    def matching(self, event: QKeyEvent) -> KeyBinding | None:
        return next((binding for binding in self.bindings if binding.matches(event)), None)

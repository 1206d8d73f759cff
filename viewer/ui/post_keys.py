"""The post view's own keys (besides Qt's Home, End and the arrows). A module of their own: the
post view loads it at the first key, not before the first paint (key_bindings takes 5 ms)."""

from __future__ import annotations

from viewer.ui.key_bindings import KeyBinding, KeyTable
from viewer.ui.translation import QT_TRANSLATE_NOOP

TO_START = KeyBinding(("Ctrl+Home",), QT_TRANSLATE_NOOP("PostView", "Go to the start of the post"))
TO_END = KeyBinding(("Ctrl+End",), QT_TRANSLATE_NOOP("PostView", "Go to the end of the post"))
POST_KEYS = KeyTable("PostView", QT_TRANSLATE_NOOP("PostView", "Post"), (TO_START, TO_END))

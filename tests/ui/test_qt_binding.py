"""The Qt binding itself must let the window run for hours."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_calls_do_not_drop_references_to_none(qtbot) -> None:
    # PySide6 6.12.0 drops a reference to None on every call that returns nothing; the app then
    # aborts ('none_dealloc') after tens of thousands of calls, for example one long search.
    editor = QTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText("검색 " * 100)
    before = sys.getrefcount(None)
    for position in range(200):
        QTextCursor(editor.document()).setPosition(position)
        editor.setExtraSelections([])
    assert sys.getrefcount(None) - before > -50

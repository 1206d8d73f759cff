"""Tooltips show text from a post as written: read as rich text, `<img src=…>` in a heading or a
link's title made Qt load that path on the GUI thread when the pointer rested there (a named
pipe froze the window, /dev/zero aborted it)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip

from tests.ui.conftest import open_and_wait

TAG = '<img src="/no/such/dir/x.png">'


def reads(tooltip: str) -> str:
    """What a tooltip shows: rich text when it starts like HTML (as Qt decides), else the text."""
    document = QTextDocument()
    if tooltip.lstrip().startswith("<"):
        document.setHtml(tooltip)
    else:
        document.setPlainText(tooltip)
    return document.toPlainText()


def test_tooltips_read_as_written(qtbot, window, tmp_path) -> None:
    post = tmp_path / "2021-01-15-tags.md"
    post.write_text(
        f"# `{TAG}` 태그\n\n* 링크 [여기](https://example.com \"{TAG.replace(chr(34), '')}\") 를 본다\n",
        encoding="utf-8",
    )
    open_and_wait(qtbot, window, post)
    model = window.outline.model()
    heading = model.data(model.index(0, 0, QModelIndex()), Qt.ItemDataRole.ToolTipRole)
    assert reads(heading) == f"{TAG} 태그"
    item = model.index(0, 0, model.index(0, 0, QModelIndex()))
    assert reads(model.data(item, Qt.ItemDataRole.ToolTipRole)) == "링크 여기 를 본다"

    view = window.preview
    position = view.toPlainText().index("여기")
    cursor = view.textCursor()
    cursor.setPosition(position + 1)
    point = view.cursorRect(cursor).center()
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point)))
    assert reads(QToolTip.text()) == TAG.replace('"', "")
    QToolTip.hideText()

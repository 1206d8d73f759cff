"""Tooltips show text from a post as written: read as rich text, `<img src=…>` in a heading or a
link's title made Qt load that path on the GUI thread when the pointer rested there (a named
pipe froze the window, /dev/zero aborted it)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QApplication, QToolTip

from tests.ui.conftest import open_and_wait

TAG = '<img src="/no/such/dir/x.png">'


def reads(tooltip: str) -> str:
    """What a tooltip shows: rich text when Qt takes it for HTML (a known tag on its first line),
    else the text."""
    document = QTextDocument()
    if GuiQt.mightBeRichText(tooltip):
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


def shown_as_written(label) -> bool:  # type: ignore[no-untyped-def]
    """A label shows its text as written: plain text, or text Qt would not take for HTML."""
    return label.textFormat() == Qt.TextFormat.PlainText or (
        label.textFormat() == Qt.TextFormat.AutoText and not GuiQt.mightBeRichText(label.text())
    )


def test_the_focus_path_and_the_place_note_read_as_written(qtbot, window, tmp_path) -> None:
    post = tmp_path / "2021-01-15-focus.md"
    post.write_text(f"# `{TAG}` 태그\n\n* 바깥 `{TAG}`\n  * 안쪽\n", encoding="utf-8")
    open_and_wait(qtbot, window, post)
    item = window.reading.rendered.outline[0].children[0]
    with qtbot.waitSignal(window.reading.focus_changed, timeout=5000):
        window.reading.focus_on(item.id)
    bar = window.breadcrumbs
    assert shown_as_written(bar.current) and bar.current.text().startswith("바깥 <img")
    assert reads(bar.current.toolTip()) == f"바깥 {TAG}"
    assert [reads(crumb.toolTip()) for crumb in bar.crumbs][-1] == f"Focus on {TAG} 태그"
    window.reading.place_restored.emit(item.id)  # as when the post opens where the reader left it
    note = window.place_note.label
    assert TAG in note.text() and shown_as_written(note)
    assert reads(note.toolTip()) == f"{TAG} 태그 › 바깥 {TAG}"

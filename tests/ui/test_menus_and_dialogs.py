"""Smaller things a new user meets: where an export goes, the link list's count column, how
deep Expand to Level goes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.ui.conftest import open_and_wait
from viewer.ui.outline_panel import NodeIdRole

MEETUP = "_posts/2024-03-09-cloud-native-meetup.md"


def test_the_export_dialog_starts_where_the_last_export_went_never_beside_the_post(
    qtbot, window, samples, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    offered: list[Path] = []
    chosen = tmp_path / "exports" / "outline.opml"
    chosen.parent.mkdir()

    def save_dialog(_parent, _title, start, _filter):
        offered.append(Path(start))
        return str(chosen), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    window.commands["file.export.outline-opml"].trigger()
    assert chosen.is_file()
    first = offered[0]
    assert first.name == "2024-03-09-cloud-native-meetup-outline.opml"
    assert samples not in first.parents  # not into the user's site, where Jekyll would take it
    window.commands["file.export.links-markdown"].trigger()
    assert offered[1] == chosen.parent / "2024-03-09-cloud-native-meetup-links.md"


def test_the_count_column_says_what_it_counts(qtbot, window, samples) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    model = window.links.model()
    header = model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header == "Cited"  # not "×", which reads as a close button
    assert "How many times" in model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


def test_expand_to_level_goes_as_deep_as_the_post(qtbot, window, tmp_path) -> None:
    lines = ["# 맨 위"] + [f"{'  ' * depth}* 단계 {depth + 2}" for depth in range(7)]
    post = tmp_path / "deep.md"
    post.write_text("\n".join(lines) + "\n", encoding="utf-8")  # eight levels
    open_and_wait(qtbot, window, post)
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    offered = [a.text() for a in view.actions() if a.isVisible()]
    assert "Expand to Level &8" in offered and "Expand to Level &9" not in offered
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.AltModifier)
    outline = window.outline
    index = outline.model().index(0, 0)
    depth = 1
    while outline.isExpanded(index):
        index = outline.model().index(0, 0, index)
        depth += 1
    assert depth == 7  # levels 1 to 7 shown, the 8th folded
    assert index.data(NodeIdRole)

"""Task items in the tree: the box is the view's check mark, never part of the node's text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt

from viewer.core.document import load_post
from viewer.core.export import outline_markdown, outline_text
from viewer.core.render import render_post
from viewer.ui.outline_panel import OutlineModel

POST = "---\ntitle: 할 일\n---\n# 목록\n- [ ] 발표 자료 올리기\n- [x] 슬라이드 정리\n- 그냥 메모\n"


def _rendered(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "2024-01-02-tasks.md"
    path.write_text(POST, encoding="utf-8")
    return render_post(load_post(path), find_site_around=False)


def test_the_tree_shows_a_tasks_state_as_a_check_mark_beside_its_text(qtbot, qtmodeltester, tmp_path) -> None:
    model = OutlineModel()
    model.set_outline(_rendered(tmp_path).outline)
    qtmodeltester.check(model)
    heading = model.index(0, 0, QModelIndex())
    rows = [model.index(row, 0, heading) for row in range(model.rowCount(heading))]
    assert [index.data(Qt.ItemDataRole.DisplayRole) for index in rows] == [
        "발표 자료 올리기",
        "슬라이드 정리",
        "그냥 메모",
    ]
    states = [index.data(Qt.ItemDataRole.CheckStateRole) for index in rows]
    assert states[:2] == [Qt.CheckState.Unchecked, Qt.CheckState.Checked] and states[2] is None
    # the post says what is done: the reader cannot tick the box in the tree
    assert not model.flags(rows[0]) & Qt.ItemFlag.ItemIsUserCheckable


def test_outline_exports_write_a_tasks_state_as_gfm_does(tmp_path) -> None:
    rendered = _rendered(tmp_path)
    markdown = outline_markdown(rendered)
    assert "- [ ] 발표 자료 올리기\n- [x] 슬라이드 정리\n- 그냥 메모" in markdown
    assert "  - [x] 슬라이드 정리" in outline_text(rendered)

"""In a post longer than the preview lays out, search counts every match and says how many are
in the part shown (issue 18, item 7: it counted only the laid-out items while the warning said
search covered everything)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import open_and_wait
from viewer.ui import post_document


def test_search_counts_matches_beyond_the_part_shown(qtbot, window, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(post_document, "MAX_PREVIEW_ITEMS", 100)  # as 10,000 of 40,000, smaller
    post = tmp_path / "2021-01-15-long.md"
    post.write_text("".join(f"* 항목 {n} 클라우드 데이터\n" for n in range(400)), encoding="utf-8")
    open_and_wait(qtbot, window, post)
    assert "the preview shows the first 100" in window.warnings.label.text()
    assert "search counts the matches in all of it" in window.warnings.label.text()

    window.search.set_query("데이터")
    assert window.search.status.text() == "1 / 100 (+300 further on)"
    assert "300 more matches in the part of the post the preview does not show" in window.search.status.toolTip()
    qtbot.keyClick(window.search.edit, Qt.Key.Key_Return)
    assert window.search.status.text().startswith("2 / 100")  # stepping goes through those shown

    window.search.set_query("항목 399 ")  # only in the part not shown
    assert window.search.status.text() == "None shown (+1 further on)"
    window.search.set_query("항목 7 ")  # only in the part shown
    assert window.search.status.text() == "1 / 1"


def test_the_header_counts_the_words_of_the_whole_post_not_of_the_part_shown(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(post_document, "MAX_PREVIEW_ITEMS", 100)
    post = tmp_path / "2021-01-15-long.md"
    post.write_text("".join(f"* 항목 {n} cloud data\n" for n in range(400)), encoding="utf-8")
    open_and_wait(qtbot, window, post)
    # Four words an item, in all 400 items: the 100 laid out would make 400 words.
    assert window.header.counts.text().startswith("400 items · 1,600 words"), window.header.counts.text()

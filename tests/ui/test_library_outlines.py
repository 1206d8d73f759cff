"""A library search made while the posts are still being rendered for their outline paths: the
results come at once, and gain their paths when the posts are rendered."""

from __future__ import annotations

import threading
from pathlib import Path

import viewer.ui.library
from tests.ui.test_search import type_text
from viewer.ui.library_search import HtmlRole


def test_results_gain_their_outline_paths_once_the_posts_are_rendered(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    posts = tmp_path / "blog" / "_posts"
    posts.mkdir(parents=True)
    for number in range(40):  # enough that the update leaves the rendering for later
        (posts / f"2024-01-{number % 28 + 1:02d}-post-{number}.md").write_text(
            f"---\ntitle: 글 {number}\n---\n## 회고\n* 관측성\n  * 트레이싱 도입기\n", encoding="utf-8"
        )
    rendering = threading.Event()
    render_for_real = viewer.ui.library.store_outlines

    def held_back(*args):  # the renders take their time
        rendering.wait(20)
        return render_for_real(*args)

    monkeypatch.setattr(viewer.ui.library, "store_outlines", held_back)
    try:
        with qtbot.waitSignal(window.library_indexed, timeout=20000):
            window.open_path(tmp_path / "blog")
        window.search_library()
        dialog = window.library_dialog
        type_text(qtbot, dialog.edit, "트레이싱")
        qtbot.waitUntil(lambda: dialog.results.count() == 30, timeout=10000)
        assert dialog.status.text() == "40 posts match (the first 30 are shown)"
        assert not any("<i>in " in dialog.results.item(row).data(HtmlRole) for row in range(30))
        dialog.results.setCurrentRow(3)
    finally:
        rendering.set()
    path = "<i>in 회고 › 관측성 › 트레이싱 도입기</i>"
    qtbot.waitUntil(
        lambda: all(dialog.results.item(row).data(HtmlRole).endswith(path) for row in range(30)),
        timeout=20000,
    )
    assert dialog.results.currentRow() == 3  # still where the user was
    assert dialog.status.text() == "40 posts match (the first 30 are shown)"

"""Automatic reload keeps working after a reload failed (issue 18, item 7)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import open_and_wait, tree_rows

POST = "---\ntitle: 다시 읽기\n---\n\n# 첫 판\n\n* 항목 하나\n"


def texts(window) -> list[str]:
    return [text for _, text in tree_rows(window)]


def test_a_post_deleted_and_written_again_comes_back_by_itself(qtbot, window, tmp_path: Path) -> None:
    post = tmp_path / "2021-01-15-reload.md"
    post.write_text(POST, encoding="utf-8")
    open_and_wait(qtbot, window, post)
    post.unlink()
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        qtbot.keyClick(window.preview, Qt.Key.Key_F5)  # a reload that fails
    assert "no such file" in window.preview.toPlainText()
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        post.write_text(POST.replace("첫 판", "둘째 판"), encoding="utf-8")  # no F5
    assert texts(window) == ["둘째 판", "항목 하나"]


@pytest.mark.skipif(not hasattr(os, "symlink") or not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_post_replaced_by_a_link_to_a_device_recovers_when_replaced_again(qtbot, window, tmp_path: Path) -> None:
    post = tmp_path / "2021-01-15-device.md"
    post.write_text(POST, encoding="utf-8")
    open_and_wait(qtbot, window, post)
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        post.unlink()
        post.symlink_to("/dev/zero")
    assert "is not a regular file" in window.preview.toPlainText()
    assert window.reading.path == post  # still the post, not the device it pointed to
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        post.unlink()
        post.write_text(POST.replace("첫 판", "고친 판"), encoding="utf-8")
    assert texts(window) == ["고친 판", "항목 하나"]
    with qtbot.waitSignal(window.post_shown, timeout=10000):  # and it keeps following changes
        post.write_text(POST.replace("첫 판", "셋째 판"), encoding="utf-8")
    assert texts(window) == ["셋째 판", "항목 하나"]


def test_exporting_onto_another_name_of_the_post_never_overwrites_it(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    post = tmp_path / "2021-01-15-linked.md"
    post.write_text(POST, encoding="utf-8")
    elsewhere = tmp_path / "exports"
    elsewhere.mkdir()
    hard, soft = elsewhere / "post.html", elsewhere / "post-link.html"
    os.link(post, hard)  # the same file under another name
    soft.symlink_to(post)
    open_and_wait(qtbot, window, post)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    for target in (hard, soft):
        monkeypatch.setattr(window, "ask_save_path", lambda *_a, target=target: target)
        window.export("post-html")
    assert post.read_text(encoding="utf-8") == POST  # nothing lost
    assert len(warned) == 2 and all("never overwrites the post" in w for w in warned)

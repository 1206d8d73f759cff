"""What a clicked link may do (issue 18, item 7: mail links that attach a local file)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from tests.ui.conftest import open_and_wait
from viewer.ui.link_policy import link_action


@pytest.mark.parametrize(
    ("link", "handed_over"),
    [
        ("mailto:me@example.com", "mailto:me@example.com"),
        ("mailto:me@example.com?subject=%EC%95%88%EB%85%95&body=hi", "mailto:me@example.com?subject=%EC%95%88%EB%85%95&body=hi"),
        ("mailto:me@example.com?attach=/etc/passwd", "mailto:me@example.com"),
        ("mailto:me@example.com?subject=x&Attachment=%2Fetc%2Fshadow&body=y", "mailto:me@example.com?subject=x&body=y"),
        ("mailto:me@example.com?%61ttach=/etc/passwd&cc=you@example.com", "mailto:me@example.com?cc=you@example.com"),
        ("MAILTO:me@example.com?x-attach=~/.ssh/id_rsa", "MAILTO:me@example.com"),
    ],
)
def test_mail_links_keep_only_what_a_mail_link_may_fill_in(link: str, handed_over: str) -> None:
    action = link_action(link, None)
    assert (action.kind, action.target) == ("system", handed_over)
    assert bool(action.note) == (link != handed_over)


def test_clicking_a_mail_link_that_attaches_a_file_sends_no_file(qtbot, window, tmp_path, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    post = tmp_path / "2021-01-15-mail.md"
    post.write_text("# 메일\n\n* [편지 쓰기](mailto:me@example.com?subject=hi&attach=/etc/passwd)\n", encoding="utf-8")
    open_and_wait(qtbot, window, post)
    window.preview.anchorClicked.emit(QUrl("mailto:me@example.com?subject=hi&attach=/etc/passwd"))
    assert opened == ["mailto:me@example.com?subject=hi"]
    assert "attach" in window.statusBar().currentMessage()  # the reader is told

"""What the post's place says when there is no post to show: the title, what to do, and more
(recent files as links the view opens). Each returns the arguments of `PostView.show_message`."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QUrl

from viewer.core import POST_SUFFIXES

#: Recent files listed on the welcome page.
RECENT_SHOWN = 8


def welcome(recent: Sequence[str]) -> tuple[str, str, str]:
    keys = (
        '<p class="keys"><b>Ctrl+O</b> opens a post &nbsp;·&nbsp; <b>Ctrl+Shift+O</b> a folder or a '
        "whole Jekyll site &nbsp;·&nbsp; or drop a Markdown file here.</p>"
    )
    items = []
    for entry in recent[:RECENT_SHOWN]:
        path = Path(entry)
        url = QUrl.fromLocalFile(str(path)).toString()
        items.append(
            f'<li><a href="{html.escape(url)}">{html.escape(path.name or str(path))}</a>'
            f' <span class="muted">— {html.escape(str(path.parent))}</span></li>'
        )
    recent_html = f"<h3>Recent</h3><ul>{''.join(items)}</ul>" if items else ""
    return (
        "Open a post or a folder",
        "Note Viewer shows a Markdown post with its outline, its links and a search, or lists the "
        "posts of a folder.",
        keys + recent_html,
    )


def no_posts(folder: Path | None) -> tuple[str, str, str]:
    return (
        "No posts in this folder",
        f"{folder} has no Markdown files ({', '.join(sorted(POST_SUFFIXES))}).",
        '<p class="keys"><b>Ctrl+Shift+O</b> opens another folder &nbsp;·&nbsp; <b>Ctrl+O</b> a single '
        "post.</p>",
    )

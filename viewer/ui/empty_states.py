"""What the post's place says when there is no post to show: the title, what to do, and more
(recent files as links the view opens). Each returns the arguments of `PostView.show_message`."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QUrl

from viewer.core import POST_SUFFIXES
from viewer.ui.translation import translate

#: Recent files listed on the welcome page.
RECENT_SHOWN = 8


def name_and_folder(entry: str) -> tuple[str, str]:
    """A recent file as the welcome page and File ▸ Open Recent list it: its name, then its folder."""
    path = Path(entry)
    return path.name or str(path), str(path.parent)


def welcome(recent: Sequence[str]) -> tuple[str, str, str]:
    keys = translate(
        "EmptyStates",
        '<p class="keys"><b>Ctrl+O</b> opens a post &nbsp;·&nbsp; <b>Ctrl+Shift+O</b> a folder or a '
        "whole Jekyll site &nbsp;·&nbsp; or drop a Markdown file here.</p>",
    )
    items = []
    for entry in recent[:RECENT_SHOWN]:
        name, folder = name_and_folder(entry)
        url = QUrl.fromLocalFile(entry).toString()
        items.append(
            f'<li><a href="{html.escape(url)}">{html.escape(name)}</a>'
            f' <span class="muted">— {html.escape(folder)}</span></li>'
        )
    recent = html.escape(translate("EmptyStates", "Recent"))
    recent_html = f"<h3>{recent}</h3><ul>{''.join(items)}</ul>" if items else ""
    return (
        translate("EmptyStates", "Open a post or a folder"),
        translate(
            "EmptyStates",
            "Note Viewer shows a Markdown post with its outline, its links and a search, or lists the "
            "posts of a folder.",
        ),
        keys + recent_html,
    )


def no_posts(folder: Path | None) -> tuple[str, str, str]:
    return (
        translate("EmptyStates", "No posts in this folder"),
        translate("EmptyStates", "{folder} has no Markdown files ({suffixes}).").format(
            folder=folder, suffixes=", ".join(sorted(POST_SUFFIXES))
        ),
        translate(
            "EmptyStates",
            '<p class="keys"><b>Ctrl+Shift+O</b> opens another folder &nbsp;·&nbsp; <b>Ctrl+O</b> a single '
            "post.</p>",
        ),
    )

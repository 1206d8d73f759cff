"""Tooltips that read as written.

Qt shows a tooltip as rich text when its text looks like HTML (`<img src=…>` in a heading, a
link's text or its title), and rich text loads the images it names by itself: any path, on the
GUI thread, so `/dev/zero` aborts the app and a named pipe freezes it when the pointer rests
there. Text from a post goes into a tooltip escaped, as rich text that is only text.
"""

from __future__ import annotations

from viewer.core import escape_html


def plain_tooltip(text: str) -> str:
    """`text` (newlines kept) as a tooltip that shows exactly that text."""
    if not text:
        return ""
    return f'<p style="white-space:pre-wrap">{escape_html(text)}</p>'

"""Pure-Python core: loading, rendering and searching posts. Never imports Qt."""

from pathlib import Path

#: The file name endings of Markdown posts that Note Viewer opens.
POST_SUFFIXES = frozenset({".md", ".markdown", ".mkd", ".mkdn", ".txt"})


def is_file(path: Path) -> bool:
    """Whether `path` is a file; False where it cannot be told (a folder on the way that may not
    be entered), as for a path that is not there: reading it then says what is wrong."""
    try:
        return path.is_file()
    except OSError:
        return False


_HTML_SPECIAL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape_html(text: str) -> str:
    """`html.escape(text)`, without loading the html module before the first paint: it loads
    its table of named references (html.entities), 3 ms."""
    return text.translate(_HTML_SPECIAL)

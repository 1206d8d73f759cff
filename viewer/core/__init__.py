"""Pure-Python core: loading, rendering and searching posts. Never imports Qt."""

#: The file name endings of Markdown posts that Note Viewer opens.
POST_SUFFIXES = frozenset({".md", ".markdown", ".mkd", ".mkdn", ".txt"})

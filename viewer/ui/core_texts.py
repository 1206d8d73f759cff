"""Texts of viewer.core that the window shows, marked for translation here: the core never imports
Qt, and lupdate finds a string only inside a translate() or QT_TRANSLATE_NOOP() call. The window
translates them where it shows them, in the contexts named here (tests/ui/test_translation.py
checks that each one it shows is listed).

The core's messages about a post (a front matter that is not YAML, an encoding guessed, a file that
cannot be read) stay English: they quote the parser's own words and the command line prints
them too.
"""

from __future__ import annotations

from viewer.ui.translation import QT_TRANSLATE_NOOP

#: viewer.core.library.SORT_ORDERS, shown in the post list's sort box.
SORT_ORDERS = (
    QT_TRANSLATE_NOOP("PostsPanel", "Newest first"),
    QT_TRANSLATE_NOOP("PostsPanel", "Oldest first"),
    QT_TRANSLATE_NOOP("PostsPanel", "Title"),
)
#: viewer.core.export.EXPORT_FORMATS in File ▸ Export: the menu entries and the file types.
EXPORT_MENU = (
    QT_TRANSLATE_NOOP("Actions", "Outline as &OPML…"),
    QT_TRANSLATE_NOOP("Actions", "Outline as &Markdown…"),
    QT_TRANSLATE_NOOP("Actions", "Post as &HTML…"),
    QT_TRANSLATE_NOOP("Actions", "Links as Markdown…"),
    QT_TRANSLATE_NOOP("Actions", "Links as CSV…"),
    QT_TRANSLATE_NOOP("Actions", "Links as JSON…"),
)
FILE_TYPES = (
    QT_TRANSLATE_NOOP("MainWindow", "OPML (*.opml)"),
    QT_TRANSLATE_NOOP("MainWindow", "Markdown (*.md)"),
    QT_TRANSLATE_NOOP("MainWindow", "HTML (*.html)"),
    QT_TRANSLATE_NOOP("MainWindow", "CSV (*.csv)"),
    QT_TRANSLATE_NOOP("MainWindow", "JSON (*.json)"),
    QT_TRANSLATE_NOOP("MainWindow", "Text (*.txt)"),
)

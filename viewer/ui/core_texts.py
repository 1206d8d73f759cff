"""Texts of viewer.core that the window shows, marked for translation here: the core never imports
Qt, and lupdate finds a string only inside a translate() or QT_TRANSLATE_NOOP() call. The window
translates them where it shows them, in the contexts named here (tests/ui/test_translation.py
checks that each one it shows is listed).

The core's messages about a post (a front matter that is not YAML, an encoding guessed, a file that
cannot be read) are English sentences, as the command line prints them; the window shows those
it knows in the reader's language (`post_message`): each is matched by its shape and its values
(a path, a line, a parser's own words) are put into the translated sentence. One it does not know
stays English.
"""

from __future__ import annotations

import itertools
import re

from viewer.ui.translation import QT_TRANSLATE_NOOP, translate

#: The core's messages about a post: (its English shape, the sentence to translate).
_POST_MESSAGES = [
    (re.compile(pattern, re.DOTALL), text)
    for pattern, text in (
        (r"The file is not UTF-8; it was read as (?P<encoding>.+)\.",
         QT_TRANSLATE_NOOP("PostMessages", "The file is not UTF-8; it was read as {encoding}.")),
        (r"The file is empty\.", QT_TRANSLATE_NOOP("PostMessages", "The file is empty.")),
        (r"The front matter (?P<problem>.+); it was ignored\.",
         QT_TRANSLATE_NOOP("PostMessages", "The front matter {problem}; it was ignored.")),
        (r"The site settings file (?P<path>.+?) (?P<problem>is not valid YAML .+|expands to .+|cannot be read .+); "  # noqa: E501
         r"it was ignored\.",
         QT_TRANSLATE_NOOP("PostMessages", "The site settings file {path} {problem}; it was ignored.")),
        (r"is not valid YAML \((?P<detail>.*)\)",
         QT_TRANSLATE_NOOP("PostMessages", "is not valid YAML ({detail})")),
        (r"expands to more than (?P<count>[\d,]+) characters through its aliases",
         QT_TRANSLATE_NOOP("PostMessages", "expands to more than {count} characters through its aliases")),
        (r"cannot be read \((?P<why>.*)\)", QT_TRANSLATE_NOOP("PostMessages", "cannot be read ({why})")),
        (r"Line 1: the front matter is opened with '---' but never closed\.",
         QT_TRANSLATE_NOOP("PostMessages", "Line 1: the front matter is opened with '---' but never closed.")),  # noqa: E501
        (r"The front matter date (?P<date>.+) is not a date Jekyll understands\.",
         QT_TRANSLATE_NOOP("PostMessages", "The front matter date {date} is not a date Jekyll understands.")),
        (r"this is a binary file, not a Markdown post",
         QT_TRANSLATE_NOOP("PostMessages", "this is a binary file, not a Markdown post")),
        (r"(?P<path>.+): no such file", QT_TRANSLATE_NOOP("PostMessages", "{path}: no such file")),
        (r"(?P<path>.+): cannot read it \((?P<why>.*)\)",
         QT_TRANSLATE_NOOP("PostMessages", "{path}: cannot read it ({why})")),
        (r"(?P<path>.+): is a folder, not a post", QT_TRANSLATE_NOOP("PostMessages", "{path}: is a folder, not a post")),  # noqa: E501
        (r"(?P<path>.+): is not a regular file", QT_TRANSLATE_NOOP("PostMessages", "{path}: is not a regular file")),  # noqa: E501
        (r"(?P<path>.+): is (?P<size>[\d.]+) MB; posts larger than (?P<limit>\d+) MB are not opened",
         QT_TRANSLATE_NOOP("PostMessages", "{path}: is {size} MB; posts larger than {limit} MB are not opened")),  # noqa: E501
        (r"(?P<path>.+): the file disappeared while it was being read",
         QT_TRANSLATE_NOOP("PostMessages", "{path}: the file disappeared while it was being read")),
        (r"Line (?P<line>\d+): lists or quotes nested deeper than (?P<levels>\d+) levels are shown as plain text\.",  # noqa: E501
         QT_TRANSLATE_NOOP(
             "PostMessages", "Line {line}: lists or quotes nested deeper than {levels} levels are shown as plain text."  # noqa: E501
         )),
        (r"Line (?P<line>\d+): markup nested deeper than (?P<levels>\d+) levels is shown as text\.",
         QT_TRANSLATE_NOOP("PostMessages", "Line {line}: markup nested deeper than {levels} levels is shown as text.")),  # noqa: E501
        (r"Line (?P<line>\d+) on: the post has more markup than can be shown in good time; the rest of its text "  # noqa: E501
         r"is shown without formatting\.",
         QT_TRANSLATE_NOOP(
             "PostMessages",
             "Line {line} on: the post has more markup than can be shown in good time; the rest of its text is "  # noqa: E501
             "shown without formatting.",
         )),
        (r"Line (?P<line>\d+) on: the post has more than (?P<count>[\d,]+) blocks \(paragraphs, list items, "
         r"table cells, HTML tags\); the rest of it is shown as written, without formatting\.",
         QT_TRANSLATE_NOOP(
             "PostMessages",
             "Line {line} on: the post has more than {count} blocks (paragraphs, list items, table cells, HTML "  # noqa: E501
             "tags); the rest of it is shown as written, without formatting.",
         )),
    )
]  # fmt: skip


def post_message(message: str) -> str:
    """The core's message about a post in the window's language (as it is, if not one known)."""
    known = _known(message)
    if known is not None:
        return known
    # "PATH: a problem" (a file's problem, as the command line says it): the problem translated.
    for separator in itertools.islice(re.finditer(": ", message), 10):
        known = _known(message[separator.end() :])
        if known is not None:
            return f"{message[: separator.start()]}: {known}"
    return message


def _known(message: str) -> str | None:
    for pattern, text in _POST_MESSAGES:
        match = pattern.fullmatch(message)
        if match is not None:
            values = {name: _known(value) or value for name, value in match.groupdict().items()}
            return translate("PostMessages", text).format(**values)
    return None


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

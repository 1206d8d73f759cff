"""The posts of a folder or Jekyll site: which files are posts, and the post list's order,
filters and neighbours. The list itself comes from the library index."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from viewer.core import POST_SUFFIXES
from viewer.core.hangul import korean_query
from viewer.core.search import Matcher

_SKIPPED_FOLDERS = {"_site", "node_modules", ".git", ".jekyll-cache", "vendor", "_includes", "_layouts"}
_POST_FOLDERS = {"_posts", "_drafts"}
#: The post list's orders, as shown to the user.
SORT_ORDERS = {"newest": "Newest first", "oldest": "Oldest first", "title": "Title"}


@dataclass(frozen=True)
class PostSummary:
    path: Path
    title: str
    date: dt.datetime | None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    #: Not on the built site: in `_drafts`, or `published: false`.
    is_draft: bool = False
    #: Why the file cannot be shown (binary, too large, unreadable), or "".
    problem: str = ""

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def timestamp(self) -> float:
        """For ordering by date; a date without a time zone is taken as UTC."""
        if self.date is None:
            return 0.0
        return self.date.replace(tzinfo=self.date.tzinfo or dt.timezone.utc).timestamp()


def scan_folder(folder: Path) -> tuple[list[Path], list[Path]]:
    """(the posts under `folder`, the folders they may appear in).

    In a Jekyll site (anything in a `_posts` or `_drafts` folder, at any depth, as category
    folders put them) only those are posts; elsewhere every Markdown file but READMEs. Build
    output, tooling and hidden folders are skipped. A name that looks like a post but is not a
    file (a named pipe, a device, a broken link) is listed too, for the index to say why it
    cannot be shown; nothing here opens it."""
    found: list[Path] = []
    in_post_folders: list[Path] = []
    folders: list[Path] = []
    for top, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(d for d in subfolders if d not in _SKIPPED_FOLDERS and not d.startswith("."))
        here = Path(top)
        folders.append(here)
        in_post_folder = bool(_POST_FOLDERS.intersection(here.relative_to(folder).parts))
        # os.walk lists folders (and links to them) apart: every name here is not a folder.
        for name in sorted(names):
            if Path(name).suffix.lower() in POST_SUFFIXES and name.lower() != "readme.md":
                path = here / name
                found.append(path)
                if in_post_folder:
                    in_post_folders.append(path)
    return in_post_folders or found, folders


def sorted_posts(posts: Iterable[PostSummary], order: str) -> list[PostSummary]:
    """`order` is a key of SORT_ORDERS. Undated posts go last when sorting by date."""
    if order == "title":
        return sorted(posts, key=lambda p: (_fold(p.title), p.timestamp))
    newest = order == "newest"
    return sorted(
        posts,
        key=lambda p: (p.date is None, -p.timestamp if newest else p.timestamp, _fold(p.title)),
    )


def filtered_posts(
    posts: Iterable[PostSummary],
    text: str = "",
    category: str | None = None,
    tag: str | None = None,
    year: int | None = None,
    composing: str = "",
) -> list[PostSummary]:
    """Posts whose title contains `text` (case-insensitive) and that have the category, tag and
    year. As in every search, a bare initial consonant stands for the syllables it begins, and
    `composing`, a syllable an input method is composing, for what it can become."""
    in_title = _title_test(text, composing)
    return [
        post
        for post in posts
        if (in_title is None or in_title(post.title))
        and (category is None or category in post.categories)
        and (tag is None or tag in post.tags)
        and (year is None or post.year == year)
    ]


@dataclass(frozen=True)
class Neighbours:
    """The posts around one in date order, as Jekyll's page.previous/page.next, and around it
    among the posts filed under the same categories (a series: "1부", "2부", …)."""

    older: PostSummary | None = None
    newer: PostSummary | None = None
    older_in_category: PostSummary | None = None
    newer_in_category: PostSummary | None = None


def in_date_order(posts: Iterable[PostSummary]) -> list[PostSummary]:
    """The dated posts, oldest first: the order `neighbours` follows. An undated post (a draft,
    a page) has no place in it."""
    return [post for post in sorted_posts(posts, "oldest") if post.date is not None]


def neighbours(by_date: Sequence[PostSummary], path: Path) -> Neighbours:
    """The posts around the one at `path` in `by_date` (from `in_date_order`, made once per list)."""
    where = next((n for n, post in enumerate(by_date) if post.path == path), None)
    if where is None:
        return Neighbours()
    current = by_date[where]
    filed_under = set(current.categories)
    series = [post for post in by_date if set(post.categories) == filed_under]
    place = next(n for n, post in enumerate(series) if post is current)

    def at(items: Sequence[PostSummary], index: int) -> PostSummary | None:
        return items[index] if 0 <= index < len(items) else None

    return Neighbours(
        at(by_date, where - 1),
        at(by_date, where + 1),
        at(series, place - 1) if current.categories else None,
        at(series, place + 1) if current.categories else None,
    )


def _title_test(text: str, composing: str) -> Callable[[str], bool] | None:
    wanted = _fold(text.lstrip() if composing else text.strip())
    if korean_query(wanted, composing) is not None:
        return Matcher(wanted, composing=composing).matches
    return (lambda title: wanted in _fold(title)) if wanted else None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()

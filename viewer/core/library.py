"""The posts in a folder or Jekyll site: a quick listing for the post picker."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from viewer.core import POST_SUFFIXES
from viewer.core.document import PostError, load_post

_SKIPPED_FOLDERS = {"_site", "node_modules", ".git", ".jekyll-cache", "vendor", "_includes", "_layouts"}


@dataclass(frozen=True)
class PostSummary:
    path: Path
    title: str
    date: dt.datetime | None
    is_draft: bool


def find_post_files(folder: Path) -> list[Path]:
    """Markdown files under `folder` (posts, drafts, pages), skipping build output and tooling."""
    found: list[Path] = []
    for path in sorted(folder.rglob("*")):
        if any(part in _SKIPPED_FOLDERS for part in path.relative_to(folder).parts[:-1]):
            continue
        if path.suffix.lower() in POST_SUFFIXES and path.is_file() and path.name.lower() != "readme.md":
            found.append(path)
    return found


def list_posts(folder: Path) -> list[PostSummary]:
    """Posts under `folder`, newest first (undated ones last, by title)."""
    summaries = []
    for path in find_post_files(folder):
        try:
            post = load_post(path)
        except PostError:
            continue
        summaries.append(PostSummary(path, post.metadata.title, post.metadata.date, "_drafts" in path.parts))

    def newest_first(summary: PostSummary) -> tuple[int, float, str]:
        if summary.date is None:
            return (1, 0.0, summary.title)
        stamp = summary.date.replace(tzinfo=summary.date.tzinfo or dt.timezone.utc).timestamp()
        return (0, -stamp, summary.title)

    return sorted(summaries, key=newest_first)

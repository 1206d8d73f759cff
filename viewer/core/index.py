"""The library index: every post of a folder in SQLite FTS5, kept current by modification time.

The trigram tokenizer finds Korean substrings; queries shorter than three characters cannot use
trigrams and fall back to a scan of the stored text. The index lives in the user's cache folder
and is only ever rebuilt, never trusted when broken: the user's files are only read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from viewer.core import user_folders
from viewer.core.document import PostError, load_post
from viewer.core.library import PostSummary, scan_folder

SCHEMA_VERSION = 7
_LIST_SEPARATOR = "\x1f"  # between categories and between tags
#: Around the matched text in `SearchHit.snippet`.
MATCH_START, MATCH_END = "\x02", "\x03"
LOCK_WAIT_S = 5
#: Indexes of folders not opened for this long are deleted from the cache.
UNUSED_INDEX_DAYS = 120
_TITLE_WEIGHT, _LABEL_WEIGHT = 10.0, 4.0
# Markup, not words: Liquid, link targets (their text stays), quote and table marks, heading
# marks, tags. Underscores stay (snake_case, __init__; a word in _emphasis_ is still found), and
# so does '#' inside a line (C#).
_MARKUP = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|!?\[([^\]]*)\]\([^)]*\)|[>|]+|^[ \t]*#+|<[^>]+>", re.S | re.M)
# Emphasis and code marks hold on to their words: "**굵게** 설정" reads "굵게 설정".
_GLUED_MARKUP = re.compile(r"[*`~]+")
_SPACES = re.compile(r"[ \t]+")


def index_path_for(folder: Path, cache_folder: Path | None = None) -> Path:
    key = hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:16]
    return (cache_folder or user_folders.cache_folder()) / f"library-{key}.sqlite"


def forget_unused_indexes(cache_folder: Path, days: float = UNUSED_INDEX_DAYS) -> list[Path]:
    """Delete the indexes of folders not opened for `days` (an index is only a cache: opening the
    folder again rebuilds it). Returns what was deleted."""
    cutoff = time.time() - days * 86400
    deleted = []
    for index_file in cache_folder.glob("library-*.sqlite"):
        try:
            if index_file.stat().st_mtime >= cutoff:
                continue
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{index_file}{suffix}").unlink(missing_ok=True)
        except OSError:
            continue
        deleted.append(index_file)
    return deleted


def searchable_text(markdown_text: str) -> str:
    """A post body as words: Liquid, link targets, images and markup characters removed."""
    words = _GLUED_MARKUP.sub("", _MARKUP.sub(lambda m: m.group(1) or " ", markdown_text))
    return unicodedata.normalize("NFC", _SPACES.sub(" ", words))


@dataclass(frozen=True)
class SearchHit:
    path: Path
    title: str
    date: str
    snippet: str


@dataclass(frozen=True)
class IndexUpdate:
    added: int
    changed: int
    removed: int
    unchanged: int
    #: The folders posts may appear in (to watch for new ones).
    folders: tuple[Path, ...] = ()


class LibraryIndex:
    """Index of one folder. Open with `LibraryIndex(folder)`; `update()` brings it up to date."""

    def __init__(self, folder: Path, index_file: Path | None = None) -> None:
        self.folder = folder.resolve()
        self.index_file = index_file or index_path_for(self.folder)
        with contextlib.suppress(OSError):  # if it cannot be made, _open indexes in memory
            self.index_file.parent.mkdir(parents=True, exist_ok=True)
        self.db = self._open()
        with contextlib.suppress(OSError):  # opened now: see forget_unused_indexes
            os.utime(self.index_file)

    def _open(self) -> sqlite3.Connection:
        try:
            db = self._connect(self.index_file)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"index format {version}, expected {SCHEMA_VERSION}")
            db.execute("SELECT count(*) FROM files").fetchone()
            return db
        except sqlite3.Error:
            pass
        # Corrupt, or from an older version: start again.
        try:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.index_file}{suffix}").unlink(missing_ok=True)
            return self._create(self.index_file)
        except (sqlite3.Error, OSError):
            return self._create(None)  # the cache folder cannot be written: index in memory

    def _create(self, index_file: Path | None) -> sqlite3.Connection:
        db = self._connect(index_file)
        db.executescript(
            """
            CREATE TABLE files (path TEXT PRIMARY KEY, mtime_ns INTEGER, size INTEGER,
                                title TEXT, date TEXT, date_iso TEXT,
                                categories TEXT, tags TEXT, draft INTEGER, problem TEXT, body TEXT,
                                folded TEXT);  -- title, body and labels case-folded, for short queries
            CREATE VIRTUAL TABLE posts USING fts5(path UNINDEXED, title, body, labels, tokenize='trigram');
            """
        )
        # Rank by BM25 with a match in the title counting most, then in categories and tags.
        db.execute(
            f"INSERT INTO posts(posts, rank) VALUES ('rank', 'bm25(0, {_TITLE_WEIGHT}, 1, {_LABEL_WEIGHT})')"
        )
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.commit()
        return db

    @staticmethod
    def _connect(index_file: Path | None) -> sqlite3.Connection:
        if index_file is None:
            return sqlite3.connect(":memory:")
        # Another window writing the same index holds its lock for one batch of posts at a time.
        db = sqlite3.connect(index_file, timeout=LOCK_WAIT_S)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    def close(self) -> None:
        self.db.close()

    def update(
        self, progress: Callable[[int, int], None] | None = None, stop: threading.Event | None = None
    ) -> IndexUpdate:
        """Add new posts, re-read changed ones (modification time or size), drop deleted ones.
        Work done is committed as it goes, so a `stop` half way keeps what was read."""
        try:
            return self._update(progress, stop)
        except sqlite3.OperationalError:
            # Locked by another program for too long, or the disk is full: index in memory
            # this time rather than fail.
            self.db.close()
            self.db = self._create(None)
            return self._update(progress, stop)

    def _update(
        self, progress: Callable[[int, int], None] | None, stop: threading.Event | None
    ) -> IndexUpdate:
        known = {
            row[0]: (row[1], row[2]) for row in self.db.execute("SELECT path, mtime_ns, size FROM files")
        }
        files, folders = scan_folder(self.folder)
        seen: set[str] = set()
        to_read: list[tuple[Path, os.stat_result]] = []
        for path in files:
            try:
                info = path.stat()
            except OSError:
                continue  # gone since the folder was listed
            if known.get(str(path)) == (info.st_mtime_ns, info.st_size):
                seen.add(str(path))
            else:
                to_read.append((path, info))
        unchanged, added, changed = len(seen), 0, 0
        # Progress counts the posts read: an unchanged folder reports none.
        for number, (path, info) in enumerate(to_read, 1):
            if stop is not None and stop.is_set():
                self.db.commit()
                return IndexUpdate(added, changed, 0, unchanged, tuple(folders))
            key = str(path)
            if self._store(path, info.st_mtime_ns, info.st_size, key in known):
                added += key not in known
                changed += key in known
                seen.add(key)
            if number % 200 == 0 or number == len(to_read):
                self.db.commit()
                if progress is not None:
                    progress(number, len(to_read))
        removed = [key for key in known if key not in seen]
        for key in removed:
            self.db.execute("DELETE FROM files WHERE path = ?", (key,))
            self.db.execute("DELETE FROM posts WHERE path = ?", (key,))
        self.db.commit()
        return IndexUpdate(added, changed, len(removed), unchanged, tuple(folders))

    def _store(self, path: Path, mtime_ns: int, size: int, replace: bool) -> bool:
        if replace:
            self.db.execute("DELETE FROM posts WHERE path = ?", (str(path),))
        try:
            post = load_post(path)
        except PostError as exc:
            if not path.exists():
                return False  # deleted while we read it
            # Listed by its file name with the reason, so it is not silently missing.
            self.db.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, '', NULL, '', '', ?, ?, '', '')",
                (str(path), mtime_ns, size, path.name, _in_drafts(path), str(exc)),
            )
            return True
        meta = post.metadata
        body = searchable_text(post.body)
        labels = " ".join((*meta.categories, *meta.tags))  # found by search too
        folded = f"{meta.title}\n{body}\n{labels}".casefold()
        self.db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)",
            (
                str(path),
                mtime_ns,
                size,
                meta.title,
                meta.date_text,
                meta.date.isoformat() if meta.date else None,
                _LIST_SEPARATOR.join(meta.categories),
                _LIST_SEPARATOR.join(meta.tags),
                # Not on the built site: in _drafts, or `published: false`.
                _in_drafts(path) or meta.extra.get("published") is False,
                body,
                folded,
            ),
        )
        self.db.execute("INSERT INTO posts VALUES (?, ?, ?, ?)", (str(path), meta.title, body, labels))
        return True

    def posts(self) -> list[PostSummary]:
        """Every indexed post, for the post list (in no particular order)."""

        def words(joined: str) -> tuple[str, ...]:
            return tuple(joined.split(_LIST_SEPARATOR)) if joined else ()

        return [
            PostSummary(
                Path(path),
                title,
                dt.datetime.fromisoformat(date_iso) if date_iso else None,
                words(categories),
                words(tags),
                bool(draft),
                problem,
            )
            for path, title, date_iso, categories, tags, draft, problem in self.db.execute(
                "SELECT path, title, date_iso, categories, tags, draft, problem FROM files"
            )
        ]

    def search(self, query: str, limit: int | None = 50) -> tuple[int, list[SearchHit]]:
        """Posts whose title, text, categories or tags contain `query` (case-insensitive): (how
        many, the first `limit`)."""
        query = unicodedata.normalize("NFC", query.strip())
        if not query:
            return 0, []
        if len(query) >= 3:
            match = '"' + query.replace('"', '""') + '"'
            count = self.db.execute("SELECT count(*) FROM posts WHERE posts MATCH ?", (match,)).fetchone()[0]
            rows = self.db.execute(
                "SELECT p.path, f.title, f.date, snippet(posts, -1, ?, ?, '…', 40) FROM posts p "
                "JOIN files f ON f.path = p.path WHERE posts MATCH ? "
                "ORDER BY rank LIMIT ?",
                (MATCH_START, MATCH_END, match, -1 if limit is None else limit),
            ).fetchall()
        else:
            # Shorter than a trigram: SQLite scans the stored case-folded text.
            folded = query.casefold()
            # One scan: the matching rows, each with the total count. No rank without trigrams:
            # posts with the query in the title come first (SQLite's lower() folds ASCII only;
            # it only orders), then the newest.
            found = self.db.execute(
                "SELECT rowid, count(*) OVER () FROM files WHERE instr(folded, ?) > 0 "
                "ORDER BY instr(lower(title), ?) > 0 DESC, date_iso DESC LIMIT ?",
                (folded, folded, -1 if limit is None else max(limit, 1)),  # a row, to carry the count
            ).fetchall()
            count = found[0][1] if found else 0
            found = found[:limit]
            by_rowid = {
                row[0]: row[1:]
                for row in self.db.execute(
                    "SELECT rowid, path, title, date, body FROM files WHERE rowid IN "
                    f"({','.join(str(rowid) for rowid, _ in found)})"
                )
            }
            found = [by_rowid[rowid] for rowid, _ in found]
            rows = [
                (path, title, date, _snippet(body, folded, len(query))) for path, title, date, body in found
            ]
        hits = [SearchHit(Path(p), t, d, " ".join(s.split())) for p, t, d, s in rows]
        return count, hits


def _in_drafts(path: Path) -> bool:
    return "_drafts" in path.parts


def _snippet(body: str, folded_query: str, length: int) -> str:
    """About 40 characters of `body` either side of the first match, marked; '…' where cut."""
    where = body.casefold().find(folded_query)
    if where < 0:  # the match is in the title, categories or tags
        return body[:80] + ("…" if len(body) > 80 else "")
    start, stop, end = max(0, where - 40), where + length, where + length + 40
    marked = f"{body[start:where]}{MATCH_START}{body[where:stop]}{MATCH_END}{body[stop:end]}"
    return ("…" if start else "") + marked + ("…" if end < len(body) else "")

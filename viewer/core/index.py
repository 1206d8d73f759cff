"""The library index: every post of a folder in SQLite FTS5, kept current by modification time.

The trigram tokenizer finds Korean substrings; queries shorter than three characters cannot use
trigrams and fall back to a scan of the stored text. Initial-consonant (초성) queries scan a stored
copy of the text with every syllable replaced by its initial consonant. The index lives in the
user's cache folder and is only ever rebuilt, never trusted when broken: the user's files are
only read.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import os
import re
import sqlite3
import stat
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from viewer.core import user_folders
from viewer.core.document import PostError, load_post
from viewer.core.hangul import CharSet, KoreanQuery, has_hangul, initials, korean_query
from viewer.core.library import PostSummary, scan_folder

SCHEMA_VERSION = 9
_LIST_SEPARATOR = "\x1f"  # between categories and between tags
#: Around the matched text in `SearchHit.snippet`.
MATCH_START, MATCH_END = "\x02", "\x03"
LOCK_WAIT_S = 5
#: Posts read before they are written, in one short write: by count, and by text held.
BATCH_POSTS, BATCH_CHARS = 200, 16_000_000
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
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: Initial consonants as the index stores them: capital letters, which case-folded text never
#: holds, one byte where a syllable takes three (a third of the text to scan).
_INITIAL_NAMES = "ABCDEFGHIJKLMNOPQRS"
#: Index files found sound in this session, by path and the file's identity, time and size.
_CHECKED: set[tuple[str, int, int, int]] = set()


def index_path_for(folder: Path, cache_folder: Path | None = None) -> Path:
    key = hashlib.sha1(os.fsencode(folder.resolve())).hexdigest()[:16]
    return (cache_folder or user_folders.cache_folder()) / f"library-{key}.sqlite"


def forget_unused_indexes(cache_folder: Path, days: float = UNUSED_INDEX_DAYS) -> list[Path]:
    """Delete the indexes of folders not opened for `days` (an index is only a cache: opening the
    folder again rebuilds it). Returns what was deleted."""
    cutoff = time.time() - days * 86400
    deleted = []
    for index_file in cache_folder.glob("library-*.sqlite"):
        try:
            info = index_file.stat()
            if max(info.st_atime, info.st_mtime) >= cutoff:  # opened, or written
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
    """Index of one folder. Open with `LibraryIndex(folder)`; `update()` brings it up to date.

    A damaged index (any `sqlite3.DatabaseError`, on opening or later) is deleted and built
    again from the posts; one that cannot be written (locked for too long, a full disk, no cache
    folder) is replaced by one in memory for this session. Either way the answers are the
    posts' own."""

    def __init__(self, folder: Path, index_file: Path | None = None) -> None:
        self.folder = folder.resolve()
        self.index_file = index_file or index_path_for(self.folder)
        with contextlib.suppress(OSError):  # if it cannot be made, _open indexes in memory
            self.index_file.parent.mkdir(parents=True, exist_ok=True)
        self.db = self._open()
        with contextlib.suppress(OSError):  # opened now (see forget_unused_indexes); the
            # modification time stays the contents' (see _file_version)
            os.utime(self.index_file, ns=(time.time_ns(), self.index_file.stat().st_mtime_ns))

    def _open(self) -> sqlite3.Connection:
        db = None
        try:
            db = self._connect(self.index_file)
            if self._is_sound(db):
                return db
        except (sqlite3.Error, OSError):
            pass
        if db is not None:
            db.close()
        return self._create_again()

    def _is_sound(self, db: sqlite3.Connection) -> bool:
        """Whether `db` is an index of this format, undamaged; a new empty file gets the schema."""
        if db.execute("PRAGMA user_version").fetchone()[0] == 0:
            with _writing(db):  # two windows opening a new folder at once create it once
                if db.execute("PRAGMA user_version").fetchone()[0] == 0:
                    if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                        return False  # not ours
                    _create_schema(db)
                    return True
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            return False  # an older format: read the posts again
        # Damage that reading would not notice at once, or ever (a wrong count). The check
        # reads the whole file (~0.1 s for 10,000 posts): once a session for each state of the
        # file, not on every search the window makes.
        version = _file_version(self.index_file)
        if version in _CHECKED:
            return True
        if db.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            return False
        shown, indexed = db.execute(
            "SELECT (SELECT count(*) FROM files WHERE problem = ''), (SELECT count(*) FROM posts)"
        ).fetchone()
        if shown != indexed:
            return False  # a post in twice, or missing from the text index
        _CHECKED.add(version)
        return True

    def _create_again(self) -> sqlite3.Connection:
        """A new, empty index in place of a damaged or older one (in memory if it cannot be written)."""
        try:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.index_file}{suffix}").unlink(missing_ok=True)
            db = self._connect(self.index_file)
            with _writing(db):
                _create_schema(db)
            return db
        except (sqlite3.Error, OSError):
            return self._in_memory()

    def _in_memory(self) -> sqlite3.Connection:
        db = self._connect(None)
        with _writing(db):
            _create_schema(db)
        return db

    @staticmethod
    def _connect(index_file: Path | None) -> sqlite3.Connection:
        # Transactions are ours (`_writing`): reads take no lock, writes hold it per batch.
        if index_file is None:
            return sqlite3.connect(":memory:", isolation_level=None)
        # Another window writing the same index holds its lock for one batch of posts at a time.
        db = sqlite3.connect(index_file, timeout=LOCK_WAIT_S, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    def close(self) -> None:
        self.db.close()

    def _start_again(self, error: sqlite3.Error) -> None:
        """After `error`: a damaged index is built again on disk; one that cannot be written
        (locked by another program for too long, a full disk) in memory, this time."""
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        if isinstance(error, sqlite3.OperationalError):
            self.db = self._in_memory()
        else:
            self.db = self._create_again()

    def update(
        self, progress: Callable[[int, int], None] | None = None, stop: threading.Event | None = None
    ) -> IndexUpdate:
        """Add new posts, re-read changed ones (modification time or size), drop deleted ones.
        Work done is committed as it goes, so a `stop` half way keeps what was read."""
        try:
            return self._update(progress, stop)
        except sqlite3.DatabaseError as error:  # OperationalError too
            self._start_again(error)
            return self._update(progress, stop)

    def _update(
        self, progress: Callable[[int, int], None] | None, stop: threading.Event | None
    ) -> IndexUpdate:
        known = {
            bytes(row[0]): (row[1], row[2])
            for row in self.db.execute("SELECT path, mtime_ns, size FROM files")
        }
        files, folders = scan_folder(self.folder)
        seen: set[bytes] = set()
        to_read: list[tuple[Path, os.stat_result]] = []
        for path in files:
            info = _stat(path)
            if info is None:
                continue  # gone since the folder was listed
            key = os.fsencode(path)
            if known.get(key) == (info.st_mtime_ns, info.st_size):
                seen.add(key)
            else:
                to_read.append((path, info))
        unchanged, added, changed = len(seen), 0, 0
        batch: list[_Row] = []
        batch_chars = 0

        def store_batch() -> None:
            nonlocal added, changed, batch_chars
            self._store(batch)
            for row in batch:
                added += row.key not in known
                changed += row.key in known
                seen.add(row.key)
            batch.clear()
            batch_chars = 0

        # Read outside the lock, written a batch at a time. Progress counts the posts read: an
        # unchanged folder reports none.
        for number, (path, info) in enumerate(to_read, 1):
            if stop is not None and stop.is_set():
                store_batch()  # keep what was read
                return IndexUpdate(added, changed, 0, unchanged, tuple(folders))
            row = _read(path, info)
            if row is not None:
                batch.append(row)
                batch_chars += len(row.body)
            if len(batch) >= BATCH_POSTS or batch_chars >= BATCH_CHARS or number == len(to_read):
                store_batch()
                if progress is not None:
                    progress(number, len(to_read))
        removed = [key for key in known if key not in seen]
        if removed:
            with _writing(self.db):
                for key in removed:
                    for (rowid,) in self.db.execute("SELECT id FROM files WHERE path = ?", (key,)).fetchall():
                        self.db.execute("DELETE FROM posts WHERE rowid = ?", (rowid,))
                        self.db.execute("DELETE FROM initials WHERE id = ?", (rowid,))
                        self.db.execute("DELETE FROM files WHERE id = ?", (rowid,))
        return IndexUpdate(added, changed, len(removed), unchanged, tuple(folders))

    def _store(self, rows: list[_Row]) -> None:
        """Store one batch of read posts in one write. What another indexer stored meanwhile
        is compared first, and a post stored again replaces its rows."""
        if not rows:
            return
        with _writing(self.db):
            for row in rows:
                try:
                    self._store_row(row)
                except UnicodeEncodeError:  # a name that is not UTF-8 (b'\xff.md'), as a title
                    self._store_row(row.shown())

    def _store_row(self, row: _Row) -> None:
        values = (row.mtime_ns, row.size, row.title, row.date, row.date_iso, row.categories, row.tags,
                  row.draft, row.problem, row.folded)  # fmt: skip
        stored = self.db.execute("SELECT id, mtime_ns, size FROM files WHERE path = ?", (row.key,)).fetchone()
        if stored is None:
            rowid = self.db.execute(
                "INSERT INTO files (mtime_ns, size, title, date, date_iso, categories, tags, draft, problem, "
                "folded, path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, row.key),
            ).lastrowid
        elif stored[1:] == (row.mtime_ns, row.size):
            return  # this version, stored by another indexer of the folder meanwhile
        else:
            rowid = stored[0]
            self.db.execute(
                "UPDATE files SET mtime_ns = ?, size = ?, title = ?, date = ?, date_iso = ?, "
                "categories = ?, tags = ?, draft = ?, problem = ?, folded = ? WHERE id = ?",
                (*values, rowid),
            )
        self.db.execute("DELETE FROM initials WHERE id = ?", (rowid,))
        if row.initials:
            self.db.execute(
                "INSERT INTO initials (id, date_iso, title, text) VALUES (?, ?, ?, ?)",
                (rowid, row.date_iso, initials(row.title.casefold(), _INITIAL_NAMES), row.initials),
            )
        if row.problem:
            self.db.execute("DELETE FROM posts WHERE rowid = ?", (rowid,))
        else:
            self.db.execute(
                "INSERT OR REPLACE INTO posts (rowid, title, body, labels) VALUES (?, ?, ?, ?)",
                (rowid, row.title, row.body, row.labels),
            )

    def posts(self) -> list[PostSummary]:
        """Every indexed post, for the post list (in no particular order)."""
        try:
            return self._posts()
        except sqlite3.DatabaseError as error:
            self._start_again(error)
            self._update(None, None)
            return self._posts()

    def _posts(self) -> list[PostSummary]:
        def words(joined: str) -> tuple[str, ...]:
            return tuple(joined.split(_LIST_SEPARATOR)) if joined else ()

        return [
            PostSummary(
                Path(os.fsdecode(path)),
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

    def search(self, query: str, limit: int | None = 50, composing: str = "") -> tuple[int, list[SearchHit]]:
        """Posts whose title, text, categories or tags contain `query` (case-insensitive): (how
        many, the first `limit`). A bare initial consonant stands for the syllables beginning
        with it, and `composing` (a syllable an input method is composing) for what it can
        become, as in a post's search."""
        # A space typed before the syllable being composed is part of the query.
        query = unicodedata.normalize("NFC", query.lstrip() if composing else query.strip())
        korean = korean_query(query.casefold(), unicodedata.normalize("NFC", composing))
        if not query and korean is None:
            return 0, []
        try:
            return self._search(query, limit, korean)
        except sqlite3.DatabaseError as error:
            self._start_again(error)
            self._update(None, None)
            return self._search(query, limit, korean)

    def _search(
        self, query: str, limit: int | None, korean: KoreanQuery | None
    ) -> tuple[int, list[SearchHit]]:
        if korean is not None:
            count, rows = self._search_korean(korean, limit)
        elif len(query) >= 3:
            match = '"' + query.replace('"', '""') + '"'
            count = self.db.execute("SELECT count(*) FROM posts WHERE posts MATCH ?", (match,)).fetchone()[0]
            rows = self.db.execute(
                "SELECT f.path, f.title, f.date, snippet(posts, -1, ?, ?, '…', 40) FROM posts "
                "JOIN files f ON f.id = posts.rowid WHERE posts MATCH ? "
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
                "SELECT id, count(*) OVER () FROM files WHERE instr(folded, ?) > 0 "
                "ORDER BY instr(lower(title), ?) > 0 DESC, date_iso DESC LIMIT ?",
                (folded, folded, -1 if limit is None else max(limit, 1)),  # a row, to carry the count
            ).fetchall()
            count = found[0][1] if found else 0
            rows = self._hits_of([rowid for rowid, _ in found[:limit]], re.compile(re.escape(folded)))
        return count, [SearchHit(Path(os.fsdecode(p)), t, d, " ".join(s.split())) for p, t, d, s in rows]

    def _search_korean(self, korean: KoreanQuery, limit: int | None) -> tuple[int, list[Any]]:
        """Initial consonants, or a syllable being composed: a scan of the stored initials finds
        the posts that may match (exactly those when the query holds no syllable), and GLOB on
        the folded text, a class for each set of syllables, keeps those that do. Such a query
        matches Hangul only: posts without any are not in that table."""
        options = korean.alternatives()
        wheres, arguments, prefixes = [], [], []
        exact = True
        for option in options:
            prefixes.append(initials("".join(c.initial or c.literal for c in option), _INITIAL_NAMES))
            arguments.append(prefixes[-1])
            where = "instr(i.text, ?) > 0"
            if not all(c.whole_initial or not has_hangul(c.literal) for c in option):
                where += " AND f.folded GLOB ?"
                arguments.append(_glob(option))
                exact = False
            wheres.append(f"({where})")
        tables = "initials i" if exact else "initials i JOIN files f ON f.id = i.id"
        # Every match, whether the initials are in its title, and its date: one pass, and the
        # first few in order here (a count with rows in order in SQL took twice as long).
        in_title = " OR ".join(["instr(i.title, ?) > 0"] * len(options))
        found = self.db.execute(
            f"SELECT i.id, {in_title}, i.date_iso FROM {tables} WHERE {' OR '.join(wheres)}",
            (*prefixes, *arguments),
        ).fetchall()
        found.sort(key=lambda row: (row[1], row[2] or ""), reverse=True)  # title first, newest first
        pattern = "|".join("".join(c.pattern or re.escape(c.literal) for c in option) for option in options)
        return len(found), self._hits_of([row[0] for row in found[:limit]], re.compile(pattern))

    def _hits_of(self, ids: list[int], pattern: re.Pattern[str]) -> list[Any]:
        """The rows of these posts, with a snippet around `pattern` (found in the folded text)."""
        # The text itself is kept once, in the text index (a row per post that can be shown).
        listed = ",".join(map(str, ids))
        details = {
            row[0]: row[1:]
            for row in self.db.execute(f"SELECT id, path, title, date FROM files WHERE id IN ({listed})")
        }
        bodies = dict(self.db.execute(f"SELECT rowid, body FROM posts WHERE rowid IN ({listed})").fetchall())
        return [
            (
                *details[rowid],
                _snippet(bodies.get(rowid, ""), pattern.search(bodies.get(rowid, "").casefold())),
            )
            for rowid in ids
        ]


@dataclass(frozen=True)
class _Row:
    """One file as read for the index."""

    key: bytes  # the path as the file system spells it (not every name is UTF-8)
    mtime_ns: int
    size: int
    title: str
    date: str = ""
    date_iso: str | None = None
    categories: str = ""
    tags: str = ""
    draft: bool = False
    #: Why it cannot be shown, or "".
    problem: str = ""
    body: str = ""
    folded: str = ""
    labels: str = ""
    #: `folded` with each syllable replaced by its initial consonant; "" when it has no Hangul.
    initials: str = ""

    def shown(self) -> _Row:
        """With text that cannot be stored (halves of UTF-16 pairs, from a name that is not
        UTF-8) shown as U+FFFD, as a file manager shows such a name."""
        changes: dict[str, Any] = {
            field.name: _LONE_SURROGATE.sub("\ufffd", value)
            for field in dataclasses.fields(self)
            if isinstance(value := getattr(self, field.name), str)
        }
        return dataclasses.replace(self, **changes)


def _file_version(index_file: Path) -> tuple[str, int, int, int]:
    info = index_file.stat()
    return str(index_file), info.st_ino, info.st_mtime_ns, info.st_size


def _stat(path: Path) -> os.stat_result | None:
    """What `path` leads to; for a link that leads nowhere, the link itself; None once gone."""
    try:
        return path.stat()
    except OSError:
        try:
            return path.lstat()
        except OSError:
            return None


def _read(path: Path, info: os.stat_result) -> _Row | None:
    """The row of the file at `path` (None if it was deleted while being read). Only regular
    files are opened: a named pipe would block the reader, a device never end."""
    title = path.name
    if not stat.S_ISREG(info.st_mode):
        return _Row(os.fsencode(path), info.st_mtime_ns, info.st_size, title,
                    draft=_in_drafts(path), problem=f"{path}: {_not_a_file(path, info)}")  # fmt: skip
    try:
        post = load_post(path)
    except PostError as exc:
        if not os.path.lexists(path):
            return None  # deleted while we read it
        # Listed by its file name with the reason, so it is not silently missing.
        return _Row(os.fsencode(path), info.st_mtime_ns, info.st_size, title,
                    draft=_in_drafts(path), problem=str(exc))  # fmt: skip
    meta = post.metadata
    body = searchable_text(post.body)
    labels = " ".join((*meta.categories, *meta.tags))  # found by search too
    folded = f"{meta.title}\n{body}\n{labels}".casefold()
    return _Row(
        os.fsencode(path),
        info.st_mtime_ns,
        info.st_size,
        meta.title,
        meta.date_text,
        meta.date.isoformat() if meta.date else None,
        _LIST_SEPARATOR.join(meta.categories),
        _LIST_SEPARATOR.join(meta.tags),
        # Not on the built site: in _drafts, or `published: false`.
        _in_drafts(path) or meta.extra.get("published") is False,
        "",
        body,
        folded,
        labels,
        initials(folded, _INITIAL_NAMES) if has_hangul(folded) else "",
    )


def _not_a_file(path: Path, info: os.stat_result) -> str:
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        try:
            path.stat()
        except OSError as exc:
            return f"is a link that cannot be followed ({exc.strerror or exc})"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    return "is not a regular file"


@contextlib.contextmanager
def _writing(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taking the lock at once (BEGIN IMMEDIATE): what is read inside
    is still true when it is written."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _create_schema(db: sqlite3.Connection) -> None:
    db.execute(
        "CREATE TABLE files (id INTEGER PRIMARY KEY, path BLOB NOT NULL UNIQUE, mtime_ns INTEGER, "
        "size INTEGER, title TEXT, date TEXT, date_iso TEXT, categories TEXT, tags TEXT, "
        "draft INTEGER, problem TEXT, "
        "folded TEXT)"  # title, body and labels case-folded, for short queries
    )
    # One row per post that can be shown, its rowid its files row's id: a post stored again
    # replaces its row, so two indexers at once cannot leave a post in twice.
    db.execute("CREATE VIRTUAL TABLE posts USING fts5(title, body, labels, tokenize='trigram')")
    # `folded` with each syllable's initial consonant for it, for 초성 queries; only posts with
    # Hangul, which alone such queries can match. A table of its own: in `files` it would make
    # most rows longer than a page, and every scan of `folded` slower.
    # Its own date and title initials order results without reading `files`.
    db.execute(
        "CREATE TABLE initials (id INTEGER PRIMARY KEY, date_iso TEXT, title TEXT, text TEXT NOT NULL)"
    )
    # Rank by BM25 with a match in the title counting most, then in categories and tags.
    db.execute(
        f"INSERT INTO posts (posts, rank) VALUES ('rank', 'bm25({_TITLE_WEIGHT}, 1, {_LABEL_WEIGHT})')"
    )
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _in_drafts(path: Path) -> bool:
    return "_drafts" in path.parts


def _snippet(body: str, match: re.Match[str] | None) -> str:
    """About 40 characters of `body` either side of `match` (found in its case-folded text),
    marked; '…' where cut."""
    if match is None:  # the match is in the title, categories or tags
        return body[:80] + ("…" if len(body) > 80 else "")
    where, stop = match.start(), match.end()
    start, end = max(0, where - 40), stop + 40
    marked = f"{body[start:where]}{MATCH_START}{body[where:stop]}{MATCH_END}{body[stop:end]}"
    return ("…" if start else "") + marked + ("…" if end < len(body) else "")


def _glob(chars: tuple[CharSet, ...]) -> str:
    """A GLOB pattern finding `chars` anywhere: their classes as they are, the characters GLOB
    reads as wildcards written as a class of one."""
    inner = "".join(c.pattern or (f"[{c.literal}]" if c.literal in "*?[" else c.literal) for c in chars)
    return f"*{inner}*"

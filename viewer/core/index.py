"""The library index: every post of a folder in SQLite FTS5, kept current by modification time.

The trigram tokenizer finds Korean substrings; queries shorter than three characters cannot use
trigrams and fall back to a scan of the stored text. Initial-consonant (초성) queries scan a stored
copy of the text with every syllable replaced by its initial consonant. Beside each post the
index keeps its rendered text block by block with the outline path of each block
(search.packed_blocks), so that a search answers where in each post its query is from SQLite
alone, whatever the kind of query (the same `Matcher` finds the block).

Rendering costs ten times what reading does, so the index is built in two passes: `update()`
stores what the list and search need (a few new or changed posts rendered as well), and
`store_outlines()` renders the rest for their blocks, newest first, many with a pool of
processes, one per core. Search answers meanwhile, with exact counts; a hit whose post is not
rendered yet has no outline path (`SearchHit.outline_pending`), unless the search renders it.
The index lives in the user's cache folder and is only ever rebuilt, never trusted when broken:
the user's files are only read.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import multiprocessing
import os
import re
import sqlite3
import stat
import threading
import time
import unicodedata
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import wait as futures_wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from viewer.core import user_folders
from viewer.core.document import Post, PostError, load_post
from viewer.core.hangul import CharSet, KoreanQuery, has_hangul, initials, korean_query
from viewer.core.library import PostSummary, scan_folder
from viewer.core.search import Matcher, outline_path_in, packed_blocks

SCHEMA_VERSION = 10
_LIST_SEPARATOR = "\x1f"  # between categories and between tags
#: Around the matched text in `SearchHit.snippet`.
MATCH_START, MATCH_END = "\x02", "\x03"
LOCK_WAIT_S = 5
MMAP_BYTES = 256 * 1024 * 1024
#: A short query found in at least one post in this many is ordered by walking the posts newest
#: first; a rarer one by sorting what a scan found.
DENSE_SHARE = 10
#: Posts read before they are written, in one short write: by count, and by text held.
BATCH_POSTS, BATCH_CHARS = 200, 16_000_000
#: An update reading at least this many posts leaves their rendering to `store_outlines()`
#: (a real post renders in ~20 ms, and is read in ~2): the list waits for no render.
RENDER_LATER_FROM = 30
#: Rendering at least this many posts, the index uses a process per core (up to MAX_PROCESSES).
POOL_FROM_POSTS, MAX_PROCESSES = 300, 4
#: Posts each process renders at a time.
POOL_CHUNK = 50
#: How much lower the priority of the processes rendering in the background is.
BACKGROUND_NICENESS = 10
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
_Item = TypeVar("_Item")
_Result = TypeVar("_Result")
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
    #: The outline labels above the first place in the post's text where the query is, from
    #: the top of the tree down; () when it is only in the title, categories or tags.
    outline_path: tuple[str, ...] = ()
    #: The post is not rendered for the index yet (see `LibraryIndex.store_outlines`): its
    #: outline path is not known.
    outline_pending: bool = False


@dataclass(frozen=True)
class IndexUpdate:
    added: int
    changed: int
    removed: int
    unchanged: int
    #: The folders posts may appear in (to watch for new ones).
    folders: tuple[Path, ...] = ()


#: What a damaged index raises. SQLite says out of memory for some damage too: a size read
#: from a garbled page is too large to allocate (found by the damage tests, 1 run in ~20).
DAMAGE = (sqlite3.DatabaseError, MemoryError)

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
        shown, indexed, stray = db.execute(
            "SELECT (SELECT count(*) FROM files WHERE problem = ''), (SELECT count(*) FROM posts), "
            "(SELECT count(*) FROM outlines o WHERE NOT EXISTS "
            " (SELECT 1 FROM files f WHERE f.id = o.id AND f.problem = ''))"
        ).fetchone()
        if shown != indexed or stray:
            return False  # a post in twice, missing from the text index, or blocks of no post
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

    @property
    def in_memory(self) -> bool:
        """Whether this index is kept in memory for the session (see the class)."""
        return not self.db.execute("PRAGMA database_list").fetchone()[2]

    def close(self) -> None:
        self.db.close()

    def _start_again(self, error: sqlite3.Error | MemoryError) -> None:
        """After `error`: a damaged index is built again on disk; one that cannot be written
        (locked by another program for too long, a full disk) in memory, this time."""
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        if isinstance(error, sqlite3.OperationalError):
            self.db = self._in_memory()
        else:
            self.db = self._create_again()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """One write transaction (see `_writing`). A file found sound stays so for this session
        when only this connection changed it: searches made while the folder is being indexed
        open it without reading it all again."""
        with _writing(self.db):
            try:  # with the lock: no other writer changes the file meanwhile
                sound = _file_version(self.index_file) in _CHECKED
            except OSError:
                sound = False
            yield
        if sound:
            with contextlib.suppress(OSError):
                _CHECKED.add(_file_version(self.index_file))

    def update(
        self, progress: Callable[[int, int], None] | None = None, stop: threading.Event | None = None
    ) -> IndexUpdate:
        """Add new posts, re-read changed ones (modification time or size), drop deleted ones.
        Work done is committed as it goes, so a `stop` half way keeps what was read. Posts read
        are rendered for their outline blocks only when they are few (RENDER_LATER_FROM): the
        others wait for `store_outlines()`."""
        try:
            return self._update(progress, stop)
        except DAMAGE as error:  # OperationalError too
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
        render = len(to_read) < RENDER_LATER_FROM
        for number, (path, info) in enumerate(to_read, 1):
            if stop is not None and stop.is_set():
                store_batch()  # keep what was read
                return IndexUpdate(added, changed, 0, unchanged, tuple(folders))
            row = _read(path, info, render)
            if row is not None:
                batch.append(row)
                batch_chars += len(row.body)
            if len(batch) >= BATCH_POSTS or batch_chars >= BATCH_CHARS or number == len(to_read):
                store_batch()
                if progress is not None:
                    progress(number, len(to_read))
        removed = [key for key in known if key not in seen]
        if removed:
            with self._writing():
                for key in removed:
                    for (rowid,) in self.db.execute("SELECT id FROM files WHERE path = ?", (key,)).fetchall():
                        self.db.execute("DELETE FROM posts WHERE rowid = ?", (rowid,))
                        self.db.execute("DELETE FROM outlines WHERE id = ?", (rowid,))
                        self.db.execute("DELETE FROM initials WHERE id = ?", (rowid,))
                        self.db.execute("DELETE FROM files WHERE id = ?", (rowid,))
        return IndexUpdate(added, changed, len(removed), unchanged, tuple(folders))

    def _store(self, rows: list[_Row]) -> None:
        """Store one batch of read posts in one write. What another indexer stored meanwhile
        is compared first, and a post stored again replaces its rows."""
        if not rows:
            return
        with self._writing():
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
            self.db.execute("DELETE FROM outlines WHERE id = ?", (rowid,))
        else:
            self.db.execute(
                "INSERT OR REPLACE INTO posts (rowid, title, body, labels) VALUES (?, ?, ?, ?)",
                (rowid, row.title, row.body, row.labels),
            )
            if row.blocks is None:  # rendered later (store_outlines): the old blocks are wrong
                self.db.execute("DELETE FROM outlines WHERE id = ?", (rowid,))
            else:
                self.db.execute(
                    "INSERT OR REPLACE INTO outlines (id, blocks) VALUES (?, ?)", (rowid, row.blocks)
                )

    def store_outlines(
        self,
        progress: Callable[[int, int], None] | None = None,
        stop: threading.Event | None = None,
        background: bool = False,
    ) -> int:
        """Render the posts `update()` left unrendered and store their outline blocks: newest
        first (the order short queries list them in), many with a pool of processes (at a lower
        priority when in the `background`), committed a batch at a time, so that a `stop` keeps
        what was done and searches find paths as they are stored. A post changed since it was
        read is left to the next update. Returns how many posts were stored. A failure of the
        index stops the work: the update and searches that find it repair it."""
        stored = 0
        try:
            pending = self.db.execute(
                "SELECT id, path, mtime_ns, size FROM files f WHERE problem = '' AND NOT EXISTS "
                "(SELECT 1 FROM outlines o WHERE o.id = f.id) ORDER BY date_iso DESC"
            ).fetchall()
            batch: list[_Outline] = []
            rendered = _in_pool(_outlines_of, pending, stop, background)
            for number, outline in enumerate(rendered, 1):
                if outline is not None:
                    batch.append(outline)
                if (
                    len(batch) >= BATCH_POSTS
                    or number == len(pending)
                    or (stop is not None and stop.is_set())
                ):
                    stored += self._store_outlines(batch)
                    batch.clear()
                    if progress is not None:
                        progress(number, len(pending))
                    if stop is not None and stop.is_set():
                        rendered.close()
                        break
        except sqlite3.Error:
            pass
        return stored

    def _store_outlines(self, outlines: list[_Outline]) -> int:
        """Each post's blocks, if the post is still the version rendered."""
        if not outlines:
            return 0
        stored = 0
        with self._writing():
            for rowid, key, mtime_ns, size, blocks in outlines:
                stored += self.db.execute(
                    "INSERT OR REPLACE INTO outlines (id, blocks) SELECT ?, ? WHERE EXISTS (SELECT 1 "
                    "FROM files WHERE id = ? AND path = ? AND mtime_ns = ? AND size = ? AND problem = '')",
                    (rowid, blocks, rowid, key, mtime_ns, size),
                ).rowcount
        return stored

    def posts(self) -> list[PostSummary]:
        """Every indexed post, for the post list (in no particular order)."""
        try:
            return self._posts()
        except DAMAGE as error:
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

    def search(
        self, query: str, limit: int | None = 50, composing: str = "", render_missing: bool = False
    ) -> tuple[int, list[SearchHit]]:
        """Posts whose title, text, categories or tags contain `query` (case-insensitive): (how
        many, the first `limit`). A bare initial consonant stands for the syllables beginning
        with it, and `composing` (a syllable an input method is composing) for what it can
        become, as in a post's search. A hit whose post `store_outlines()` has not rendered yet
        has its outline path found by rendering the post with `render_missing`; else none."""
        # A space typed before the syllable being composed is part of the query.
        query = unicodedata.normalize("NFC", query.lstrip() if composing else query.strip())
        korean = korean_query(query.casefold(), unicodedata.normalize("NFC", composing))
        if not query and korean is None:
            return 0, []
        try:
            return self._search(query, limit, korean, Matcher(query, composing=composing), render_missing)
        except DAMAGE as error:
            self._start_again(error)
            self._update(None, None)
            return self._search(query, limit, korean, Matcher(query, composing=composing), render_missing)

    def _search(
        self,
        query: str,
        limit: int | None,
        korean: KoreanQuery | None,
        matcher: Matcher,
        render_missing: bool,
    ) -> tuple[int, list[SearchHit]]:
        # Searches shorter than a trigram read all the text: mapped, it is read without a copy
        # per page (about twice as fast on 10,000 posts). Only for searching: the pages read
        # stay counted in the window's memory while the index is open.
        self.db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        if korean is not None:
            count, rows = self._search_korean(korean, limit)
        elif len(query) >= 3:
            match = '"' + query.replace('"', '""') + '"'
            count = self.db.execute("SELECT count(*) FROM posts WHERE posts MATCH ?", (match,)).fetchone()[0]
            ranked = self.db.execute(
                "SELECT rowid FROM posts WHERE posts MATCH ? ORDER BY rank LIMIT ?",
                (match, -1 if limit is None else limit),
            ).fetchall()
            # Our own snippets: SQLite's count trigrams, and cut a match off at their end.
            rows = self._hits_of([rowid for (rowid,) in ranked], re.compile(re.escape(query.casefold())))
        else:
            # Shorter than a trigram: SQLite scans the stored case-folded text.
            folded = query.casefold()
            scan = self.db.execute("SELECT id FROM files WHERE instr(folded, ?) > 0", (folded,))
            having = [rowid for (rowid,) in scan]
            count = len(having)
            rows = self._hits_of(self._newest_first(folded, having, limit), re.compile(re.escape(folded)))
        paths = self._outline_paths([row[0] for row in rows], matcher, render_missing)
        hits = [
            SearchHit(
                Path(os.fsdecode(p)), t, d, " ".join(s.split()), paths.get(rowid, ()), rowid not in paths
            )
            for rowid, p, t, d, s in rows
        ]
        return count, hits

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
                rowid,
                *details[rowid],
                _snippet(bodies.get(rowid, ""), pattern.search(bodies.get(rowid, "").casefold())),
            )
            for rowid in ids
        ]

    def _newest_first(self, folded: str, having: list[int], limit: int | None) -> list[int]:
        """The first `limit` of the posts `having` the folded query in their text (no rank
        without trigrams): those with it in the title first (SQLite's lower() folds ASCII only;
        it only orders), then the newest."""
        wanted = len(having) if limit is None else min(limit, len(having))
        if not wanted:
            return []
        titled = "instr(lower(title), ?) > 0"
        if len(having) * DENSE_SHARE < self.db.execute("SELECT count(*) FROM files").fetchone()[0]:
            # Few posts have it: those ordered.
            ids = ",".join(map(str, having))
            rows = self.db.execute(
                f"SELECT id FROM files WHERE id IN ({ids}) ORDER BY {titled} DESC, date_iso DESC LIMIT ?",
                (folded, wanted),
            )
            return [rowid for (rowid,) in rows]
        # Most posts have it: walked newest first (an index), the first few posts found will do.
        found: list[int] = []
        for condition in (titled, f"NOT {titled}"):
            rows = self.db.execute(
                f"SELECT id FROM files WHERE {condition} AND instr(folded, ?) > 0 "
                "ORDER BY date_iso DESC LIMIT ?",
                (folded, folded, wanted - len(found)),
            )
            found += [rowid for (rowid,) in rows]
            if len(found) >= wanted:
                break
        return found

    def _outline_paths(
        self, rowids: list[int], matcher: Matcher, render_missing: bool
    ) -> dict[int, tuple[str, ...]]:
        """Where in each of these posts `matcher` first finds the query: the outline path of its
        block (the same matcher as a post's search: 초성 and a composing syllable too). Posts not
        rendered yet are left out, or rendered now with `render_missing`."""
        if not rowids:
            return {}
        ids = ",".join(str(rowid) for rowid in rowids)
        paths = {
            rowid: outline_path_in(blocks, matcher)
            for rowid, blocks in self.db.execute(f"SELECT id, blocks FROM outlines WHERE id IN ({ids})")
        }
        if render_missing and len(paths) < len(rowids):
            missing = ",".join(str(rowid) for rowid in rowids if rowid not in paths)
            for rowid, key in self.db.execute(
                f"SELECT id, path FROM files WHERE id IN ({missing})"
            ).fetchall():
                try:
                    paths[rowid] = outline_path_in(_blocks(load_post(Path(os.fsdecode(key)))), matcher)
                except PostError:
                    paths[rowid] = ()  # gone or unreadable since it was read: the next update says
        return paths


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
    #: The rendered text block by block with outline paths (search.packed_blocks); None when
    #: left for `store_outlines()`.
    blocks: bytes | None = None

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


def _read(path: Path, info: os.stat_result, render: bool) -> _Row | None:
    """The row of the file at `path` (None if it was deleted while being read), with its
    outline blocks if it is to `render`. Only regular files are opened: a named pipe would
    block the reader, a device never end."""
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
        _blocks(post) if render else None,
    )


def _blocks(post: Post) -> bytes:
    """The post's outline blocks (search.packed_blocks); none when it fails to render."""
    from viewer.core.render import render_post  # here: the window imports this module early

    try:
        return packed_blocks(render_post(post))
    except Exception:  # a bug rendering one post must not stop the index: its hits have no path
        return b""


#: (files row id, path, modification time, size, outline blocks) of a post rendered.
_Outline = tuple[int, bytes, int, int, bytes]


def _outlines_of(pending: list[tuple[int, bytes, int, int]]) -> list[_Outline | None]:
    """The outline blocks of these posts (files row id, path, modification time, size), each if
    the file is still the version the index read (else None: the next update reads it again).
    Runs in a pool process, or here."""
    outlines: list[_Outline | None] = []
    for rowid, key, mtime_ns, size in pending:
        path = Path(os.fsdecode(key))
        info = _stat(path)
        post = None
        if info is not None and (info.st_mtime_ns, info.st_size) == (mtime_ns, size):
            with contextlib.suppress(PostError):  # unreadable now: the next update says why
                post = load_post(path)
        outlines.append(None if post is None else (rowid, key, mtime_ns, size, _blocks(post)))
    return outlines


def _in_pool(
    work: Callable[[list[_Item]], list[_Result]],
    items: list[_Item],
    stop: threading.Event | None,
    background: bool = False,
) -> Generator[_Result, None, None]:
    """`work` done on `items`, its results in order: many items by a pool of processes, one per
    core, `POOL_CHUNK` at a time (at a lower priority in the `background`); few here."""
    processes = min(os.cpu_count() or 1, MAX_PROCESSES)
    if len(items) < POOL_FROM_POSTS or processes < 2:
        for item in items:
            yield from work([item])
        return
    chunks = [items[start : start + POOL_CHUNK] for start in range(0, len(items), POOL_CHUNK)]
    done = 0
    try:
        # Started afresh, not forked: the window's threads (and Qt) must not be copied.
        context = multiprocessing.get_context("spawn")
        started = (os.getpid(), BACKGROUND_NICENESS if background else 0)
        with ProcessPoolExecutor(processes, context, initializer=_start_worker, initargs=started) as pool:
            try:
                for future in [pool.submit(work, chunk) for chunk in chunks]:
                    while not _wait_for(future):  # a piece may take seconds: a stop does not wait
                        if stop is not None and stop.is_set():
                            return
                    yield from future.result()
                    done += 1
                    if stop is not None and stop.is_set():
                        return
            finally:
                if done < len(chunks):  # stopped (or the results no longer wanted): not waited for
                    _end_workers(pool)
                pool.shutdown(wait=True, cancel_futures=True)
    except (BrokenProcessPool, OSError):
        # No processes here (a program that imports its main module again without the
        # `if __name__ == "__main__"` guard, no more processes allowed): the rest here.
        for chunk in chunks[done:]:
            yield from work(chunk)


def _wait_for(future: Future[Any], seconds: float = 0.1) -> bool:
    """Whether `future` is done, waiting at most `seconds` for it."""
    return not futures_wait([future], timeout=seconds).not_done


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool's processes now: the pieces they render (and those queued to them, which a
    shutdown cannot cancel) would hold a closing window for seconds."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14
    if terminate is not None:
        terminate()
        return
    processes = getattr(pool, "_processes", None) or {}  # before 3.14: pid → Process
    for process in list(processes.values()):
        process.terminate()


def _start_worker(parent: int, niceness: int) -> None:
    """Runs first in each pool process: it ends with the process that started it (a killed
    `note-viewer index` left its workers rendering on for good), a Ctrl+C in the terminal
    interrupts that one alone (which ends the pool), and it runs `niceness` lower."""
    import signal

    from viewer.core.processes import end_with

    end_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if niceness and hasattr(os, "nice"):  # not on Windows: the processes run as they are
        with contextlib.suppress(OSError):
            os.nice(niceness)


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
    # Beside each post of the text index, its blocks with their outline paths (search.packed_blocks).
    db.execute("CREATE TABLE outlines (id INTEGER PRIMARY KEY, blocks BLOB NOT NULL)")
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
    # Short queries list the newest posts first: found by walking this (see _newest_first).
    db.execute("CREATE INDEX files_by_date ON files (date_iso)")
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

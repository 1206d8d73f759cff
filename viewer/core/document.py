"""Bytes on disk → a `Post`: decoding, front matter and Jekyll's rules for dates, titles and categories."""

from __future__ import annotations

import codecs
import datetime as dt
import math
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from viewer.core import POST_SUFFIXES
from viewer.core.site import categories_from_path, find_site

#: Posts larger than this are refused: a note of several MB is almost certainly not a note.
MAX_POST_BYTES = 8 * 1024 * 1024


# Jekyll: a post file name is YYYY-MM-DD-slug.ext, month and day may have one digit.
_FILE_NAME_DATE = re.compile(r"^(\d{2,4})-(\d{1,2})-(\d{1,2})-(.+)$")
# Jekyll's front matter, YAML_FRONT_MATTER_REGEXP = %r!\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)!m,
# in two steps: that one expression takes time in the square of the length on a '---' line
# followed by a long run of blank lines. Ruby's \s is ASCII white space (not Python's Unicode
# one), and the closing line takes the blank lines after it along.
_FRONT_MATTER_OPEN = re.compile(r"\A---[ \t\v\f\r]*\n")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t\n\v\f\r]*$\n?", re.MULTILINE)
# Control bytes that do not occur in text (TAB, LF, FF, CR and ESC do).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


class PostError(Exception):
    """A post that cannot be shown at all; the message is meant for the user."""


@dataclass(frozen=True)
class PostMetadata:
    """What the post's front matter says (and its file name, for the date)."""

    title: str
    date: dt.datetime | None = None
    #: The date as written in the front matter (time zone included), or taken from the file name.
    date_text: str = ""
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    layout: str = ""
    #: Every other front matter key, as YAML gave it.
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Post:
    """A post file as read: its front matter and its Markdown body."""

    path: Path
    #: The whole file, decoded, with '\n' line ends and NFC Unicode.
    source: str
    metadata: PostMetadata
    body: str
    #: 1-based line of `source` where `body` starts.
    body_line: int
    encoding: str
    warnings: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return self.metadata.title


def load_post(path: str | Path) -> Post:
    """Read a post from disk. Raises `PostError` with a user-facing message when it cannot be shown."""
    path = Path(path)
    data = _read_bytes(path)
    try:
        text, encoding, warnings = decode_text(data)
    except PostError as exc:
        raise PostError(f"{path}: {exc}") from None
    site = find_site(path)
    if site is not None:  # a post is shown with its site's settings, or told why not
        warnings += site.warnings
    return parse_post(path, text, encoding, warnings)


def parse_post(path: Path, text: str, encoding: str = "utf-8", warnings: list[str] | None = None) -> Post:
    """Split already-decoded text into front matter and body and apply Jekyll's metadata rules."""
    warnings = list(warnings or [])
    text = normalize_text(text)
    front, body, body_line, problem = split_front_matter(text)
    if problem:
        warnings.append(problem)
    data: dict[str, Any] = {}
    if front is not None:
        # Loaded here: a post read back from the render cache needs this module, not YAML.
        from viewer.core.safe_yaml import load_mapping

        data, problem = load_mapping(front)
        if problem:
            warnings.append(f"The front matter {problem}; it was ignored.")
    if not text.strip():
        warnings.append("The file is empty.")
    metadata = _metadata(path, data, warnings)
    return Post(path, text, metadata, body, body_line, encoding, tuple(warnings))


def normalize_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    return unicodedata.normalize("NFC", text)


def _read_bytes(path: Path) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise PostError(f"{path}: no such file") from None
    except OSError as exc:
        raise PostError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise PostError(f"{path}: is a folder, not a post")
    if not stat.S_ISREG(info.st_mode):
        raise PostError(f"{path}: is not a regular file")
    if info.st_size > MAX_POST_BYTES:
        raise PostError(
            # Rounded up: a file a byte over the limit must not read as "is 8.0 MB".
            f"{path}: is {math.ceil(info.st_size / 2**20 * 10) / 10:.1f} MB; posts larger than "
            f"{MAX_POST_BYTES // 2**20} MB are not opened"
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_POST_BYTES + 1)
    except FileNotFoundError:
        raise PostError(f"{path}: the file disappeared while it was being read") from None
    except OSError as exc:
        raise PostError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if len(data) > MAX_POST_BYTES:
        raise PostError(f"{path}: grew past {MAX_POST_BYTES // 2**20} MB while it was being read")
    return data


def decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """Decode a post's bytes: BOMs first, then UTF-8, then legacy Korean encodings.

    Returns the text, the encoding used and warnings. Raises `PostError` for binary data.
    """
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(name), name, []
            except UnicodeDecodeError:
                break
    _refuse_binary(data)
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # CP949 is a superset of EUC-KR: try it before guessing, it is what Korean Windows wrote.
    try:
        return data.decode("cp949"), "cp949", ["The file is not UTF-8; it was read as Korean CP949 (EUC-KR)."]
    except UnicodeDecodeError:
        pass
    guess = _guess_encoding(data)
    if guess:
        return (
            data.decode(guess, errors="replace"),
            guess,
            [f"The file is not UTF-8; it was read as {guess}."],
        )
    line = data.count(b"\n", 0, utf8_error.start) + 1
    return (
        data.decode("utf-8", errors="replace"),
        "utf-8",
        [f"Line {line}: the file is not valid UTF-8; unreadable bytes are shown as \ufffd."],
    )


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # only needed for the rare non-UTF-8, non-Korean file

    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def _refuse_binary(data: bytes) -> None:
    sample = data[:8192]
    if not sample:
        return
    control = sum(sample.count(b) for b in _BINARY_BYTES)
    # A stray NUL in a text file is shown; a file that is mostly control bytes is not text.
    if control > 8 and control / len(sample) > 0.02:
        raise PostError("this is a binary file, not a Markdown post")


def split_front_matter(text: str) -> tuple[str | None, str, int, str | None]:
    """Jekyll's split: returns (front matter or None, body, body's first line, problem).

    The front matter keeps its opening '---' line, as Jekyll gives it to YAML, so that YAML's
    line numbers are the file's.
    """
    opening = _FRONT_MATTER_OPEN.match(text)
    if opening is None:
        return None, text, 1, None
    closing = _FRONT_MATTER_CLOSE.search(text, opening.end())
    if closing is None:
        # Jekyll treats such a file as having no front matter at all: show everything.
        return None, text, 1, "Line 1: the front matter is opened with '---' but never closed."
    body_line = text.count("\n", 0, closing.end()) + 1
    return text[: closing.start()], text[closing.end() :], body_line, None


def _metadata(path: Path, data: dict[str, Any], warnings: list[str]) -> PostMetadata:
    stem = path.stem if path.suffix.lower() in POST_SUFFIXES else path.name
    name_match = _FILE_NAME_DATE.match(stem)
    slug = name_match.group(4) if name_match else stem

    date, date_text = None, ""
    if "date" in data and data["date"] not in (None, ""):
        date_text = str(data["date"]).strip()
        date = parse_jekyll_date(date_text)
        if date is None:
            warnings.append(f"The front matter date {date_text!r} is not a date Jekyll understands.")
    if date is None and name_match:
        year, month, day = (int(g) for g in name_match.groups()[:3])
        try:
            date = dt.datetime(year, month, day)
            date_text = date_text or f"{year:04d}-{month:02d}-{day:02d}"
        except ValueError:
            pass

    title = data.get("title")
    # A title of only white space would leave the post nameless in the window: use the slug's.
    title_text = (str(title).strip() if title is not None else "") or _titleize(slug)
    known = {"title", "date", "categories", "category", "tags", "tag", "layout"}
    return PostMetadata(
        title=unicodedata.normalize("NFC", title_text),
        date=date,
        date_text=date_text,
        categories=_word_list(list(categories_from_path(path)), data.get("categories"), data.get("category")),
        tags=_word_list(data.get("tags"), data.get("tag")),
        layout=str(data.get("layout") or ""),
        extra={key: value for key, value in data.items() if key not in known},
    )


def parse_jekyll_date(text: str) -> dt.datetime | None:
    """A front matter date as Jekyll reads it (Ruby's Time.parse): '2021-01-15 10:00:00 +0900',
    'January 5, 2021 10:00', '2021/01/05'...; the time zone kept as written. None if Jekyll
    would refuse it."""
    from viewer.core.ruby_time import parse_time  # its patterns take a while: not for a cached post

    return parse_time(text)


def _titleize(slug: str) -> str:
    """Jekyll's titleize_slug: 'install-jekyll' → 'Install Jekyll'."""
    return " ".join(word[:1].upper() + word[1:] for word in slug.split("-") if word)


def _word_list(*values: Any) -> tuple[str, ...]:
    """Jekyll's categories/tags: a list, or a string split on white space; both keys merged."""
    words: dict[str, None] = {}  # in the order first met; a list's 'in' made 20,000 tags take 6 s
    for value in values:
        if value is None:
            continue
        items = value.split() if isinstance(value, str) else value if isinstance(value, list) else [value]
        for item in items:
            word = unicodedata.normalize("NFC", str(item).strip())
            if word:
                words.setdefault(word)
    return tuple(words)

"""Finding text in a post: one matcher for the window, the command line and the link list.

Matching is NFC on both sides and, unless 'match case' is on, Unicode case folding (so 'STRASSE'
finds 'Straße'). A one-syllable Korean query is just a short string; a bare initial consonant
stands for every syllable that begins with it (ㅋㄹㅇㄷ finds 클라우드), and the syllable an input
method is still composing for whatever it can become (see `viewer.core.hangul`).
Typographic quotes and dashes, which Jekyll makes of ' " -- ---, match the ASCII ones typed.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from viewer.core.hangul import CharSet, korean_query
from viewer.core.outline import OutlineNode, walk

if TYPE_CHECKING:
    from viewer.core.render import RenderedPost

_BLOCKS = frozenset(
    ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "td", "th", "dt", "dd", "blockquote", "div",
     "figure", "table", "tr", "ul", "ol", "hr", "br"]
)  # fmt: skip
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_SINGLE_QUOTES, _DOUBLE_QUOTES, _DASHES = "'‘’‚‛", '"“”„‟', "-–—"
#: A typed quote or hyphen finds its typographic forms too (each one character, so offsets hold).
_LIKE = {"'": f"[{_SINGLE_QUOTES}]", '"': f"[{_DOUBLE_QUOTES}]", "-": f"[{_DASHES}]"}
_PLAIN_PUNCTUATION = str.maketrans(
    dict.fromkeys(_SINGLE_QUOTES, "'") | dict.fromkeys(_DOUBLE_QUOTES, '"') | dict.fromkeys(_DASHES, "-")
)


class SearchError(ValueError):
    """A query that cannot be searched for (an invalid regular expression); the message says why."""


@dataclass(frozen=True)
class SearchOptions:
    match_case: bool = False
    whole_word: bool = False
    regex: bool = False


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class Matcher:
    """A compiled query. `find_all(text)` gives match spans in the original text's offsets.

    `composing` is the text an input method has not committed yet (a Korean syllable being
    typed): it is matched as the start of what it can still become. A regular expression
    ignores it, as it reads bare initial consonants as themselves."""

    def __init__(self, query: str, options: SearchOptions = SearchOptions(), composing: str = "") -> None:
        self.query = unicodedata.normalize("NFC", query).translate(_PLAIN_PUNCTUATION)
        self.options = options
        # Case folding can change a string's length ('ß' → 'ss'): plain queries are matched on
        # folded text with an offset map; regular expressions use re.IGNORECASE instead.
        self._fold = not options.match_case and not options.regex
        pattern = self.query.casefold() if self._fold else self.query
        korean = None if options.regex else korean_query(pattern, unicodedata.normalize("NFC", composing))
        self.composing = composing if korean is not None and korean.tails else ""
        if korean is not None:
            # One character set per character of the text: offsets hold.
            pattern = "|".join(_regex_of(body) for body in korean.bodies)
            if len(korean.bodies) > 1:
                pattern = f"(?:{pattern})"
            if korean.tails:
                pattern += "(?:" + "|".join(_regex_of(tail) for tail in korean.tails) + ")"
        elif not options.regex:
            pattern = "".join(_LIKE.get(char) or re.escape(char) for char in pattern)
        if options.whole_word:
            pattern = rf"(?<!\w)(?:{pattern})(?!\w)"
        flags = 0 if options.match_case or self._fold else re.IGNORECASE
        try:
            self._regex = re.compile(pattern, flags)
        except re.error as exc:
            raise SearchError(f"Invalid regular expression: {exc}") from None

    def _prepare(self, text: str) -> str:
        text = unicodedata.normalize("NFC", text)
        # A regular expression sees typographic quotes and dashes as the ASCII ones (plain
        # queries match them with character classes, which is faster than translating).
        return text.translate(_PLAIN_PUNCTUATION) if self.options.regex else text

    @property
    def is_empty(self) -> bool:
        return not self.query and not self.composing

    def find_all(self, text: str) -> list[Span]:
        if self.is_empty:
            return []
        text = self._prepare(text)
        if not self._fold:
            return [Span(m.start(), m.end()) for m in self._regex.finditer(text) if m.end() > m.start()]
        folded = text.casefold()
        if len(folded) == len(text):  # every character folded to one: offsets are unchanged
            return [Span(m.start(), m.end()) for m in self._regex.finditer(folded) if m.end() > m.start()]
        folded, origin = _fold_with_offsets(text)
        spans = []
        for match in self._regex.finditer(folded):
            if match.end() > match.start():
                spans.append(Span(origin[match.start()], origin[match.end() - 1] + 1))
        return spans

    def matching(self, texts: JoinedTexts) -> set[int]:
        """The numbers of the texts that match: one pass over them all (a tree of thousands of
        outline nodes answers a keystroke in a few milliseconds)."""
        if self.is_empty:
            return set()
        if self.options.regex:  # a pattern might reach across texts: ask each
            return {number for number, text in enumerate(texts.texts) if self.matches(text)}
        joined, starts = texts.joined(folded=self._fold)
        return {
            bisect.bisect_right(starts, match.start()) - 1
            for match in self._regex.finditer(joined)
            if match.end() > match.start()
        }

    def matches(self, text: str) -> bool:
        if self.is_empty:
            return False
        text = self._prepare(text)
        return any(m.end() > m.start() for m in self._regex.finditer(text.casefold() if self._fold else text))


def _regex_of(chars: tuple[CharSet, ...]) -> str:
    return "".join(char.pattern or _LIKE.get(char.literal) or re.escape(char.literal) for char in chars)


class JoinedTexts:
    """Many short texts (an outline's nodes) joined once, to be searched in one pass."""

    def __init__(self, texts: list[str]) -> None:
        # NUL parts them: no query matches it, and it is not a word character.
        self.texts = [unicodedata.normalize("NFC", text).replace("\x00", "\ufffd") for text in texts]
        self._joined: dict[bool, tuple[str, list[int]]] = {}

    def joined(self, folded: bool) -> tuple[str, list[int]]:
        """The texts (case-folded or not) joined, and where each starts."""
        if folded not in self._joined:
            parts = [text.casefold() for text in self.texts] if folded else self.texts
            starts, position = [], 0
            for part in parts:
                starts.append(position)
                position += len(part) + 1
            self._joined[folded] = ("\x00".join(parts), starts)
        return self._joined[folded]


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    parts: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = char.casefold()
        parts.append(folded)
        origin.extend([index] * len(folded))
    return "".join(parts), origin


@dataclass(frozen=True)
class TextBlock:
    """A run of text the reader sees as one block, and the outline node it belongs to."""

    text: str
    anchor: str


def text_blocks(html: str) -> list[TextBlock]:
    """The visible text of rendered post HTML, block by block, each with its nearest node id
    (the enclosing list item, else the heading above)."""
    reader = _BlockReader()
    reader.feed(html)
    reader.close()
    reader.flush()
    return reader.blocks


class _BlockReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[TextBlock] = []
        self._text: list[str] = []
        self._items: list[str] = []  # ids of the open <li> elements
        self._heading = ""
        self._skip = 0  # inside a generated table of contents
        self._open: list[str] = []

    def _anchor(self) -> str:
        return self._items[-1] if self._items else self._heading

    def flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text and not self._skip:
            self.blocks.append(TextBlock(text, self._anchor()))
        self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in _BLOCKS:
            self.flush()
        if tag in ("br", "hr", "img", "input"):
            return
        self._open.append(tag)
        if tag in ("ul", "ol") and values.get("id") == "markdown-toc":
            self._skip += 1
            self._open[-1] = "toc"
        elif tag == "li":
            self._items.append(values.get("id") or (self._items[-1] if self._items else ""))
        elif tag in _HEADINGS:
            self._heading = values.get("id") or self._heading

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.flush()
        while self._open:
            opened = self._open.pop()
            if opened == "toc":
                self._skip -= 1
            elif opened == "li" and self._items:
                self._items.pop()
            if opened == tag or (opened == "toc" and tag in ("ul", "ol")):
                break

    def handle_data(self, data: str) -> None:
        self._text.append(data)


#: What one match carries, so that the output of a search grows with the number of matches and
#: not with their number times the length of the heading they sit under (a 40 KB heading full of
#: 'a' gave 1.6 GB of JSON for the query 'a'). Each outline label is shortened, a deep path keeps
#: its top and its bottom, the matched text and its context are cut, and an id too long to be a
#: useful link is left out.
MAX_LABEL = 80
MAX_PATH_LABELS = 8
MAX_MATCH_TEXT = 200
CONTEXT = 30
MAX_ID = 200


@dataclass(frozen=True)
class PostMatch:
    """One place in a rendered post where a query occurs."""

    #: The matched text (shortened to `MAX_MATCH_TEXT` characters, '…' marking a cut).
    text: str
    #: The match with up to `CONTEXT` characters on each side.
    context: str
    #: The outline labels above the match, from the top of the tree down.
    path: tuple[str, ...]
    #: The id to scroll to; empty when there is none, or when it is longer than `MAX_ID`.
    id: str
    #: Where the match is (character offsets) in the text of its block: the paragraph, list
    #: item or heading `context` is cut from. An initial-consonant query (ㅋㄹㅇㄷ) gives the
    #: offsets and `text` of the syllables it found (클라우드).
    start: int = 0
    end: int = 0


def find_in_post(rendered: RenderedPost, matcher: Matcher) -> list[PostMatch]:
    """Every match of `matcher` in the post's rendered text, in reading order."""
    paths = _OutlinePaths(rendered.outline)
    matches = []
    for block in text_blocks(rendered.html):
        for span in matcher.find_all(block.text):
            text = block.text
            found = _shorten(text[span.start : span.end], MAX_MATCH_TEXT)
            before = text[max(0, span.start - CONTEXT) : span.start]
            after = text[span.end : span.end + CONTEXT]
            anchor = block.anchor if len(block.anchor) <= MAX_ID else ""
            context = before + found + after
            matches.append(PostMatch(found, context, paths.of(block.anchor), anchor, span.start, span.end))
    return matches


def outline_path_of_match(path: Path, query: str, composing: str = "") -> list[str]:
    """The outline labels above the first place in the post at `path` where `query` occurs
    (a library search shows it beside each result); `composing` as for `Matcher`."""
    from viewer.core.document import PostError, load_post
    from viewer.core.render import render_post

    try:
        rendered = render_post(load_post(path))
    except PostError:
        return []
    matcher = Matcher(query, composing=composing)
    for block in text_blocks(rendered.html):
        if matcher.matches(block.text):
            return list(_OutlinePaths(rendered.outline).of(block.anchor))
    return []


class _OutlinePaths:
    """The path of labels down to each outline node, shortened, found by the node's id.

    One walk of the tree up front, then each path is built when first asked for: asking the
    tree again for every match would take time in the matches times the nodes.
    """

    def __init__(self, outline: tuple[OutlineNode, ...]) -> None:
        self._parent: dict[str, str] = {}
        self._label: dict[str, str] = {}
        self._paths: dict[str, tuple[str, ...]] = {}
        above: list[str] = []  # ids of the nodes above the current one
        for depth, node in walk(outline):
            del above[depth:]
            if node.id not in self._label:  # the first node with an id is the one found
                self._label[node.id] = _shorten(node.text, MAX_LABEL)
                if above:
                    self._parent[node.id] = above[-1]
            above.append(node.id)

    def of(self, node_id: str) -> tuple[str, ...]:
        if node_id not in self._paths:
            if node_id not in self._label:
                return ()
            labels, current = [], node_id
            while True:
                labels.append(self._label[current])
                if current not in self._parent:
                    break
                current = self._parent[current]
            labels.reverse()
            if len(labels) > MAX_PATH_LABELS:  # the top three, '…', and the last four
                labels = [*labels[:3], "…", *labels[-4:]]
            self._paths[node_id] = tuple(labels)
        return self._paths[node_id]


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""kramdown's span grammar: the text of a paragraph, header or table cell as Jekyll's kramdown
(GFM input) reads it — emphasis, code spans, links and images, autolinks, raw HTML, footnote
markers, math, extensions and attribute lists, entities, typographic symbols, smart quotes, line
breaks, escapes and ~~strikethrough~~ — plus one deliberate addition: bare http(s)/www URLs
become links.

It follows kramdown 2.4's span parser (lib/kramdown/parser/kramdown.rb `parse_spans` and the
span parsers in parser/kramdown/*.rb, with kramdown-parser-gfm 1.1's changes): one scan from left
to right that stops where a span can start and tries kramdown's span parsers there in kramdown's
order. kramdown parses a span's content before it knows the span closes, and gives up and goes
back when it does not; on text such as `*a *a *a …` or `[[[[…` that is quadratic. Here every
such search runs at most once over any stretch of text: a failed attempt records the positions
it passed, and a later attempt of the same kind that reaches one of them knows how it ends
(see `span_search`); searches for closing marks use indexes of the text. The result is
kramdown's by construction and the time linear in the text; a work budget per post shows the
rest of a post made of nothing but markup as plain text, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from html.entities import html5, name2codepoint

from viewer.core.attribute_lists import parse_attribute_list
from viewer.core.kramdown_html import (
    CONTENT_MODEL_BLOCK,
    CONTENT_MODEL_RAW,
    CONTENT_MODEL_SPAN,
    HTML_BLOCK_ELEMENTS,
    HTML_ELEMENTS,
    HTML_ELEMENTS_WITHOUT_BODY,
)
from viewer.core.span_search import (
    ELEMENT_WORK,
    INDEX_ENTRIES_PER_STEP,
    Attempts,
    BacktickRuns,
    ExtensionStops,
    Index,
    OutOfWork,
    Parens,
    Positions,
    TitleEnds,
    Work,
    next_start,
    search_start,
)
from viewer.core.typography import SYMBOL, SYMBOLS, smart_quote

_WS = " \t\n\r\f\v"  # Ruby's \s
_WS_CLASS = r"[ \t\n\r\f\v]"


class Span:
    """One span element (kramdown's Element): its kind, attributes and children, which are
    spans, text (str) or `Symbol`s."""

    __slots__ = ("attrs", "children", "images", "kind", "value")

    def __init__(self, kind: str, value: str = "", attrs: dict[str, str] | None = None) -> None:
        #: em, strong, a, img, code, br, math, footnote, html, comment, raw (HTML kept as
        #: written), root
        self.kind = kind
        #: The tag name of an html span, the text of code and math, the name of a footnote.
        self.value = value
        self.attrs: dict[str, str] = attrs if attrs is not None else {}
        self.children: list[Span | str] = []
        self.images = 0  # <img> children, which kramdown's link parser counts


class Symbol(str):
    """Text kramdown makes an element of its own (a smart quote, a typographic symbol or an
    entity): shown as text, but an attribute list after it is not "after text"."""


#: An html span whose content is kept as written (kramdown's raw content model) holds its
#: text in children of this subclass, as written in the source (entities not decoded).
class RawText(str):
    pass


# --- kramdown's patterns ---------------------------------------------------------------------------

_ALPHA_NAME = r"[^\W\d][\w.\-]*"  # REXML's NCNAME: [[:alpha:]_][-[:alnum:]._]*
UNAME = rf"(?:{_ALPHA_NAME}:)?{_ALPHA_NAME}"
# kramdown's HTML_TAG_RE, `<(UNAME)\s*((?>\s+UNAME(?:\s*=\s*(?:\p{Word}+|("|').*?\3))?)*)\s*(\/)?>`,
# with its white space taken possessively: the same matches (an attribute starts with a letter,
# never with '/' or '>'), but a tag is read once, in time linear in its length ('<a' and a
# thousand spaces would otherwise be read a thousand times).
HTML_TAG = re.compile(rf"<((?>{UNAME}))((?>\s+{UNAME}(?:\s*=\s*(?:\w+|(\"|').*?\3))?)*+)\s*+(/)?>", re.S)
HTML_TAG_CLOSE = re.compile(rf"</({UNAME})\s*>", re.S)
HTML_ATTRIBUTE = re.compile(rf"\s*({UNAME})(?:\s*=\s*(?:(\w+)|(\"|')(.*?)\3))?", re.S)
HTML_SPAN_START = re.compile(rf"<(?:{UNAME}|!--|/)")
_ENTITY = re.compile(r"&([a-zA-Z0-9_:][\-a-zA-Z0-9_.:]*);|&#(\d+);|&#x([0-9a-fA-F]+);")
EMPHASIS_START = re.compile(r"\*\*?|__?")
LINK_START = re.compile(r"!?\[(?=[^^])", re.S)
LINK_BRACKET_STOP = re.compile(r"(\])|!?\[")
FOOTNOTE_MARKER = re.compile(r"\[\^([a-zA-Z0-9_][a-zA-Z0-9_-]*)\]")
# kramdown's ESCAPED_CHARS (for link texts) and GFM's (for text; adds '~').
_ESCAPED_IN_LINK_TEXT = re.compile(r"\\([\\.*_+`<>()\[\]{}#!:|\"'$=-])")
ESCAPED_CHAR = re.compile(r"\\([\\.*_+`<>()\[\]{}#!:|\"'$=\-~])")
LINE_BREAK = re.compile(r"(?:  |\\\\)(?=\n)")
_ALD_ANY = r"(?:\\\}|[^}])"
_RW = "[a-zA-Z0-9_]"  # Ruby's \w
EXT_SPAN_START = re.compile(rf"\{{::({_RW}+)(?:\s({_ALD_ANY}*?)|)(/)?\}}|\{{:/({_RW}[\w-]*)?\}}", re.A)
IAL_SPAN = re.compile(rf"\{{:({_ALD_ANY}+)\}}")
_AUTOLINK_SCHEME = re.compile(r"<(mailto|https?|ftps?):")
_AUTOLINK_MAIL = re.compile(r"<([\w\-.]+?@[\w\-.]+?)>")
_STRIKE_END = re.compile(r"[^ \t\n\r\f\v~]~~")
# Our addition: bare URLs (the start; where one ends is `_url_end`).
_BARE_URL = re.compile(r"(?:ht|f)tps?://|www\.", re.I)
_URL_DOMAIN = re.compile(r"[^_\W][-\w.]*")
# What a URL's path, query and fragment can hold: RFC 3986 leaves out white space and
# < > " ^ ` { } | (and [ ], which only a host holds); nor '*', which kramdown reads as emphasis
# there ('repo_name*server server*'); a writer's backslash escapes ('a\\_b', 'a\\*b') are read
# as the characters.
_URL_PATH = re.compile(r"""(?:[^\s<>"^`{}|\\\[\]*]|\\[\\.*_+`<>()\[\]{}#!:|"'$=\-~]|\\)*""")
_URL_PARENTHESIS = re.compile(r"[()]")
_URL_TRAILING = frozenset("?!.,:*_~^'\"")
_URL_CLOSERS = {")": "("}
_URL_AFTER = frozenset("*_~^[('\"")

_CODE_ELEMENTS = CONTENT_MODEL_RAW - {"option"}

# kramdown's entity table is HTML 4's, with CP1252's meaning for &#128;-&#159; and four
# code points of its own.
_ENTITY_NAMES = {**name2codepoint, "apos": 39, "vellip": 8942, "lang": 9002, "rang": 9001,
                 "lceil": 8969, "rceil": 8968}  # fmt: skip
_CP1252 = dict(zip(
    [128, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 142, 145, 146, 147, 148, 149, 150, 151,
     152, 153, 154, 155, 156, 158, 159],
    [8364, 8218, 402, 8222, 8230, 8224, 8225, 710, 8240, 352, 8249, 338, 381, 8216, 8217, 8220, 8221,
     8226, 8211, 8212, 732, 8482, 353, 8250, 339, 382, 376],
    strict=True,
))  # fmt: skip


def _entity_char(code: int) -> str:
    code = _CP1252.get(code, code)
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return "\ufffd"
    return chr(code)


def _referenced(match: re.Match[str]) -> str | None:
    """The character kramdown reads a reference (matched by _ENTITY) as; None for a name it does
    not know (html_entity.rb: then '&' and the rest are text)."""
    name, decimal, hexadecimal = match.groups()
    if name is not None:
        code = _ENTITY_NAMES.get(name)
        return None if code is None else _entity_char(code)
    return _entity_char(int(decimal) if decimal is not None else int(hexadecimal, 16))


def read_references(text: str) -> str:
    """Character references as kramdown reads them in text (names it knows, numbers)."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda match: _referenced(match) or match.group(0), text)


def decode_references(text: str) -> str:
    """Character references as a browser reads them in HTML text or an attribute value."""
    if "&" not in text:
        return text

    def decode(match: re.Match[str]) -> str:
        name, decimal, hexadecimal = match.groups()
        if name is not None:
            return html5.get(name + ";", match.group(0))
        return _entity_char(int(decimal) if decimal is not None else int(hexadecimal, 16))

    return _ENTITY.sub(decode, text)


def _normalize_link_id(text: str) -> str:
    return re.sub(r"[ \t\n\r\f\v]+", " ", text).lower()


def _is_alpha(char: str) -> bool:
    return char.isalpha()


# --- the parser ------------------------------------------------------------------------------------


Links = Mapping[str, tuple[str, str | None]]


class SpanParser:
    """Parses one text (a paragraph, header, table cell) into a `Span` tree."""

    #: Spans nested deeper than this (images in images, HTML in HTML, ...) are text: kramdown
    #: itself would run out of stack on a few thousand; real posts nest a handful.
    MAX_DEPTH = 50

    def __init__(
        self,
        text: str,
        links: Links,
        footnotes: Mapping[str, object],
        stash: Callable[[str], str],
        work: Work | None = None,
        depth: int = 0,
    ) -> None:
        self.text = text
        self.work = work if work is not None else Work()
        self.depth = depth  # spans this text is inside (a struck text is parsed on its own)
        #: Whether some span was shown as text for nesting deeper than MAX_DEPTH.
        self.too_deep = False
        self.n = len(text)
        self.pos = 0
        self.links = links
        self.footnotes = footnotes
        self.stash = stash
        self.root = Span("root")
        self.tree = self.root
        self.stack: list[Span] = []
        #: How many elements of each kind are open (the tree and the ones it is inside).
        self.open: dict[str, int] = {"root": 1}
        self.raw_content = False  # inside an html span whose content is kept as written
        self.in_code = 0  # how many open html spans hold code (no bare URLs there)
        self._attempts: dict[tuple[object, ...], Attempts] = {}
        self._indexes: dict[str, Index] = {}
        self._reads: dict[str, int] = {}
        self._no_close_from: dict[str, int] = {}  # searches known to fail from a position on

    def parse(self) -> Span:
        self.parse_spans(self.root)
        return self.root

    # -- kramdown's parse_spans ------------------------------------------------------------------------

    def add_text(self, text: str, tree: Span | None = None) -> None:
        if text:
            (tree or self.tree).children.append(RawText(text) if self.raw_content else text)

    def _add(self, span: Span) -> None:
        """Add an element; each costs work (it is written out, and read for the outline)."""
        self.work.left -= ELEMENT_WORK
        self.tree.children.append(span)

    def parse_spans(
        self,
        element: Span,
        stop: re.Pattern[str] | None = None,
        accept: Callable[[re.Match[str]], bool] | None = None,
        html_only: bool = False,
        attempts: Attempts | None = None,
        level: Callable[[], int] | None = None,
    ) -> bool:
        """Parse spans into `element` until `stop` matches where `accept` agrees (kramdown's
        parse_spans with a stop regexp and block). With `attempts`, a failed parse is recorded
        there and a parse that reaches a recorded failure gives up at once."""
        if self.depth + len(self.stack) > self.MAX_DEPTH:
            self.too_deep = True
            return False
        self.stack.append(self.tree)
        self.tree = element
        self.open[element.kind] = self.open.get(element.kind, 0) + 1
        text, n = self.text, self.n
        found = False
        visited: list[tuple[int, int]] = []
        later_drop: int | None = None
        work = self.work
        while self.pos < n:
            work.left -= 1
            if work.left < 0:
                raise OutOfWork
            if attempts is not None:
                current = level() if level is not None else 1
                drop = attempts.drops.get(self.pos)
                # Emphasis closes only on content, so only positions it passed with some
                # content tell how a parse from there ends; a link's bracket count tells it alone.
                known = level is not None or bool(element.children)
                if drop is not None and current > drop:
                    later_drop = drop
                    if known:
                        visited.append((self.pos, current))
                    break
                if known:
                    visited.append((self.pos, current))
            start = next_start(text, self.pos, stop is LINK_BRACKET_STOP, html_only, work)
            if start < 0:
                if stop is None:
                    self.add_text(text[self.pos :])
                    self.pos = n
                break
            if start > self.pos:
                work.left -= (start - self.pos) >> 8  # long texts cost in proportion
                self.add_text(text[self.pos : start])
                self.pos = start
            if stop is not None:
                stop_match = stop.match(text, start)
                if stop_match is not None and (accept is None or accept(stop_match)):
                    found = True
                    break
            if not self._dispatch(html_only):
                self.add_text(text[start])
                self.pos = start + 1
        self.open[element.kind] -= 1
        self.tree = self.stack.pop()
        if attempts is not None and not found and visited:
            end_level = level() if level is not None else 1
            attempts.record(visited, end_level, later_drop if visited[-1][0] == self.pos else None)
        return found

    def _dispatch(self, html_only: bool) -> bool:
        text, pos = self.text, self.pos
        char = text[pos]
        if html_only:
            return self._span_html() if char == "<" else self._bare_url()
        following = text[pos + 1] if pos + 1 < self.n else ""
        for parser in _BEFORE_QUOTES.get(char, ()):
            if parser(self):
                return True
        if (char in "\"'" or (following in "\"'" and following and char != "\\")) and self._smart_quotes():
            return True
        return any(parser(self) for parser in _AFTER_QUOTES.get(char, ()))

    def _attempts_for(self, *kind: object) -> Attempts:
        key = (
            *kind,
            self.open.get("em", 0) > 0,
            self.open.get("strong", 0) > 0,
            self.open.get("a", 0) > 0,
            self.open.get("img", 0) > 0,
        )
        attempts = self._attempts.get(key)
        if attempts is None:
            attempts = self._attempts[key] = Attempts()
        return attempts

    def _index(self, name: str, make: Callable[[], Index]) -> Index:
        index = self._indexes.get(name)
        if index is None:
            index = self._indexes[name] = make()
            self.work.left -= index.size // INDEX_ENTRIES_PER_STEP
        return index

    def _next(self, char: str, pos: int) -> int:
        """The next `char` at or after `pos` (-1: none): found by reading on, until the reading
        has covered the text twice; then from an index of the text."""
        positions = self._indexes.get(char)
        if isinstance(positions, Positions):
            return positions.next(pos)
        found = self.text.find(char, pos)
        if self._read(char, pos, found):
            self._index(char, lambda: Positions(self.text, re.escape(char)))
        return found

    def _read(self, name: str, pos: int, found: int) -> bool:
        """Count a search from `pos` that stopped at `found`; True once the searches of this
        kind have read the text twice over (time to make an index)."""
        read = self._reads.get(name, 0) + (found if found >= 0 else self.n) - pos
        self._reads[name] = read
        return read > 2 * self.n

    def _find(self, key: str, find: Callable[[int], int], pos: int) -> int:
        """`find(pos)`, remembering a failure: a search of the rest of the text that fails once
        fails from every later position."""
        failed_from = self._no_close_from.get(key)
        if failed_from is not None and pos >= failed_from:
            return -1
        found = find(pos)
        if found < 0:
            self._no_close_from[key] = pos if failed_from is None else min(pos, failed_from)
        return found

    # -- emphasis (emphasis.rb) ------------------------------------------------------------------------

    def _emphasis(self) -> bool:
        match = EMPHASIS_START.match(self.text, self.pos)
        if match is None:
            return False
        text, start = self.text, self.pos
        delimiter = match.group(0)
        element = "strong" if len(delimiter) == 2 else "em"
        mark = delimiter[0]
        self.pos = match.end()
        if (
            (mark == "_" and _alpha_dash_alpha_before(text, start))
            or (self.pos < self.n and text[self.pos] in _WS)
            or self.open.get(element, 0) > 0
        ):
            self.add_text(delimiter)
            return True
        span = self._emphasis_content(delimiter, element, mark)
        if span is None and element == "strong" and self.tree.kind != "em":
            self.pos = start + 1
            delimiter, span = mark, self._emphasis_content(mark, "em", mark)
        if span is not None:
            self.pos += len(delimiter)
            self._add(span)
        else:
            self.pos = start + len(match.group(0))
            self.add_text(match.group(0))
        return True

    def _emphasis_content(self, delimiter: str, element: str, mark: str) -> Span | None:
        span = Span(element)
        text = self.text
        double = delimiter * 2

        def accept(stop: re.Match[str]) -> bool:
            pos = stop.start()
            if pos > 0 and text[pos - 1] in _WS:
                return False
            if element == "em" and text.startswith(double, pos) and not text.startswith(delimiter, pos + 2):
                return False
            after = pos + len(delimiter)
            if mark == "_" and after < self.n and text[after].isalnum():
                return False
            return bool(span.children)

        attempts = self._attempts_for("emphasis", delimiter, element)
        found = self.parse_spans(span, _literal(delimiter), accept, attempts=attempts)
        return span if found else None

    # -- code spans (codespan.rb) ----------------------------------------------------------------------

    def _codespan(self) -> bool:
        text, start = self.text, self.pos
        end = start
        while end < self.n and text[end] == "`":
            end += 1
        run = text[start:end]
        self.pos = end
        simple = len(run) == 1
        if simple and (start == 0 or text[start - 1] in _WS) and end < self.n and text[end] in _WS:
            self.add_text(run)
            return True
        runs = self._indexes.get("`")
        if isinstance(runs, BacktickRuns):
            close = text.find(run, end) if runs.has_run(len(run), end) else -1
        else:
            close = text.find(run, end)
            if self._read("`", end, close):
                self._index("`", lambda: BacktickRuns(text))
        if close < 0:
            self.add_text(run)
            return True
        code = text[end:close]
        if not simple:
            code = code[1:] if code[:1] == " " else code
            code = code[:-1] if code[-1:] == " " else code
        self._add(Span("code", code))
        self.pos = close + len(run)
        return True

    # -- autolinks (autolink.rb) -----------------------------------------------------------------------

    def _autolink(self) -> bool:
        text, start = self.text, self.pos
        address, end = None, -1
        scheme = _AUTOLINK_SCHEME.match(text, start)
        if scheme is not None:
            after = scheme.end()
            close = self._next(">", after + 1) if after < self.n and text[after] != "\n" else -1
            newline = self._next("\n", after)
            if close >= 0 and (newline < 0 or close < newline):
                address, end = text[start + 1 : close], close + 1
                href = address
        if address is None:
            mail = _AUTOLINK_MAIL.match(text, start)
            if mail is None:
                return False
            address, end = mail.group(1), mail.end()
            href = "mailto:" + address
        link = Span("a", attrs={"href": href, "data-written": "autolink"})
        link.children.append(re.sub(r"^mailto:", "", address))
        self._add(link)
        self.pos = end
        return True

    # -- raw HTML (html.rb) ----------------------------------------------------------------------------

    def _span_html(self) -> bool:
        text, start = self.text, self.pos
        if not HTML_SPAN_START.match(text, start):
            return False
        if text.startswith("<!--", start):
            end = self._find("-->", lambda pos: text.find("-->", pos), start + 4)
            if end >= 0:
                self._add(Span("comment", text[start + 4 : end]))
                self.pos = end + 3
                return True
        closing = HTML_TAG_CLOSE.match(text, start)
        if closing is not None:  # a closing tag nothing opened: text
            self.add_text(closing.group(0))
            self.pos = closing.end()
            return True
        tag = HTML_TAG.match(text, start)
        if tag is None:
            self.add_text(text[start])
            self.pos = start + 1
            return True
        self.pos = tag.end()
        name = tag.group(1)
        known = name.lower() in HTML_ELEMENTS
        if known:
            name = name.lower()
        if name in HTML_BLOCK_ELEMENTS:
            self.add_text(tag.group(0))
            return True
        attrs = _html_attributes(tag.group(2), known)
        model = "span" if name in CONTENT_MODEL_SPAN else "block" if name in CONTENT_MODEL_BLOCK else "raw"
        parse = model != "raw" and not self.raw_content
        choice = attrs.pop("markdown", None)
        if choice in ("1", "span"):
            parse = True if choice == "span" else model != "raw"
        elif choice == "0":
            parse = False
        element = Span("html", name, attrs)
        if name == "a" and "href" in attrs:
            attrs["data-written"] = "html"
        self._add(element)
        if tag.group(4) or name in HTML_ELEMENTS_WITHOUT_BODY:
            return True
        end_tag: list[int] = []

        def accept(stop: re.Match[str]) -> bool:
            # One pattern stops at any end tag; only this element's closes it (the others
            # are text, as kramdown's span HTML parser makes them).
            closes = stop.group(1).lower() == name if known else stop.group(1) == name
            if closes:
                end_tag.append(stop.end())
            return closes

        saved_raw = self.raw_content
        self.raw_content = not parse
        code = name in _CODE_ELEMENTS
        self.in_code += code
        if self.parse_spans(element, HTML_TAG_CLOSE, accept, html_only=not parse):
            self.pos = end_tag[-1]
        else:  # no end tag: the rest of the text is inside
            self.add_text(self.text[self.pos :], element)
            self.pos = self.n
        self.raw_content = saved_raw
        self.in_code -= code
        return True

    # -- footnote markers (footnote.rb) ----------------------------------------------------------------

    def _footnote_marker(self) -> bool:
        match = FOOTNOTE_MARKER.match(self.text, self.pos)
        if match is None:
            return False
        self.pos = match.end()
        if match.group(1) in self.footnotes:
            self._add(Span("footnote", match.group(1)))
        else:
            self.add_text(match.group(0))
        return True

    # -- links and images (link.rb) --------------------------------------------------------------------

    def _link(self) -> bool:
        text = self.text
        match = LINK_START.match(text, self.pos)
        if match is None:
            return False
        opening = match.group(0)
        self.pos = match.end()
        content_start = self.pos
        kind = "img" if opening.startswith("!") else "a"
        if kind == "a" and (self.open.get("a", 0) or self.open.get("img", 0)):
            self.add_text(opening)
            return True
        element = Span(kind)
        count = [1]

        def accept(stop: re.Match[str]) -> bool:
            count[0] += -1 if stop.group(1) else 1
            return count[0] - element.images == 0

        attempts = self._attempts_for("link", kind)
        found = self.parse_spans(
            element, LINK_BRACKET_STOP, accept, attempts=attempts, level=lambda: count[0] - element.images
        )
        if not found:
            self.pos = content_start
            self.add_text(opening)
            return True
        self.work.left -= (self.pos - content_start) >> 8
        alt_text = _ESCAPED_IN_LINK_TEXT.sub(r"\1", text[content_start : self.pos])
        self.pos += 1  # the closing ']'

        reference = self._reference_id()
        if reference is not None or not text.startswith("(", self.pos):
            link_id = _normalize_link_id(reference or alt_text)
            definition = self.links.get(link_id)
            if definition is None:
                self.pos = content_start
                self.add_text(opening)
                return True
            self._add_link(element, definition[0], definition[1], alt_text, "reference")
            return True

        url: str | None = None
        if text.startswith("(<", self.pos):
            close = self._next(">", self.pos + 2)
            newline = self._next("\n", self.pos + 2)
            if close >= 0 and (newline < 0 or close < newline):
                url = text[self.pos + 2 : close]
                self.pos = close + 1
                if text.startswith(")", self.pos):
                    self.pos += 1
                    self._add_link(element, url, None, alt_text, "markdown")
                    return True
        if url is None:
            parens = self._index("(", lambda: Parens(text))
            assert isinstance(parens, Parens)
            end, balanced = parens.scan(self.pos)
            url_start = self.pos + 1
            self.pos = end
            if balanced:
                url = text[url_start : end - 1].strip(_WS + "\0")
                self._add_link(element, url, None, alt_text, "markdown")
                return True
            url = None
        title = self._link_title()
        if title is None:
            self.pos = content_start
            self.add_text(opening)
            return True
        if url is None:
            url = text[url_start : end - 1].strip(_WS + "\0")
        self._add_link(element, url, title, alt_text, "markdown")
        return True

    def _reference_id(self) -> str | None:
        """kramdown's LINK_INLINE_ID_RE (`\\s*?\\[([^\\]]+)?\\]`) at the position: the id ('' for
        '[]'), or None where there is none."""
        text, pos = self.text, self.pos
        while pos < self.n and text[pos] in _WS:
            pos += 1
        if not text.startswith("[", pos):
            return None
        close = self._next("]", pos + 1)
        if close < 0:
            return None
        self.work.left -= (close - pos) >> 8
        self.pos = close + 1
        return text[pos + 1 : close]

    def _link_title(self) -> str | None:
        """kramdown's LINK_INLINE_TITLE_RE (`\\s*?(["'])(.+?)\\1\\s*?\\)`) at the position."""
        text, pos = self.text, self.pos
        while pos < self.n and text[pos] in _WS:
            pos += 1
        if pos >= self.n or text[pos] not in "\"'":
            return None
        quote = text[pos]
        ends = self._index("title" + quote, lambda: TitleEnds(text, quote))
        assert isinstance(ends, TitleEnds)
        found = ends.next(pos + 2)
        if found is None:
            return None
        close, paren = found
        self.pos = paren + 1
        return text[pos + 1 : close]

    def _add_link(self, element: Span, url: str, title: str | None, alt_text: str, written_as: str) -> None:
        if element.kind == "a":
            element.attrs["href"] = decode_references(url)
            element.attrs["data-written"] = written_as
        else:
            element.attrs["src"] = decode_references(url)
            element.attrs["alt"] = alt_text
            element.children.clear()
        if title is not None:
            element.attrs["title"] = decode_references(title)
        self._add(element)
        if element.kind == "img":
            self.tree.images += 1

    # -- smart quotes (smart_quotes.rb) ----------------------------------------------------------------

    def _smart_quotes(self) -> bool:
        parts, end = smart_quote(self.text, self.pos)
        for is_quote, value in parts:
            if is_quote:
                self.tree.children.append(Symbol(value))
            else:
                self.add_text(value)
        self.pos = end
        return True

    # -- math (math.rb) --------------------------------------------------------------------------------

    def _inline_math(self) -> bool:
        text, start = self.text, self.pos
        if not text.startswith("$$", start):
            return False
        close = self._find("$$", lambda pos: text.find("$$", pos), start + 2)
        if close < 0:
            return False
        self._add(Span("math", text[start + 2 : close].strip(_WS + "\0")))
        self.pos = close + 2
        return True

    # -- extensions and attribute lists (extensions.rb) ------------------------------------------------

    def _span_extensions(self) -> bool:
        text, start = self.text, self.pos
        if not text.startswith("{:", start):
            return False
        # Both end at the first '}' that is not escaped ('\\}'), or failing one at the first '}':
        # read no further (the regexps' backtracking over escapes would read on to the end).
        unescaped = self._index("}", lambda: Positions(text, r"(?<!\\)\}"))
        assert isinstance(unescaped, Positions)
        close = unescaped.next(start)
        if close < 0:
            close = self._next("}", start)
        end = close + 1 if close >= 0 else start
        self.work.left -= (end - start) >> 4  # the regexps read about a step's worth in 16 characters
        extension = EXT_SPAN_START.match(text, start, end)
        if extension is not None:
            return self._extension(extension)
        ial = IAL_SPAN.match(text, start, end)
        last = self.tree.children[-1] if self.tree.children else None
        if (
            ial is None
            or last is None
            or (isinstance(last, str) and not isinstance(last, Symbol))
            or (isinstance(last, Span) and last.attrs.get("data-written") == "bare")
        ):
            # an attribute list after text is text (our bare URLs are text to kramdown)
            self.add_text("{")
            self.pos = start + 1
            return True
        self.pos = ial.end()
        if isinstance(last, Span):
            update_attributes(last.attrs, parse_attribute_list(ial.group(1)).attributes)
        return True

    def _extension(self, match: re.Match[str]) -> bool:
        text, start = self.text, self.pos
        name, _options, closed, stop_name = match.groups()
        self.pos = match.end()
        body: str | None = None
        if stop_name is not None or match.group(0) == "{:/}":
            name = None
        elif not closed:
            stops = self._index("{:/", lambda: ExtensionStops(text))
            assert isinstance(stops, ExtensionStops)
            found = stops.next(name, self.pos)
            if found is None:
                name = None
            else:
                body = text[self.pos : found[0]]
                self.pos = found[1]
        if name == "comment":
            if body is not None:
                # kramdown writes '<!-- body -->'; a '-->' in the body ends the comment there,
                # and a browser reads the rest as HTML.
                comment, end, rest = f" {body} ".partition("-->")
                self._add(Span("comment", comment))
                if end:
                    self._add(Span("raw", self.stash(rest + "-->")))
            return True
        if name == "nomarkdown":
            if body is not None:
                self._add(Span("raw", self.stash(body)))
            return True
        if name == "options":
            return True
        # An unknown extension, or one without its end: its '{' is text.
        self.pos = start + 1
        self.add_text("{")
        return True

    # -- entities, typographic symbols, line breaks, escapes -------------------------------------------

    def _html_entity(self) -> bool:
        match = _ENTITY.match(self.text, self.pos)
        if match is None:
            return False
        self.pos = match.end()
        character = _referenced(match)
        if character is None:  # kramdown knows no such entity: '&' and the rest as text
            self.tree.children.append(Symbol("&"))
            self.add_text(match.group(0)[1:])
            return True
        self.tree.children.append(Symbol(character))
        return True

    def _typographic_symbol(self) -> bool:
        match = SYMBOL.match(self.text, self.pos)
        if match is None:
            return False
        self.pos = match.end()
        self.tree.children.append(Symbol(SYMBOLS[match.group(0)]))
        return True

    def _line_break(self) -> bool:
        match = LINE_BREAK.match(self.text, self.pos)
        if match is None:
            return False
        self.pos = match.end()
        self._add(Span("br"))
        return True

    def _escaped_char(self) -> bool:
        match = ESCAPED_CHAR.match(self.text, self.pos)
        if match is None:
            return False
        self.pos = match.end()
        self.add_text(match.group(1))
        return True

    # -- ~~strikethrough~~ (kramdown-parser-gfm) --------------------------------------------------------

    def _strikethrough(self) -> bool:
        text, start = self.text, self.pos
        if not text.startswith("~~", start) or start + 2 >= self.n or text[start + 2] in _WS + "~":
            return False
        close = self._find("~~", lambda pos: search_start(_STRIKE_END, text, pos), start + 2)
        if close < 0:
            return False
        # kramdown parses the struck text on its own, as a text of its own.
        inner = SpanParser(
            text[start + 2 : close + 1],
            self.links,
            self.footnotes,
            self.stash,
            self.work,
            self.depth + len(self.stack),
        )
        element = Span("html", "del")
        inner.parse_spans(element)
        self.too_deep = self.too_deep or inner.too_deep
        self._add(element)
        self.pos = close + 3
        return True

    # -- bare URLs (ours: kramdown leaves them as text) -------------------------------------------------

    def _bare_url(self) -> bool:
        text, start = self.text, self.pos
        match = _BARE_URL.match(text, start)
        if match is None or self.open.get("a", 0) or self.open.get("img", 0) or self.in_code:
            return False
        last = self.tree.children[-1] if self.tree.children else None
        if isinstance(last, str) and not isinstance(last, Symbol) and last:
            before = last[-1]
            if not (before.isspace() or before in _URL_AFTER):
                return False
        end, read = _url_end(text, start, match.end())
        self.work.left -= (read - start) >> 6  # the path regexp: a step in 64 characters
        if end < 0:
            return False
        url = ESCAPED_CHAR.sub(r"\1", text[start:end])
        href = "http://" + url if match.group(0).lower() == "www." else url
        link = Span("a", attrs={"href": decode_references(href), "data-written": "bare"})
        # Its text reads character references as kramdown reads them in the text it sees there.
        link.children.append(RawText(url) if self.raw_content else read_references(url))
        self._add(link)
        self.pos = end
        if end < self.n and text[end] in "\"'" and not self.raw_content:
            # kramdown, which reads the URL as text, reads a quote after it from the URL's last
            # character on: 'href="http://a.example">' closes the quote.
            parts, self.pos = smart_quote(text, end - 1)
            for is_quote, value in parts:
                if is_quote:
                    self.tree.children.append(Symbol(value))
                elif value != text[end - 1]:
                    self.add_text(value)
        return True


def _url_end(text: str, start: int, after_scheme: int) -> tuple[int, int]:
    """Where a bare URL starting at `start` ends (-1: not a URL), and how far it read: after its
    host, a path, query or fragment (or a port) if one follows ('www.a.example*강조*' ends at
    the host); before a character no URL path holds, or a ')' it did not open
    ('(https://a.example)는'); without trailing punctuation (the rules of pymdownx's magiclink,
    which linked them before)."""
    domain = _URL_DOMAIN.match(text, after_scheme)
    if domain is None:
        return -1, after_scheme
    floor = end = domain.end()
    if text[end : end + 1] in ("/", "?", "#", ":"):
        path = _URL_PATH.match(text, end)
        assert path is not None
        end = path.end()
        depth = 0
        for bracket in _URL_PARENTHESIS.finditer(text, floor, end):
            if bracket.group(0) == "(":
                depth += 1
            elif depth:
                depth -= 1
            else:
                end = bracket.start()
                break
        # a formula kramdown reads from '$$' on (math.rb INLINE_MATH_START) is not the URL's,
        # nor a strikethrough from '~~' (gfm.rb STRIKETHROUGH_MATCH)
        dollars = text.find("$$", floor, end)
        if dollars >= 0 and text.find("$$", dollars + 2) >= 0:
            end = dollars
        tildes = text.find("~~", floor, end)
        if tildes >= 0:
            end = tildes
    read = end
    floor = domain.start()
    counts: dict[str, list[int]] | None = None
    while end > floor:
        char = text[end - 1]
        if char in _URL_TRAILING or char == "\\":  # a backslash: what it escaped is trimmed
            end -= 1
        elif char == ";":
            index = end - 2
            while index >= floor and text[index].isalnum():
                index -= 1
            if index > floor and text[index] == "#":  # '&#169;'
                index -= 1
            end = index if floor <= index < end - 2 and text[index] == "&" else end - 1
        elif char in _URL_CLOSERS:
            if counts is None:
                link = text[start:end]
                counts = {k: [link.count(v), link.count(k)] for k, v in _URL_CLOSERS.items()}
            opened, closed = counts[char]
            if opened >= closed:
                break
            counts[char][1] -= 1
            end -= 1
        else:
            break
    if any("_" in segment for segment in text[floor : min(end, domain.end())].split(".")[-2:]):
        return -1, read
    return (end if end > floor else -1), read


def _alpha_dash_alpha_before(text: str, pos: int) -> bool:
    """kramdown's `pre_match =~ /[[:alpha:]]-?[[:alpha:]]*\\z/`: a letter right before, or a
    letter and a '-'."""
    if pos == 0:
        return False
    before = text[pos - 1]
    if _is_alpha(before):
        return True
    return before == "-" and pos >= 2 and _is_alpha(text[pos - 2])


def _html_attributes(source: str, lower_names: bool) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for match in HTML_ATTRIBUTE.finditer(source):
        name, bare, _quote, quoted = match.groups()
        if lower_names:
            name = name.lower()
        value = bare if bare is not None else quoted if quoted is not None else ""
        attrs[name] = decode_references(re.sub(r"\n+", " ", value))
    return attrs


def update_attributes(attrs: dict[str, str], new: Mapping[str, str]) -> None:
    """kramdown's update_attr_with_ial: classes add up, other attributes replace."""
    for key, value in new.items():
        attrs[key] = f"{attrs.get(key, '')} {value}".lstrip() if key == "class" else value


_LITERALS: dict[str, re.Pattern[str]] = {}


def _literal(text: str) -> re.Pattern[str]:
    pattern = _LITERALS.get(text)
    if pattern is None:
        pattern = _LITERALS[text] = re.compile(re.escape(text))
    return pattern


_Parser = Callable[[SpanParser], bool]
# kramdown-parser-gfm's span parsers in its order (smart quotes come between: see `_dispatch`),
# by the first character they can start with.
_ORDER_BEFORE_QUOTES: list[tuple[str, _Parser]] = [
    ("*_", SpanParser._emphasis),
    ("`", SpanParser._codespan),
    ("<", SpanParser._autolink),
    ("<", SpanParser._span_html),
    ("[", SpanParser._footnote_marker),
    ("[!", SpanParser._link),
]
_ORDER_AFTER_QUOTES: list[tuple[str, _Parser]] = [
    ("$", SpanParser._inline_math),
    ("{", SpanParser._span_extensions),
    ("&", SpanParser._html_entity),
    ("-.<> \\", SpanParser._typographic_symbol),
    (" \\", SpanParser._line_break),
    ("\\", SpanParser._escaped_char),
    ("~", SpanParser._strikethrough),
    ("hHfFwW", SpanParser._bare_url),
]


def _by_char(order: list[tuple[str, _Parser]]) -> dict[str, tuple[_Parser, ...]]:
    table: dict[str, list[_Parser]] = {}
    for chars, parser in order:
        for char in chars:
            table.setdefault(char, []).append(parser)
    return {char: tuple(parsers) for char, parsers in table.items()}


_BEFORE_QUOTES = _by_char(_ORDER_BEFORE_QUOTES)
_AFTER_QUOTES = _by_char(_ORDER_AFTER_QUOTES)

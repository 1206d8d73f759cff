"""kramdown's HTML rules for block-level HTML (kramdown 2.4, lib/kramdown/parser/html.rb and
parser/kramdown/html.rb): which names are elements, what each element's content is (raw text,
spans or blocks), and how a tag is matched.

Jekyll leaves kramdown's `parse_block_html` off, so an HTML block's content is raw text
unless the element says otherwise with a `markdown` attribute. kramdown matches closing tags
by name, element by element: an element never closed (a stray `<p>` in a `<div>`) runs to
the end of the text being parsed.

The matchers here give the same matches as kramdown's regular expressions, but never rescan
the rest of a text per tag: an unclosed quote or comment costs one search, not one per `<`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# REXML's names ([[:alpha:]_][-[:alnum:]._]*) are Unicode; Ruby's `\s` and `\w` are ASCII
# (Ruby's `\p{Word}` is not): patterns here are compiled with re.ASCII.
_NAME = r"(?u:[^\W\d][\w.\-]*)"
#: REXML's UNAME_STR: a name with an optional namespace prefix.
UNAME = rf"(?:{_NAME}:)?{_NAME}"

HTML_SPAN_ELEMENTS = frozenset(
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark option q rb "
    "rbc rp rt rtc ruby samp select small span strong sub sup tt u var".split()
)
HTML_BLOCK_ELEMENTS = frozenset(
    "address article aside applet body blockquote caption col colgroup dd div dl dt fieldset figcaption "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li main map nav ol "
    "optgroup p pre section summary table tbody td th thead tfoot tr ul".split()
)
HTML_ELEMENTS_WITHOUT_BODY = frozenset(
    "area base br col command embed hr img input keygen link meta param source track wbr".split()
)
CONTENT_MODEL_BLOCK = frozenset(
    "address applet article aside blockquote body dd details div dl fieldset figure figcaption footer "
    "form header hgroup iframe li main map menu nav noscript object section summary td".split()
)
CONTENT_MODEL_SPAN = frozenset(
    "a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label legend "
    "optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt".split()
)
CONTENT_MODEL_RAW = frozenset("script style math option textarea pre code kbd samp var".split())
#: Names kramdown knows as HTML elements (their names are compared in lower case).
HTML_ELEMENTS = (
    HTML_SPAN_ELEMENTS
    | HTML_BLOCK_ELEMENTS
    | HTML_ELEMENTS_WITHOUT_BODY
    | CONTENT_MODEL_BLOCK
    | CONTENT_MODEL_SPAN
    | CONTENT_MODEL_RAW
)
#: The `markdown` attribute's values: "0" raw, "1" the element's own model, "span", "block".
MARKDOWN_ATTRIBUTE = {"0": "raw", "1": "default", "span": "span", "block": "block"}


def content_model(name: str) -> str:
    """kramdown's HTML_CONTENT_MODEL: "block", "span" or "raw" (anything unknown is raw)."""
    if name in CONTENT_MODEL_BLOCK:
        return "block"
    if name in CONTENT_MODEL_SPAN:
        return "span"
    return "raw"


def element_name(written: str) -> str:
    """Known element names are lower-cased; other names keep the case they were written in."""
    lower = written.lower()
    return lower if lower in HTML_ELEMENTS else written


_TAG_OPEN = re.compile(rf"<((?>{UNAME}))", re.A)
_ATTRIBUTE_NAME = re.compile(rf"(?>\s+{UNAME})", re.A)
_VALUE_START = re.compile(r"\s*=\s*(?:(?>(?u:\w+))|([\"']))", re.A)
_TAG_END = re.compile(r"\s*(/)?>", re.A)
CLOSE_TAG = re.compile(rf"</({UNAME})\s*>", re.A)
#: What raw HTML parsing meets next: a closing tag, a start tag whose quoted values close on
#: their line (the common case, read in one match), or anything else that starts like a tag,
#: a comment or an instruction (read by TagScanner).
RAW_EVENT = re.compile(
    rf"<(?:/(?P<close>{UNAME})\s*>"
    rf"|(?P<open>(?>{UNAME}))"
    rf"(?P<attributes>(?>\s+{UNAME}(?:\s*=\s*(?:(?>(?u:\w+))|\"[^\"\n]{{0,200}}\"|'[^'\n]{{0,200}}'))?)*)"
    rf"\s*(?P<self_closing>/)?>"
    rf"|(?P<other>{UNAME}|/|!--|\?))",
    re.A,
)
#: A run of plain text (no '<', '>', '&') and start tags that need nothing but their name kept
#: (no script or style, no markdown attribute, no '<' or '>' in their values): raw HTML parsing
#: takes such a run in one match.
SIMPLE_RUN = re.compile(
    rf"(?:[^<>&]*<(?=[A-Za-z])(?!(?i:script|style)(?![\w.:-]))(?>{UNAME})"
    rf"(?:\s+(?!(?i:markdown)(?![\w.:-])){UNAME}(?:\s*=\s*(?:(?>(?u:\w+))|\"[^\"\n<>]{{0,200}}\"|'[^'\n<>]{{0,200}}'))?)*"
    rf"\s*/?>)+",
    re.A,
)
#: The tags of such a run: name, and '/' when self-closing.
RUN_TAG = re.compile(rf"<((?>{UNAME}))[^>]*?(/?)>", re.A)
_ATTRIBUTE = re.compile(rf"\s*({UNAME})(?:\s*=\s*(?:((?u:\w+))|([\"'])(.*?)\3))?", re.S | re.A)


@dataclass(frozen=True)
class StartTag:
    name: str  # as written
    attributes: str  # the attribute part, as written
    self_closing: bool
    end: int


class TagScanner:
    """Finds tags, comments and instructions in one text; remembers what later searches reuse."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[str, tuple[int, int]] = {}  # needle -> (searched from, found at or -1)

    def find(self, needle: str, start: int) -> int:
        """`text.find(needle, start)`, without searching the same stretch twice."""
        since, at = self._found.get(needle, (len(self.text) + 1, -1))
        if since <= start and (at < 0 or start <= at):
            return at
        at = self.text.find(needle, start)
        self._found[needle] = (start, at)
        return at

    def start_tag(self, pos: int) -> StartTag | None:
        """kramdown's HTML_TAG_RE at `pos` (one quoted value runs to the next same quote)."""
        text = self.text
        opening = _TAG_OPEN.match(text, pos)
        if opening is None:
            return None
        at = attributes_start = opening.end()
        while (attribute := _ATTRIBUTE_NAME.match(text, at)) is not None:
            at = attribute.end()
            value = _VALUE_START.match(text, at)
            if value is None:
                continue
            quote = value.group(1)
            if quote is None:
                at = value.end()
                continue
            closing = self.find(quote, value.end())
            if closing >= 0:
                at = closing + 1
        end = _TAG_END.match(text, at)
        if end is None:
            return None
        return StartTag(opening.group(1), text[attributes_start:at], end.group(1) is not None, end.end())

    def comment_end(self, pos: int) -> int:
        """End of the `<!--…-->` comment starting at `pos`, or -1."""
        at = self.find("-->", pos + 4)
        return at + 3 if at >= 0 else -1

    def instruction_end(self, pos: int) -> int:
        at = self.find("?>", pos + 2)
        return at + 2 if at >= 0 else -1

    def closing_tag(self, name: str, pos: int) -> re.Match[str] | None:
        """The next `</name>` (any case) from `pos`."""
        return _closing_tag(name).search(self.text, pos)


def shown_tag(written: str, name: str, closing: bool, start: StartTag | None = None) -> str:
    """A tag as a browser reads it: a name that does not start with an ASCII letter makes no
    tag (HTML's tokenizer shows `<사진>` as text and drops `</사진>`), so such a start tag shows
    as kramdown writes it out (`<여러분의 IP="">`)."""
    if name[:1].isascii() and name[:1].isalpha():
        return written
    if closing or start is None:
        return ""
    shown = "".join(f' {key}="{value}"' for key, value in attributes(start.attributes, False).items())
    return escape_text(f"<{name}{shown}{' /' if start.self_closing else ''}>")


_ESCAPES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_TEXT_ESCAPES = re.compile(r"&(?:[\w:][\w.:-]*|#\d+|#x[0-9a-fA-F]+);|[<>&]")


def escape_text(text: str) -> str:
    """kramdown's escape_html(text, :text): '<', '>' and '&' outside entity references."""
    if "<" not in text and ">" not in text and "&" not in text:
        return text
    return _TEXT_ESCAPES.sub(lambda m: _ESCAPES.get(m.group(0), m.group(0)), text)


@functools.lru_cache(maxsize=64)
def _closing_tag(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{re.escape(name)}\s*>", re.I | re.A)


def attributes(written: str, html_element: bool) -> dict[str, str]:
    """kramdown's parse_html_attributes (names lower-cased on known elements)."""
    found: dict[str, str] = {}
    for name, bare, _quote, quoted in _ATTRIBUTE.findall(written):
        found[name.lower() if html_element else name] = bare or quoted or ""
    return found

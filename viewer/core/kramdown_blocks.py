"""Block structure as Jekyll's kramdown (GFM input) builds it.

Python-Markdown's own block parser disagrees with kramdown on the posts this app is for
(list nesting by content column, lists right after a paragraph line, lazy lines, ...).
This module reproduces kramdown's block grammar: its regular expressions and the order in
which its block parsers are tried (kramdown 2.4, lib/kramdown/parser/kramdown/*.rb, with
kramdown-parser-gfm 1.1's changes). It produces a small tree of `Block`s with the source
line of every block; `tree_builder` turns it into Python-Markdown's element tree, whose
inline processors then handle everything inside paragraphs and headers.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from viewer.core.attribute_lists import expand_references
from viewer.core.kramdown_html import (
    CLOSE_TAG,
    HTML_ELEMENTS,
    HTML_ELEMENTS_WITHOUT_BODY,
    HTML_SPAN_ELEMENTS,
    MARKDOWN_ATTRIBUTE,
    RAW_EVENT,
    RUN_TAG,
    SIMPLE_RUN,
    UNAME,
    StartTag,
    TagScanner,
    attributes,
    content_model,
    element_name,
    escape_text,
    shown_tag,
)
from viewer.core.kramdown_html import (
    HTML_BLOCK_ELEMENTS as HTML_BLOCK_ELEMENTS,  # for the inline rules
)

# --- kramdown's patterns ------------------------------------------------------------------------------
# Ruby's `\s`, `\w`, `\d` and `\b`... are ASCII-only except `\b`, its `.` stops at a newline and its
# `\s` does not: every pattern here is compiled with re.ASCII, and Unicode classes say so with (?u:).

OPT_SPACE = r" {0,3}"
BLANK_LINE = r"(?>^\s*\n)+"
EOB_MARKER = r"^\^\s*?\n"
_LAZY_SPAN = "|".join([*sorted(HTML_SPAN_ELEMENTS), "script"])
LAZY_END_HTML_START = rf"<(?>(?!(?:{_LAZY_SPAN})(?u:\b)){UNAME})"
LAZY_END_HTML_STOP = rf"</(?!(?:{_LAZY_SPAN})(?u:\b)){UNAME}\s*>"
ALD_ANY_CHARS = r"(?:\\\}|[^}])"
ALD_ID_NAME = r"\w[\w-]*"
IAL_BLOCK = rf"\{{:(?!:|/)({ALD_ANY_CHARS}+)\}}\s*?\n"
IAL_BLOCK_START = rf"^{OPT_SPACE}{IAL_BLOCK}"
ALD_START = rf"^{OPT_SPACE}\{{:({ALD_ID_NAME}):({ALD_ANY_CHARS}+)\}}\s*?\n"
EXT_START = rf"\{{::(\w+)(?:\s({ALD_ANY_CHARS}*?)|)(/)?\}}"
EXT_BLOCK_START = rf"^{OPT_SPACE}(?:{EXT_START}|\{{:/({ALD_ID_NAME})?\}})\s*?\n"
# A run of one-line attribute lists without backslashes or anything that starts like a definition
# (other lists are read one by one): one match, not one per line.
IAL_RUN = r"(?:^ {0,3}\{:(?![\w-]*:|/)([^}\\\n]+)\}[ \t\r\f\v]*\n)+"
BLOCK_EXTENSIONS_START = rf"^{OPT_SPACE}\{{:"
LAZY_END = (
    rf"(?:{BLANK_LINE}|{IAL_BLOCK_START}|{EOB_MARKER}|^{OPT_SPACE}{LAZY_END_HTML_STOP}"
    rf"|^{OPT_SPACE}{LAZY_END_HTML_START}|\Z)"
)
PATTERN_TAIL = r"[\t| ].*?\n"
LIST_START_UL = rf"^({OPT_SPACE}[+*-])({PATTERN_TAIL})"
LIST_START_OL = rf"^({OPT_SPACE}\d+\.)({PATTERN_TAIL})"
LIST_START = rf"(?:{LIST_START_UL}|{LIST_START_OL})"
DEFINITION_LIST_START = rf"^({OPT_SPACE}:)({PATTERN_TAIL})"
ATX_HEADER_START = r"^(?P<level>#{1,6})[\t ]+(?P<contents>.*)\n"  # GFM: a space after the hashes
SETEXT_HEADER_START = rf"^{OPT_SPACE}(?P<contents>[^ \t].*)\n(?P<level>[-=])[-=]*[ \t\r\f\v]*\n"
BLOCKQUOTE_START = rf"^{OPT_SPACE}> ?"
FENCED_CODEBLOCK_START = r"^ {0,3}[~`]{3,}"
# The fence run is atomic: backtracking into a line of 20,000 backticks would be quadratic.
FENCED_CODEBLOCK_MATCH = r"(?s)^ {0,3}((?>([~`])\2{2,}))\s*?((\S+?)(?:\?\S*)?)?\s*?\n(.*?)^ {0,3}\1\2*\s*?\n"
INDENT = r"^(?:\t| {4})"
CODEBLOCK_MATCH = (
    rf"(?:(?:{BLANK_LINE})?(?:{INDENT}[ \t]*\S.*\n)+(?:(?!{IAL_BLOCK_START}|{EOB_MARKER}"
    rf"|^{OPT_SPACE}{LAZY_END_HTML_STOP}|^{OPT_SPACE}{LAZY_END_HTML_START})^[ \t]*\S.*\n)*)*"
)
HR_START = rf"^{OPT_SPACE}(\*|-|_)[ \t]*\1[ \t]*\1(?:\1|[ \t])*\n"
PARAGRAPH_START = rf"^{OPT_SPACE}[^ \t].*?\n"
# GFM's paragraph end (the paragraph_end quirk Jekyll keeps on): lists, headers, quotes and
# fences end a paragraph without a blank line.
PARAGRAPH_END = (
    rf"{LAZY_END}|{LIST_START}|{ATX_HEADER_START}|{DEFINITION_LIST_START}|{BLOCKQUOTE_START}"
    rf"|{FENCED_CODEBLOCK_START}"
)
# The lines a paragraph or a quote runs on for, in one match.
PARAGRAPH_LINES = rf"(?:(?!{PARAGRAPH_END}).*\n)*"
LAZY_LINES = rf"(?:(?!{LAZY_END}).*\n)*"
# REXML's XML name characters (kramdown's header ids).
_XML_NAME_START = (
    ":A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_XML_NAME = _XML_NAME_START + r"\-.0-9\u00b7\u0300-\u036f\u203f-\u2040"
HEADER_ID = rf"[\t ]\{{#(?P<id>[{_XML_NAME_START}][{_XML_NAME}]*)\}}\Z"
LINK_DEFINITION_START = (
    rf"^{OPT_SPACE}\[([^\n\]]+)\]:[ \t]*(?:<(.*?)>|([^\n]*?\S[^\n]*?))"
    r"(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?([\"'])(.+?)\4)?[ \t]*?\n"
)
ABBREV_DEFINITION_START = rf"^{OPT_SPACE}\*\[(.+?)\]:(.*?)\n"
FOOTNOTE_DEFINITION_START = rf"^{OPT_SPACE}\[\^({ALD_ID_NAME})\]:\s*?(.*?\n{CODEBLOCK_MATCH})"
BLOCK_MATH_START = rf"(?s)^{OPT_SPACE}(\\)?\$\$(.*?)\$\$(\s*?\n)?"
BLOCK_BOUNDARY = rf"{BLANK_LINE}|{EOB_MARKER}|{IAL_BLOCK_START}|\Z"
TABLE_PIPE_CHECK = r"(?:\||.*?[^\\\n]\|)"
TABLE_LINE = rf"{TABLE_PIPE_CHECK}.*?\n"
TABLE_START = rf"^{OPT_SPACE}(?=\S){TABLE_LINE}"
TABLE_SEP_LINE = r"^([+|: \t-]*?-[+|: \t-]*?)[ \t]*\n"
TABLE_FSEP_LINE = r"^[+|: \t=]*?=[+|: \t=]*?[ \t]*\n"
TABLE_ROW_LINE = r"^(.*?)[ \t]*\n"
TRAILING_WHITESPACE = r"[ \t]*\n"
HTML_BLOCK_START = rf"^{OPT_SPACE}<({UNAME}|!--|/)"
LIST_ITEM_IAL = rf"^\s*(?:\{{:(?!(?:{ALD_ID_NAME})?:|/)({ALD_ANY_CHARS}+)\}})\s*"
LIST_ITEM_IAL_CHECK = rf"^(?:{LIST_ITEM_IAL[1:]})?\s*\n"
#: Ruby's String#strip characters, and its `\s`.
RUBY_SPACE = " \t\n\v\f\r\0"
_ASCII_SPACE = " \t\n\v\f\r"

_COMPILED: dict[str, re.Pattern[str]] = {}


def _re(pattern: str) -> re.Pattern[str]:
    compiled = _COMPILED.get(pattern)
    if compiled is None:
        compiled = _COMPILED[pattern] = re.compile(pattern, re.M | re.A)
    return compiled


@dataclass(slots=True)
class Block:
    """One block of the document, as kramdown's parser sees it.

    Types: root, p, text (text outside any paragraph), unformatted (the rest of a post with
    too many blocks, shown as written), header, ul, ol, li, dl, dt, dd,
    blockquote, codeblock, math, hr, table, html (raw HTML), html_element (an HTML element
    whose content kramdown parses: `text` is its name, `attrs` its attributes), comment,
    blank and eob (nothing to show; `text` says what made it)."""

    type: str
    line: int
    text: str = ""
    children: list[Block] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    level: int = 0
    transparent: bool = False  # a paragraph kramdown renders without <p> (tight list item)
    #: kramdown attribute list given to the block ({: .class} or {:toc}), with the
    #: definitions it refers to written out before it.
    ial: str = ""
    rows: list[list[str]] = field(default_factory=list)
    head_rows: int = 0
    raw: bool = False  # shown as plain text, without inline markup
    #: Text still to be added to `text` and `ial` (adding to a long string piece by piece is
    #: quadratic).
    more: list[str] | None = None
    more_ial: list[str] | None = None

    def add_text(self, text: str) -> None:
        if self.more is None:
            self.more = [self.text]
        self.more.append(text)

    def add_ial(self, ial: str) -> None:
        if not self.ial:
            self.ial = ial
        elif self.more_ial is None:
            self.more_ial = [self.ial, ial]
        else:
            self.more_ial.append(ial)

    def joined(self) -> str:
        if self.more is not None:
            self.text, self.more = "".join(self.more), None
        if self.more_ial is not None:
            self.ial, self.more_ial = " ".join(self.more_ial), None
        return self.text


class Source:
    """kramdown's StringScanner: a position in a text, with line numbers."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.pos = 0
        self.first_line = first_line
        self._counted = (0, first_line)  # (position, its line): counting resumes from here
        self._tags: TagScanner | None = None

    @property
    def line(self) -> int:
        counted_pos, counted_line = self._counted
        if self.pos < counted_pos:
            counted_pos, counted_line = 0, self.first_line
        line = counted_line + self.text.count("\n", counted_pos, self.pos)
        self._counted = (self.pos, line)
        return line

    @property
    def tags(self) -> TagScanner:
        if self._tags is None or self._tags.text is not self.text:
            self._tags = TagScanner(self.text)
        return self._tags

    def eos(self) -> bool:
        return self.pos >= len(self.text)

    def at_line_start(self) -> bool:
        return self.pos == 0 or self.text[self.pos - 1] == "\n"

    def restart_line(self) -> None:
        """Make the rest of the text a text of its own, so that '^' matches where it starts.

        Ruby's StringScanner anchors '^' at the scan position: after an HTML block closed
        mid-line, kramdown reads the rest of that line as the start of a new line.
        """
        line = self.line
        self.text = self.text[self.pos :]
        self.pos = 0
        self.first_line = line
        self._counted = (0, line)

    def save(self) -> tuple[int, tuple[int, int]]:
        return self.pos, self._counted

    def revert(self, saved: tuple[int, tuple[int, int]]) -> None:
        self.pos, self._counted = saved

    def check(self, pattern: str | re.Pattern[str]) -> re.Match[str] | None:
        return (_re(pattern) if isinstance(pattern, str) else pattern).match(self.text, self.pos)

    def scan(self, pattern: str | re.Pattern[str]) -> str | None:
        match = self.check(pattern)
        if match is None:
            return None
        self.pos = match.end()
        return match.group(0)

    def scan_line(self) -> str:
        """kramdown's scan(/.*\n/) (the last line may lack its newline)."""
        end = self.text.find("\n", self.pos)
        end = len(self.text) if end < 0 else end + 1
        line, self.pos = self.text[self.pos : end], end
        return line


_SPACES = re.compile(" *")
_Starts = Callable[[str, int], bool]
_Candidate = tuple[re.Pattern[str], Callable[["Block", "Source"], bool]]
LinkDefinition = Callable[[str, str, str | None], None]
FootnoteDefinition = Callable[[str, str], None]


class KramdownBlockParser:
    """Parses text into `Block`s. Link and footnote definitions are handed to callbacks;
    abbreviations and attribute list definitions are kept in `abbreviations` and `alds`."""

    #: Blocks nested deeper than this (lists, quotes, HTML elements) are shown as plain text.
    #: Real posts nest less than ten levels; every level re-reads the indented rest of the post.
    MAX_DEPTH = 32
    #: Blocks (paragraphs, blank lines, items, rows, cells…) a post may have before the rest of
    #: it is shown as written: each costs 10-30 µs on its way to HTML, outline and links, so a
    #: post of nothing but list items or table cells would take 10-20 s at the 8 MB limit. The
    #: most a real post of ours has is 1,150; a megabyte of dense nested bullets has 40,000.
    MAX_BLOCKS = 45_000
    #: Text read again for a nested block (an item's, a quote's) counts a block per this many
    #: characters: a list nested thousands of levels deep reads its text once per level.
    NESTED_TEXT_PER_BLOCK = 2048
    #: A code block in a named language counts as this many (Pygments takes ~250 µs a block).
    HIGHLIGHTED_BLOCKS = 10
    #: Characters of raw HTML read in one go between looks at that budget.
    HTML_RUN_WINDOW = 65_536

    def __init__(self, on_link_definition: LinkDefinition, on_footnote: FootnoteDefinition) -> None:
        self._on_link_definition = on_link_definition
        self._on_footnote = on_footnote
        self._depth = 0
        self._restart_budget = 0
        self._block_ial: list[str] | None = None  # attribute lists waiting for the next block
        self._closed_element = False  # the closing tag of the HTML element being parsed was met
        #: Source line where nesting went past MAX_DEPTH, if it did.
        self.too_deep_at: int | None = None
        self._blocks_left = self.MAX_BLOCKS
        #: Source line from which the text is shown as written (past MAX_BLOCKS), if it is.
        self.unformatted_from: int | None = None
        #: Attribute list definitions ({:name: .class}) by name, once the text is parsed.
        self.alds: dict[str, str] = {}
        self._ald_parts: dict[str, list[str]] = {}
        #: Abbreviation definitions (*[HTML]: Hyper Text Markup Language): text by abbreviation.
        self.abbreviations: dict[str, str] = {}
        # (start pattern, parser, can it start with character c after n spaces) in kramdown's
        # order, with kramdown-parser-gfm's replacements. The third part only skips start
        # patterns that cannot match; the patterns decide.
        opt = 4  # n > 3: more spaces than kramdown's OPT_SPACE allows
        self._parsers: list[tuple[re.Pattern[str], Callable[[Block, Source], bool], _Starts]] = [
            (_re(BLANK_LINE), self._blank_line, lambda c, n: c in "\t\n\v\f\r"),
            (_re(INDENT), self._codeblock, lambda c, n: n >= 4 or (n == 0 and c == "\t")),
            (_re(FENCED_CODEBLOCK_START), self._codeblock_fenced, lambda c, n: n < opt and c in "~`"),
            (_re(BLOCKQUOTE_START), self._blockquote, lambda c, n: n < opt and c == ">"),
            (_re(ATX_HEADER_START), self._atx_header, lambda c, n: n == 0 and c == "#"),
            (_re(HR_START), self._horizontal_rule, lambda c, n: n < opt and c in "*-_"),
            (_re(LIST_START), self._list, lambda c, n: n < opt and (c in "+*-" or "0" <= c <= "9")),
            (_re(DEFINITION_LIST_START), self._definition_list, lambda c, n: n < opt and c == ":"),
            (_re(HTML_BLOCK_START), self._block_html, lambda c, n: n < opt and c == "<"),
            (_re(SETEXT_HEADER_START), self._setext_header, lambda c, n: n < opt),
            (_re(BLOCK_MATH_START), self._block_math, lambda c, n: n < opt and c in "$\\"),
            (_re(TABLE_START), self._table, lambda c, n: n < opt),
            (_re(FOOTNOTE_DEFINITION_START), self._footnote_definition, lambda c, n: n < opt and c == "["),
            (_re(LINK_DEFINITION_START), self._link_definition, lambda c, n: n < opt and c == "["),
            (_re(ABBREV_DEFINITION_START), self._abbrev_definition, lambda c, n: n < opt and c == "*"),
            (_re(BLOCK_EXTENSIONS_START), self._block_extensions, lambda c, n: n < opt and c == "{"),
            (_re(EOB_MARKER), self._eob_marker, lambda c, n: n == 0 and c == "^"),
            (_re(PARAGRAPH_START), self._paragraph, lambda c, n: n < opt),
        ]
        self._by_start: dict[tuple[str, int], list[_Candidate]] = {}
        # Where only these may start, a line is a paragraph (a setext header needs a second
        # line, a table a pipe).
        self._plain_parsers: list[Callable[[Block, Source], bool]] = [
            self._setext_header,
            self._table,
            self._paragraph,
        ]

    def _candidates(
        self, text: str, pos: int
    ) -> list[tuple[re.Pattern[str], Callable[[Block, Source], bool]]]:
        """The block parsers that may start at `pos`, by the character after its spaces."""
        spaces = _SPACES.match(text, pos).end() - pos  # type: ignore[union-attr]
        key = (text[pos + spaces : pos + spaces + 1], min(spaces, 4))
        found = self._by_start.get(key)
        if found is None:
            found = self._by_start[key] = [
                (start, parser) for start, parser, can_start in self._parsers if can_start(*key)
            ]
        return found

    def parse(self, text: str, first_line: int = 1) -> Block:
        # kramdown's adapt_source: one trailing newline.
        text = text.rstrip("\n") + "\n"
        root = Block("root", first_line)
        # Restarting mid-line copies the rest of the text; more than this is read Python's way
        # ('^' only at line starts), which only matters for input made to be slow.
        self._restart_budget = 4 * len(text) + 100_000
        self.parse_blocks(root, Source(text, first_line))
        self._finish(root)
        return root

    def _finish(self, root: Block) -> None:
        """Join the text added piece by piece; write out the attribute list definitions that
        attribute lists refer to (definitions may come after their use)."""
        self.alds = {name: " ".join(parts) for name, parts in self._ald_parts.items()}
        pending = [root]
        while pending:
            block = pending.pop()
            block.joined()
            if block.ial and self.alds:
                block.ial = expand_references(block.ial, self.alds)
            pending.extend(block.children)

    def parse_blocks(self, parent: Block, src: Source) -> bool:
        """Parse blocks into `parent`; True when the closing tag of the HTML element `parent`
        ended them (kramdown's :stop_block_parsing)."""
        self._depth += 1
        outer_ial, self._block_ial = self._block_ial, None
        try:
            if self._depth > self.MAX_DEPTH:
                self._too_deep(parent, src)
                return False
            while not src.eos():
                self._restart_here(src)
                if self._blocks_left <= 0:
                    self._unformatted_rest(parent, src)
                    return False
                self._blocks_left -= 1
                self._parse_block(parent, src)
                if self._closed_element:
                    self._closed_element = False
                    return True
            return False
        finally:
            self._depth -= 1
            self._block_ial = outer_ial

    def _parse_block(self, parent: Block, src: Source) -> None:
        for start, parser in self._candidates(src.text, src.pos):
            if start.match(src.text, src.pos) and parser(parent, src):
                return
        # No block parser takes the line (kramdown warns "this should not occur"): its text is
        # added as it is, outside any paragraph.
        line = src.line
        self._add_bare_text(parent, src.scan_line(), line)

    def _unformatted_rest(self, parent: Block, src: Source) -> None:
        """Past MAX_BLOCKS: the rest of `src` as written. A list or table that ran out ended at
        an item or row, so each text read so far has its rest in its own place."""
        parent.children.append(self._unformatted(src.line, src.text[src.pos :]))
        src.pos = len(src.text)

    def _unformatted(self, line: int, text: str) -> Block:
        """`text`, from `line` on, shown as written. The link definitions in it still define
        (a post's references often stand at its end)."""
        if self.unformatted_from is None:
            self.unformatted_from = line
        for match in _re(LINK_DEFINITION_START).finditer(text):
            self._define_link(match)
        return Block("unformatted", line, text)

    def _restart_here(self, src: Source) -> None:
        """Past a block that ended mid-line, read on as Ruby does: the position is a line start
        (within a budget: beyond it, only text made to be slow, the rest of the line is text)."""
        if not src.at_line_start() and self._restart_budget > len(src.text) - src.pos:
            self._restart_budget -= len(src.text) - src.pos
            src.restart_line()

    def _too_deep(self, parent: Block, src: Source) -> None:
        if self.too_deep_at is None:
            self.too_deep_at = src.line
        parent.children.append(Block("p", src.line, src.text[src.pos :].strip(RUBY_SPACE), raw=True))
        src.pos = len(src.text)

    # --- helpers ---------------------------------------------------------------------------------------

    def _new(self, kind: str, line: int, text: str = "") -> Block:
        """kramdown's new_block_el: a block that takes the attribute list written before it."""
        block = Block(kind, line, text)
        if self._block_ial is not None:
            block.ial, self._block_ial = " ".join(self._block_ial), None
        return block

    def _after_block_boundary(self, parent: Block) -> bool:
        last = parent.children[-1] if parent.children else None
        return (
            last is None
            or last.type == "blank"
            or (last.type == "eob" and not last.text)
            or self._block_ial is not None
        )

    @staticmethod
    def _add_bare_text(parent: Block, text: str, line: int) -> None:
        last = parent.children[-1] if parent.children else None
        if last is not None and last.type == "text":
            last.add_text(text)
        else:
            parent.children.append(Block("text", line, text))

    def _plain_line(self, text: str) -> bool:
        """Whether `text`, one line with its line end, can only be a paragraph (most items are):
        no block but the paragraph can start with its first character, and no table pipe."""
        if text.find("\n") != len(text) - 1 or "|" in text:
            return False
        return [parser for _, parser in self._candidates(text, 0)] == self._plain_parsers

    def _nested(self, block: Block, text: str, line: int) -> None:
        if text and not text.endswith("\n"):
            text += "\n"
        # Each level of a list or quote reads its indented text again: that text counts too.
        self._blocks_left -= len(text) // self.NESTED_TEXT_PER_BLOCK
        self.parse_blocks(block, Source(text, line))

    # --- block parsers, in kramdown's order -------------------------------------------------------------

    def _blank_line(self, parent: Block, src: Source) -> bool:
        line = src.line
        matched = src.scan(BLANK_LINE) or ""
        last = parent.children[-1] if parent.children else None
        if last is not None and last.type == "blank":
            last.add_text(matched)
        else:
            parent.children.append(self._new("blank", line, matched))
        return True

    def _codeblock(self, parent: Block, src: Source) -> bool:
        line = src.line
        data = src.scan(CODEBLOCK_MATCH) or ""
        if not data:
            return False
        data = _re(r"\n( {0,3}\S)").sub(r" \1", data)
        data = _re(INDENT).sub("", data)
        parent.children.append(self._new("codeblock", line, data))
        return True

    def _codeblock_fenced(self, parent: Block, src: Source) -> bool:
        match = src.check(FENCED_CODEBLOCK_MATCH)
        if match is None:
            return False
        line = src.line
        src.pos = match.end()
        block = self._new("codeblock", line, match.group(5))
        if match.group(3) and match.group(3).strip(RUBY_SPACE):
            block.attrs["lang"] = match.group(4)
            self._blocks_left -= self.HIGHLIGHTED_BLOCKS - 1
        parent.children.append(block)
        return True

    def _blockquote(self, parent: Block, src: Source) -> bool:
        line = src.line
        start = src.pos
        src.scan_line()
        src.scan(LAZY_LINES)
        result = _re(BLOCKQUOTE_START).sub("", src.text[start : src.pos])
        block = self._new("blockquote", line)
        parent.children.append(block)
        self._nested(block, result, line)
        return True

    def _atx_header(self, parent: Block, src: Source) -> bool:
        match = src.check(ATX_HEADER_START)
        assert match is not None
        text, header_id = self._header_contents(match.group("contents"))
        stripped = _re(r"[\t ]#+\Z").sub("", text)
        if stripped != text:
            text = stripped.rstrip(RUBY_SPACE)
        if not text:
            return False
        self._add_header(parent, src, match, len(match.group("level")), text, header_id)
        return True

    def _setext_header(self, parent: Block, src: Source) -> bool:
        if not self._after_block_boundary(parent):
            return False
        match = src.check(SETEXT_HEADER_START)
        assert match is not None
        text, header_id = self._header_contents(match.group("contents"))
        if not text:
            return False
        self._add_header(parent, src, match, 2 if match.group("level") == "-" else 1, text, header_id)
        return True

    @staticmethod
    def _header_contents(text: str) -> tuple[str, str | None]:
        text = text.rstrip(RUBY_SPACE)
        match = _re(HEADER_ID).search(text)
        if match:
            return text[: match.start()].rstrip(RUBY_SPACE), match.group("id")
        return text, None

    def _add_header(
        self, parent: Block, src: Source, match: re.Match[str], level: int, text: str, header_id: str | None
    ) -> None:
        block = self._new("header", src.line, text)
        block.level = level
        if header_id:
            block.attrs["id"] = header_id
        src.pos = match.end()
        parent.children.append(block)

    def _horizontal_rule(self, parent: Block, src: Source) -> bool:
        line = src.line
        src.scan(HR_START)
        parent.children.append(self._new("hr", line))
        return True

    def _list(self, parent: Block, src: Source) -> bool:
        is_ul = src.check(LIST_START_UL) is not None
        list_type = "ul" if is_ul else "ol"
        list_start_re = _re(LIST_START_UL if is_ul else LIST_START_OL)
        block = self._new(list_type, src.line)
        values: list[list[list[str]]] = []  # per item: chunks of lines (joined once, at the end)
        lines: list[int] = []
        starts: list[int] = []  # where each item's text starts
        content_re = lazy_re = indent_re = _re(r"(?!)")
        indentation = 0
        eob_found = nested_list_found = last_is_blank = False
        hr_start, eob, blank, list_start = _re(HR_START), _re(EOB_MARKER), _re(BLANK_LINE), _re(LIST_START)
        leading_tabs = _re(r"^(\t+)")
        while not src.eos():
            line = src.line
            if last_is_blank and hr_start.match(src.text, src.pos):
                break
            if (match := eob.match(src.text, src.pos)) is not None:
                src.pos = match.end()
                eob_found = True
                break
            match = list_start_re.match(src.text, src.pos)
            if match is not None:
                if self._blocks_left <= 0 and block.children:
                    break  # out of blocks: the list ends here, the rest is shown as written
                self._blocks_left -= 1
                starts.append(src.pos)
                src.pos = match.end()
                item = Block("li", line)
                value, indentation = _first_list_line(len(match.group(1)), match.group(2))
                content_re, lazy_re, indent_re = _item_patterns(indentation)
                ial = _re(LIST_ITEM_IAL).match(value)
                if ial:
                    item.ial = ial.group(1)
                    value = value[ial.end() :]
                block.children.append(item)
                lines.append(line)
                list_start_re = _re(_fetch_pattern(list_type, indentation))
                nested_list_found = bool(list_start.match(value))
                last_is_blank = False
                values.append([[value]])
                continue
            result = src.scan(content_re)
            if result is None and not last_is_blank:
                result = src.scan(lazy_re)
            if result is not None:
                result = leading_tabs.sub(lambda m: "    " * len(m.group(1)), result, count=1)
                stripped = indent_re.sub("", result, count=1)
                indentation_found = stripped != result
                result = stripped
                if not nested_list_found and indentation_found and list_start.match(result):
                    values[-1].append([])
                    nested_list_found = True
                elif nested_list_found and not indentation_found and list_start.match(result):
                    result = " " * (indentation + 4) + result
                values[-1][-1].append(result)
                last_is_blank = False
                continue
            if (match := blank.match(src.text, src.pos)) is not None:
                src.pos = match.end()
                nested_list_found = True
                last_is_blank = True
                values[-1][-1].append(match.group(0))
                continue
            break

        parent.children.append(block)
        last: Block | None = None
        items = block.children
        list_end = src.pos
        rest: Block | None = None
        for number, (item, value_chunks, line) in enumerate(zip(items, values, lines, strict=True)):
            if number and self.unformatted_from is not None:
                # Out of blocks in an item before: this one and those after it are shown as
                # written too (items read but not yet laid out were counted already: kept).
                rest = self._unformatted(line, src.text[starts[number] : list_end])
                del items[number:]
                break
            location = line
            for chunk_lines in value_chunks:
                chunk = "".join(chunk_lines)
                if not item.children and self._plain_line(chunk):
                    item.children.append(Block("p", location, chunk.strip(RUBY_SPACE)))
                    location += 1
                    continue
                self._nested(item, chunk, location)
                location += chunk.count("\n")
            kids = item.children
            if not kids:
                continue
            if kids[0].type == "p" and len(kids) >= 2 and kids[1].type == "eob" and kids[0].ial:
                del kids[1]
            if (
                kids[0].type == "p"
                and (
                    len(kids) < 2
                    or kids[1].type != "blank"
                    or (item is items[-1] and len(kids) == 2 and not eob_found)
                )
                and (
                    item is not items[-1]
                    or len(items) == 1
                    or any(
                        not c.children or c.children[0].type != "p" or c.children[0].transparent
                        for c in items[:-1]
                    )
                )
            ):
                # kramdown ends the text with a newline when a block follows it in the item
                # (a '\\' or '\' ending it is then a line break)
                if len(kids) > 1 and kids[1].type != "blank":
                    kids[0].add_text("\n")  # not text +=: lines may wait in `more`
                kids[0].transparent = True
            last = kids.pop() if kids[-1].type == "blank" else None
        if last is not None and not eob_found:
            parent.children.append(last)
        if rest is not None:
            parent.children.append(rest)
        return True

    def _definition_list(self, parent: Block, src: Source) -> bool:
        kids = parent.children
        if (
            not kids
            or (len(kids) == 1 and kids[-1].type != "p")
            or (
                len(kids) >= 2
                and kids[-1].type != "p"
                and (kids[-1].type != "blank" or kids[-1].joined() != "\n" or kids[-2].type != "p")
            )
        ):
            return False
        first_as_para = False
        dl = self._new("dl", 0)
        para = kids.pop()
        if para.type == "blank":
            para = kids.pop()
            first_as_para = True
        terms = para.joined().split("\n")
        dl.line, dl.ial = para.line, para.ial
        item_ial = _re(LIST_ITEM_IAL)
        for term in terms:
            dt = Block("dt", para.line)
            if (ial := item_ial.match(term)) is not None:
                dt.ial = ial.group(1)
                term = term[ial.end() :]
            dt.text = term
            dl.children.append(dt)
        values: list[tuple[Block, list[str], bool]] = []
        def_start = _re(DEFINITION_LIST_START)
        content_re = lazy_re = indent_re = _re(r"(?!)")
        leading_tabs = _re(r"^(\t+)")
        last_is_blank = False
        while not src.eos():
            line = src.line
            match = def_start.match(src.text, src.pos)
            if match is not None:
                src.pos = match.end()
                dd = Block("dd", line)
                value, indentation = _first_list_line(len(match.group(1)), match.group(2))
                content_re, lazy_re, indent_re = _item_patterns(indentation)
                if (ial := item_ial.match(value)) is not None:
                    dd.ial = ial.group(1)
                    value = value[ial.end() :]
                dl.children.append(dd)
                values.append((dd, [value], first_as_para))
                def_start = _re(_fetch_pattern("dl", indentation))
                first_as_para = last_is_blank = False
                continue
            if src.check(EOB_MARKER):
                break
            result = src.scan(content_re)
            if result is None and not last_is_blank:
                result = src.scan(lazy_re)
            if result is not None:
                result = leading_tabs.sub(lambda m: "    " * len(m.group(1)), result, count=1)
                values[-1][1].append(indent_re.sub("", result, count=1))
                first_as_para = last_is_blank = False
                continue
            result = src.scan(BLANK_LINE)
            if result is not None:
                first_as_para = True
                values[-1][1].append(result)
                last_is_blank = True
                continue
            break
        last: Block | None = None
        for dd, chunks, as_para in values:
            self._nested(dd, "".join(chunks), dd.line)
            if not dd.children:
                continue
            last = dd.children.pop() if dd.children[-1].type == "blank" else None
            if dd.children and dd.children[0].type == "p" and not as_para:
                if len(dd.children) > 1:  # as in a list item (list.rb parse_definition_list)
                    dd.children[0].add_text("\n")
                dd.children[0].transparent = True
        if kids and kids[-1].type == "dl":
            kids[-1].children.extend(dl.children)
        elif len(kids) >= 2 and kids[-1].type == "blank" and kids[-2].type == "dl":
            kids.pop()
            kids[-1].children.extend(dl.children)
        else:
            kids.append(dl)
        if last is not None:
            kids.append(last)
        return True

    def _block_html(self, parent: Block, src: Source) -> bool:
        """kramdown's parse_block_html: a comment, an element, or the closing tag of the HTML
        element whose content is being parsed as blocks."""
        line = src.line
        text, pos, tags = src.text, src.pos, src.tags
        if text.startswith("<!--", pos):  # only at the line start, without indentation
            end = tags.comment_end(pos)
            if end >= 0:
                parent.children.append(Block("html", line, text[pos:end]))
                src.pos = end
                src.scan(TRAILING_WHITESPACE)
                return True
        at = _re(OPT_SPACE).match(text, pos).end()  # type: ignore[union-attr]
        tag = tags.start_tag(at)
        if tag is not None and tag.name.lower() not in HTML_SPAN_ELEMENTS:
            src.pos = tag.end
            ial, self._block_ial = self._block_ial, None
            blocks = self._html_element(tag, at, line, src, raw_parent=False)
            if ial and blocks:  # kramdown gives the element the attribute list before it
                blocks[0].ial = " ".join(ial)
            parent.children.extend(blocks)
            return True
        closing = CLOSE_TAG.match(text, at)
        if closing is None or parent.type != "html_element" or parent.text != closing.group(1).lower():
            return False
        src.pos = closing.end()
        self._closed_element = True
        return True

    def _html_element(
        self, tag: StartTag, start: int, line: int, src: Source, raw_parent: bool
    ) -> list[Block]:
        """The element whose start tag `tag` (at `start`) was just read: kramdown's
        handle_html_start_tag and handle_kramdown_html_tag. The element as raw HTML, or, when
        its `markdown` attribute asks for it, an "html_element" Block with parsed content."""
        name = element_name(tag.name)
        attrs = attributes(tag.attributes, name in HTML_ELEMENTS)
        text = src.text
        if name in ("script", "style"):
            closing = src.tags.closing_tag(name, src.pos)
            src.pos = closing.end() if closing else len(text)
            return [Block("html", line, text[start : src.pos] + ("" if closing else f"</{name}>"))]
        model = "raw"
        asked = MARKDOWN_ATTRIBUTE.get(attrs.pop("markdown", ""), "")
        if asked:
            model = content_model(name) if asked == "default" else asked
        closed = tag.self_closing or name in HTML_ELEMENTS_WITHOUT_BODY
        if model == "raw":
            if closed:
                return [Block("html", line, shown_tag(text[start : src.pos], name, False, tag))]
            blocks = self._raw_html(name, shown_tag(text[start : src.pos], name, False, tag), line, src)
        else:
            element = self._new("html_element", line, name)
            element.attrs = attrs
            blocks = [element]
            if model == "block":
                src.scan(TRAILING_WHITESPACE)
            if not closed and model == "block":
                self.parse_blocks(element, src)
            elif not closed:  # span: the text up to the closing tag, read as spans
                content_start = src.pos
                closing = src.tags.closing_tag(name, content_start)
                src.pos = closing.end() if closing else len(text)
                content = text[content_start : closing.start() if closing else len(text)]
                element.children.append(Block("text", line, content))
        if not closed and not raw_parent:
            src.scan(TRAILING_WHITESPACE)
        return blocks

    def _raw_html(self, name: str, start_tag: str, line: int, src: Source) -> list[Block]:
        """kramdown's parse_raw_html after the start tag of `name`: nested elements are tracked
        by name until the element closes, or the text ends (then all are closed there).

        The HTML is written out as kramdown writes it: tags as they are, text escaped, so a
        closing tag that closes nothing is shown as text. Returns "html" Blocks, and the
        elements between them that ask for Markdown inside."""
        text, tags = src.text, src.tags
        open_names = [name]
        blocks: list[Block] = []
        out = [start_tag]
        piece_line = line
        pos = src.pos
        elements, without_body = HTML_ELEMENTS, HTML_ELEMENTS_WITHOUT_BODY
        while True:
            if self._blocks_left <= 0:
                break  # each tag counts as a block: the elements open end here, the rest is as written
            # A window at a time, for the budget to be looked at (a run stops before a tag cut).
            run = SIMPLE_RUN.match(text, pos, pos + self.HTML_RUN_WINDOW)
            if run is not None:
                out.append(run.group(0))
                pos = run.end()
                found_tags = RUN_TAG.findall(run.group(0))
                self._blocks_left -= len(found_tags)
                names = {tag: _opened_name(*tag) for tag in set(found_tags)}
                open_names.extend(filter(None, map(names.__getitem__, found_tags)))
            self._blocks_left -= 1
            event = RAW_EVENT.search(text, pos)
            if event is None:
                out.append(escape_text(text[pos:]))
                pos = len(text)
                break
            at = event.start()
            if at > pos:
                out.append(escape_text(text[pos:at]))
            closed, opened, written, self_closing, _other = event.groups()
            if closed is not None:
                pos = event.end()
                current = open_names[-1]
                if current == (closed.lower() if current in elements else closed):
                    open_names.pop()
                    out.append(shown_tag(event.group(0), closed, True))
                    if not open_names:
                        break
                else:
                    out.append(escape_text(event.group(0)))
                continue
            if opened is not None:
                pos = event.end()
                lower = opened.lower()
                inner = lower if lower in elements else opened
                if "markdown" not in written and inner != "script" and inner != "style":
                    out.append(
                        shown_tag(event.group(0), opened, False, StartTag(opened, written, False, pos))
                    )
                    if self_closing is None and inner not in without_body:
                        open_names.append(inner)
                    continue
                tag = StartTag(opened, written, self_closing is not None, pos)
            else:
                end = tags.comment_end(at) if text.startswith("<!--", at) else -1
                if end < 0 and text.startswith("<?", at):
                    end = tags.instruction_end(at)
                if end >= 0:
                    out.append(text[at:end])
                    pos = end
                    continue
                found = tags.start_tag(at)
                if found is None:
                    pos = self._raw_closing(text, at, open_names, out)
                    if not open_names:
                        break
                    continue
                tag = found
            pos = tag.end
            inner = element_name(tag.name)
            if inner in ("script", "style"):
                closing = tags.closing_tag(inner, pos)
                pos = closing.end() if closing else len(text)
                out.append(text[at:pos] + ("" if closing else f"</{inner}>"))
                continue
            marked = MARKDOWN_ATTRIBUTE.get(attributes(tag.attributes, inner in elements).get("markdown", ""))
            if marked in (None, "raw"):
                out.append(shown_tag(text[at:pos], inner, False, tag))
                if not tag.self_closing and inner not in without_body:
                    open_names.append(inner)
                continue
            blocks.append(Block("html", piece_line, "".join(out)))
            src.pos = at
            tag_line = src.line
            src.pos = tag.end
            blocks.extend(self._html_element(tag, at, tag_line, src, raw_parent=True))
            # Its content may have ended mid-line: the rest is then a text of its own (see
            # Source.restart_line), read on from there.
            text, tags, pos = src.text, src.tags, src.pos
            out, piece_line = [], src.line
        src.pos = pos
        closings = {name: shown_tag(f"</{name}>", name, True) for name in set(open_names)}
        out.extend(map(closings.__getitem__, reversed(open_names)))
        blocks.append(Block("html", piece_line, "".join(out)))
        return [block for block in blocks if block.type != "html" or block.text]

    @staticmethod
    def _raw_closing(text: str, at: int, open_names: list[str], out: list[str]) -> int:
        """At `at`, a '<' that starts no tag: a closing tag spread over lines, or text."""
        closing = CLOSE_TAG.match(text, at)
        if closing is None:
            out.append("&lt;")
            return at + 1
        closed, current = closing.group(1), open_names[-1]
        if current == (closed.lower() if current in HTML_ELEMENTS else closed):
            open_names.pop()
            out.append(shown_tag(closing.group(0), closed, True))
        else:
            out.append(escape_text(closing.group(0)))
        return closing.end()

    def _block_math(self, parent: Block, src: Source) -> bool:
        """kramdown's parse_block_math: `$$…$$` standing alone between block boundaries is a
        display formula, its TeX kept as written."""
        if not self._after_block_boundary(parent):
            return False
        match = src.check(BLOCK_MATH_START)
        assert match is not None
        if match.group(1):  # '\$$': the backslash is dropped, the rest is read by later parsers
            if match.group(3):
                src.scan(rf"^{OPT_SPACE}\\")
                self._restart_here(src)
            return False
        saved = src.save()
        line = src.line
        src.pos = match.end()
        if not src.check(BLOCK_BOUNDARY):
            src.revert(saved)
            return False
        parent.children.append(self._new("math", line, match.group(2).strip(RUBY_SPACE)))
        return True

    def _table(self, parent: Block, src: Source) -> bool:
        """kramdown's parse_table: rows of cells between pipes, a separator line after the header
        rows; the table must end at a block boundary, have body rows, and every line a pipe
        outside code spans."""
        if not self._after_block_boundary(parent):
            return False
        saved = src.save()
        start = src.pos
        line = src.line
        first = src.check(TABLE_LINE)
        leading_pipe = first is not None and _re(r"^\s*\|").match(first.group(0)) is not None
        src.scan(TABLE_SEP_LINE)
        sections: list[tuple[str, list[list[str]]]] = []
        rows: list[list[str]] = []
        has_header = has_footer = out_of_blocks = False

        def add_section(kind: str, force: bool) -> None:
            nonlocal rows
            if not has_footer or kind != "tbody" or force:
                sections.append((kind, rows))
                rows = []

        while not src.eos() and src.check(TABLE_LINE):
            if src.scan(TABLE_SEP_LINE):
                if not rows:
                    pass
                elif not has_header and not has_footer:
                    add_section("thead", False)
                    has_header = True
                else:
                    add_section("tbody", False)
            elif src.scan(TABLE_FSEP_LINE):
                if rows:
                    add_section("tbody", True)
                has_footer = True
            elif (row := src.check(TABLE_ROW_LINE)) is not None:
                cells = _table_cells(row.group(1), leading_pipe)
                if len(cells) + 1 >= self._blocks_left:
                    if not rows:  # not even a row: the rest, this table too, is shown as written
                        src.revert(saved)
                        self._unformatted_rest(parent, src)
                        return True
                    out_of_blocks = True  # the table ends here, the rest is shown as written
                    self._blocks_left = 0
                    break
                self._blocks_left -= len(cells) + 1
                src.pos = row.end()
                rows.append(cells)
            else:
                break
        if (
            not (src.check(BLOCK_BOUNDARY) or (out_of_blocks and rows))
            or not _pipe_on_every_line(src.text[start : src.pos - 1])
        ):
            src.revert(saved)
            return False
        if rows:
            add_section("tfoot" if has_footer else "tbody", False)
        if not any(kind == "tbody" for kind, _ in sections):
            src.revert(saved)
            return False
        all_rows = [row for _, section in sections for row in section]
        width = max(len(row) for row in all_rows)
        table = self._new("table", line)
        table.rows = [row + [""] * (width - len(row)) for row in all_rows]
        table.head_rows = sum(len(section) for kind, section in sections if kind == "thead")
        parent.children.append(table)
        return True

    def _footnote_definition(self, parent: Block, src: Source) -> bool:
        match = src.check(FOOTNOTE_DEFINITION_START)
        assert match is not None
        src.pos = match.end()
        self._on_footnote(match.group(1), _re(INDENT).sub("", match.group(2)))
        parent.children.append(self._new("eob", src.line, "footnote_def"))
        return True

    def _link_definition(self, parent: Block, src: Source) -> bool:
        match = src.check(LINK_DEFINITION_START)
        assert match is not None
        if not self._define_link(match):
            return False
        src.pos = match.end()
        parent.children.append(self._new("eob", src.line, "link_def"))
        return True

    def _define_link(self, match: re.Match[str]) -> bool:
        """Hand on the definition LINK_DEFINITION_START matched, unless kramdown refuses it (an
        address with a quoted title it could not separate)."""
        if match.group(3) and _re(r"[ \t]+[\"']").search(match.group(3)):
            return False
        url = match.group(2) if match.group(2) is not None else match.group(3)
        self._on_link_definition(match.group(1), url, match.group(5))
        return True

    def _abbrev_definition(self, parent: Block, src: Source) -> bool:
        match = src.check(ABBREV_DEFINITION_START)
        assert match is not None
        src.pos = match.end()
        self.abbreviations[match.group(1)] = match.group(2).strip(RUBY_SPACE)
        parent.children.append(self._new("eob", src.line, "abbrev_def"))
        return True

    def _block_extensions(self, parent: Block, src: Source) -> bool:
        """Attribute list definitions, extensions ({::comment}…{:/comment}) and block
        attribute lists, which go to the block before them or, after a blank line, the next."""
        line = src.line
        if (ald := src.check(ALD_START)) is not None:
            src.pos = ald.end()
            self._ald_parts.setdefault(ald.group(1), []).append(ald.group(2))
            parent.children.append(self._new("eob", line, "ald"))
            return True
        if (ext := src.check(EXT_BLOCK_START)) is not None:
            return self._extension(parent, src, ext, line)
        run = src.check(IAL_RUN)
        single = src.check(IAL_BLOCK_START) if run is None else None
        if run is not None or single is not None:
            # A run of attribute lists: each goes where the first goes.
            if run is not None:
                src.pos = run.end()
                lists = _re(IAL_RUN[3:-2]).findall(run.group(0))
            else:
                assert single is not None
                src.pos = single.end()
                lists = [single.group(1)]
            last = parent.children[-1] if parent.children else None
            if (
                last is not None
                and last.type != "blank"
                and (last.type != "eob" or last.text in ("link_def", "abbrev_def", "footnote_def"))
            ):
                for ial in lists:
                    last.add_ial(ial)
                if not src.check(IAL_BLOCK_START):
                    parent.children.append(self._new("eob", line, "ial"))
            else:
                self._block_ial = (self._block_ial or []) + lists
            return True
        return False

    def _extension(self, parent: Block, src: Source, ext: re.Match[str], line: int) -> bool:
        """kramdown's block extensions; an unknown one, a stray stop tag or one never stopped
        is not an extension (it is read as text)."""
        if ext.group(4) is not None or ext.group(1) is None:  # a stop tag
            return False
        name = ext.group(1)
        body: str | None = None
        after = ext.end()
        if not ext.group(3):
            stop = _re(rf"^{OPT_SPACE}\{{:/({re.escape(name)})?\}}\s*?\n").search(src.text, after)
            if stop is None:
                return False
            body = src.text[after : stop.start()]
            body = body[:-1] if body.endswith("\n") else body
            after = stop.end()
        if name == "comment":
            if body is not None:
                parent.children.append(Block("comment", line, body))
        elif name == "nomarkdown":
            if body is not None:
                parent.children.append(Block("html", line, body))
        elif name == "options":
            parent.children.append(self._new("eob", line, "extension"))
        else:
            return False
        src.pos = after
        return True

    def _eob_marker(self, parent: Block, src: Source) -> bool:
        src.scan(EOB_MARKER)
        parent.children.append(self._new("eob", src.line))
        return True

    def _paragraph(self, parent: Block, src: Source) -> bool:
        line = src.line
        start = src.pos
        src.scan_line()
        src.scan(PARAGRAPH_LINES)
        text = src.text[start : src.pos].rstrip(RUBY_SPACE)
        last = parent.children[-1] if parent.children else None
        if last is not None and last.type == "p":
            # A hard line break before the joined text stays one.
            last.add_text(("  \n" if src.text[start - 3 : start] == "  \n" else "\n") + text)
        else:
            parent.children.append(self._new("p", line, text.lstrip(RUBY_SPACE)))
        return True


def _opened_name(name: str, slash: str) -> str:
    """The name a start tag of a raw HTML run leaves open ("" for a void or self-closed tag)."""
    lower = name.lower()
    if slash or lower in HTML_ELEMENTS_WITHOUT_BODY:
        return ""
    return lower if lower in HTML_ELEMENTS else name


def _first_list_line(indentation: int, content: str) -> tuple[str, int]:
    """kramdown's parse_first_list_line: the item's first line and its content column."""
    if _re(LIST_ITEM_IAL_CHECK).match(content):
        indentation = 4
    else:
        while (tab := _re(r"^( *)(\t+)").match(content)) is not None:
            spaces, tabs = tab.groups()
            column = len(spaces) + indentation
            content = spaces + " " * (4 - column % 4 + (len(tabs) - 1) * 4) + content[tab.end() :]
        indentation += len(content) - len(content.lstrip(" "))
    return _re(r"^\s*").sub("", content, count=1), indentation


@functools.lru_cache(maxsize=64)
def _item_patterns(indentation: int) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    quotient, remainder = divmod(indentation, 4)
    content = _re(
        rf"^(?:(?:\t| {{4}}){{{quotient}}} {{{remainder}}}|(?:\t| {{4}}){{{quotient + 1}}}).*\S.*\n"
    )
    lazy = _re(
        rf"(?!^ {{0,{min(indentation, 3)}}}(?:{IAL_BLOCK}|{LAZY_END_HTML_STOP}|{LAZY_END_HTML_START}))"
        r".*\S.*\n"
    )
    indent = _re(rf"^ {{{indentation}}}")
    return content, lazy, indent


@functools.lru_cache(maxsize=64)
def _fetch_pattern(list_type: str, indentation: int) -> str:
    spaces = {1: " {0}", 2: " {0,1}", 3: " {0,2}"}.get(indentation, " {0,3}")
    marker = {"ul": "[+*-]", "ol": r"\d+\.", "dl": ":"}[list_type]
    return rf"^({spaces}{marker})({PATTERN_TAIL})"


def _code_spans(text: str, with_html: bool = False) -> list[tuple[bool, str]]:
    """Text and code spans, as kramdown's codespan parser splits `text`: (is code, text).

    `with_html`: also span HTML elements, as kramdown's table check reads a table's text
    (parse_spans with [:codespan, :span_html]): an element counts as its name (here "\\0": no
    pipe, no line), so the pipes inside it, or after one never closed, separate no cells
    ('<span>$$a|b$$', '<<x>> |'); a comment counts as written; a closing tag nothing opened
    and a block element's tag are text (parser/kramdown/html.rb parse_span_html)."""
    parts: list[tuple[bool, str]] = []
    plain: list[str] = []
    not_found: dict[str, int] = {}  # delimiter -> position from which it does not occur
    tags = TagScanner(text) if with_html and "<" in text else None
    starts = _re(r"`|<" if tags is not None else "`")
    pos = 0
    while (found := starts.search(text, pos)) is not None:
        start = found.start()
        if tags is not None and text[start] == "<":
            element_end = _span_element_end(text, start, tags)
            plain.append(text[pos : start + (element_end is None)])
            pos = start + 1
            if element_end is not None:
                parts.append((False, "".join(plain)))
                plain = []
                parts.append((False, text[start:element_end] if text.startswith("<!--", start) else "\0"))
                pos = element_end
            continue
        end = start
        while end < len(text) and text[end] == "`":
            end += 1
        delimiter = text[start:end]
        plain.append(text[pos:start])
        pos = end
        if (
            len(delimiter) == 1
            and (start == 0 or text[start - 1] in RUBY_SPACE)
            and text[end : end + 1].isspace()
        ):
            plain.append(delimiter)
            continue
        close = -1 if not_found.get(delimiter, len(text) + 1) <= end else text.find(delimiter, end)
        if close < 0:
            not_found[delimiter] = min(not_found.get(delimiter, end), end)
            plain.append(delimiter)
            continue
        code = text[end:close]
        if len(delimiter) > 1:
            code = code[1:] if code.startswith(" ") else code
            code = code[:-1] if code.endswith(" ") else code
        parts.append((False, "".join(plain)))
        plain = []
        parts.append((True, code))
        pos = close + len(delimiter)
    plain.append(text[pos:])
    parts.append((False, "".join(plain)))
    return [part for part in parts if part[0] or part[1]]


def _span_element_end(text: str, at: int, tags: TagScanner) -> int | None:
    """Where the span HTML element (or comment) starting at `at` ends, or None when kramdown
    reads text there. Elements inside it take their own end tags; an element never closed
    takes the rest of the text, and so do the elements around it."""
    if text.startswith("<!--", at):
        end = tags.comment_end(at)
        return end if end >= 0 else None
    tag = tags.start_tag(at)
    if tag is None:
        return None
    name = element_name(tag.name)
    if name in HTML_BLOCK_ELEMENTS:
        return None
    if tag.self_closing or name in HTML_ELEMENTS_WITHOUT_BODY:
        return tag.end
    open_names = [name]
    pos = tag.end
    for event in _re(rf"</({UNAME})\s*>|<").finditer(text, tag.end):
        if event.start() < pos:
            continue
        if event.group(1) is not None:
            closed = event.group(1)
            if (closed.lower() if open_names[-1] in HTML_ELEMENTS else closed) == open_names[-1]:
                open_names.pop()
                if not open_names:
                    return event.end()
            pos = event.end()
            continue
        inner = tags.start_tag(event.start())
        if inner is None or len(open_names) >= 50:  # deeper is text (as SpanParser.MAX_DEPTH)
            continue
        pos = inner.end
        inner_name = element_name(inner.name)
        bodiless = inner_name in HTML_ELEMENTS_WITHOUT_BODY or inner_name in HTML_BLOCK_ELEMENTS
        if not (inner.self_closing or bodiless):
            open_names.append(inner_name)
    return len(text)


def _ruby_lines(text: str) -> list[str]:
    """Ruby's text.split("\n"): no trailing empty strings."""
    lines = text.split("\n")
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _pipe_on_every_line(table: str) -> bool:
    """kramdown's check that a table's lines have pipes outside code spans and span HTML."""
    pipe = _re(rf"^{TABLE_PIPE_CHECK}")
    pipe_on_line = False
    for is_code, value in _code_spans(table, with_html=True):
        lines = _ruby_lines(value)
        if is_code:
            if len(lines) > 2 or (len(lines) == 2 and not pipe_on_line):
                break
            if len(lines) == 2:
                pipe_on_line = False
        else:
            if len(lines) > 1 and not pipe_on_line and not pipe.match(lines[0]):
                break
            pipe_on_line = (False if len(lines) > 1 else pipe_on_line) or bool(
                lines and pipe.match(lines[-1])
            )
    return pipe_on_line


def _table_cells(row: str, leading_pipe: bool) -> list[str]:
    r"""kramdown's cells of a table row: pipes inside code spans (and <code> elements) do not
    separate cells; '\|' is a pipe."""
    cells: list[str] = []

    def add(text: str) -> None:
        if cells:
            cells[-1] += text
        else:
            cells.append(text)

    for index, part in enumerate(_re(r"(<code.*?>.*?</code>)").split(row)):
        if index % 2:
            add(part)
            continue
        for is_code, value in _code_spans(part):
            if is_code:
                runs = _re(r"`+").findall(value)
                delimiter = (max(runs, key=len) if runs else "") + "`"
                pad = " " if len(delimiter) > 1 else ""
                add(f"{delimiter}{pad}{value}{pad}{delimiter}")
                continue
            first, *rest = [t.replace("\\|", "|") for t in _re(r"(?<!\\)\|").split(value)]
            add(first)
            cells.extend(rest)
    if leading_pipe and cells and not cells[0].strip(RUBY_SPACE):
        cells.pop(0)
    if cells and not cells[-1].strip(RUBY_SPACE):
        cells.pop()
    return [cell.strip(RUBY_SPACE) for cell in cells]

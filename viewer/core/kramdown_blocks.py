"""Block structure as Jekyll's kramdown (GFM input) builds it.

Python-Markdown's own block parser disagrees with kramdown on the posts this app is for
(list nesting by content column, lists right after a paragraph line, lazy lines, ...).
This module reproduces kramdown's block grammar: its regular expressions and the order in
which its block parsers are tried (kramdown 2.4, lib/kramdown/parser/kramdown/*.rb, with
kramdown-parser-gfm 1.1's changes). It produces a small tree of `Block`s with the source
line of every block; `markdown_ext` turns it into Python-Markdown's element tree, whose
inline processors then handle everything inside paragraphs and headers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

# --- kramdown's patterns (Ruby's `.` does not match a newline; `\s` does) -----------------------------

OPT_SPACE = r" {0,3}"
BLANK_LINE = re.compile(r"(?:^[^\S\n]*\n)+", re.M)
EOB_MARKER = r"^\^[^\S\n]*\n"
_NAME = r"[^\W\d][\w.\-]*"
UNAME = rf"(?:{_NAME}:)?{_NAME}"
# kramdown's (parser/html.rb) span and block element names.
HTML_SPAN_ELEMENTS = (
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark option q rb "
    "rbc rp rt rtc ruby samp select small span strong sub sup tt u var"
).split()
HTML_BLOCK_ELEMENTS = frozenset(
    "address article aside applet body blockquote caption col colgroup dd div dl dt fieldset figcaption "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li main map nav ol "
    "optgroup p pre section summary table tbody td th thead tfoot tr ul".split()
)
_LAZY_SPAN = "|".join([*HTML_SPAN_ELEMENTS, "script"])
LAZY_END_HTML_START = rf"<(?!(?:{_LAZY_SPAN})\b){UNAME}"
LAZY_END_HTML_STOP = rf"</(?!(?:{_LAZY_SPAN})\b){UNAME}\s*>"
ALD_ANY_CHARS = r"(?:\\\}|[^}])"
IAL_BLOCK = rf"\{{:(?!:|/)({ALD_ANY_CHARS}+)\}}[^\S\n]*\n"
IAL_BLOCK_START = rf"^{OPT_SPACE}{IAL_BLOCK}"
LAZY_END = (
    rf"(?:^[^\S\n]*\n|{IAL_BLOCK_START}|{EOB_MARKER}|^{OPT_SPACE}{LAZY_END_HTML_STOP}"
    rf"|^{OPT_SPACE}{LAZY_END_HTML_START}|\Z)"
)
PATTERN_TAIL = r"[\t| ].*\n"
LIST_START_UL = rf"^({OPT_SPACE}[+*-])({PATTERN_TAIL})"
LIST_START_OL = rf"^({OPT_SPACE}\d+\.)({PATTERN_TAIL})"
LIST_START = rf"(?:{LIST_START_UL}|{LIST_START_OL})"
DEFINITION_LIST_START = rf"^({OPT_SPACE}:)({PATTERN_TAIL})"
ATX_HEADER_START = r"^(?P<level>#{1,6})[\t ]+(?P<contents>.*)\n"  # GFM: a space after the hashes
SETEXT_HEADER_START = rf"^{OPT_SPACE}(?P<contents>[^ \t].*)\n(?P<level>[-=])[-=]*[ \t\r\f\v]*\n"
BLOCKQUOTE_START = rf"^{OPT_SPACE}> ?"
FENCED_CODEBLOCK_START = r"^ {0,3}[~`]{3,}"
# The fence run is atomic: backtracking into a line of 20,000 backticks would be quadratic.
FENCED_CODEBLOCK_MATCH = re.compile(
    r"^ {0,3}((?>([~`])\2{2,}))\s*?((\S+?)(?:\?\S*)?)?\s*?\n(.*?)^ {0,3}\1\2*[^\S\n]*\n", re.M | re.S
)
INDENT = r"^(?:\t| {4})"
CODEBLOCK_MATCH = (
    rf"(?:(?:^[^\S\n]*\n)*(?:{INDENT}[ \t]*\S.*\n)+(?:(?!{IAL_BLOCK_START}|{EOB_MARKER}"
    rf"|^{OPT_SPACE}{LAZY_END_HTML_STOP}|^{OPT_SPACE}{LAZY_END_HTML_START})^[ \t]*\S.*\n)*)*"
)
HR_START = rf"^{OPT_SPACE}(\*|-|_)[ \t]*\1[ \t]*\1(?:\1|[ \t])*\n"
PARAGRAPH_START = rf"^{OPT_SPACE}[^ \t].*\n"
PARAGRAPH_END = re.compile(
    rf"{LAZY_END}|{LIST_START}|{ATX_HEADER_START}|{DEFINITION_LIST_START}|{BLOCKQUOTE_START}"
    rf"|{FENCED_CODEBLOCK_START}",
    re.M,
)
HEADER_ID = re.compile(r"[\t ]\{#(?P<id>[A-Za-z_:][\w.:\-]*)\}\Z")
LINK_DEFINITION_START = re.compile(
    rf"^{OPT_SPACE}\[([^\n\]]+)\]:[ \t]*(?:<(.*?)>|([^\n]*?\S[^\n]*?))"
    r"(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?([\"'])(.+?)\4)?[ \t]*?\n",
    re.M,
)
ALD_ID_NAME = r"\w[\w-]*"
FOOTNOTE_DEFINITION_START = re.compile(
    rf"^{OPT_SPACE}\[\^({ALD_ID_NAME})\]:\s*?(.*?\n{CODEBLOCK_MATCH})", re.M
)
EXT_BLOCK = re.compile(rf"^{OPT_SPACE}\{{::(\w+)(?:\s({ALD_ANY_CHARS}*?)|)(/)?\}}[^\S\n]*\n", re.M)
BLOCK_BOUNDARY = re.compile(rf"^[^\S\n]*\n|{EOB_MARKER}|{IAL_BLOCK_START}|\Z", re.M)
TABLE_PIPE_CHECK = r"(?:\||.*?[^\\\n]\|)"
TABLE_LINE = re.compile(rf"{TABLE_PIPE_CHECK}.*\n", re.M)
TABLE_START = rf"^{OPT_SPACE}(?=\S){TABLE_PIPE_CHECK}.*\n"
TABLE_SEP_LINE = re.compile(r"^([+|: \t-]*?-[+|: \t-]*?)[ \t]*\n", re.M)
TABLE_FSEP_LINE = re.compile(r"^[+|: \t=]*?=[+|: \t=]*?[ \t]*\n", re.M)
TABLE_ROW_LINE = re.compile(r"^(.*?)[ \t]*\n", re.M)
HTML_BLOCK_START = re.compile(rf"^{OPT_SPACE}<({UNAME}|!--|/)", re.M)
LIST_ITEM_IAL = re.compile(rf"^\s*(?:\{{:(?!(?:{ALD_ID_NAME})?:|/)({ALD_ANY_CHARS}+)\}})\s*")
LIST_ITEM_IAL_CHECK = re.compile(rf"^(?:{LIST_ITEM_IAL.pattern[1:]})?\s*\n")

_COMPILED: dict[str, re.Pattern[str]] = {}


def _re(pattern: str) -> re.Pattern[str]:
    compiled = _COMPILED.get(pattern)
    if compiled is None:
        compiled = _COMPILED[pattern] = re.compile(pattern, re.M)
    return compiled


@dataclass
class Block:
    """One block of the document, as kramdown's parser sees it."""

    type: str
    line: int
    text: str = ""
    children: list[Block] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    level: int = 0
    transparent: bool = False  # a paragraph kramdown renders without <p> (tight list item)
    ial: str = ""  # kramdown attribute list written after the block ({: .class} or {:toc})
    rows: list[list[str]] = field(default_factory=list)
    head_rows: int = 0
    raw: bool = False  # shown as plain text, without inline markup


class Source:
    """kramdown's StringScanner: a position in a text, with line numbers."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.pos = 0
        self.first_line = first_line
        self.match: re.Match[str] | None = None
        self._counted = (0, first_line)  # (position, its line): counting resumes from here

    @property
    def line(self) -> int:
        counted_pos, counted_line = self._counted
        if self.pos < counted_pos:
            counted_pos, counted_line = 0, self.first_line
        line = counted_line + self.text.count("\n", counted_pos, self.pos)
        self._counted = (self.pos, line)
        return line

    def eos(self) -> bool:
        return self.pos >= len(self.text)

    def check(self, pattern: re.Pattern[str] | str) -> re.Match[str] | None:
        regex = _re(pattern) if isinstance(pattern, str) else pattern
        self.match = regex.match(self.text, self.pos)
        return self.match

    def scan(self, pattern: re.Pattern[str] | str) -> str | None:
        match = self.check(pattern)
        if match is None:
            return None
        self.pos = match.end()
        return match.group(0)


LinkDefinition = Callable[[str, str, str | None], None]
FootnoteDefinition = Callable[[str, str], None]


class KramdownBlockParser:
    """Parses text into `Block`s. Link and footnote definitions are handed to callbacks."""

    #: Blocks nested deeper than this (lists, quotes) are shown as plain text. Real posts nest
    #: less than ten levels; every level re-reads the indented rest of the post.
    MAX_DEPTH = 32

    def __init__(self, on_link_definition: LinkDefinition, on_footnote: FootnoteDefinition) -> None:
        self._on_link_definition = on_link_definition
        self._on_footnote = on_footnote
        self._depth = 0
        #: Source line where nesting went past MAX_DEPTH, if it did.
        self.too_deep_at: int | None = None
        self._parsers: list[tuple[re.Pattern[str], Callable[[Block, Source], bool]]] = [
            (_re(r"^[^\S\n]*\n"), self._blank_line),
            (_re(INDENT), self._codeblock),
            (_re(FENCED_CODEBLOCK_START), self._codeblock_fenced),
            (_re(BLOCKQUOTE_START), self._blockquote),
            (_re(ATX_HEADER_START), self._atx_header),
            (_re(HR_START), self._horizontal_rule),
            (_re(LIST_START), self._list),
            (_re(DEFINITION_LIST_START), self._definition_list),
            (HTML_BLOCK_START, self._block_html),
            (_re(SETEXT_HEADER_START), self._setext_header),
            (_re(TABLE_START), self._table),
            (FOOTNOTE_DEFINITION_START, self._footnote_definition),
            (LINK_DEFINITION_START, self._link_definition),
            (_re(rf"^{OPT_SPACE}\{{:"), self._block_extensions),
            (EXT_BLOCK, self._block_extensions),
            (_re(EOB_MARKER), self._eob_marker),
            (_re(PARAGRAPH_START), self._paragraph),
        ]

    def parse(self, text: str, first_line: int = 1) -> Block:
        # kramdown's adapt_source: one trailing newline.
        text = text.rstrip("\n") + "\n"
        root = Block("root", first_line)
        self.parse_blocks(root, Source(text, first_line))
        return root

    def parse_blocks(self, parent: Block, src: Source) -> None:
        self._depth += 1
        try:
            if self._depth > self.MAX_DEPTH:
                self._too_deep(parent, src)
                return
            while not src.eos():
                for start, parser in self._parsers:
                    if start.match(src.text, src.pos) and parser(parent, src):
                        break
                else:
                    line = src.line
                    text = src.scan(r".*\n")
                    if text is None:
                        text, src.pos = src.text[src.pos :], len(src.text)
                    self._add_paragraph_text(parent, text, line)
        finally:
            self._depth -= 1

    def _too_deep(self, parent: Block, src: Source) -> None:
        if self.too_deep_at is None:
            self.too_deep_at = src.line
        parent.children.append(Block("p", src.line, src.text[src.pos :].strip(), raw=True))
        src.pos = len(src.text)

    # --- helpers ---------------------------------------------------------------------------------------

    @staticmethod
    def _after_block_boundary(parent: Block) -> bool:
        last = parent.children[-1] if parent.children else None
        return last is None or last.type == "blank" or (last.type == "eob" and not last.text)

    @staticmethod
    def _add_paragraph_text(parent: Block, text: str, line: int) -> None:
        last = parent.children[-1] if parent.children else None
        if last is not None and last.type == "p":
            last.text += "\n" + text.rstrip()
        else:
            parent.children.append(Block("p", line, text.strip()))

    def _nested(self, block: Block, text: str, line: int) -> None:
        if text and not text.endswith("\n"):
            text += "\n"
        self.parse_blocks(block, Source(text, line))

    # --- block parsers, in kramdown's order -------------------------------------------------------------

    def _blank_line(self, parent: Block, src: Source) -> bool:
        line = src.line
        matched = src.scan(BLANK_LINE) or ""
        last = parent.children[-1] if parent.children else None
        if last is not None and last.type == "blank":
            last.text += matched
        else:
            parent.children.append(Block("blank", line, matched))
        return True

    def _codeblock(self, parent: Block, src: Source) -> bool:
        line = src.line
        data = src.scan(CODEBLOCK_MATCH) or ""
        if not data:
            return False
        data = re.sub(r"\n( {0,3}\S)", r" \1", data)
        data = re.sub(INDENT, "", data, flags=re.M)
        parent.children.append(Block("codeblock", line, data))
        return True

    def _codeblock_fenced(self, parent: Block, src: Source) -> bool:
        match = src.check(FENCED_CODEBLOCK_MATCH)
        if match is None:
            return False
        line = src.line
        src.pos = match.end()
        block = Block("codeblock", line, match.group(5))
        if match.group(3) and match.group(3).strip():
            block.attrs["lang"] = match.group(4)
        parent.children.append(block)
        return True

    def _blockquote(self, parent: Block, src: Source) -> bool:
        line = src.line
        start = src.pos
        src.scan(r".*\n")
        lazy_end = _re(LAZY_END)
        while not src.eos() and not lazy_end.match(src.text, src.pos):
            src.scan(r".*\n")
        result = _re(BLOCKQUOTE_START).sub("", src.text[start : src.pos])
        block = Block("blockquote", line)
        parent.children.append(block)
        self._nested(block, result, line)
        return True

    def _atx_header(self, parent: Block, src: Source) -> bool:
        match = src.check(ATX_HEADER_START)
        assert match is not None
        text, header_id = self._header_contents(match.group("contents"))
        stripped = re.sub(r"[\t ]#+\Z", "", text)
        if stripped != text:
            text = stripped.rstrip()
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
        text = text.rstrip()
        match = HEADER_ID.search(text)
        if match:
            return text[: match.start()].rstrip(), match.group("id")
        return text, None

    @staticmethod
    def _add_header(
        parent: Block, src: Source, match: re.Match[str], level: int, text: str, header_id: str | None
    ) -> None:
        block = Block("header", src.line, text, level=level)
        if header_id:
            block.attrs["id"] = header_id
        src.pos = match.end()
        parent.children.append(block)

    def _horizontal_rule(self, parent: Block, src: Source) -> bool:
        line = src.line
        src.scan(HR_START)
        parent.children.append(Block("hr", line))
        return True

    def _list(self, parent: Block, src: Source) -> bool:
        is_ul = src.check(LIST_START_UL) is not None
        list_type = "ul" if is_ul else "ol"
        list_start_re = _re(LIST_START_UL if is_ul else LIST_START_OL)
        block = Block(list_type, src.line)
        values: list[list[list[str]]] = []  # per item: chunks of lines (joined once, at the end)
        lines: list[int] = []
        content_re = lazy_re = indent_re = _re(r"(?!)")
        indentation = 0
        eob_found = nested_list_found = last_is_blank = False
        hr_start, eob, blank, list_start = _re(HR_START), _re(EOB_MARKER), BLANK_LINE, _re(LIST_START)
        while not src.eos():
            line = src.line
            if last_is_blank and src.check(hr_start):
                break
            if src.scan(eob):
                eob_found = True
                break
            match = src.check(list_start_re)
            if match is not None:
                src.pos = match.end()
                item = Block("li", line)
                value, indentation = _first_list_line(len(match.group(1)), match.group(2))
                content_re, lazy_re, indent_re = _item_patterns(indentation)
                ial = LIST_ITEM_IAL.match(value)
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
                result = re.sub(r"^(\t+)", lambda m: "    " * len(m.group(1)), result)
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
            result = src.scan(blank)
            if result is not None:
                nested_list_found = True
                last_is_blank = True
                values[-1][-1].append(result)
                continue
            break

        parent.children.append(block)
        last: Block | None = None
        items = block.children
        for item, value_chunks, line in zip(items, values, lines, strict=True):
            location = line
            for chunk_lines in value_chunks:
                chunk = "".join(chunk_lines)
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
                kids[0].transparent = True
            last = kids.pop() if kids[-1].type == "blank" else None
        if last is not None and not eob_found:
            parent.children.append(last)
        return True

    def _definition_list(self, parent: Block, src: Source) -> bool:
        kids = parent.children
        if (
            not kids
            or (len(kids) == 1 and kids[-1].type != "p")
            or (
                len(kids) >= 2
                and kids[-1].type != "p"
                and (kids[-1].type != "blank" or kids[-1].text != "\n" or kids[-2].type != "p")
            )
        ):
            return False
        first_as_para = False
        para = kids.pop()
        if para.type == "blank":
            para = kids.pop()
            first_as_para = True
        dl = Block("dl", para.line)
        for term in para.text.split("\n"):
            dl.children.append(Block("dt", para.line, LIST_ITEM_IAL.sub("", term, count=1)))
        values: list[tuple[Block, list[str], bool]] = []
        def_start = _re(DEFINITION_LIST_START)
        content_re = lazy_re = indent_re = _re(r"(?!)")
        last_is_blank = False
        while not src.eos():
            line = src.line
            match = src.check(def_start)
            if match is not None:
                src.pos = match.end()
                dd = Block("dd", line)
                value, indentation = _first_list_line(len(match.group(1)), match.group(2))
                content_re, lazy_re, indent_re = _item_patterns(indentation)
                dl.children.append(dd)
                values.append((dd, [LIST_ITEM_IAL.sub("", value, count=1)], first_as_para))
                def_start = _re(_fetch_pattern("dl", indentation))
                first_as_para = last_is_blank = False
                continue
            if src.check(EOB_MARKER):
                break
            result = src.scan(content_re)
            if result is None and not last_is_blank:
                result = src.scan(lazy_re)
            if result is not None:
                result = re.sub(r"^(\t+)", lambda m: "    " * len(m.group(1)), result)
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
        """Raw HTML blocks, kept as written (Jekyll's default: no Markdown inside them)."""
        match = src.check(HTML_BLOCK_START)
        assert match is not None
        line = src.line
        start = src.pos
        name = match.group(1)
        text = src.text
        if name == "!--":
            end = text.find("-->", start)
            if end < 0:
                return False
            stop = end + 3
        elif name == "/":
            closing = _re(rf"^{OPT_SPACE}</{UNAME}\s*>[^\S\n]*\n").match(text, start)
            if closing is None:
                return False
            stop = closing.end()
        else:
            tag = name.lower()
            if tag in HTML_SPAN_ELEMENTS:
                return False
            opening = _re(rf"<{re.escape(name)}(?:\s[^>]*)?/?>").match(text, match.end(1) - len(name) - 1)
            if opening is None:
                return False
            if opening.group(0).endswith("/>") or tag in _VOID_ELEMENTS:
                stop = opening.end()
            else:
                stop = _matching_close(text, name, opening.end())
                if stop < 0:
                    return False
        # The block runs to the end of the line its closing tag is on.
        line_end = text.find("\n", stop)
        stop = len(text) if line_end < 0 else line_end + 1
        parent.children.append(Block("html", line, text[start:stop]))
        src.pos = stop
        return True

    def _table(self, parent: Block, src: Source) -> bool:
        if not self._after_block_boundary(parent):
            return False
        saved = src.pos
        line = src.line
        leading_pipe = bool(re.match(r"\s*\|", src.text[src.pos : src.text.find("\n", src.pos)]))
        src.scan(TABLE_SEP_LINE)
        rows: list[list[str]] = []
        head_rows = 0
        while not src.eos():
            if not src.check(TABLE_LINE):
                break
            if src.scan(TABLE_SEP_LINE):
                if rows and not head_rows:
                    head_rows = len(rows)
                continue
            if src.scan(TABLE_FSEP_LINE):
                continue
            row = src.scan(TABLE_ROW_LINE)
            if row is None:
                break
            rows.append(_table_cells(row.rstrip(), leading_pipe))
        # kramdown only accepts a table that ends at a block boundary, and whose lines have a
        # pipe outside code spans.
        source_lines = src.text[saved : src.pos].splitlines()
        pipes_outside_code = all(
            re.search(r"(?<!\\)\|", re.sub(r"(`+).*?\1", "", row)) for row in source_lines
        )
        if not rows or not pipes_outside_code or not (src.eos() or src.check(BLOCK_BOUNDARY)):
            src.pos = saved
            return False
        width = max(len(r) for r in rows)
        parent.children.append(
            Block("table", line, rows=[r + [""] * (width - len(r)) for r in rows], head_rows=head_rows)
        )
        return True

    def _footnote_definition(self, parent: Block, src: Source) -> bool:
        match = src.check(FOOTNOTE_DEFINITION_START)
        assert match is not None
        src.pos = match.end()
        self._on_footnote(match.group(1), re.sub(INDENT, "", match.group(2), flags=re.M))
        parent.children.append(Block("eob", src.line, "footnote_def"))
        return True

    def _link_definition(self, parent: Block, src: Source) -> bool:
        match = src.check(LINK_DEFINITION_START)
        assert match is not None
        if match.group(3) and re.search(r"[ \t]+[\"']", match.group(3)):
            return False
        src.pos = match.end()
        url = match.group(2) if match.group(2) is not None else match.group(3)
        self._on_link_definition(match.group(1), url, match.group(5))
        parent.children.append(Block("eob", src.line, "link_def"))
        return True

    def _block_extensions(self, parent: Block, src: Source) -> bool:
        line = src.line
        ial = src.check(IAL_BLOCK_START)
        if ial is not None:
            src.pos = ial.end()
            last = parent.children[-1] if parent.children else None
            if (
                last is not None
                and last.type != "blank"
                and (last.type != "eob" or last.text in ("link_def", "footnote_def"))
            ):
                last.ial = (last.ial + " " + ial.group(1)).strip()
                if not src.check(IAL_BLOCK_START):
                    parent.children.append(Block("eob", line, "ial"))
            return True
        ext = src.check(EXT_BLOCK)
        if ext is None:
            # '{:name: ...}' attribute list definitions: nothing to show.
            ald = src.scan(rf"^{OPT_SPACE}\{{:{ALD_ID_NAME}:{ALD_ANY_CHARS}+\}}[^\S\n]*\n")
            if ald is None:
                return False
            parent.children.append(Block("eob", line, "ald"))
            return True
        src.pos = ext.end()
        name = ext.group(1)
        if ext.group(3):  # {::name /}: no body
            return True
        closing = _re(rf"^{OPT_SPACE}\{{:/(?:{re.escape(name)})?\}}[^\S\n]*\n").search(src.text, src.pos)
        body_end = closing.start() if closing else len(src.text)
        body = src.text[src.pos : body_end]
        src.pos = closing.end() if closing else len(src.text)
        if name == "nomarkdown":
            parent.children.append(Block("html", line, body))
        elif name not in ("comment", "options"):
            self._nested(parent, body, line + 1)
        return True

    def _eob_marker(self, parent: Block, src: Source) -> bool:
        src.scan(EOB_MARKER)
        parent.children.append(Block("eob", src.line))
        return True

    def _paragraph(self, parent: Block, src: Source) -> bool:
        line = src.line
        start = src.pos
        src.scan(r".*\n")
        while not src.eos() and not PARAGRAPH_END.match(src.text, src.pos):
            src.scan(r".*\n")
        self._add_paragraph_text(parent, src.text[start : src.pos].rstrip(), line)
        return True


_VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def _matching_close(text: str, name: str, pos: int) -> int:
    """End offset of the tag that closes `<name>` opened before `pos`, honouring nesting; -1 if none."""
    tags = re.compile(rf"<(/?){re.escape(name)}(?=[\s>/])[^>]*?(/?)>", re.I)
    depth = 1
    for match in tags.finditer(text, pos):
        if match.group(1):
            depth -= 1
            if depth == 0:
                return match.end()
        elif not match.group(2):
            depth += 1
    return -1


def _first_list_line(indentation: int, content: str) -> tuple[str, int]:
    """kramdown's parse_first_list_line: the item's first line and its content column."""
    if LIST_ITEM_IAL_CHECK.match(content):
        indentation = 4
    else:
        while (tab := re.match(r"^( *)(\t+)", content)) is not None:
            spaces, tabs = tab.groups()
            column = len(spaces) + indentation
            content = spaces + " " * (4 - column % 4 + (len(tabs) - 1) * 4) + content[tab.end() :]
        indentation += len(content) - len(content.lstrip(" "))
    return re.sub(r"^\s*", "", content, count=1), indentation


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


def _fetch_pattern(list_type: str, indentation: int) -> str:
    spaces = {1: " {0}", 2: " {0,1}", 3: " {0,2}"}.get(indentation, " {0,3}")
    marker = {"ul": "[+*-]", "ol": r"\d+\.", "dl": ":"}[list_type]
    return rf"^({spaces}{marker})({PATTERN_TAIL})"


def _table_cells(row: str, leading_pipe: bool) -> list[str]:
    cells: list[str] = []
    # Pipes inside code spans do not separate cells.
    for index, part in enumerate(re.split(r"(`+[^`]*?`+)", row)):
        if index % 2:
            if cells:
                cells[-1] += part
            else:
                cells.append(part)
            continue
        first, *rest = [t.replace("\\|", "|") for t in re.split(r"(?<!\\)\|", part)]
        if cells:
            cells[-1] += first
        else:
            cells.append(first)
        cells.extend(rest)
    if leading_pipe and cells and not cells[0].strip():
        cells.pop(0)
    if cells and not cells[-1].strip():
        cells.pop()
    return [c.strip() for c in cells]

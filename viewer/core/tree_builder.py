"""Builds Python-Markdown's element tree from kramdown's block structure (`kramdown_blocks.Block`)
and kramdown's spans (`kramdown_spans`): one element per block, the text of paragraphs, headers,
terms and cells parsed into elements as kramdown's converter writes them."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Any

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.postprocessors import RawHtmlPostprocessor
from markdown.preprocessors import Preprocessor
from markdown.util import ETX, STX

from viewer.core.attribute_lists import parse_attribute_list
from viewer.core.kramdown_blocks import Block, KramdownBlockParser
from viewer.core.kramdown_html import escape_text
from viewer.core.kramdown_spans import (
    RawText,
    Span,
    SpanParser,
)
from viewer.core.span_search import OutOfWork

if TYPE_CHECKING:
    from viewer.core.markdown_ext import JekyllExtension

# kramdown-parser-gfm's task list items: '[ ]' or '[x]' and white space at the start.
_TASK = re.compile(r"\A[ \t\n\r\f\v]*\[([ xX])\][ \t\n\r\f\v]+")
# Where a text can hold spans at all; text without any of these is text (most bullets).
_SPAN_CHARS = re.compile(r"[*_`<\[\\$&\"'~{!]|--|\.\.\.|>>|  \n|(?i:(?:ht|f)tps?://|www\.)")
# Stands in for the '>' that ends a task's box in the text kramdown parses (see `_spans`).
_BOX = "\ue000"
#: Set on a header: the text kramdown makes its id from (the outline collector reads it).
ID_TEXT = "data-id-text"
#: Set on a list item that is a task: "x" when checked, " " when not.
TASK = "data-task"


class KramdownWhitespace(Preprocessor):
    """Python-Markdown's whitespace normalisation without what kramdown does not do: tabs stay
    tabs (kramdown's lists and code blocks read tab stops themselves) and lines of spaces stay."""

    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines).replace(STX, "").replace(ETX, "")
        return (source.replace("\r\n", "\n").replace("\r", "\n") + "\n\n").split("\n")


class BlockHtml(str):
    """Raw HTML that kramdown writes as a block of its own, whatever its tag (`<T>`, `<x y>`)."""


class KramdownRawHtml(RawHtmlPostprocessor):
    """Python-Markdown's raw-HTML writer, which keeps a paragraph around HTML whose tag it does not
    know as block-level; kramdown's converter writes an HTML block bare (converter/html.rb
    convert_html_element / convert_xml_comment), so a `BlockHtml` never gets one."""

    def stash_to_string(self, text: str) -> str:
        return text if isinstance(text, BlockHtml) else str(text)

    def isblocklevel(self, html: str) -> bool:
        return isinstance(html, BlockHtml) or super().isblocklevel(html)


_PLACEHOLDER = re.compile(f"{STX}wzxhzdk:(\\d+){ETX}")


def is_html_block(element: etree.Element, md: Markdown) -> bool:
    """Whether `element` is the paragraph Python-Markdown holds an HTML block's place with."""
    if element.tag != "p" or len(element) or not element.text:
        return False
    match = _PLACEHOLDER.fullmatch(element.text)
    return match is not None and isinstance(md.htmlStash.rawHtmlBlocks[int(match.group(1))], BlockHtml)


class KramdownBlockProcessor(BlockProcessor):
    """Builds the element tree of the whole document from kramdown's block structure."""

    def __init__(self, parser: Any, extension: JekyllExtension) -> None:
        super().__init__(parser)
        self.extension = extension

    def test(self, parent: etree.Element, block: str) -> bool:
        return True

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        text = "\n\n".join(blocks)
        blocks.clear()
        first_line = int(self.extension.getConfig("first_line"))
        builder = TreeBuilder(self.parser.md, self.extension)
        builder.build_text(parent, text, first_line)
        return True


class TreeBuilder:
    """Turns Markdown text into elements under a parent: kramdown's blocks, then their spans."""

    def __init__(self, md: Markdown, extension: JekyllExtension, gfm_line_breaks: bool = True) -> None:
        self.md = md
        self.extension = extension
        #: Whether a backslash ending a line is a line break: GFM's parser makes it one only in
        #: the document's tree, not in footnotes (kramdown-parser-gfm update_elements walks @root).
        self.gfm_line_breaks = gfm_line_breaks
        #: Task items' first paragraphs (by id): kramdown puts the box in their text.
        self._boxed: set[int] = set()
        #: The paragraphs that only hold a block put aside (code, HTML): no item's text.
        self._stashed: set[etree.Element] = set()

    def build_text(self, parent: etree.Element, text: str, first_line: int = 1) -> bool:
        """Build `text` under `parent`; whether its last block is a blank line (what stands after
        it wrote nothing: a definition, say), which kramdown keeps as the last element."""
        extension = self.extension
        block_parser = KramdownBlockParser(self._define_link, self._define_footnote)
        root = block_parser.parse(text, first_line)
        if block_parser.too_deep_at is not None:
            extension.warnings.append(
                f"Line {block_parser.too_deep_at}: lists or quotes nested deeper than "
                f"{KramdownBlockParser.MAX_DEPTH} levels are shown as plain text."
            )
        if block_parser.unformatted_from is not None:
            extension.warnings.append(
                f"Line {block_parser.unformatted_from} on: the post has more than "
                f"{KramdownBlockParser.MAX_BLOCKS:,} blocks (paragraphs, list items, table cells, HTML "
                "tags); the rest of it is shown as written, without formatting."
            )
        self.build(parent, root)
        written = [child.type for child in root.children if child.type != "eob"]
        return bool(written) and written[-1] == "blank"

    def _define_link(self, name: str, url: str, title: str | None) -> None:
        self.extension.link_definitions[_normalize_link_id(name)] = (url, title)

    def _define_footnote(self, name: str, text: str) -> None:
        self.extension.footnote_definitions[name] = text

    # --- blocks ----------------------------------------------------------------------------------------

    def build(self, parent: etree.Element, block: Block) -> None:
        for child in block.children:
            self._add(parent, child)

    def _stash(self, parent: etree.Element, raw: str) -> None:
        p = etree.SubElement(parent, "p")
        p.text = self.md.htmlStash.store(BlockHtml(raw))
        self._stashed.add(p)

    def _add(self, parent: etree.Element, block: Block) -> None:
        kind = block.type
        if kind in ("blank", "eob"):
            return
        if kind == "unformatted":
            text = block.text.strip("\n")
            if "\n" in text:
                self._stash(parent, _unformatted(text))
            else:  # an item's text, say: the outline reads it
                etree.SubElement(parent, "p", {"class": "unformatted"}).text = text
            return
        if kind == "p":
            if block.transparent and len(parent) == 0 and not (parent.text or "").strip():
                self._spans(parent, block.text, block.line, block.raw, id(block) in self._boxed)
                # The newline kramdown ends the text with before a nested block (read by the
                # spans above) is no text a reader sees: the page shows none there.
                if len(parent):
                    parent[-1].tail = (parent[-1].tail or "").rstrip("\n") or None
                elif parent.text:
                    parent.text = parent.text.rstrip("\n")
                return
            element = etree.SubElement(parent, "p")
            self._spans(element, block.text, block.line, block.raw, id(block) in self._boxed)
        elif kind == "header":
            element = etree.SubElement(parent, f"h{block.level}")
            spans = self._spans(element, block.text, block.line)
            element.set(ID_TEXT, id_text(spans) if spans is not None else block.text)
            element.set("data-line", str(block.line))
            if "id" in block.attrs:
                element.set("id", block.attrs["id"])
        elif kind in ("ul", "ol"):
            element = etree.SubElement(parent, kind)
            for item in block.children:
                li = etree.SubElement(element, "li")
                li.set("data-line", str(item.line))
                task = _task(item)
                if task is not None:
                    self._boxed.add(id(item.children[0]))
                self.build(li, item)
                apply_ial(li, item.ial)
                if task is not None:
                    _add_task_box(li, element, task, self._stashed)
        elif kind == "codeblock":
            language = block.attrs.get("lang", "")
            code = block.text
            highlight = self.extension.highlight
            if highlight is not None:
                shown = highlight(code, language)
            else:
                shown = f"<pre><code>{html.escape(code)}</code></pre>"
            self._stash(parent, _with_attributes(shown, block.ial))
            return
        elif kind == "math":
            # kramdown's mathjax engine: the TeX as written, between \[ \], for a typesetter.
            element = etree.SubElement(parent, "div", {"class": "math display"})
            element.text = f"\\[{block.text}\\]"
        elif kind == "blockquote":
            element = etree.SubElement(parent, "blockquote")
            self.build(element, block)
        elif kind == "hr":
            element = etree.SubElement(parent, "hr")
        elif kind == "html":
            if block.text.strip():
                raw = _with_attributes(block.text.strip("\n"), block.ial)
                after_text = (parent.text or "").strip() or len(parent)
                if after_text and all(c.tag in _INLINE_TAGS for c in parent):
                    raw = "\n" + raw  # after an item's text, as kramdown writes it: 'x\n<T>'
                self._stash(parent, raw)
            return
        elif kind == "comment":  # {::comment}: kept out of sight, as kramdown writes it
            # ('<!-- text -->': a '-->' in the text ends the comment there, and the rest shows)
            comment, end, rest = f" {block.text} ".partition("-->")
            parent.append(etree.Comment(comment))
            if end:
                self._stash(parent, rest + "-->")
            return
        elif kind == "text":  # text kramdown added outside any paragraph
            self._spans(parent, block.text, block.line)
            return
        elif kind == "html_element":  # an HTML element whose content kramdown parsed
            element = etree.SubElement(parent, block.text, block.attrs)
            self.build(element, block)
            self.give_basic_ids(element)
        elif kind == "table":
            element = self._table(parent, block)
        elif kind == "dl":
            element = etree.SubElement(parent, "dl")
            for entry in block.children:
                sub = etree.SubElement(element, entry.type)
                if entry.type == "dt":
                    self._spans(sub, entry.text, entry.line)
                else:
                    self.build(sub, entry)
                apply_ial(sub, entry.ial)
        else:
            return
        apply_ial(element, block.ial)

    def give_basic_ids(self, element: etree.Element) -> None:
        """Ids for the headers under `element` as kramdown's converter gives them where GFM's
        parser gave none (inside HTML elements, in footnotes): ASCII letters, digits, spaces and
        hyphens after the first letter; 'section' if none."""
        used = self.extension.basic_ids
        for header in element.iter():
            if header.tag not in _HEADERS or "id" in header.attrib:
                continue
            text = header.attrib.pop(ID_TEXT, "")
            header.attrib.pop("data-line", None)
            result = re.sub(r"[^a-zA-Z0-9 -]", "", re.sub(r"^[^a-zA-Z]+", "", text)).replace(" ", "-").lower()
            result = result or "section"
            if result in used:
                used[result] += 1
                result = f"{result}-{used[result]}"
            else:
                used[result] = 0
            header.set("id", result)

    def _table(self, parent: etree.Element, block: Block) -> etree.Element:
        table = etree.SubElement(parent, "table")
        head = etree.SubElement(table, "thead") if block.head_rows else None
        body = etree.SubElement(table, "tbody")
        for index, row in enumerate(block.rows):
            in_head = head is not None and index < block.head_rows
            tr = etree.SubElement(head if in_head and head is not None else body, "tr")
            for cell in row:
                td = etree.SubElement(tr, "th" if in_head else "td")
                self._spans(td, cell, block.line)
        return table

    # --- spans -----------------------------------------------------------------------------------------

    def _spans(
        self, element: etree.Element, text: str, line: int, raw: bool = False, boxed: bool = False
    ) -> Span | None:
        """Parse `text` as kramdown's spans into `element`; the span tree, or None where the text
        has no markup at all (most list items) or is shown as written. A task's box (`boxed`)
        is, for kramdown, an element at the start of the text."""
        extension = self.extension
        if raw or extension.span_work.left <= 0 or not _SPAN_CHARS.search(text):
            _append_text(element, text)
            return None
        parser = SpanParser(
            _BOX + text if boxed else text,
            extension.link_definitions,
            extension.footnote_definitions,
            self.md.htmlStash.store,
            extension.span_work,
        )
        if boxed:
            # kramdown's parser reads the item with its box already in the text, as HTML
            # ('<input … />'): an element first, then text that follows a '>'.
            parser.root.children.append(Span("raw", ""))
            parser.pos = 1
        try:
            root = parser.parse()
        except OutOfWork:
            extension.warnings.append(
                f"Line {line} on: the post has more markup than can be shown in good time; "
                "the rest of its text is shown without formatting."
            )
            _append_text(element, text)
            return None
        if parser.too_deep:
            self.extension.warnings.append(
                f"Line {line}: markup nested deeper than {SpanParser.MAX_DEPTH} levels is shown as text."
            )
        append_spans(element, root.children, in_html=not self.gfm_line_breaks)
        return root


def _unformatted(text: str) -> str:
    """Text shown as written: a paragraph per run of lines between blank lines, its lines and
    their indents kept (the class's white-space: pre-wrap). Made as a string: a tree of hundreds
    of thousands of line breaks takes seconds to write."""
    paragraphs = re.split(r"\n[ \t]*\n(?:[ \t]*\n)*", text)  # the next line keeps its indent
    return "\n".join(
        '<p class="unformatted">' + "<br />".join(html.escape(part, quote=False).split("\n")) + "</p>"
        for part in paragraphs
    )


def _normalize_link_id(text: str) -> str:
    return re.sub(r"[ \t\n\r\f\v]+", " ", text).lower()


def _task(item: Block) -> str | None:
    """GFM's task list item: its first paragraph starts with '[ ]' or '[x]'; that box is taken
    off the text (the item shows a box instead). The box's state, or None."""
    if not item.children or item.children[0].type != "p":
        return None
    paragraph = item.children[0]
    match = _TASK.match(paragraph.text)
    if match is None:
        return None
    paragraph.text = paragraph.text[match.end() :]
    return match.group(1).lower()


def _add_task_box(
    li: etree.Element, list_element: etree.Element, state: str, stashed: set[etree.Element]
) -> None:
    first = li[0] if len(li) else None
    # The box goes into the item's first paragraph, if it starts with one (not a block put
    # aside: a task item with no text before its code block shows the box before the block).
    paragraph = first is not None and first.tag == "p" and first not in stashed
    holder = first if paragraph and first is not None and not (li.text or "").strip() else li
    box = etree.Element("span", {"class": "task-box"})
    box.text = "\u2611 " if state == "x" else "\u2610 "
    box.tail = holder.text
    holder.text = None
    holder.insert(0, box)
    li.set(TASK, state)
    li.set("class", f"{li.get('class', '')} task-list-item".lstrip())
    list_element.set("class", "task-list")


def apply_ial(element: etree.Element, ial: str) -> None:
    """kramdown's block attribute lists: '.class', '#id', key="value"; the reference 'toc' marks
    the list that becomes the table of contents (definitions referred to are already written
    out by the block parser)."""
    if not ial:
        return
    parsed = parse_attribute_list(ial)
    for key, value in parsed.attributes.items():
        if key == "class":
            element.set("class", f"{element.get('class', '')} {value}".strip())
        else:
            element.set(key, value)
    if "toc" in parsed.refs:
        element.set("data-toc", "1")


_HEADERS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_FIRST_TAG = re.compile(r"<([A-Za-z][\w:-]*)([^>]*?)(/?)>")


def _with_attributes(raw: str, ial: str) -> str:
    """Raw HTML (a code block's <pre>, an HTML block's element) with the attribute list kramdown
    gives that element, set on its first tag."""
    if not ial:
        return raw
    first = _FIRST_TAG.match(raw.lstrip())
    if first is None:
        return _with_shown_attributes(raw, ial)
    element = etree.Element(first.group(1), dict(re.findall(r'([\w:-]+)="([^"]*)"', first.group(2))))
    apply_ial(element, ial)
    element.attrib.pop("data-toc", None)  # only a list becomes the table of contents
    written = "".join(f' {key}="{html.escape(value)}"' for key, value in element.attrib.items())
    start = len(raw) - len(raw.lstrip())
    return f"{raw[:start]}<{first.group(1)}{written}{first.group(3)}>{raw[start + first.end() :]}"


# A start tag whose name no browser reads as one, written out as text (kramdown_html.shown_tag).
_SHOWN_TAG = re.compile(r'&lt;([^\s&<>]+)((?: [^\s="]+="[^"]*")*)( /)?&gt;')


def _with_shown_attributes(raw: str, ial: str) -> str:
    """kramdown writes an attribute list into any start tag, `<여러분의 IP="" class="cls">` too,
    which a browser shows as text: so do we."""
    start = len(raw) - len(raw.lstrip())
    first = _SHOWN_TAG.match(raw, start)
    if first is None:
        return raw
    element = etree.Element("x", dict(re.findall(r' ([^\s="]+)="([^"]*)"', first.group(2))))
    apply_ial(element, ial)
    element.attrib.pop("data-toc", None)
    written = escape_text("".join(f' {key}="{value}"' for key, value in element.attrib.items()))
    return f"{raw[:start]}&lt;{first.group(1)}{written}{first.group(3) or ''}&gt;{raw[first.end() :]}"


# --- kramdown spans → elements (kramdown's HTML converter) -----------------------------------------------


# What an item's text holds (kramdown's span elements as we write them).
_INLINE_TAGS = {"em", "strong", "a", "img", "br", "code", "del", "sup", "span", "abbr", "kbd", "b", "i"}
# Elements of kramdown's :block category that hold text (element.rb CATEGORY; th is its td).
_BLOCK_CATEGORY = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th"}


def _append_text(element: etree.Element, text: str) -> None:
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def append_spans(element: etree.Element, children: list[Span | str], in_html: bool = False) -> None:
    """Append kramdown spans to `element`: text as text, each span as its element. `in_html`:
    inside an HTML element or a footnote, where GFM's backslash line breaks are not made."""
    pending: list[str] = []

    def flush(last: bool = False) -> None:
        if not pending:
            return
        text = "".join(pending)
        pending.clear()
        if in_html or "\\\n" not in text:
            _append_text(element, text)
            return
        # GFM: a backslash at the end of a line is a line break (outside HTML elements), but not
        # one ending a block's text (gfm.rb update_text_type, omit_trailing_br).
        first, *rest = text.split("\\\n")
        _append_text(element, first)
        if last and rest[-1] == "" and element.tag in _BLOCK_CATEGORY:
            rest.pop()
            _append_text(element, "\n")
        for part in rest:
            etree.SubElement(element, "br").tail = "\n" + part

    for child in children:
        if isinstance(child, str):
            # HTML kept as written shows as a browser reads it ('&notanentity;' too).
            pending.append(html.unescape(child) if isinstance(child, RawText) else child)
            continue
        if child.kind == "raw":
            pending.append(child.value)  # a placeholder for HTML kept as written
            continue
        flush()
        _append_span(element, child, in_html)
    flush(last=True)


def _append_span(parent: etree.Element, span: Span, in_html: bool) -> None:
    kind = span.kind
    if kind == "comment":
        parent.append(etree.Comment(span.value))
        return
    if kind in ("em", "strong", "a", "img", "br"):
        element = etree.SubElement(parent, kind, span.attrs)
    elif kind == "code":
        element = etree.SubElement(parent, "code", span.attrs)
        element.text = span.value
        return
    elif kind == "math":
        attrs = dict(span.attrs)
        attrs["class"] = f"math inline {attrs.get('class', '')}".rstrip()
        element = etree.SubElement(parent, "span", attrs)
        element.text = f"\\({span.value}\\)"
        return
    elif kind == "footnote":
        etree.SubElement(parent, "sup", {"data-footnote": span.value})
        return
    elif span.value[:1].isascii() and span.value[:1].isalpha():  # html
        element = etree.SubElement(parent, span.value, span.attrs)
        in_html = True
    else:
        # kramdown writes '<여러분의 IP>' out as a tag, '<여러분의 IP="">'; a browser reads a tag
        # name only from an ASCII letter on, and shows this one as text (and hides its end tag).
        written = "".join(f' {key}="{value}"' for key, value in span.attrs.items())
        _append_text(parent, f"<{span.value}{written}>")
        append_spans(parent, span.children, True)
        return
    append_spans(element, span.children, in_html)


def id_text(span: Span) -> str:
    """The text kramdown-parser-gfm makes a header's id from (its update_raw_text): text, code,
    math, entities and typographic characters, without footnote markers or images."""
    parts: list[str] = []

    def collect(node: Span | str) -> None:
        if isinstance(node, str):
            parts.append(node)
        elif node.kind in ("code", "math"):
            parts.append(node.value)
        elif node.kind not in ("footnote", "raw", "comment"):
            for child in node.children:
                collect(child)

    collect(span)
    return "".join(parts)

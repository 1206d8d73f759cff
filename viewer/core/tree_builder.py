"""Builds Python-Markdown's element tree from kramdown's block structure (`kramdown_blocks.Block`):
one element per block, the text of paragraphs, headers and cells left for the inline rules."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor
from markdown.util import ETX, STX, AtomicString

from viewer.core.attribute_lists import parse_attribute_list
from viewer.core.kramdown_blocks import Block, KramdownBlockParser

if TYPE_CHECKING:
    from viewer.core.markdown_ext import JekyllExtension

_TASK = re.compile(r"\A\s*\[([ xX])\]\s+")


class KramdownWhitespace(Preprocessor):
    """Python-Markdown's whitespace normalisation without what kramdown does not do: tabs stay
    tabs (kramdown's lists and code blocks read tab stops themselves) and lines of spaces stay."""

    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines).replace(STX, "").replace(ETX, "")
        return (source.replace("\r\n", "\n").replace("\r", "\n") + "\n\n").split("\n")


class KramdownBlockProcessor(BlockProcessor):
    """Builds the element tree from kramdown's block structure (see kramdown_blocks)."""

    def __init__(self, parser: Any, extension: JekyllExtension) -> None:
        super().__init__(parser)
        self.extension = extension

    def test(self, parent: etree.Element, block: str) -> bool:
        return True

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        text = "\n\n".join(blocks)
        blocks.clear()
        md = self.parser.md
        first_line = int(self.extension.getConfig("first_line")) if parent.tag == "div" else 1
        # Only the document itself carries source lines; footnote bodies are parsed later.
        self.extension.setConfig("first_line", 1)
        block_parser = KramdownBlockParser(self._define_link, self._define_footnote)
        root = block_parser.parse(text, first_line)
        warnings = self.extension.warnings
        if block_parser.too_deep_at is not None:
            warnings.append(
                f"Line {block_parser.too_deep_at}: lists or quotes nested deeper than "
                f"{KramdownBlockParser.MAX_DEPTH} levels are shown as plain text."
            )
        _TreeBuilder(md, self.extension.highlight, warnings).build(parent, root)
        return True

    def _define_link(self, name: str, url: str, title: str | None) -> None:
        key = " ".join(name.split()).lower()
        self.parser.md.references[key] = (url, title or "")

    def _define_footnote(self, name: str, text: str) -> None:
        self.extension.footnotes.setFootnote(name, text)


class _TreeBuilder:
    def __init__(
        self, md: Markdown, highlight: Callable[[str, str], str] | None, warnings: list[str]
    ) -> None:
        self.md = md
        self.highlight = highlight
        self.warnings = warnings
        self.basic_ids: dict[str, int] = {}  # kramdown's own header ids, inside HTML elements
        self.top: etree.Element | None = None  # the element the document is built in

    def _inline(self, text: str, line: int, raw: bool = False) -> str:
        """Mark markup-free text atomic so the inline processors skip it (most bullets have
        none), and text with pathological amounts of markup too, with a warning."""
        if raw or not _INLINE_ACTIVE.search(text):
            return AtomicString(text)
        if len(text) > MAX_MARKUP_CHARS:
            for char in _MARKUP_CHARS:
                if text.count(char) > MAX_MARKUP_CHARS:
                    self.warnings.append(
                        f"Line {line}: more than {MAX_MARKUP_CHARS} '{char}' in one block; "
                        "it is shown as plain text."
                    )
                    return AtomicString(text)
        return text

    def build(self, parent: etree.Element, block: Block) -> None:
        if self.top is None:
            self.top = parent
        for child in block.children:
            self._add(parent, child)

    def _stash(self, parent: etree.Element, raw: str) -> None:
        p = etree.SubElement(parent, "p")
        p.text = self.md.htmlStash.store(raw)

    def _add(self, parent: etree.Element, block: Block) -> None:
        kind = block.type
        if kind in ("blank", "eob"):
            return
        if kind == "p":
            if block.transparent and len(parent) == 0 and not (parent.text or "").strip():
                parent.text = self._inline(block.text, block.line, block.raw)
                return
            element = etree.SubElement(parent, "p")
            element.text = self._inline(block.text, block.line, block.raw)
        elif kind == "header":
            element = etree.SubElement(parent, f"h{block.level}")
            element.text = self._inline(block.text, block.line)
            element.set("data-line", str(block.line))
            if "id" in block.attrs:
                element.set("id", block.attrs["id"])
        elif kind in ("ul", "ol"):
            element = etree.SubElement(parent, kind)
            for item in block.children:
                li = etree.SubElement(element, "li")
                li.set("data-line", str(item.line))
                self.build(li, item)
                apply_ial(li, item.ial)
                self._task_item(li, element)
        elif kind == "codeblock":
            language = block.attrs.get("lang", "")
            code = block.text
            if self.highlight is not None:
                shown = self.highlight(code, language)
            else:
                shown = f"<pre><code>{html.escape(code)}</code></pre>"
            self._stash(parent, _with_attributes(shown, block.ial))
            return
        elif kind == "blockquote":
            element = etree.SubElement(parent, "blockquote")
            self.build(element, block)
        elif kind == "hr":
            element = etree.SubElement(parent, "hr")
        elif kind == "html":
            self._stash(parent, _with_attributes(block.text.strip("\n"), block.ial))
            return
        elif kind == "math":
            # kramdown's mathjax engine: the TeX as written, between \[ \], for a typesetter.
            self._stash(
                parent, f'<div class="math display">\\[{html.escape(block.text, quote=False)}\\]</div>'
            )
            return
        elif kind == "text":  # text kramdown added outside any paragraph
            text = self._inline(block.text, block.line)
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + text
            elif parent is self.top:  # Python-Markdown's inline rules skip the root's own text
                etree.SubElement(parent, "span").text = text
            else:
                parent.text = (parent.text or "") + text
            return
        elif kind == "html_element":  # an HTML element whose content kramdown parsed
            element = etree.SubElement(parent, block.text, block.attrs)
            self.build(element, block)
            for header in element.iter():
                if header.tag in _HEADERS and "id" not in header.attrib:
                    header.set("id", self._basic_id(header.text or ""))
        elif kind == "table":
            element = self._table(parent, block)
        elif kind == "dl":
            element = etree.SubElement(parent, "dl")
            for entry in block.children:
                sub = etree.SubElement(element, entry.type)
                if entry.type == "dt":
                    sub.text = self._inline(entry.text, entry.line)
                else:
                    self.build(sub, entry)
                apply_ial(sub, entry.ial)
        else:
            return
        apply_ial(element, block.ial)

    def _basic_id(self, text: str) -> str:
        """kramdown's converter's header id (GFM's are not given inside HTML elements): ASCII
        letters, digits, spaces and hyphens after the first letter; 'section' if none."""
        text = re.sub(r"\]\([^)]*\)", "", text)  # a link's text counts, not its address
        result = re.sub(r"[^a-zA-Z0-9 -]", "", re.sub(r"^[^a-zA-Z]+", "", text)).replace(" ", "-").lower()
        result = result or "section"
        if result in self.basic_ids:
            self.basic_ids[result] += 1
            return f"{result}-{self.basic_ids[result]}"
        self.basic_ids[result] = 0
        return result

    def _table(self, parent: etree.Element, block: Block) -> etree.Element:
        table = etree.SubElement(parent, "table")
        head = etree.SubElement(table, "thead") if block.head_rows else None
        body = etree.SubElement(table, "tbody")
        for index, row in enumerate(block.rows):
            in_head = head is not None and index < block.head_rows
            tr = etree.SubElement(head if in_head and head is not None else body, "tr")
            for cell in row:
                td = etree.SubElement(tr, "th" if in_head else "td")
                td.text = self._inline(cell, block.line)
        return table

    @staticmethod
    def _task_item(li: etree.Element, list_element: etree.Element) -> None:
        """GFM task lists: '[ ]' / '[x]' at the start of an item become a box."""
        holder = li if (li.text or "").strip() else (li[0] if len(li) and li[0].tag == "p" else None)
        if holder is None or not holder.text:
            return
        match = _TASK.match(holder.text)
        if match is None:
            return
        holder.text = holder.text[match.end() :]
        box = etree.Element("span", {"class": "task-box"})
        box.text = "\u2611 " if match.group(1) in "xX" else "\u2610 "
        box.tail = holder.text
        holder.text = ""
        holder.insert(0, box)
        li.set("class", "task-list-item")
        list_element.set("class", "task-list")


# Text without any of these has no inline markup, links or line breaks for Python-Markdown to find
# (typographic quotes and dashes come later, from _Typography, for all text).
_INLINE_ACTIVE = re.compile(r"[\\`*_\[\]<>!&~{}:@]|  \n|www\.", re.I)


#: A block with more of one markup character than this is shown as plain text: Python-Markdown's
#: link and code patterns take quadratic time on thousands of unmatched '[' or '`'.
MAX_MARKUP_CHARS = 1000
_MARKUP_CHARS = "[`*_<"


def apply_ial(element: etree.Element, ial: str) -> None:
    """kramdown's attribute lists: '.class', '#id', key="value"; a bare name such as 'toc' is a
    reference (definitions referred to are already written out by the block parser)."""
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
        return raw
    element = etree.Element(first.group(1), dict(re.findall(r'([\w:-]+)="([^"]*)"', first.group(2))))
    apply_ial(element, ial)
    written = "".join(f' {key}="{html.escape(value)}"' for key, value in element.attrib.items())
    start = len(raw) - len(raw.lstrip())
    return f"{raw[:start]}<{first.group(1)}{written}{first.group(3)}>{raw[start + first.end() :]}"

"""Our Python-Markdown extension: kramdown's block structure, kramdown's heading ids, and the
outline and links read from the same element tree that becomes the HTML."""

from __future__ import annotations

import html
import re
import unicodedata
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.inlinepatterns import HtmlInlineProcessor, InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from viewer.core.kramdown_blocks import HTML_BLOCK_ELEMENTS, Block, KramdownBlockParser
from viewer.core.links import Link, classify_url
from viewer.core.outline import OutlineNode
from viewer.core.typography import UNDERSCORE_MARK, literal, smarten_tree

# GFM's escapable characters (kramdown-parser-gfm ESCAPED_CHARS_GFM).
GFM_ESCAPED_CHARS = list("\\.*_+`<>()[]{}#!:|\"'$=-~")
_STASH = re.compile("\x02wzxhzdk:(\\d+)\x03")
_ESCAPED = re.compile("\x02(\\d+)\x03")
_BLOCK_TAGS = frozenset(
    "p pre ul ol blockquote table div figure dl hr h1 h2 h3 h4 h5 h6 details iframe section".split()
)
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_TASK = re.compile(r"\A\s*\[([ xX])\]\s+")
_IAL_TOKEN = re.compile(r'(\w[\w-]*)=("|\')(.*?)\2|#([A-Za-z][\w:-]*)|\.([^\s.#]+)|(\w[\w-]*)')


def gfm_heading_id(text: str, counts: dict[str, int]) -> str:
    """kramdown-parser-gfm's generate_gfm_header_id: lower case, word characters, '-' for spaces."""
    result = "".join(ch for ch in text.lower() if ch in "- \t" or _is_word_char(ch))
    result = result.replace(" ", "-").replace("\t", "-")
    seen = counts.get(result, -1) + 1
    counts[result] = seen
    return f"{result}-{seen}" if seen else result


def _is_word_char(ch: str) -> bool:
    # Ruby's \p{Word}: letters, marks, decimal digits, connector punctuation.
    category = unicodedata.category(ch)
    return category[0] in "LM" or category in ("Nd", "Nl", "Pc")


@dataclass
class _Node:
    kind: str
    level: int
    text: str
    id: str
    line: int
    children: list[_Node] = field(default_factory=list)

    def freeze(self) -> OutlineNode:
        return OutlineNode(
            self.kind,
            self.level,
            self.text,
            self.id,
            self.line,
            tuple(child.freeze() for child in self.children),
        )


class JekyllExtension(Extension):
    """Renders like Jekyll and records the outline, links and heading ids of each conversion."""

    def __init__(
        self, footnotes: FootnoteExtension, highlight: Callable[[str, str], str] | None = None, **kwargs: Any
    ) -> None:
        self.config = {"first_line": [1, "Source line of the first line of the Markdown text"]}
        super().__init__(**kwargs)
        self.footnotes = footnotes
        #: Turns (code, language) into HTML for code blocks.
        self.highlight = highlight
        self.reset()

    def reset(self) -> None:
        self.outline: tuple[OutlineNode, ...] = ()
        self.links: tuple[Link, ...] = ()
        self.heading_ids: tuple[str, ...] = ()
        #: Problems met while rendering (text shown plain to stay fast), for the reader.
        self.warnings: list[str] = []

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.ESCAPED_CHARS = GFM_ESCAPED_CHARS
        # kramdown finds raw HTML blocks itself, with its own rules.
        md.preprocessors.deregister("html_block")
        # Highest priority: this processor parses the whole document, so no other block
        # processor ever sees a block.
        md.parser.blockprocessors.register(KramdownBlockProcessor(md.parser, self), "kramdown", 1000)
        # kramdown only takes '<name ...>' for an HTML tag; 'Map<K,V>' stays text.
        md.inlinePatterns.register(_InlineHtml(_INLINE_HTML, md), "html", 90)
        # Comments before code spans: a commented-out `code` stays hidden, as in kramdown.
        md.inlinePatterns.register(HtmlInlineProcessor(_INLINE_COMMENT, md), "html_comment", 200)
        md.inlinePatterns.register(_CodeSpan(_BACKTICKS, md), "backtick", 190)
        md.inlinePatterns.register(_LiteralText(_OUTER_BRACKET, md), "outer_bracket", 175)
        for name, written_as in (
            ("link", "markdown"),
            ("reference", "reference"),
            ("short_reference", "reference"),
            ("autolink", "autolink"),
            ("magic-link", "bare"),
            ("magic-www-link", "bare"),
        ):
            if name in md.inlinePatterns:
                _tag_links(md.inlinePatterns[name], written_as)
        if "em_strong" in md.inlinePatterns:
            _mark_underscores(md.inlinePatterns["em_strong"])
        # After inline processing (20) and attr_list (8), before prettify (10)? No: prettify only
        # adds whitespace; running after it keeps our view of the final tree.
        # kramdown's dashes, ellipses, guillemets and curly quotes, once inline markup is done.
        md.treeprocessors.register(_Typography(md), "kramdown_typography", 6)
        md.treeprocessors.register(OutlineTreeprocessor(md, self), "jekyll_outline", 5)


# Not after another "<": kramdown reads "<<" as a guillemet first.
_INLINE_HTML = r"(?<!<)(</?([A-Za-z][\w:-]*)(?:\s[^<>]*)?/?>)"
_INLINE_COMMENT = r"(<!--(?:(?!<!--).)*?-->)"
# '[[Bug #1]]' (not followed by a URL): the outer bracket is text, the inner one a link.
_OUTER_BRACKET = r"\[(?=\[[^\]]*\]\](?!\())"


class _InlineHtml(HtmlInlineProcessor):
    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[str | etree.Element | None, int | None, int | None]:
        # kramdown reads block-level tag names inside a paragraph as text: 'List<Address>'.
        if m.group(2).lower() in HTML_BLOCK_ELEMENTS:
            return None, None, None
        return super().handleMatch(m, data)


_BACKTICKS = r"(?<!\\)((?>`+))"


class _CodeSpan(InlineProcessor):
    """kramdown's code spans: the whole run of backticks opens, the next same run closes; with
    no closing run the backticks are text (Python-Markdown would try shorter runs). A single
    backtick with white space (or the start) before it and white space after it is text."""

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | str, int, int]:
        run = m.group(1)
        before = data[: m.start(0)]
        lone = (
            len(run) == 1 and (not before or before[-1].isspace()) and data[m.end() : m.end() + 1].isspace()
        )
        close = -1 if lone else data.find(run, m.end())
        if close < 0:  # a lone '`' between spaces, or a run nothing closes: text
            return literal(run), m.start(0), m.end(0)
        text = data[m.end() : close]
        if len(run) > 1:
            text = text[1:] if text.startswith(" ") else text
            text = text[:-1] if text.endswith(" ") else text
        element = etree.Element("code")
        element.text = AtomicString(html.escape(text, quote=False))
        return element, m.start(0), close + len(run)


class _LiteralText(InlineProcessor):
    """Characters kramdown shows as they are, where Python-Markdown would start markup."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # type: ignore[override]
        return literal(m.group(0)), m.start(0), m.end(0)


def _mark_made_elements(processor: Any, mark: Callable[[etree.Element, str], None]) -> None:
    """Call `mark(element, opening)` on each element an inline processor makes; `opening` is
    the first characters of the Markdown it was made from (empty for old-style patterns, which
    do not see it)."""
    original = processor.handleMatch

    def handle_match(*args: Any) -> Any:
        result = original(*args)
        element = result[0] if isinstance(result, tuple) else result
        if isinstance(element, etree.Element):
            start = result[1] if isinstance(result, tuple) else None
            mark(element, args[1][start : start + 2] if start is not None and len(args) > 1 else "")
        return result

    processor.handleMatch = handle_match


def _tag_links(processor: Any, written_as: str) -> None:
    """Mark the <a> elements an inline processor makes with how the link was written."""

    def mark(element: etree.Element, _opening: str) -> None:
        if element.tag == "a":
            element.set("data-written", written_as)

    _mark_made_elements(processor, mark)


def _mark_underscores(processor: Any) -> None:
    """Mark emphasis written with '_' rather than '*' (the typography pass reads it: kramdown's
    quote rules look at the marks around a quote)."""

    def mark(element: etree.Element, opening: str) -> None:
        if opening.startswith("_"):
            element.set(UNDERSCORE_MARK, "1")

    _mark_made_elements(processor, mark)


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
                _apply_ial(li, item.ial)
                self._task_item(li, element)
        elif kind == "codeblock":
            language = block.attrs.get("lang", "")
            code = block.text
            if self.highlight is not None:
                self._stash(parent, self.highlight(code, language))
            else:
                self._stash(parent, f"<pre><code>{html.escape(code)}</code></pre>")
            return
        elif kind == "blockquote":
            element = etree.SubElement(parent, "blockquote")
            self.build(element, block)
        elif kind == "hr":
            element = etree.SubElement(parent, "hr")
        elif kind == "html":
            self._stash(parent, block.text.strip("\n"))
            return
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
        else:
            return
        _apply_ial(element, block.ial)

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


def _apply_ial(element: etree.Element, ial: str) -> None:
    """kramdown's attribute lists: '.class', '#id', key="value"; a bare name such as 'toc' is a reference."""
    if not ial:
        return
    for key, _quote, value, ident, cls, ref in _IAL_TOKEN.findall(ial):
        if key:
            element.set(key, value)
        elif ident:
            element.set("id", ident)
        elif cls:
            element.set("class", f"{element.get('class', '')} {cls}".strip())
        elif ref == "toc":
            element.set("data-toc", "1")


class _Typography(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        smarten_tree(root, [str(raw) for raw in self.md.htmlStash.rawHtmlBlocks])


class OutlineTreeprocessor(Treeprocessor):
    """Gives every heading and list item an id and reads the outline and links off the tree."""

    def __init__(self, md: Markdown, extension: JekyllExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        self.roots: list[_Node] = []
        self.headings: list[_Node] = []
        self.section: list[str] = []
        self.links: list[Link] = []
        self.heading_ids: list[str] = []
        self.id_counts: dict[str, int] = {}
        self.item_count = 0
        self.last_line = 0
        tocs: list[tuple[etree.Element, etree.Element]] = []
        self._visit(root, None, 0, "", tocs)
        for parent, toc in tocs:
            self._replace_with_toc(parent, toc)
        self.extension.outline = tuple(node.freeze() for node in self.roots)
        self.extension.links = tuple(self.links)
        self.extension.heading_ids = tuple(self.heading_ids)

    # --- the walk --------------------------------------------------------------------------------------

    def _visit(
        self,
        element: etree.Element,
        item: _Node | None,
        depth: int,
        anchor: str,
        tocs: list[tuple[etree.Element, etree.Element]],
    ) -> None:
        for child in list(element):
            tag: object = child.tag
            if not isinstance(tag, str):  # a comment or processing instruction
                continue
            if tag in ("ul", "ol") and child.get("data-toc"):
                tocs.append((element, child))
                continue
            if tag == "div" and "footnote" in (child.get("class") or ""):
                self._collect_links(child, anchor)
                continue
            if tag in _HEADINGS:
                node = self._heading(child)
                self._collect_links(child, node.id)
                self._visit_tail(child, anchor)
                continue
            if tag == "li":
                node = self._item(child, depth)
                (item.children if item is not None else self._attach_point()).append(node)
                self._scan_text(child.text, node.id)
                self._visit(child, node, depth, node.id, tocs)
                self._visit_tail(child, anchor)
                continue
            if tag in ("ul", "ol"):
                self._visit(child, item, depth + 1, anchor, tocs)
                self._visit_tail(child, anchor)
                continue
            if tag == "a":
                self._add_link(child, anchor)
            elif tag != "img":
                self._scan_text(child.text, anchor)
            self._visit(child, item, depth, anchor, tocs)
            self._visit_tail(child, anchor)

    def _visit_tail(self, element: etree.Element, anchor: str) -> None:
        self._scan_text(element.tail, anchor)

    def _attach_point(self) -> list[_Node]:
        return self.headings[-1].children if self.headings else self.roots

    def _heading(self, element: etree.Element) -> _Node:
        level = int(element.tag[1])
        line = self._line(element)
        heading_id = element.get("id") or gfm_heading_id(self._id_text(element), self.id_counts)
        element.set("id", heading_id)
        self.heading_ids.append(heading_id)
        node = _Node("heading", level, plain_text(element, self.md), heading_id, line)
        while self.headings and self.headings[-1].level >= level:
            self.headings.pop()
        self._attach_point().append(node)
        self.headings.append(node)
        self.section = [h.text for h in self.headings]
        return node

    def _item(self, element: etree.Element, depth: int) -> _Node:
        self.item_count += 1
        item_id = element.get("id") or f"li-{self.item_count}"
        element.set("id", item_id)
        line = self._line(element)
        return _Node("item", max(depth, 1), self._item_text(element), item_id, line)

    def _line(self, element: etree.Element) -> int:
        value = element.attrib.pop("data-line", None)
        if value is not None:
            self.last_line = int(value)
        return self.last_line

    def _item_text(self, li: etree.Element) -> str:
        """The item's first paragraph: inline content before any nested block."""
        shell = etree.Element("li")
        shell.text = li.text
        for child in li:
            if self._is_block_placeholder(child):
                break
            if child.tag in _BLOCK_TAGS:
                if child.tag == "p" and not (shell.text or "").strip() and len(shell) == 0:
                    return plain_text(child, self.md)
                break
            shell.append(child)
        text = plain_text(shell, self.md)
        return text

    def _is_block_placeholder(self, element: etree.Element) -> bool:
        if element.tag != "p" or len(element) or not element.text:
            return False
        match = _STASH.fullmatch(element.text.strip())
        return match is not None and _is_block_html(self.md.htmlStash.rawHtmlBlocks[int(match.group(1))])

    def _id_text(self, element: etree.Element) -> str:
        """The header text kramdown makes its id from (typographic dashes outside code dropped)."""
        parts: list[str] = []

        def collect(el: etree.Element, in_code: bool) -> None:
            code = in_code or el.tag == "code"
            if el.text:
                parts.append(_resolve(el.text, self.md, code))
            for sub in el:
                if sub.tag != "img":
                    collect(sub, code)
                if sub.tail:
                    parts.append(_resolve(sub.tail, self.md, in_code))

        collect(element, False)
        return "".join(parts)

    # --- links -----------------------------------------------------------------------------------------

    def _collect_links(self, element: etree.Element, anchor: str) -> None:
        self._scan_text(element.text, anchor)
        for sub in element.iter():
            if sub is element:
                continue
            if sub.tag == "a":
                self._add_link(sub, anchor)
            self._scan_text(sub.text if sub.tag != "a" else None, anchor)
            self._scan_text(sub.tail, anchor)

    def _add_link(self, element: etree.Element, anchor: str) -> None:
        written_as = element.attrib.pop("data-written", "markdown")
        href = element.get("href")
        if not href or "footnote" in (element.get("class") or ""):
            return
        if "&" in href:
            # '&amp;' written in a Markdown link is one '&' (as in kramdown); serialising escapes it.
            href = html.unescape(href)
            element.set("href", href)
        self._link(href, plain_text(element, self.md), anchor, written_as)

    def _link(self, url: str, text: str, anchor: str, written_as: str) -> None:
        # Outside list items a link scrolls to the heading of its section.
        anchor = anchor or (self.headings[-1].id if self.headings else "")
        self.links.append(Link(url, text, classify_url(url), tuple(self.section), anchor, written_as))

    def _scan_text(self, text: str | None, anchor: str) -> None:
        """Links inside raw HTML (<a href>, <iframe src>) that Python-Markdown stashed away."""
        if not text or "\x02" not in text:
            return
        for match in _STASH.finditer(text):
            raw = self.md.htmlStash.rawHtmlBlocks[int(match.group(1))]
            if not isinstance(raw, str) or ("href" not in raw and "src" not in raw):
                continue
            for url, label, kind in _raw_html_links(raw):
                if not label and raw.lstrip().startswith("<a"):
                    # An inline <a href> is stashed alone; its text follows up to the stashed </a>.
                    label = _plain(text[match.end() :].split("\x02wzxhzdk", 1)[0], self.md).strip()
                self._link(url, label, anchor, kind)

    # --- table of contents -----------------------------------------------------------------------------

    def _replace_with_toc(self, parent: etree.Element, placeholder: etree.Element) -> None:
        """kramdown's '* TOC' + '{:toc}': a nested list of links to the headings."""
        toc = etree.Element("ul", {"id": "markdown-toc", "class": "markdown-toc"})
        stack: list[tuple[int, etree.Element]] = [(0, toc)]
        for heading in parent.iter():
            if heading.tag not in _HEADINGS or "no_toc" in (heading.get("class") or ""):
                continue
            level = int(heading.tag[1])
            while len(stack) > 1 and stack[-1][0] >= level:
                stack.pop()
            container = stack[-1][1]
            if container.tag == "li":
                sub = container.find("ul")
                container = sub if sub is not None else etree.SubElement(container, "ul")
            li = etree.SubElement(container, "li")
            link = etree.SubElement(li, "a", {"href": f"#{heading.get('id', '')}"})
            link.text = plain_text(heading, self.md)
            stack.append((level, li))
        index = list(parent).index(placeholder)
        toc.tail = placeholder.tail
        parent.remove(placeholder)
        parent.insert(index, toc)


def _resolve(text: str, md: Markdown, in_code: bool) -> str:
    if not in_code:
        # kramdown turns '--' and '---' into dashes, which ids drop; escaped '\-\-' stays.
        text = re.sub(r"---|--", "", text)
    text = _ESCAPED.sub(lambda m: chr(int(m.group(1))), text)
    text = _STASH.sub(lambda m: _stash_text(md, int(m.group(1))), text)
    return html.unescape(text) if in_code else text


def _stash_text(md: Markdown, index: int) -> str:
    raw = md.htmlStash.rawHtmlBlocks[index]
    if not isinstance(raw, str):
        return "".join(raw.itertext())
    if re.match(r"\s*<br\b", raw, re.I):
        return " "
    if raw.lstrip().startswith("<!--"):
        return ""
    return html.unescape(re.sub(r"<[^>]*>", "", raw))


def plain_text(element: etree.Element, md: Markdown) -> str:
    """An element's text as a reader sees it: tags, stash markers and escapes resolved."""
    parts: list[str] = []

    def collect(el: etree.Element) -> None:
        code = el.tag == "code"
        if el.text:
            parts.append(_resolve(el.text, md, True) if code else _plain(el.text, md))
        for sub in el:
            if sub.tag == "br":
                parts.append(" ")
            elif sub.tag != "img":
                collect(sub)
            if sub.tail:
                parts.append(_plain(sub.tail, md))

    collect(element)
    return " ".join("".join(parts).split())


def _plain(text: str, md: Markdown) -> str:
    text = _ESCAPED.sub(lambda m: chr(int(m.group(1))), text)
    return _STASH.sub(lambda m: _stash_text(md, int(m.group(1))), text)


def _is_block_html(raw: Any) -> bool:
    if not isinstance(raw, str):
        return False
    match = re.match(r"\s*<(/?)([A-Za-z][\w-]*)", raw)
    return match is not None and match.group(2).lower() in _BLOCK_TAGS | {"video", "script", "form"}


_EMBEDS = frozenset(["iframe", "video", "audio", "source", "embed", "script"])


class _RawLinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []
        self._open: list[list[str]] = []  # [url, text] of <a> elements being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self._open.append([values["href"] or "", ""])
        elif tag in _EMBEDS and values.get("src"):
            # Embedded talks, recordings and videos: what a summary's reader comes back for.
            kind = "iframe" if tag == "iframe" else "embed"
            self.found.append((values["src"] or "", values.get("title") or "", kind))

    def handle_data(self, data: str) -> None:
        for entry in self._open:
            entry[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            url, text = self._open.pop()
            self.found.append((url, " ".join(text.split()), "html"))

    def close(self) -> None:
        super().close()
        for url, text in self._open:
            self.found.append((url, " ".join(text.split()), "html"))


def _raw_html_links(raw: str) -> list[tuple[str, str, str]]:
    parser = _RawLinkParser()
    parser.feed(raw)
    parser.close()
    return parser.found

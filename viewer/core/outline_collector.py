"""Reads the outline, the links and the heading ids off the finished element tree (the one
that becomes the HTML), gives every heading and list item its id, and fills in `{:toc}`."""

from __future__ import annotations

import html
import re
import unicodedata
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from viewer.core.links import Link, classify_url
from viewer.core.outline import OutlineNode
from viewer.core.raw_html_links import raw_html_links
from viewer.core.tree_builder import ID_TEXT, TASK, BlockHtml

if TYPE_CHECKING:
    from viewer.core.markdown_ext import JekyllExtension

_STASH = re.compile("\x02wzxhzdk:(\\d+)\x03")
_BLOCK_TAGS = frozenset(
    "p pre ul ol blockquote table div figure dl hr h1 h2 h3 h4 h5 h6 details iframe section".split()
)
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_BLOCK_TAG = re.compile(rf"<(?:{'|'.join(sorted(_BLOCK_TAGS, key=len, reverse=True))})\b", re.I)


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
    checked: bool | None = None
    children: list[_Node] = field(default_factory=list)

    def freeze(self) -> OutlineNode:
        return OutlineNode(
            self.kind,
            self.level,
            self.text,
            self.id,
            self.line,
            tuple(child.freeze() for child in self.children),
            self.checked,
        )


class OutlineCollector(Treeprocessor):
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
        #: <a> elements written as HTML (kept in TOC entries, where Markdown links are unwrapped).
        self.html_links: set[int] = set()
        self.last_line = 0
        tocs: list[tuple[etree.Element, etree.Element]] = []
        self._visit(root, None, 0, "", tocs)
        for parent, toc in tocs:
            self._replace_with_toc(root, parent, toc)
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
            # kramdown makes the first '{:toc}' list the table of contents, and later ones lists.
            if tag in ("ul", "ol") and child.attrib.pop("data-toc", "") and not tocs:
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
        id_text = element.attrib.pop(ID_TEXT, "")
        heading_id = element.get("id") or gfm_heading_id(id_text, self.id_counts)
        if heading_id:
            element.set("id", heading_id)
        else:  # kramdown writes no empty id
            element.attrib.pop("id", None)
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
        task = element.attrib.pop(TASK, None)
        checked = None if task is None else task == "x"
        return _Node("item", max(depth, 1), self._item_text(element), item_id, line, checked)

    def _line(self, element: etree.Element) -> int:
        value = element.attrib.pop("data-line", None)
        if value is not None:
            self.last_line = int(value)
        return self.last_line

    def _item_text(self, li: etree.Element) -> str:
        """The item's first paragraph: inline content before any nested block. A displayed
        formula counts as text: kramdown writes it as bare `\\[…\\]`, with no block around it."""
        shell = etree.Element("li")
        shell.text = li.text
        for child in li:
            if self._is_block_placeholder(child):
                break
            raw = self._stashed(child)
            if isinstance(raw, str) and (isinstance(raw, BlockHtml) or raw.lstrip().startswith("<!--")):
                # A comment standing as a block (nothing a reader sees), or an HTML block of a
                # tag a page reads inline (<T>, <x y>): its text up to a block tag inside it
                # (where a page ends the item's text), a <br> a space; then the text after it.
                shown = _COMMENT.sub("", raw)
                cut = _BLOCK_TAG.search(shown)
                text = _html_text(shown[: cut.start()]) if cut else _html_text(shown) + (child.tail or "")
                # (a new element: the shell shares the item's elements, whose tails are the page's;
                # none for no text: a first paragraph after a comment is still the item's text)
                if text.strip():
                    etree.SubElement(shell, "span").text = text
                if cut:
                    break
                continue
            if child.tag == "div" and child.get("class") == "math display":
                shell.append(child)
                continue
            if child.tag in _BLOCK_TAGS:
                if child.tag == "p" and not (shell.text or "").strip() and len(shell) == 0:
                    return plain_text(child, self.md)
                break
            shell.append(child)
        text = plain_text(shell, self.md)
        return text

    def _stashed(self, element: etree.Element) -> Any:
        """The raw HTML a placeholder paragraph stands for, or None."""
        if element.tag != "p" or len(element) or not element.text:
            return None
        match = _STASH.fullmatch(element.text.strip())
        return None if match is None else self.md.htmlStash.rawHtmlBlocks[int(match.group(1))]

    def _is_block_placeholder(self, element: etree.Element) -> bool:
        return _is_block_html(self._stashed(element))

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
        if written_as == "html":
            self.html_links.add(id(element))
        href = element.get("href")
        if not href or "footnote" in (element.get("class") or ""):
            return
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
            for url, label, kind in raw_html_links(raw):
                if not label and raw.lstrip().startswith("<a"):
                    # An inline <a href> is stashed alone; its text follows up to the stashed </a>.
                    label = _plain(text[match.end() :].split("\x02wzxhzdk", 1)[0], self.md).strip()
                self._link(url, label, anchor, kind)

    # --- table of contents -----------------------------------------------------------------------------

    def _replace_with_toc(
        self, root: etree.Element, parent: etree.Element, placeholder: etree.Element
    ) -> None:
        """kramdown's '* TOC' (or '1. TOC') + '{:toc}': a nested list of links to the headings,
        of the same kind as the list it replaces; nothing when the post has no headings."""
        kind = str(placeholder.tag)
        attrs = {k: v for k, v in placeholder.attrib.items() if k != "data-toc"}
        attrs.setdefault("id", "markdown-toc")
        attrs["class"] = f"{attrs.get('class', '')} markdown-toc".lstrip()  # for the stylesheet
        toc = etree.Element(kind, attrs)
        stack: list[tuple[int, etree.Element]] = [(0, toc)]
        # The list the TOC replaces is never written out, nor the headers inside it.
        unwritten = {id(element) for element in placeholder.iter()}
        for heading in root.iter():
            heading_id = heading.get("id", "")
            if (
                heading.tag not in _HEADINGS
                or "no_toc" in (heading.get("class") or "").split()
                or id(heading) in unwritten
            ):
                continue
            # Every header has an id in kramdown, if only GFM's empty one ('# :'), which it
            # leaves out of the header but lists as '#' (converter/html.rb convert_header)
            level = int(heading.tag[1])
            while len(stack) > 1 and stack[-1][0] >= level:
                stack.pop()
            container = stack[-1][1]
            if container.tag == "li":
                sub = container.find(kind)
                container = sub if sub is not None else etree.SubElement(container, kind)
            li = etree.SubElement(container, "li")
            link = etree.SubElement(li, "a", {"href": f"#{heading_id}", "id": f"{attrs['id']}-{heading_id}"})
            _copy_for_toc(heading, link, self.html_links)
            stack.append((level, li))
        index = list(parent).index(placeholder)
        parent.remove(placeholder)
        if len(toc):
            toc.tail = placeholder.tail
            parent.insert(index, toc)
        elif placeholder.tail:  # the text after the list stays (' \tx', which is no paragraph)
            if index:
                parent[index - 1].tail = (parent[index - 1].tail or "") + placeholder.tail
            else:
                parent.text = (parent.text or "") + placeholder.tail


def _copy_for_toc(heading: etree.Element, link: etree.Element, html_links: set[int]) -> None:
    """The header's content into its TOC entry as kramdown's fix_for_toc_entry leaves it
    (converter/html.rb): footnote markers removed, Markdown links unwrapped, the rest (images,
    code, emphasis, links written as HTML) kept."""

    def copy(source: etree.Element, target: etree.Element) -> None:
        _append(target, source.text)
        for child in source:
            if child.tag == "sup" and child.get("role") == "doc-noteref":
                _append(target, child.tail)
                continue
            if child.tag == "a" and id(child) not in html_links:
                copy(child, target)
            else:
                element = etree.SubElement(target, child.tag, dict(child.attrib))
                copy(child, element)
            _append(target, child.tail)

    copy(heading, link)


def _append(element: etree.Element, text: str | None) -> None:
    if not text:
        return
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _stash_text(md: Markdown, index: int) -> str:
    raw = md.htmlStash.rawHtmlBlocks[index]
    if not isinstance(raw, str):
        return "".join(raw.itertext())
    if raw.lstrip().startswith("<!--"):
        return ""
    return _html_text(raw)


_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _html_text(raw: str) -> str:
    """Raw HTML's text as a page shows it: tags and comments left out, a <br> a space."""
    raw = re.sub(r"<br\b[^>]*>", " ", _COMMENT.sub("", raw), flags=re.I)
    return html.unescape(re.sub(r"<[^>]*>", "", raw))


def _plain(text: str, md: Markdown) -> str:
    """Text with the raw HTML Python-Markdown keeps aside (blocks, nomarkdown) as its text."""
    if "\x02" not in text:
        return text
    return _STASH.sub(lambda m: _stash_text(md, int(m.group(1))), text)


def plain_text(element: etree.Element, md: Markdown, notes: bool = True) -> str:
    """An element's text as a reader sees it (a line break is a space; a task's box, and with
    `notes` false footnote markers, left out), white space collapsed."""
    parts: list[str] = []

    def collect(el: etree.Element) -> None:
        if el.text:
            parts.append(_plain(el.text, md))
        for sub in el:
            tag = sub.tag
            if tag == "br":
                parts.append(" ")
            elif (
                not isinstance(tag, str) or tag == "img" or (tag == "span" and sub.get("class") == "task-box")
            ):
                pass
            elif notes or not (tag == "sup" and sub.get("role") == "doc-noteref"):
                collect(sub)
            if sub.tail:
                parts.append(_plain(sub.tail, md))

    collect(element)
    return " ".join("".join(parts).split())


def _is_block_html(raw: Any) -> bool:
    if not isinstance(raw, str):
        return False
    match = re.match(r"\s*<(/?)([A-Za-z][\w-]*)", raw)
    return match is not None and match.group(2).lower() in _BLOCK_TAGS | {"video", "script", "form"}

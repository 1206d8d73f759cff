"""Our Python-Markdown extension: the whole document read as Jekyll's kramdown reads it, and the
outline, links and heading ids read from the same element tree that becomes the HTML.

The work is split by job: `kramdown_blocks` (block grammar), `kramdown_spans` (span grammar;
`span_search` keeps it linear), `attribute_lists`, `typography`, `tree_builder` (blocks and
spans → element tree), `footnotes`, `outline_collector` (outline, links, ids, table of contents)
and `raw_html_links`. This module puts them in their places in
Python-Markdown's pipeline, which is left to store raw HTML and write the tree out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from viewer.core.footnotes import FootnoteTreeprocessor
from viewer.core.links import Link
from viewer.core.outline import OutlineNode
from viewer.core.outline_collector import OutlineCollector
from viewer.core.span_search import Work
from viewer.core.tree_builder import (
    KramdownBlockProcessor,
    KramdownRawHtml,
    KramdownWhitespace,
    TreeBuilder,
)


class JekyllExtension(Extension):
    """Renders like Jekyll and records the outline, links and heading ids of each conversion."""

    def __init__(self, highlight: Callable[[str, str], str] | None = None, **kwargs: Any) -> None:
        self.config = {"first_line": [1, "Source line of the first line of the Markdown text"]}
        super().__init__(**kwargs)
        #: Turns (code, language) into HTML for code blocks.
        self.highlight = highlight
        self.reset()

    def reset(self) -> None:
        self.outline: tuple[OutlineNode, ...] = ()
        self.links: tuple[Link, ...] = ()
        self.heading_ids: tuple[str, ...] = ()
        #: Problems met while rendering, for the reader.
        self.warnings: list[str] = []
        #: Link definitions ('[id]: url "title"') by normalised id, and footnote texts by name.
        self.link_definitions: dict[str, tuple[str, str | None]] = {}
        self.footnote_definitions: dict[str, str] = {}
        #: Header ids kramdown's converter gave (inside HTML elements and footnotes), by count.
        self.basic_ids: dict[str, int] = {}
        #: What the span parsing of this post may still take (bounded whatever the post holds).
        self.span_work = Work()

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        self.md = md
        # kramdown finds raw HTML blocks itself, with its own rules, and reads tabs itself.
        md.preprocessors.deregister("html_block")
        md.preprocessors.register(KramdownWhitespace(md), "normalize_whitespace", 30)
        # Highest priority: this processor parses the whole document, blocks and spans, so no
        # other block processor ever sees a block.
        md.parser.blockprocessors.register(KramdownBlockProcessor(md.parser, self), "kramdown", 1000)
        # The spans are parsed already: Python-Markdown's inline step, and the unescaping of its
        # placeholders, would only walk the tree for nothing.
        md.treeprocessors.deregister("inline")
        md.treeprocessors.deregister("unescape")
        # Once the tree is built (prettify, at 10, only adds white space): footnotes numbered in
        # reference order and the notes added; then the outline, links and ids read off the
        # finished tree; last, what the writer needs (it must not change what was read).
        md.treeprocessors.register(FootnoteTreeprocessor(md, self._render_note), "kramdown_footnotes", 7)
        md.treeprocessors.register(OutlineCollector(md, self), "jekyll_outline", 5)
        md.treeprocessors.register(_LiteralAmpersands(md), "literal_ampersands", 1)
        # Same place as the writer it replaces: HTML blocks come out without a paragraph around.
        md.postprocessors.register(KramdownRawHtml(md), "raw_html", 30)

    def _render_note(self, parent: etree.Element, name: str) -> bool:
        builder = TreeBuilder(self.md, self, gfm_line_breaks=False)
        ends_blank = builder.build_text(parent, self.footnote_definitions.get(name, ""))
        builder.give_basic_ids(parent)
        return ends_blank


# The tree holds text as the reader sees it, but Python-Markdown's writer leaves '&name;' as
# written (a reference for the browser); an '&' in the tree is always an ampersand.
_ENTITY_LIKE = re.compile(r"&(?=#[0-9]+;|#x[0-9a-f]+;|[0-9a-z]+;)", re.I)


class _LiteralAmpersands(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.text and "&" in element.text:
                element.text = _ENTITY_LIKE.sub("&amp;", element.text)
            if element.tail and "&" in element.tail:
                element.tail = _ENTITY_LIKE.sub("&amp;", element.tail)
            for key, value in element.items():
                if "&" in value:
                    element.set(key, _ENTITY_LIKE.sub("&amp;", value))

"""Our Python-Markdown extension: kramdown's block structure, kramdown's inline rules where they
differ from Python-Markdown's, kramdown's heading ids, and the outline and links read from the
same element tree that becomes the HTML.

The work is split by job: `tree_builder` (kramdown blocks → element tree), `inline_rules`,
`typography`, `outline_collector` (outline, links, ids, table of contents) and
`raw_html_links`. This module only puts them in their places in Python-Markdown's pipeline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.inlinepatterns import LINK_RE, REFERENCE_RE, HtmlInlineProcessor
from pymdownx.magiclink import RE_AUTOLINK, RE_LINK

from viewer.core.inline_rules import (
    BACKTICKS,
    INLINE_COMMENT,
    INLINE_HTML,
    OUTER_BRACKET,
    Autolink,
    BareLink,
    CodeSpan,
    Emphasis,
    InlineHtml,
    LiteralText,
    MarkdownLink,
    ReferenceLink,
    ShortReferenceLink,
)
from viewer.core.links import Link
from viewer.core.outline import OutlineNode
from viewer.core.outline_collector import OutlineCollector
from viewer.core.tree_builder import KramdownBlockProcessor, KramdownWhitespace
from viewer.core.typography import TypographyTreeprocessor

# GFM's escapable characters (kramdown-parser-gfm ESCAPED_CHARS_GFM).
GFM_ESCAPED_CHARS = list("\\.*_+`<>()[]{}#!:|\"'$=-~")


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
        # kramdown finds raw HTML blocks itself, with its own rules, and reads tabs itself.
        md.preprocessors.deregister("html_block")
        md.preprocessors.register(KramdownWhitespace(md), "normalize_whitespace", 30)
        # Highest priority: this processor parses the whole document, so no other block
        # processor ever sees a block.
        md.parser.blockprocessors.register(KramdownBlockProcessor(md.parser, self), "kramdown", 1000)
        self._register_inline_rules(md)
        # Tree processors, after inline processing (20), attr_list (8) and the footnotes (50):
        # kramdown's dashes, ellipses, guillemets and curly quotes once inline markup is done,
        # then the outline, links and ids read off the tree as it will be written (prettify,
        # at 10, only adds white space).
        md.treeprocessors.register(TypographyTreeprocessor(md), "kramdown_typography", 6)
        md.treeprocessors.register(OutlineCollector(md, self), "jekyll_outline", 5)

    @staticmethod
    def _register_inline_rules(md: Markdown) -> None:
        patterns = md.inlinePatterns
        # Comments (200) before code spans (190): a commented-out `code` stays hidden, as in
        # kramdown. Code spans keep Python-Markdown's place, before escapes (180).
        patterns.register(HtmlInlineProcessor(INLINE_COMMENT, md), "html_comment", 200)
        patterns.register(CodeSpan(BACKTICKS, md), "backtick", 190)
        # The outer bracket of '[[x]]' is text before any link rule (170 and below) sees it.
        patterns.register(LiteralText(OUTER_BRACKET, md), "outer_bracket", 175)
        # Python-Markdown's and magiclink's link rules in their own places, marking how each
        # link was written.
        patterns.register(ReferenceLink(REFERENCE_RE, md), "reference", 170)
        patterns.register(MarkdownLink(LINK_RE, md), "link", 160)
        patterns.register(ShortReferenceLink(REFERENCE_RE, md), "short_reference", 130)
        if "autolink" in patterns and "magic-link" in patterns:
            magic_autolink: Any = patterns["autolink"]
            magic_link: Any = patterns["magic-link"]
            autolink = Autolink(RE_AUTOLINK, md)
            autolink.config = magic_autolink.config
            patterns.register(autolink, "autolink", 120)
            bare = BareLink(RE_LINK, md)
            bare.config = magic_link.config
            patterns.register(bare, "magic-link", 85)
        # Raw inline HTML in Python-Markdown's place (90), by kramdown's rule for what a tag is.
        patterns.register(InlineHtml(INLINE_HTML, md), "html", 90)
        # Emphasis in Python-Markdown's place (60), remembering '_' from '*'.
        emphasis = Emphasis("*", "strong,em", md)
        emphasis.add("_", "strong,em", smart=True)
        patterns.register(emphasis, "em_strong", 60)

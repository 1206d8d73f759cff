"""Inline rules where kramdown differs from Python-Markdown: raw HTML, code spans, literal text,
and links and emphasis that remember how they were written (for the link list and typography)."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown.inlinepatterns import (
    DelimiterProcessor,
    HtmlInlineProcessor,
    InlineProcessor,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)
from markdown.util import AtomicString
from pymdownx.magiclink import MagiclinkAutoPattern, MagiclinkPattern

from viewer.core.kramdown_blocks import HTML_BLOCK_ELEMENTS
from viewer.core.typography import UNDERSCORE_MARK, literal

# Not after another "<": kramdown reads "<<" as a guillemet first.
INLINE_HTML = r"(?<!<)(</?([A-Za-z][\w:-]*)(?:\s[^<>]*)?/?>)"
INLINE_COMMENT = r"(<!--(?:(?!<!--).)*?-->)"
# '[[Bug #1]]' (not followed by a URL): the outer bracket is text, the inner one a link.
OUTER_BRACKET = r"\[(?=\[[^\]]*\]\](?!\())"
BACKTICKS = r"(?<!\\)((?>`+))"

_Result = tuple[Any, Any, Any]


class InlineHtml(HtmlInlineProcessor):
    """kramdown only takes '<name ...>' for an HTML tag ('Map<K,V>' stays text), and reads
    block-level tag names inside a paragraph as text: 'List<Address>'."""

    def handleMatch(self, m: re.Match[str], data: str) -> _Result:  # type: ignore[override]
        if m.group(2).lower() in HTML_BLOCK_ELEMENTS:
            return None, None, None
        return super().handleMatch(m, data)


class CodeSpan(InlineProcessor):
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


class LiteralText(InlineProcessor):
    """Characters kramdown shows as they are, where Python-Markdown would start markup."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # type: ignore[override]
        return literal(m.group(0)), m.start(0), m.end(0)


class _WrittenAs:
    """Marks the <a> elements a link processor makes with how the link was written
    (`Link.written_as`; the outline collector reads and removes the mark)."""

    written_as = ""

    def handleMatch(self, m: re.Match[str], data: str) -> _Result:
        result: _Result = super().handleMatch(m, data)  # type: ignore[misc]
        element = result[0]
        if isinstance(element, etree.Element) and element.tag == "a":
            element.set("data-written", self.written_as)
        return result


class MarkdownLink(_WrittenAs, LinkInlineProcessor):  # type: ignore[misc]
    written_as = "markdown"


class ReferenceLink(_WrittenAs, ReferenceInlineProcessor):  # type: ignore[misc]
    written_as = "reference"


class ShortReferenceLink(_WrittenAs, ShortReferenceInlineProcessor):  # type: ignore[misc]
    written_as = "reference"


class Autolink(_WrittenAs, MagiclinkAutoPattern):  # type: ignore[misc]
    written_as = "autolink"


class BareLink(_WrittenAs, MagiclinkPattern):  # type: ignore[misc]
    written_as = "bare"


class Emphasis(DelimiterProcessor):
    """Python-Markdown's emphasis, marking emphasis written with '_' rather than '*' (the
    typography pass reads the mark: kramdown's quote rules look at the marks around a quote)."""

    def handleMatch(self, m: re.Match[str], data: str) -> _Result:  # type: ignore[override]
        result: _Result = super().handleMatch(m, data)
        element, start = result[0], result[1]
        if isinstance(element, etree.Element) and start is not None and data.startswith("_", start):
            element.set(UNDERSCORE_MARK, "1")
        return result

"""Post → RenderedPost: one Python-Markdown conversion yields the HTML, outline and links."""

from __future__ import annotations

import functools
import html
from typing import TYPE_CHECKING

from markdown import Markdown

from viewer.core.document import Post
from viewer.core.liquid import LiquidContext, render_liquid
from viewer.core.markdown_ext import JekyllExtension
from viewer.core.rendered import RenderedPost as RenderedPost  # where it was defined before
from viewer.core.site import Site, find_site

if TYPE_CHECKING:
    from pygments.formatters import HtmlFormatter
    from pygments.lexer import Lexer


def render_post(post: Post, site: Site | None = None, *, find_site_around: bool = True) -> RenderedPost:
    """Render a post as Jekyll would. `site` defaults to the Jekyll site the post sits in, if any."""
    if site is None and find_site_around:
        site = find_site(post.path)
    page = {
        "title": post.metadata.title,
        "date": post.metadata.date_text,
        "categories": list(post.metadata.categories),
        "tags": list(post.metadata.tags),
        **post.metadata.extra,
    }
    body = render_liquid(post.body, LiquidContext(site, page, post.path, highlight_code))
    md, extension = _new_markdown(post.body_line)
    text = md.convert(body)
    return RenderedPost(
        post, text, extension.outline, extension.links, extension.heading_ids, tuple(extension.warnings)
    )


def render_markdown(text: str, first_line: int = 1) -> tuple[str, JekyllExtension]:
    """Render Markdown text alone (no front matter, no Liquid); for tests and previews."""
    md, extension = _new_markdown(first_line)
    return md.convert(text), extension


def _new_markdown(first_line: int) -> tuple[Markdown, JekyllExtension]:
    # A fresh instance per conversion: Markdown objects keep state and are not thread-safe.
    extension = JekyllExtension(first_line=first_line, highlight=highlight_code)
    md = Markdown(extensions=[extension], output_format="html")
    return md, extension


def highlight_code(code: str, language: str) -> str:
    """Code as HTML whose tokens carry Pygments' classes (`hl-k`, …), which the window's and the
    exported page's stylesheets colour (code_style.py): a theme switch recolours code at once."""
    lexer = _lexer(language) if language else None
    if lexer is None:
        return f'<pre class="code"><code>{html.escape(code)}</code></pre>'
    from pygments import highlight

    return f'<pre class="code"><code>{highlight(code, lexer, _formatter())}</code></pre>'


# Finding a lexer and making a formatter (its style sheet) cost more than highlighting a short
# block; both are made once and only read afterwards.
@functools.lru_cache(maxsize=128)
def _lexer(language: str) -> Lexer | None:
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    from viewer.core.combined_lexer import join_rules

    join_rules()
    try:
        return get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


@functools.lru_cache(maxsize=1)
def _formatter() -> HtmlFormatter[str]:
    from pygments.formatters import HtmlFormatter

    from viewer.core.code_style import CLASS_PREFIX

    return HtmlFormatter(nowrap=True, classprefix=CLASS_PREFIX)

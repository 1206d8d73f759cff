"""The Liquid that posts actually use, turned into Markdown (or HTML) before rendering.

Jekyll runs Liquid over the whole post before kramdown sees it. We do the same for the tags
real posts use and drop the rest, keeping every line where it was so that outline nodes
still point at the right source lines.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from viewer.core.document import parse_jekyll_date
from viewer.core.site import Site, find_post_in_folder

# Liquid's tokenizer: a tag runs to the first '%}', an output to the first '}' (and one more '}'
# if there is one); a lone '{%' or '{{' is a token of its own.
_TAG = re.compile(r"\A\{%-?\s*(\w+)\s*(.*?)-?%\}\Z", re.S | re.A)
_OUTPUT = re.compile(r"\A\{\{-?(.*?)-?\}\}\Z", re.S)
# In a raw block, any token that ends with a tag ends the block if the tag is 'endraw'.
_ENDS_WITH_TAG = re.compile(r"\A(.*)\{%-?\s*(\w+)\s*(.*)?-?%\}\Z", re.S | re.A)
#: Blocks whose body is replaced as a whole; other tags (if, for, assign, …) leave their body.
_BODY_BLOCKS = frozenset(["comment", "highlight", "capture", "raw"])
#: Liquid refuses blocks nested deeper than this ("Nesting too deep").
MAX_NESTING = 100


@dataclass(frozen=True)
class LiquidContext:
    site: Site | None = None
    page: dict[str, Any] = field(default_factory=dict)
    post_path: Path | None = None
    #: Turns (code, language) into highlighted HTML for {% highlight %} blocks.
    highlight: Callable[[str, str], str] | None = None


@dataclass
class _Node:
    """An output ({{ }}), a tag, or a block with its body (text is kept as plain strings)."""

    source: str  # as written (for a block: its start tag)
    name: str = ""  # "" for an output
    markup: str = ""
    body: list[_Node | str] | None = None  # a block's content
    end: str = ""  # a block's end tag as written ("" when it is never closed)


def render_liquid(text: str, context: LiquidContext) -> str:
    """Apply the Liquid Jekyll would, keeping the line count of `text`."""
    if "{%" not in text and "{{" not in text:
        return text
    return "".join(_render_all(_parse(text), context, in_highlight=False))


class _Tokens:
    """Liquid's Tokenizer (Liquid never reads a tag or output that is never closed: once '%}'
    or '}' no longer occurs, '{%' or '{{' is text from there on)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self._next = {"{%": -1, "{{": -1}  # where each start occurs next, from `pos` on

    def __iter__(self) -> Iterator[str]:
        text, starts = self.text, self._next
        while starts:
            for start_text, at in list(starts.items()):
                if at < self.pos:
                    at = starts[start_text] = text.find(start_text, self.pos)
                    if at < 0:
                        del starts[start_text]
            if not starts:
                break
            start = min(starts.values())
            if start > self.pos:
                yield text[self.pos : start]
            if text[start + 1] == "%":
                close = text.find("%}", start + 2)
                end = close + 2
            else:
                close = text.find("}", start + 2)
                end = close + (2 if text.startswith("}}", close) else 1)
            if close < 0:
                starts.pop(text[start : start + 2], None)
                end = start + 2
            self.pos = end
            yield text[start:end]
        if self.pos < len(text):
            rest, self.pos = text[self.pos :], len(text)
            yield rest

    def rest(self) -> str:
        """The text not read yet, now read."""
        rest, self.pos = self.text[self.pos :], len(self.text)
        return rest


def _parse(text: str) -> list[_Node | str]:
    """Liquid's block structure for the blocks whose body matters here: an end tag (arguments
    allowed, as in Liquid) closes the innermost open block of its name; a block never closed
    runs to the end (Liquid would refuse the post; the reader still gets it)."""
    root: list[_Node | str] = []
    body = root
    open_blocks: list[_Node] = []
    tokens = _Tokens(text)
    for token in tokens:
        if token[:1] != "{":
            body.append(token)
            continue
        if open_blocks and open_blocks[-1].name == "raw":
            ending = _ENDS_WITH_TAG.match(token) if token.endswith("%}") else None
            if ending is not None and ending.group(2) == "endraw":
                body.append(ending.group(1))
                open_blocks.pop().end = token[len(ending.group(1)) :]
                body = open_blocks[-1].body if open_blocks else root  # type: ignore[assignment]
            else:
                body.append(token)
            continue
        tag = _TAG.match(token) if token.startswith("{%") else None
        if tag is not None:
            name, markup = tag.group(1), tag.group(2)
            if name in _BODY_BLOCKS and len(open_blocks) < MAX_NESTING:
                block = _Node(token, name, markup, [])
                body.append(block)
                open_blocks.append(block)
                body = block.body  # type: ignore[assignment]
                if name == "raw" and text.find("endraw", tokens.pos) < 0:
                    body.append(tokens.rest())  # a raw block nothing can end
            elif open_blocks and name == f"end{open_blocks[-1].name}":
                open_blocks.pop().end = token
                body = open_blocks[-1].body if open_blocks else root  # type: ignore[assignment]
            else:
                body.append(_Node(token, name, markup))
            continue
        output = _OUTPUT.match(token) if token.startswith("{{") else None
        body.append(_Node(token, markup=output.group(1)) if output is not None else token)
    return root


def _line_ends(node: _Node | str) -> int:
    if isinstance(node, str):
        return node.count("\n")
    own = node.source.count("\n") + node.end.count("\n")
    return own + sum(map(_line_ends, node.body)) if node.body is not None else own


def _render_all(nodes: list[_Node | str], context: LiquidContext, in_highlight: bool) -> list[str]:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        else:
            _render(node, context, in_highlight, out)
    return out


def _render(node: _Node, context: LiquidContext, in_highlight: bool, out: list[str]) -> None:
    """Add the node's output, followed by the line ends it lacks to span the lines it was
    written on."""
    if node.body is None:
        replacement = (
            _tag(node.name, node.markup.strip(), context) if node.name else _expression(node.markup, context)
        )
    elif node.name == "raw":
        replacement = "".join(node.body)  # type: ignore[arg-type]  # a raw body is text only
    elif node.name == "highlight" and in_highlight:
        # A highlight inside a highlight: Jekyll writes the inner block's HTML into the outer
        # one's code, escaped again, and the output grows five-fold per level; the code is kept.
        out.extend(_render_all(node.body, context, in_highlight=True))
        out.append("\n" * (node.source.count("\n") + node.end.count("\n")))
        return
    elif node.name == "highlight":
        body = "".join(_render_all(node.body, context, in_highlight=True))
        replacement = _highlight(node.markup, body, context)
    else:
        replacement = ""  # comment and capture leave nothing in the page
    out.append(replacement + "\n" * max(_line_ends(node) - replacement.count("\n"), 0))


def _highlight(markup: str, body: str, context: LiquidContext) -> str:
    words = markup.split()
    language = words[0] if words else ""
    code = body.strip("\n")
    if context.highlight is not None:
        inner = context.highlight(code + "\n", language)
    else:
        inner = f"<pre><code>{html.escape(code)}</code></pre>"
    if any(word.split("=", 1)[0] == "linenos" for word in words[1:]):
        # Rouge's line numbers: a table with the numbers beside the code.
        numbers = "".join(f"{number}\n" for number in range(1, code.count("\n") + 2))
        inner = (
            f'<table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">{numbers}</pre>'
            f'</td><td class="code">{inner.rstrip()}</td></tr></tbody></table>'
        )
    # Jekyll's Markdown converter asks for a line end before and after the <figure> (its
    # highlighter_prefix and _suffix): an HTML block at the start of a line, ending lists.
    return f'\n<figure class="highlight">{inner.rstrip()}</figure>\n'


def _tag(tag: str, arguments: str, context: LiquidContext) -> str:
    if tag in ("post_url", "link"):
        return _post_link(arguments, context)
    if tag in ("include", "include_relative", "include_cached"):
        name = html.escape(arguments.split()[0] if arguments else "")
        return f'<span class="liquid-include" title="Jekyll include">[{name}]</span>'
    return ""  # assign, if, for, endif, ...: control flow, nothing of its own to show


def _post_link(arguments: str, context: LiquidContext) -> str:
    name = arguments.split()[0] if arguments else ""
    target: Path | None = None
    if context.site is not None:
        target = context.site.find_post(name) if name and not name.endswith("/") else None
        if target is None and "." in name:
            candidate = context.site.root / name
            target = candidate if candidate.exists() else None
    elif context.post_path is not None and name:
        # No Jekyll site around the post: look for the other post beside it.
        target = find_post_in_folder(context.post_path.parent, name)
    if target is None or context.post_path is None:
        return name
    return Path(os.path.relpath(target, context.post_path.parent)).as_posix()


def _expression(expression: str, context: LiquidContext) -> str:
    variable, *filters = [part.strip() for part in expression.split("|")]
    value = _lookup(variable, context)
    for applied in filters:
        name, _, argument = (part.strip() for part in applied.partition(":"))
        site = context.site
        if name == "relative_url" and site is not None:
            value = site.baseurl + "/" + value.lstrip("/")
        elif name == "absolute_url" and site is not None:
            value = site.url + site.baseurl + "/" + value.lstrip("/")
        elif name in _DATE_FORMATS or name == "date":
            value = _format_date(value, _DATE_FORMATS.get(name) or argument.strip("'\""))
    return value


# Jekyll's date filters; `date: "%Y"` takes its own format. Dates keep the offset written.
_DATE_FORMATS = {
    "date_to_string": "%d %b %Y",
    "date_to_long_string": "%d %B %Y",
    "date_to_xmlschema": "%Y-%m-%dT%H:%M:%S%:z",
    "date_to_rfc822": "%a, %d %b %Y %H:%M:%S %z",
}


def _format_date(value: str, pattern: str) -> str:
    moment = parse_jekyll_date(value)
    if moment is None or not pattern:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    offset = moment.strftime("%z")
    return moment.strftime(pattern.replace("%:z", f"{offset[:3]}:{offset[3:]}"))


def _lookup(variable: str, context: LiquidContext) -> str:
    if variable[:1] in "'\"" and variable[-1:] == variable[:1]:
        return variable[1:-1]
    scope, _, key = variable.partition(".")
    source: dict[str, Any] = {}
    if scope == "site" and context.site is not None:
        source = context.site.config
    elif scope == "page":
        if key in ("date", "url", "id"):
            return _page_value(key, context)
        source = context.page
    value: Any = source
    for part in key.split(".") if key else []:
        value = value.get(part) if isinstance(value, dict) else None
    if value is None or isinstance(value, dict):
        return ""
    if isinstance(value, list):
        return "".join(str(v) for v in value)
    return str(value)


# Jekyll's permalink styles (its _config.yml `permalink`, or the post's own).
_PERMALINK_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_FILE_NAME = re.compile(r"^\d{2,4}-\d{1,2}-\d{1,2}-(.+)$")


def _page_value(key: str, context: LiquidContext) -> str:
    """page.date as Ruby writes a Time; page.url and page.id as Jekyll makes them for a post."""
    moment = parse_jekyll_date(str(context.page.get("date") or ""))
    if moment is None:
        return str(context.page.get(key) or "")
    if key == "date":
        return moment.strftime("%Y-%m-%d %H:%M:%S ") + (moment.strftime("%z") or "+0000")
    stem = context.post_path.stem if context.post_path is not None else ""
    named = _FILE_NAME.match(stem)
    slug = str(context.page.get("slug") or (named.group(1) if named else stem))
    title = re.sub(r"[^\w.~!$&'()+,;=@-]+|_+", "-", slug).strip("-")  # Jekyll's "pretty" slug
    categories = dict.fromkeys(str(c).lower() for c in context.page.get("categories") or [])
    values = {
        "year": f"{moment.year:04d}",
        "month": f"{moment.month:02d}",
        "day": f"{moment.day:02d}",
        "i_month": str(moment.month),
        "i_day": str(moment.day),
        "short_year": moment.strftime("%y"),
        "y_day": moment.strftime("%j"),
        "hour": moment.strftime("%H"),
        "minute": moment.strftime("%M"),
        "second": moment.strftime("%S"),
        "title": title,
        "slug": title.lower(),
        "categories": "/".join(categories),
        "output_ext": ".html",
    }
    written = context.page.get("permalink") or (
        context.site.config.get("permalink") if context.site else None
    )
    template = str(written or "date")
    template = _PERMALINK_STYLES.get(template, template)
    url = re.sub(
        ":(" + "|".join(sorted(values, key=len, reverse=True)) + ")",
        lambda m: _escape_path(values[m.group(1)]),
        template,
    )
    url = re.sub("/{2,}", "/", "/" + url.replace("..", "/").replace("./", ""))
    if key == "url":
        return url
    # Document#id: File.join(File.dirname(url), slug), unescaped; dirname ignores a trailing '/'.
    return url.rstrip("/").rsplit("/", 1)[0] + "/" + slug


def _escape_path(path: str) -> str:
    """Jekyll's URL.escape_path: everything but URL-safe ASCII percent-encoded (UTF-8)."""
    return urllib.parse.quote(path, safe="-._~!$&'()*+,;=:@/")

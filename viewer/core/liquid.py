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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from viewer.core.document import parse_jekyll_date
from viewer.core.site import Site, find_post_in_folder

_TOKEN = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}|\{\{-?(.*?)-?\}\}", re.S)
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S)
_RAW_MARK, _RAW_END = "\ue000", "\ue001"
_RAW_PLACEHOLDER = re.compile(f"{_RAW_MARK}(\\d+){_RAW_END}(\n*)")
# Blocks whose body is replaced as a whole.
_BLOCK_END = {"comment": "endcomment", "highlight": "endhighlight", "capture": "endcapture"}


@dataclass(frozen=True)
class LiquidContext:
    site: Site | None = None
    page: dict[str, Any] = field(default_factory=dict)
    post_path: Path | None = None
    #: Turns (code, language) into highlighted HTML for {% highlight %} blocks.
    highlight: Callable[[str, str], str] | None = None


def render_liquid(text: str, context: LiquidContext) -> str:
    """Apply the Liquid Jekyll would, keeping the line count of `text`."""
    if "{%" not in text and "{{" not in text:
        return text
    # {% raw %} bodies are set aside first, as Liquid's tokenizer does, and put back as
    # written: inside a {% highlight %} block too.
    raw_bodies: list[str] = []

    def set_aside(raw: re.Match[str]) -> str:
        raw_bodies.append(raw.group(1))
        return f"{_RAW_MARK}{len(raw_bodies) - 1}{_RAW_END}" + "\n" * raw.group(0).count("\n")

    rendered = _render(_RAW.sub(set_aside, text), context, raw_bodies)
    return _put_back(rendered, raw_bodies)


def _put_back(text: str, raw_bodies: list[str]) -> str:
    def body(mark: re.Match[str]) -> str:
        written = raw_bodies[int(mark.group(1))]
        # The body's own line ends stand in for the tag's; any lines the tags spanned stay.
        return written + "\n" * max(0, len(mark.group(2)) - written.count("\n"))

    return _RAW_PLACEHOLDER.sub(body, text) if raw_bodies else text


def _render(text: str, context: LiquidContext, raw_bodies: list[str]) -> str:
    out: list[str] = []
    pos = 0
    while True:
        match = _TOKEN.search(text, pos)
        if match is None:
            out.append(text[pos:])
            return "".join(out)
        out.append(text[pos : match.start()])
        tag, arguments, expression = match.group(1), (match.group(2) or "").strip(), match.group(3)
        end = match.end()
        if expression is not None:
            replacement = _expression(expression, context)
        elif tag in _BLOCK_END:
            closing = re.compile(rf"\{{%-?\s*{_BLOCK_END[tag]}\s*-?%\}}").search(text, end)
            body_end = closing.start() if closing else len(text)
            body = text[end:body_end]
            end = closing.end() if closing else len(text)
            replacement = _block(tag, arguments, body, context, raw_bodies)
        else:
            replacement = _tag(tag, arguments, context)
        span = text[match.start() : end]
        missing = span.count("\n") - replacement.count("\n")
        out.append(replacement + "\n" * max(missing, 0))
        pos = end


def _block(tag: str, arguments: str, body: str, context: LiquidContext, raw_bodies: list[str]) -> str:
    if tag != "highlight":
        return ""  # comment and capture leave nothing in the page
    language = arguments.split()[0] if arguments.split() else ""
    # Liquid inside the block runs first, as in Jekyll.
    body = _put_back(_render(body, context, raw_bodies), raw_bodies)
    code = body.strip("\n")
    leading = body[: len(body) - len(body.lstrip("\n"))].count("\n")
    if context.highlight is not None:
        inner = context.highlight(code + "\n", language)
    else:
        inner = f"<pre><code>{html.escape(code)}</code></pre>"
    # Jekyll puts a <figure> where the tag was: an HTML block that ends paragraphs and lists.
    return "\n" * leading + f'<figure class="highlight">{inner.rstrip()}</figure>'


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
        source = context.page
    value: Any = source
    for part in key.split(".") if key else []:
        value = value.get(part) if isinstance(value, dict) else None
    if value is None or isinstance(value, dict):
        return ""
    if isinstance(value, list):
        return "".join(str(v) for v in value)
    return str(value)

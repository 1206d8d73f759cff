"""A rendered post as text for other programs: outline JSON and text, link lists, a standalone page."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from viewer.core.links import distinct_links
from viewer.core.outline import OutlineNode, walk
from viewer.core.rendered import RenderedPost
from viewer.core.search import PostMatch


def matches_as(query: str, matches: list[PostMatch], as_json: bool) -> str:
    """The matches of a search in one post, as JSON or one line each."""
    if as_json:
        data = {
            "query": query,
            "count": len(matches),
            "matches": [
                {
                    "text": m.text,
                    "context": m.context,
                    "path": list(m.path),
                    "id": m.id,
                    "start": m.start,
                    "end": m.end,
                }
                for m in matches
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=1)
    lines = [f"{len(matches)} {'match' if len(matches) == 1 else 'matches'} for {query!r}"]
    lines += [f"{' › '.join(m.path) or '(top)'}: …{m.context}…" for m in matches]
    return "\n".join(lines)


def _meta(rendered: RenderedPost) -> dict[str, Any]:
    meta = rendered.post.metadata
    return {
        "title": meta.title,
        "date": meta.date_text or None,
        "categories": list(meta.categories),
        "tags": list(meta.tags),
    }


def _task_box(node: OutlineNode) -> str:
    """A task item's state as GFM writes it ('[x] ', '[ ] '); nothing for other nodes."""
    return "" if node.checked is None else "[x] " if node.checked else "[ ] "


def outline_json(rendered: RenderedPost) -> str:
    data = {**_meta(rendered), "outline": [node.to_dict() for node in rendered.outline]}
    return json.dumps(data, ensure_ascii=False, indent=1)


def outline_text(rendered: RenderedPost) -> str:
    lines = [rendered.post.metadata.title]
    for depth, node in walk(rendered.outline):
        marker = "#" * node.level if node.kind == "heading" else "-"
        lines.append(f"{'  ' * depth}{marker} {_task_box(node)}{node.text}")
    return "\n".join(lines)


def outline_opml(rendered: RenderedPost) -> str:
    """The outline as OPML 2.0: nested <outline text="..."> elements."""
    from xml.sax.saxutils import quoteattr

    def emit(nodes: tuple[OutlineNode, ...], depth: int) -> list[str]:
        lines = []
        pad = "  " * depth
        for node in nodes:
            attrs = f"text={quoteattr(node.text)}"
            if node.children:
                lines.append(f"{pad}<outline {attrs}>")
                lines += emit(node.children, depth + 1)
                lines.append(f"{pad}</outline>")
            else:
                lines.append(f"{pad}<outline {attrs}/>")
        return lines

    title = quoteattr(rendered.post.metadata.title)[1:-1]
    body = "\n".join(emit(rendered.outline, 2))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n'
        f"  <head><title>{title}</title></head>\n  <body>\n{body}\n  </body>\n</opml>\n"
    )


def outline_markdown(rendered: RenderedPost) -> str:
    """The outline as Markdown: headings as headings, items as nested bullets (two spaces a level)."""
    lines = [f"# {rendered.post.metadata.title}", ""]
    for _, node in walk(rendered.outline):
        if node.kind == "heading":
            lines += ["", f"{'#' * min(node.level + 1, 6)} {node.text}", ""]
        else:
            lines.append(f"{'  ' * (node.level - 1)}- {_task_box(node)}{node.text}")
    return "\n".join(line for i, line in enumerate(lines) if line or (i and lines[i - 1])).strip() + "\n"


def links_as(rendered: RenderedPost, fmt: str) -> str:
    entries = distinct_links(rendered.links)
    if fmt == "json":
        return json.dumps({"links": [e.to_dict() for e in entries]}, ensure_ascii=False, indent=1)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["url", "kind", "text", "section", "count"])
        for e in entries:
            writer.writerow([e.url, e.kind, e.text, " > ".join(e.section), e.count])
        return buffer.getvalue()
    if fmt == "markdown":
        return "\n".join(
            f"- [{_md_escape(e.text or e.url)}]({e.url}) — {e.kind}" + (f" ×{e.count}" if e.count > 1 else "")
            for e in entries
        )
    return "\n".join(f"{e.kind:<20} {e.count:>3}  {e.url}  {e.text}" for e in entries)


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


#: The background of code blocks on the exported page (its token colours are chosen for it).
CODE_BACKGROUND = "#f6f8fa"


def standalone_html(rendered: RenderedPost) -> str:
    from viewer.core.code_style import code_css

    meta = rendered.post.metadata
    details = " · ".join(
        filter(None, [meta.date_text, ", ".join(meta.categories), " ".join(f"#{t}" for t in meta.tags)])
    )
    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<title>{html.escape(meta.title)}</title>
<style>
body {{ max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.65;
  font-family: "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; }}
pre {{ background: {CODE_BACKGROUND}; padding: .8em; overflow-x: auto; }}
.post-meta {{ color: #666; }}
p.unformatted {{ white-space: pre-wrap; }}
{code_css(False, CODE_BACKGROUND)}
</style>
</head>
<body>
<h1 class="post-title">{html.escape(meta.title)}</h1>
<p class="post-meta">{html.escape(details)}</p>
{rendered.html}
</body>
</html>
"""


@dataclass(frozen=True)
class ExportFormat:
    """One way to write a rendered post out: the File ▸ Export menu and the command line both
    read this table."""

    #: The subject and the format, as the command line names them ("outline", "opml").
    subject: str
    format: str
    #: The menu entry.
    label: str
    suffix: str
    file_filter: str
    make: Callable[[RenderedPost], str]
    #: Offered in the window's export menu (plain text and JSON outlines are for programs).
    in_menu: bool = True

    @property
    def key(self) -> str:
        return f"{self.subject}-{self.format}"


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("outline", "opml", "Outline as &OPML…", "opml", "OPML (*.opml)", outline_opml),
    ExportFormat("outline", "markdown", "Outline as &Markdown…", "md", "Markdown (*.md)", outline_markdown),
    ExportFormat("outline", "json", "Outline as JSON…", "json", "JSON (*.json)", outline_json, in_menu=False),
    ExportFormat("outline", "text", "Outline as text…", "txt", "Text (*.txt)", outline_text, in_menu=False),
    ExportFormat("post", "html", "Post as &HTML…", "html", "HTML (*.html)", standalone_html),
    ExportFormat(
        "links", "markdown", "Links as Markdown…", "md", "Markdown (*.md)", lambda r: links_as(r, "markdown")
    ),
    ExportFormat("links", "csv", "Links as CSV…", "csv", "CSV (*.csv)", lambda r: links_as(r, "csv")),
    ExportFormat("links", "json", "Links as JSON…", "json", "JSON (*.json)", lambda r: links_as(r, "json")),
    ExportFormat(
        "links", "text", "Links as text…", "txt", "Text (*.txt)", lambda r: links_as(r, "text"), in_menu=False
    ),
)
EXPORTS: dict[str, ExportFormat] = {fmt.key: fmt for fmt in EXPORT_FORMATS}

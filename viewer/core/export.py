"""A rendered post as text for other programs: outline JSON and text, link lists, a standalone page."""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass
from typing import Any

from viewer.core.links import KIND_ORDER, Link, normalize_url
from viewer.core.outline import walk
from viewer.core.render import RenderedPost


@dataclass(frozen=True)
class LinkEntry:
    """A distinct link target with every place it occurs."""

    url: str
    kind: str
    text: str
    section: tuple[str, ...]
    count: int
    anchors: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "kind": self.kind,
            "text": self.text,
            "section": list(self.section),
            "count": self.count,
            "ids": list(self.anchors),
        }


def distinct_links(links: tuple[Link, ...]) -> tuple[LinkEntry, ...]:
    """Links grouped by normalised URL, references (SlideShare, YouTube) first, then document order."""
    groups: dict[str, list[Link]] = {}
    for link in links:
        if link.kind == "anchor":
            continue
        groups.setdefault(normalize_url(link.url), []).append(link)
    entries = []
    for occurrences in groups.values():
        first = occurrences[0]
        # The link text a reader wrote beats a bare URL repeated as its own text.
        text = next((o.text for o in occurrences if o.text and o.text != o.url), first.text or first.url)
        entries.append(
            LinkEntry(
                first.url,
                first.kind,
                text,
                first.section,
                len(occurrences),
                tuple(dict.fromkeys(o.anchor for o in occurrences)),
            )
        )
    order = {kind: index for index, kind in enumerate(KIND_ORDER)}
    return tuple(sorted(entries, key=lambda e: order.get(e.kind, len(order))))


def _meta(rendered: RenderedPost) -> dict[str, Any]:
    meta = rendered.post.metadata
    return {
        "title": meta.title,
        "date": meta.date_text or None,
        "categories": list(meta.categories),
        "tags": list(meta.tags),
    }


def outline_json(rendered: RenderedPost) -> str:
    data = {**_meta(rendered), "outline": [node.to_dict() for node in rendered.outline]}
    return json.dumps(data, ensure_ascii=False, indent=1)


def outline_text(rendered: RenderedPost) -> str:
    lines = [rendered.post.metadata.title]
    for depth, node in walk(rendered.outline):
        marker = "#" * node.level if node.kind == "heading" else "-"
        lines.append(f"{'  ' * depth}{marker} {node.text}")
    return "\n".join(lines)


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


def standalone_html(rendered: RenderedPost) -> str:
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
pre {{ background: #f6f8fa; padding: .8em; overflow-x: auto; }}
.post-meta {{ color: #666; }}
</style>
</head>
<body>
<h1 class="post-title">{html.escape(meta.title)}</h1>
<p class="post-meta">{html.escape(details)}</p>
{rendered.html}
</body>
</html>
"""

"""A laid-out mind map as an SVG document: one <text> label per node, curves between them.

Qt-free, so `note-viewer map --format svg` runs without Qt like the other headless commands.
Line breaks are fixed here (one <tspan> a line, as the layout wrapped them), so a viewer with
another font never reflows a label out of its box.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from viewer.core.map_colours import LIGHT, MapColours
from viewer.core.map_layout import (
    CAPTION_GAP,
    PAD_X,
    PAD_Y,
    SVG_FONT_FAMILY,
    EstimatedMetrics,
    MapLayout,
    MapNode,
    MindMap,
    Side,
    TextMetrics,
    edge_curve,
)
from viewer.core.outline import OutlineNode

MARGIN = 24.0
#: Characters XML 1.0 does not allow (a post may hold stray control characters).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _attr(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def map_svg(layout: MapLayout, metrics: TextMetrics, title: str, colours: MapColours = LIGHT) -> str:
    """The map as an SVG document titled `title` (the post's title)."""
    left, top, right, bottom = layout.bounds
    x0, y0 = left - MARGIN, top - MARGIN
    width, height = right - left + 2 * MARGIN, bottom - top + 2 * MARGIN
    family = metrics.font("item").family
    families = family if family == SVG_FONT_FAMILY else f"{_attr(family)[1:-1]}, {SVG_FONT_FAMILY}"
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}" height="{_n(height)}" '
        f'viewBox="{_n(x0)} {_n(y0)} {_n(width)} {_n(height)}" font-family="{families}">',
        f"<title>{_text(title)}</title>",
        f'<rect x="{_n(x0)}" y="{_n(y0)}" width="{_n(width)}" height="{_n(height)}" '
        f'fill="{colours.background}"/>',
        '<g class="edges" fill="none" stroke-linecap="round">',
    ]
    for parent, child in layout.edges():
        (ax, ay), (bx, by), (cx, cy), (dx, dy) = edge_curve(parent, child)
        out.append(
            f'<path d="M{_n(ax)},{_n(ay)} C{_n(bx)},{_n(by)} {_n(cx)},{_n(cy)} {_n(dx)},{_n(dy)}" '
            f'stroke="{colours.hue(child.branch)}" stroke-width="{_n(colours.edge_width(child.depth))}"/>'
        )
    out.append("</g>")
    out.append('<g class="nodes">')
    for node in layout.nodes:
        out.extend(_node(node, metrics, colours))
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _node(node: MapNode, metrics: TextMetrics, colours: MapColours) -> list[str]:
    font = metrics.font(node.style)
    if node.style == "root":
        fill, stroke, ink = colours.root_fill, colours.root_fill, colours.root_text
    else:
        fill = colours.fill(node.branch, node.depth, node.style == "heading")
        stroke, ink = colours.stroke(node.branch, node.depth), colours.text
    kind = "centre" if node.depth == 0 else node.style
    data = f" data-node={_attr(node.id)}" if node.id else ""
    radius = min(8.0, node.height / 2)
    parts = [
        f'<g class="node {kind}"{data}>',
        f"<title>{_text(node.text)}</title>",
        f'<rect x="{_n(node.x)}" y="{_n(node.y)}" width="{_n(node.width)}" height="{_n(node.height)}" '
        f'rx="{_n(radius)}" fill="{fill}" stroke="{stroke}" stroke-width="{1.5 if node.depth <= 1 else 1}"/>',
    ]
    # The centre's lines are centred; the others start at the box's padding.
    if node.depth == 0:
        text_x, anchor = node.x + node.width / 2, ' text-anchor="middle"'
    else:
        text_x, anchor = node.x + PAD_X, ""
    baseline = node.y + PAD_Y + font.ascent
    weight = ' font-weight="bold"' if font.bold else ""
    tspans = "".join(
        f'<tspan x="{_n(text_x)}" y="{_n(baseline + number * font.line_height)}">{_text(line)}</tspan>'
        for number, line in enumerate(node.lines)
    )
    if node.caption:  # the post's title under the centre's text: part of the same label
        small = metrics.font("item")
        top = baseline + len(node.lines) * font.line_height - font.ascent + CAPTION_GAP + small.ascent
        tspans += "".join(
            f'<tspan class="caption" x="{_n(text_x)}" y="{_n(top + number * small.line_height)}" '
            f'font-size="{_n(small.size)}" font-weight="normal">{_text(line)}</tspan>'
            for number, line in enumerate(node.caption)
        )
    # The first line's place on <text> too: renderers that ignore a <tspan>'s x and y (Qt's
    # SVG Tiny) then at least start the label in its box.
    look = f'x="{_n(text_x)}" y="{_n(baseline)}" font-size="{_n(font.size)}"{weight}{anchor} fill="{ink}"'
    parts.append(f'<text class="label" {look}>{tspans}</text>')
    if node.folded and node.handle is not None:
        hx, hy = node.handle
        parts.append(
            f'<circle class="folded" cx="{_n(hx)}" cy="{_n(hy)}" r="5" fill="{colours.hue(node.branch)}"/>'
        )
    parts.append("</g>")
    return parts


def post_map_svg(
    outline: tuple[OutlineNode, ...],
    title: str,
    metrics: TextMetrics | None = None,
    side: Side = "balanced",
    level: int | None = None,
) -> str:
    """The map of a whole outline as SVG: unfolded, or shown to `level` levels below the centre."""
    metrics = metrics or EstimatedMetrics()
    mind_map = MindMap(outline, title, metrics, side)
    if level is None:
        mind_map.expand_all()
    else:
        mind_map.fold_to_level(level)
    return map_svg(mind_map.layout(), metrics, title)

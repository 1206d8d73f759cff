"""A mind map of a post's outline, laid out without Qt.

The centre is the post's title, or the branch the reader focused on, or the outline's only
top-level node when it has just one (a post that starts with `# Title` restating the title): a
map whose centre had a single child would put every branch on one side in one colour. The
centre's children are the branches: each has a colour and a side (right, or balanced between
right and left). Every node is a box of wrapped text; a node's children stand in a column beside
it, the column centred on it (a tidy tree, one pass up and one pass down: linear in the nodes
shown, so folding and unfolding a 5,000-node outline stays quick).

Text is measured by a `TextMetrics` the caller gives: Qt's font metrics in the window and in
PNG export, `EstimatedMetrics` (Qt-free) for the SVG the command line writes. The scene
(viewer/ui/map_view.py) and the SVG writer (map_svg.py) draw the same `MapLayout`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Protocol

from viewer.core.outline import OutlineNode, walk
from viewer.core.search import JoinedTexts, Matcher

Style = Literal["root", "heading", "item"]
Side = Literal["balanced", "right"]
SIDES: tuple[Side, ...] = ("balanced", "right")

#: Text wider than this wraps (pixels at 100%); the centre may be a little wider.
MAX_TEXT_WIDTH: dict[Style, float] = {"root": 320.0, "heading": 250.0, "item": 250.0}
#: A label longer than this many lines ends with "…" (the full text is the node's tooltip).
MAX_LINES = 6
PAD_X, PAD_Y = 9.0, 5.0
#: Between the centre's text and the post's title under it.
CAPTION_GAP = 3.0
#: Between a node and its children's column, and between siblings.
H_GAP, V_GAP = 46.0, 8.0
#: The map first opens folded at the deepest level that shows at most this many nodes.
SENSIBLE_NODES = 150
ELLIPSIS = "…"


@dataclass(frozen=True)
class FontSpec:
    """The font of one style of label, in pixels."""

    family: str
    size: float
    bold: bool
    line_height: float
    ascent: float


class TextMetrics(Protocol):
    def font(self, style: Style) -> FontSpec: ...

    def width(self, text: str, style: Style) -> float:
        """The advance of `text` on one line."""
        ...


#: For SVG: the fonts Korean readers have, then any sans-serif.
SVG_FONT_FAMILY = "'Noto Sans CJK KR', 'Noto Sans KR', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif"


class EstimatedMetrics:
    """Widths estimated from character classes, without any font: wide (Hangul, CJK) characters
    take one em, narrow ones about half. Errs wide, so that a viewer's real font fits the box."""

    def __init__(self, size: float = 13.0, family: str = SVG_FONT_FAMILY) -> None:
        self._fonts: dict[Style, FontSpec] = {
            "root": FontSpec(family, size * 1.3, True, size * 1.3 * 1.35, size * 1.3 * 1.0),
            "heading": FontSpec(family, size, True, size * 1.4, size * 1.05),
            "item": FontSpec(family, size, False, size * 1.4, size * 1.05),
        }

    def font(self, style: Style) -> FontSpec:
        return self._fonts[style]

    def width(self, text: str, style: Style) -> float:
        spec = self._fonts[style]
        ems = sum(_advance(char) for char in text)
        return ems * spec.size * (1.06 if spec.bold else 1.0)


@lru_cache(maxsize=4096)
def _advance(char: str) -> float:
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if char in " .,:;'!|ilIjtf()[]":
        return 0.32
    if char in "mwMW@%":
        return 0.9
    if char.isupper() or char.isdigit():
        return 0.66 if char.isupper() else 0.58
    return 0.58


def wrap(
    text: str, style: Style, metrics: TextMetrics, max_width: float, max_lines: int = MAX_LINES
) -> list[str]:
    """`text` broken into lines no wider than `max_width`: between words where it can, inside a
    word (a long URL) where it must; at most `max_lines`, the last ending in '…' if cut."""
    text = " ".join(text.split())
    if not text or metrics.width(text, style) <= max_width:
        return [text]
    lines: list[str] = []
    line, line_width = "", 0.0  # widths add up word by word (one measure per word, not per line)
    for word in re.findall(r"\S+\s*", text):
        bare = word.rstrip()
        if line_width + metrics.width(bare, style) <= max_width:
            line, line_width = line + word, line_width + metrics.width(word, style)
            continue
        if line:
            lines.append(line.rstrip())
            line, line_width = "", 0.0
        while metrics.width(word.rstrip(), style) > max_width:  # too long for a line on its own
            cut = _fitting_prefix(word, style, metrics, max_width)
            lines.append(word[:cut])
            word = word[cut:]
        line, line_width = word, metrics.width(word, style)
        if len(lines) > max_lines:
            break
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and metrics.width(last + ELLIPSIS, style) > max_width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + ELLIPSIS]
    return lines


def _fitting_prefix(word: str, style: Style, metrics: TextMetrics, max_width: float) -> int:
    """The length of the longest prefix of `word` that fits (at least one character)."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if metrics.width(word[:middle], style) <= max_width:
            low = middle
        else:
            high = middle - 1
    return low


@dataclass(frozen=True)
class MapNode:
    """A node of the map as laid out: a box of text at (x, y), top-left, in scene pixels."""

    #: The outline node's element id ("" for the post's title at the centre).
    id: str
    text: str
    lines: tuple[str, ...]
    style: Style
    #: 0 for the centre, 1 for the branches, …
    depth: int
    #: The branch it belongs to (its colour); -1 for the centre.
    branch: int
    #: 1 right of the centre, -1 left, 0 the centre.
    side: int
    x: float
    y: float
    width: float
    height: float
    #: The id of the node it hangs from (None for the centre).
    parent: str | None
    #: How many children it has in the outline (shown or folded).
    children: int
    folded: bool
    #: Under the centre's own text, when the centre is a node: the post's title (item font).
    caption: tuple[str, ...] = ()

    @property
    def centre_y(self) -> float:
        return self.y + self.height / 2

    def attach_point(self, towards: int) -> tuple[float, float]:
        """Where curves meet the box: its right edge for a child on the right (`towards` 1), its
        left edge for one on the left."""
        return (self.x + self.width if towards > 0 else self.x, self.centre_y)

    @property
    def handle(self) -> tuple[float, float] | None:
        """The centre of the fold handle, on the side its children grow to; None without one."""
        if not self.children or self.side == 0:
            return None
        return self.attach_point(self.side)


def edge_curve(parent: MapNode, child: MapNode) -> tuple[tuple[float, float], ...]:
    """The cubic curve from a node to a child: start, two control points, end."""
    x1, y1 = parent.attach_point(child.side)
    x2, y2 = child.attach_point(-child.side)
    middle = (x1 + x2) / 2
    return ((x1, y1), (middle, y1), (middle, y2), (x2, y2))


@dataclass(frozen=True)
class MapLayout:
    #: The centre first, then every node shown, in reading order.
    nodes: tuple[MapNode, ...]
    #: (left, top, right, bottom) of every box.
    bounds: tuple[float, float, float, float]

    def by_id(self) -> dict[str, MapNode]:
        return {node.id: node for node in self.nodes}

    def edges(self) -> Iterable[tuple[MapNode, MapNode]]:
        """(parent, child) for every child shown."""
        by_id = self.by_id()
        for node in self.nodes:
            if node.parent is not None:
                yield by_id[node.parent], node


class MindMap:
    """The map of one outline: what is folded, which side each branch is on, and its layout.

    Labels are wrapped once per node and kept; laying out visits only the nodes shown.
    """

    def __init__(
        self,
        outline: tuple[OutlineNode, ...],
        title: str,
        metrics: TextMetrics,
        side: Side = "balanced",
    ) -> None:
        self.metrics = metrics
        self.side: Side = side
        if len(outline) == 1:
            self.root: OutlineNode | None = outline[0]
            self.caption = title if " ".join(title.split()) != outline[0].text else ""
            self.title = outline[0].text
            self.branches = outline[0].children
        else:
            self.root, self.caption, self.title, self.branches = None, "", title, outline
        self.folded: set[str] = set()
        self._depth: dict[str, int] = {}
        self._parent: dict[str, str] = {}
        self._nodes: dict[str, OutlineNode] = {}
        for depth, node in walk(self.branches):
            self._depth[node.id] = depth + 1
            self._nodes[node.id] = node
            for child in node.children:
                self._parent[child.id] = node.id
        self._sizes: dict[str, tuple[tuple[str, ...], float, float]] = {}
        #: The side of each branch, kept while the reader folds and unfolds (a branch jumping
        #: across the centre would lose them); chosen again on a new level or side setting.
        self._branch_sides: dict[str, int] | None = None
        self._texts: JoinedTexts | None = None  # the labels joined for search, made at the first
        self._text_ids: list[str] = []

    @property
    def root_id(self) -> str:
        return self.root.id if self.root is not None else ""

    def __contains__(self, node_id: str) -> bool:
        return node_id in self._nodes or (node_id != "" and node_id == self.root_id)

    @property
    def node_count(self) -> int:
        """Nodes in the map, the centre included when it is an outline node."""
        return len(self._nodes) + (self.root is not None)

    @property
    def depth(self) -> int:
        """The deepest level (1 = the branches)."""
        return max(self._depth.values(), default=0)

    # --- folding -------------------------------------------------------------------------------------

    def fold_to_level(self, level: int) -> None:
        """Show the first `level` levels below the centre; everything deeper is folded."""
        self.folded = {
            node_id
            for node_id, node in self._nodes.items()
            if node.children and self._depth[node_id] >= level
        }
        self._branch_sides = None

    def expand_all(self) -> None:
        self.fold_to_level(self.depth + 1)

    def sensible_level(self, most: int = SENSIBLE_NODES) -> int:
        """The deepest level that shows at most `most` nodes (at least the branches)."""
        per_level: dict[int, int] = {}
        for depth in self._depth.values():
            per_level[depth] = per_level.get(depth, 0) + 1
        level, shown = 1, per_level.get(1, 0)
        while level < self.depth and shown + per_level.get(level + 1, 0) <= most:
            level += 1
            shown += per_level[level]
        return level

    def toggle(self, node_id: str) -> None:
        if node_id in self.folded:
            self.folded.discard(node_id)
        elif node_id in self._nodes and self._nodes[node_id].children:
            self.folded.add(node_id)

    def reveal(self, node_id: str) -> None:
        """Unfold the ancestors of a node so that it is shown."""
        parent = self._parent.get(node_id)
        while parent is not None:
            self.folded.discard(parent)
            parent = self._parent.get(parent)

    def shown_ancestor(self, node_id: str) -> str | None:
        """The node itself if shown, else its nearest shown ancestor; None if not in the map."""
        if node_id not in self:
            return None
        shown = node_id
        parent = self._parent.get(node_id)
        while parent is not None:
            if parent in self.folded:
                shown = parent
            parent = self._parent.get(parent)
        return shown

    def with_ancestors(self, node_ids: Iterable[str]) -> set[str]:
        """The nodes and every node above them."""
        found: set[str] = set()
        for node_id in node_ids:
            current: str | None = node_id
            while current is not None and current not in found:
                found.add(current)
                current = self._parent.get(current)
        return found

    def matching(self, matcher: Matcher) -> set[str]:
        """The ids of the nodes whose label the search finds."""
        if self._texts is None:
            nodes = [*([self.root] if self.root is not None else []), *self._nodes.values()]
            self._texts = JoinedTexts([node.text for node in nodes])
            self._text_ids = [node.id for node in nodes]
        return {self._text_ids[number] for number in matcher.matching(self._texts)}

    def set_side(self, side: Side) -> None:
        self.side = side
        self._branch_sides = None

    # --- layout --------------------------------------------------------------------------------------

    def _size(self, node_id: str, text: str, style: Style) -> tuple[tuple[str, ...], float, float]:
        size = self._sizes.get(node_id)
        if size is None:
            lines = wrap(text, style, self.metrics, MAX_TEXT_WIDTH[style])
            font = self.metrics.font(style)
            width = max((self.metrics.width(line, style) for line in lines), default=0.0)
            size = tuple(lines), max(width, font.size) + 2 * PAD_X, len(lines) * font.line_height + 2 * PAD_Y
            self._sizes[node_id] = size
        return size

    def layout(self) -> MapLayout:
        """Where every shown node goes: the centre's box centred on (0, 0)."""
        bands: dict[str, float] = {}

        def band(node: OutlineNode) -> float:
            """The height the node's shown subtree takes (its box or its children's column)."""
            _lines, _width, height = self._size(node.id, node.text, _style(node))
            if node.children and node.id not in self.folded:
                column = sum(band(child) for child in node.children) + V_GAP * (len(node.children) - 1)
                height = max(height, column)
            bands[node.id] = height
            return height

        for branch in self.branches:
            band(branch)
        sides = self._sides(bands)
        root_lines, root_width, root_height = self._size(self.root_id, self.title, "root")
        caption = (
            tuple(wrap(self.caption, "item", self.metrics, MAX_TEXT_WIDTH["root"])) if self.caption else ()
        )
        if caption:
            caption_width = max(self.metrics.width(line, "item") for line in caption) + 2 * PAD_X
            root_width = max(root_width, caption_width)
            root_height += len(caption) * self.metrics.font("item").line_height + CAPTION_GAP
        root = MapNode(
            self.root_id, self.title, root_lines, "root", 0, -1, 0, -root_width / 2, -root_height / 2,
            root_width, root_height, None, len(self.branches), False, caption,
        )  # fmt: skip
        placed: list[MapNode] = [root]

        def place(node: OutlineNode, parent: MapNode, top: float, depth: int, branch: int, side: int) -> None:
            lines, width, height = self._size(node.id, node.text, _style(node))
            centre = top + bands[node.id] / 2
            x = parent.x + parent.width + H_GAP if side > 0 else parent.x - H_GAP - width
            folded = node.id in self.folded
            this = MapNode(
                node.id, node.text, lines, _style(node), depth, branch, side, x, centre - height / 2,
                width, height, parent.id, len(node.children), folded and bool(node.children),
            )  # fmt: skip
            placed.append(this)
            if node.children and not folded:
                column = sum(bands[child.id] for child in node.children) + V_GAP * (len(node.children) - 1)
                child_top = centre - column / 2
                for child in node.children:
                    place(child, this, child_top, depth + 1, branch, side)
                    child_top += bands[child.id] + V_GAP

        for side in (1, -1):
            mine = [(number, b) for number, b in enumerate(self.branches) if sides[b.id] == side]
            column = sum(bands[b.id] for _, b in mine) + V_GAP * max(len(mine) - 1, 0)
            top = -column / 2
            for number, branch_node in mine:
                place(branch_node, root, top, 1, number, side)
                top += bands[branch_node.id] + V_GAP
        # Reading order (right side first, then left) is the outline's order: sort by it.
        order = {node_id: number for number, node_id in enumerate(self._nodes)}
        placed[1:] = sorted(placed[1:], key=lambda n: order[n.id])
        bounds = (
            min(n.x for n in placed),
            min(n.y for n in placed),
            max(n.x + n.width for n in placed),
            max(n.y + n.height for n in placed),
        )
        return MapLayout(tuple(placed), bounds)

    def _sides(self, bands: dict[str, float]) -> dict[str, int]:
        """Each branch's side: all right, or the first ones right and the rest left, split where
        the two columns are closest in height."""
        if self._branch_sides is not None and all(b.id in self._branch_sides for b in self.branches):
            return self._branch_sides
        heights = [bands[b.id] for b in self.branches]
        split = len(heights)
        if self.side == "balanced" and len(heights) > 1:
            total, running, best = sum(heights), 0.0, None
            for count, height in enumerate(heights[:-1], start=1):
                running += height
                difference = abs(total - 2 * running)
                if best is None or difference < best:
                    best, split = difference, count
        self._branch_sides = {b.id: 1 if number < split else -1 for number, b in enumerate(self.branches)}
        return self._branch_sides


def _style(node: OutlineNode) -> Style:
    return "heading" if node.kind == "heading" else "item"

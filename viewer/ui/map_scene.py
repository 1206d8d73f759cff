"""The mind map drawn with Qt: a QGraphicsScene of the boxes, labels and curves of a `MapLayout`.

Every node is made of Qt's own items (a path for the box, a simple text for the label, an
ellipse for the fold handle): they paint in C++, so a frame of thousands of nodes costs no
Python. Items are made only for nodes shown, the first time they are shown, and kept when
folded away; a new layout moves them. The selection halo is one item that moves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from viewer.core.map_colours import LIGHT, MATCH, MapColours
from viewer.core.map_layout import (
    CAPTION_GAP,
    PAD_X,
    PAD_Y,
    FontSpec,
    MapLayout,
    MapNode,
    MindMap,
    Side,
    Style,
    edge_curve,
)
from viewer.ui.tooltips import plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from viewer.core.outline import OutlineNode

#: Item data keys: the node id an item stands for, and what part of the node it is.
NODE_ID, PART = 0, 1
HANDLE_RADIUS = 5.5
#: Faded nodes (not matching the search) keep this much of their opacity.
FADED = 0.22
#: Below this scale labels are too small to read: they are not drawn (the boxes still are).
LABELS_FROM_SCALE = 0.28
#: The biggest side of an exported PNG, in pixels.
MAX_IMAGE_SIDE = 16000


class QtMetrics:
    """Text measured with the fonts the scene draws with: the app's font at its pixel size,
    bold for headings, larger for the centre."""

    def __init__(self, base: QFont | None = None) -> None:
        base = QFont(base) if base is not None else QFont()
        pixels = QFontInfo(base).pixelSize() or 13
        self.fonts: dict[Style, QFont] = {}
        self._metrics: dict[Style, QFontMetricsF] = {}
        self._specs: dict[Style, FontSpec] = {}
        self._advances: dict[Style, dict[str, float]] = {"root": {}, "heading": {}, "item": {}}
        for style, scale, bold in (("root", 1.3, True), ("heading", 1.0, True), ("item", 1.0, False)):
            font = QFont(base)
            font.setPixelSize(round(pixels * scale))
            font.setBold(bold)
            metrics = QFontMetricsF(font)
            # Hangul comes from a fallback font with taller lines than the app font's: a label's
            # lines are spaced by the taller of the two, so that every line fits its box.
            sample = QTextLayout("가Ag", font)
            sample.beginLayout()
            line = sample.createLine()
            sample.endLayout()
            line_height = max(metrics.lineSpacing(), line.height() + metrics.leading())
            self.fonts[style] = font  # type: ignore[index]
            self._metrics[style] = metrics  # type: ignore[index]
            self._specs[style] = FontSpec(  # type: ignore[index]
                font.family(),
                float(font.pixelSize()),
                bold,
                line_height,
                max(metrics.ascent(), line.ascent()),
            )

    def font(self, style: Style) -> FontSpec:
        return self._specs[style]

    def width(self, text: str, style: Style) -> float:
        """The sum of the characters' advances, each measured once: wrapping a 5,000-node map
        measures hundreds of thousands of characters, and Qt's shaping of each string (Hangul
        through a fallback font) took over a second. Without kerning the sum errs wide, never
        narrow, so a label still fits its box."""
        advances = self._advances[style]
        for char in set(text).difference(advances):
            advances[char] = self._metrics[style].horizontalAdvance(char)
        return sum(map(advances.__getitem__, text))


class _Fan(QGraphicsItem):
    """The curves from one node to its shown children, painted only where they are exposed.

    A curve from the centre to a far branch of a large map is tens of thousands of pixels long,
    and Qt strokes a whole path before clipping it: drawn as path items, the centre's curves
    alone took most of a frame's time while panning. Each curve here is cut to the exposed rows
    first. The curves are cubic with their control points level with their ends, so their height
    is a smoothstep of the parameter, which is inverted exactly to find the part shown.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setZValue(0)
        #: (the curve's four points, its pen, the child's id) for each child shown.
        self.curves: list[tuple[tuple[tuple[float, float], ...], QPen, str]] = []
        self.faded: set[str] = set()
        #: Its node is shown with children (it may still be hidden for the overview).
        self.curves_shown = True
        self._rect = QRectF()

    def set_curves(self, curves: list[tuple[tuple[tuple[float, float], ...], QPen, str]]) -> None:
        self.prepareGeometryChange()
        self.curves = curves
        xs = [x for points, _, _ in curves for x, _ in points]
        ys = [y for points, _, _ in curves for _, y in points]
        self._rect = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)).adjusted(-4, -4, 4, 4)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        exposed = option.exposedRect
        top, bottom = exposed.top() - 8, exposed.bottom() + 8
        left, right = exposed.left() - 8, exposed.right() + 8
        # Curves whose shown parts start and end within a pixel and a half (or most of a pen's
        # width) of each other look the same: the centre's curves to far branches all run
        # together beside it. Only the last of each such group (the one on top) is drawn.
        scale = max(QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform()), 1e-6)
        shown: dict[tuple[float, int, int, int, int], tuple[tuple[tuple[float, float], ...], QPen, str]] = {}
        for points, pen, child in self.curves:
            (x1, y1), (x2, y2) = points[0], points[3]
            if max(y1, y2) < top or min(y1, y2) > bottom or max(x1, x2) < left or min(x1, x2) > right:
                continue
            low, high = (y1, y2) if y1 <= y2 else (y2, y1)
            part = (
                _part_between(points, max(low, top), min(high, bottom))
                if low < top or high > bottom
                else points
            )
            (ax, ay), (dx, dy) = part[0], part[3]
            step = max(1.5, 0.8 * pen.widthF() * scale) / scale
            key = (step, round(ax / step), round(ay / step), round(dx / step), round(dy / step))
            shown.pop(key, None)
            shown[key] = (part, pen, child)
        for (a, b, c, d), pen, child in shown.values():
            painter.setPen(pen)
            painter.setOpacity(FADED if child in self.faded else 1.0)
            path = QPainterPath(QPointF(*a))
            path.cubicTo(b[0], b[1], c[0], c[1], d[0], d[1])
            painter.drawPath(path)


def _part_between(
    points: tuple[tuple[float, float], ...], top: float, bottom: float
) -> tuple[tuple[float, float], ...]:
    """The piece of an edge curve between two heights, as a cubic of its own."""
    (x0, y0), (x1, _), (x2, _), (x3, y3) = points

    def parameter(y: float) -> float:  # y(t) = y0 + (y3 - y0)·(3t² − 2t³); its inverse
        share = min(1.0, max(0.0, (y - y0) / (y3 - y0)))
        return 0.5 - math.sin(math.asin(1 - 2 * share) / 3)

    t0, t1 = sorted((parameter(top), parameter(bottom)))

    def at(t: float) -> tuple[float, float, float, float]:
        """The point and the derivative at t."""
        u = 1 - t
        x = u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3
        y = y0 + (y3 - y0) * (3 * t * t - 2 * t**3)
        dx = 3 * u * u * (x1 - x0) + 6 * u * t * (x2 - x1) + 3 * t * t * (x3 - x2)
        dy = (y3 - y0) * (6 * t - 6 * t * t)
        return x, y, dx, dy

    ax, ay, adx, ady = at(t0)
    bx, by, bdx, bdy = at(t1)
    third = (t1 - t0) / 3
    return (ax, ay), (ax + adx * third, ay + ady * third), (bx - bdx * third, by - bdy * third), (bx, by)


@dataclass
class _NodeItems:
    box: QGraphicsPathItem
    handle: QGraphicsEllipseItem | None
    #: Made the first time the node is in view (None until then): laying out thousands of
    #: labels nobody has seen yet was a third of the time unfolding a large map took.
    labels: list[QGraphicsSimpleTextItem] | None
    #: The layout it was last placed with.
    node: MapNode


class MapScene(QGraphicsScene):
    """Shows one `MindMap`; `refresh()` after folding lays it out again and moves the items."""

    def __init__(
        self, metrics: QtMetrics, colours: MapColours = LIGHT, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.metrics = metrics
        self.colours = colours
        self.mind_map: MindMap | None = None
        self.layout_now: MapLayout | None = None
        self._items: dict[str, _NodeItems] = {}
        self._fans: dict[str, _Fan] = {}  # by the id of the node the curves start from
        self._halo = QGraphicsPathItem()
        self._halo.setZValue(3)
        self._halo.setBrush(Qt.BrushStyle.NoBrush)
        self._halo.hide()
        self.addItem(self._halo)
        self._highlighted = ""
        self._matches: set[str] | None = None
        self._faded: set[str] = set()
        self._ringed: set[str] = set()
        self._labels_shown = True
        self._overview_shown = False
        self._overview: list[QGraphicsPathItem] = []
        self._pens: dict[tuple[object, ...], QPen] = {}
        self._brushes: dict[str, QBrush] = {}
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setBackgroundBrush(QColor(colours.background))

    def _pen(self, colour: str, width: float, round_cap: bool = False) -> QPen:
        key = (colour, width, round_cap)
        pen = self._pens.get(key)
        if pen is None:
            pen = self._pens[key] = QPen(QColor(colour), width)
            if round_cap:
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        return pen

    def _brush(self, colour: str) -> QBrush:
        brush = self._brushes.get(colour)
        if brush is None:
            brush = self._brushes[colour] = QBrush(QColor(colour))
        return brush

    def _box_pen(self, node: MapNode) -> QPen:
        return self._pen(self.colours.stroke(node.branch, node.depth), 1.5 if node.depth <= 1 else 1.0)

    # --- content -------------------------------------------------------------------------------------

    def set_map(self, mind_map: MindMap | None) -> None:
        """Show another map (None: an empty scene)."""
        for items in self._items.values():
            self.removeItem(items.box)
        for fan in self._fans.values():
            self.removeItem(fan)
        self._items, self._fans = {}, {}
        for item in self._overview:
            self.removeItem(item)
        self._overview = []
        self._highlighted = ""
        self._faded, self._ringed = set(), set()
        self._halo.hide()
        self.mind_map = mind_map
        self.layout_now = None
        self.refresh()

    def refresh(self) -> None:
        """Lay the map out again (after folding) and put every item where the layout says."""
        if self.mind_map is None:
            self.setSceneRect(QRectF())
            return
        layout = self.mind_map.layout()
        shown = layout.by_id()
        for node_id, items in self._items.items():
            if node_id not in shown and items.box.isVisible():
                items.box.hide()
        for node in layout.nodes:
            made = self._items.get(node.id)
            if made is None:
                self._items[node.id] = self._make(node)
            elif made.node != node or not made.box.isVisible():
                self._place(made, node)
        self._draw_curves(layout, shown)
        self.layout_now = layout
        self._draw_overview()
        left, top, right, bottom = layout.bounds
        self.setSceneRect(QRectF(left, top, right - left, bottom - top).adjusted(-60, -60, 60, 60))
        self._apply_fading()
        self.highlight(self._highlighted)

    def _draw_curves(self, layout: MapLayout, shown: dict[str, MapNode]) -> None:
        curves: dict[str, list[tuple[tuple[tuple[float, float], ...], QPen, str]]] = {}
        colours = self.colours
        for node in layout.nodes:
            if node.parent is not None:
                pen = self._pen(colours.hue(node.branch), colours.edge_width(node.depth), round_cap=True)
                curves.setdefault(node.parent, []).append(
                    (edge_curve(shown[node.parent], node), pen, node.id)
                )
        for parent_id, unused in self._fans.items():
            if parent_id not in curves:
                unused.curves_shown = False
                unused.hide()
        for parent_id, edges in curves.items():
            fan = self._fans.get(parent_id)
            if fan is None:
                fan = _Fan()
                self._fans[parent_id] = fan
                self.addItem(fan)
            if fan.curves != edges:
                fan.set_curves(edges)
            fan.curves_shown = True
            fan.setVisible(not self._overview_shown)

    def _make(self, node: MapNode) -> _NodeItems:
        colours = self.colours
        box = QGraphicsPathItem()
        box.setData(NODE_ID, node.id)
        box.setData(PART, "node")
        box.setZValue(2)
        if node.depth == 0:
            box.setBrush(self._brush(colours.root_fill))
            box.setPen(Qt.PenStyle.NoPen)
        else:
            box.setBrush(self._brush(colours.fill(node.branch, node.depth, node.style == "heading")))
            box.setPen(self._box_pen(node))
        if node.lines and node.lines[-1].endswith("…"):
            box.setToolTip(plain_tooltip(node.text))  # the label was cut short
        handle = None
        if node.handle is not None:
            handle = QGraphicsEllipseItem(
                -HANDLE_RADIUS, -HANDLE_RADIUS, 2 * HANDLE_RADIUS, 2 * HANDLE_RADIUS, box
            )
            handle.setData(NODE_ID, node.id)
            handle.setData(PART, "handle")
            handle.setZValue(1)
            handle.setPen(self._pen(colours.hue(node.branch), 1.5))
            handle.setCursor(Qt.CursorShape.PointingHandCursor)
        self.addItem(box)
        items = _NodeItems(box, handle, None, node)
        self._place(items, node, new=True)
        return items

    def ensure_labels(self, area: QRectF) -> None:
        """Give the nodes in `area` (scene) their labels, if they have none yet."""
        if not self._labels_shown:
            return
        for item in self.items(area, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            if item.data(PART) == "node" and item.parentItem() is None:
                items = self._items.get(str(item.data(NODE_ID)))
                if items is not None and items.labels is None:
                    items.labels = self._make_labels(items.box, items.node)

    def _make_labels(self, box: QGraphicsPathItem, node: MapNode) -> list[QGraphicsSimpleTextItem]:
        colours = self.colours
        ink = self._brush(colours.root_text if node.depth == 0 else colours.text)
        labels = []
        line_height = self.metrics.font(node.style).line_height
        lines = node.lines if node.depth == 0 else ("\n".join(node.lines),)  # the centre's are centred
        for number, line in enumerate(lines):
            x = (node.width - self.metrics.width(line, node.style)) / 2 if node.depth == 0 else PAD_X
            labels.append(self._label(box, line, node.style, ink, x, PAD_Y + number * line_height))
        caption_top = PAD_Y + len(node.lines) * line_height + CAPTION_GAP
        for number, line in enumerate(node.caption):  # the post's title, under the centre's text
            x = (node.width - self.metrics.width(line, "item")) / 2
            y = caption_top + number * self.metrics.font("item").line_height
            labels.append(self._label(box, line, "item", ink, x, y))
        return labels

    def _label(
        self, box: QGraphicsItem, text: str, style: Style, ink: QBrush, x: float, y: float
    ) -> QGraphicsSimpleTextItem:
        label = QGraphicsSimpleTextItem(box)
        label.setFont(self.metrics.fonts[style])  # before the text: laid out once
        label.setText(text)
        label.setBrush(ink)
        label.setPos(x, y)
        if not self._labels_shown:
            label.hide()
        return label

    def _place(self, items: _NodeItems, node: MapNode, new: bool = False) -> None:
        old = items.node
        if new or (old.width, old.height) != (node.width, node.height):
            path = QPainterPath()
            radius = min(8.0, node.height / 2)
            path.addRoundedRect(QRectF(0, 0, node.width, node.height), radius, radius)
            items.box.setPath(path)
        items.box.setPos(node.x, node.y)
        items.box.show()
        if items.handle is not None and node.handle is not None and (new or old.folded != node.folded):
            items.handle.setPos(node.width if node.side > 0 else 0.0, node.height / 2)
            fill = self.colours.hue(node.branch) if node.folded else self.colours.background
            items.handle.setBrush(self._brush(fill))
            hidden = f"{node.children} hidden — click to unfold" if node.folded else "Click to fold"
            items.handle.setToolTip(hidden)
        items.node = node

    # --- what the reader sees ------------------------------------------------------------------------

    def node_at(self, item: QGraphicsItem | None) -> tuple[str, str] | None:
        """(node id, "node" or "handle") of a map item, or None for anything else."""
        while item is not None:
            part = item.data(PART)
            if part in ("node", "handle"):
                return str(item.data(NODE_ID)), str(part)
            item = item.parentItem()
        return None

    def node_rect(self, node_id: str) -> QRectF | None:
        items = self._items.get(node_id)
        if items is None or not items.box.isVisible():
            return None
        return items.box.sceneBoundingRect()

    def handle_point(self, node_id: str) -> QPointF | None:
        """The centre of a shown node's fold handle, in the scene."""
        items = self._items.get(node_id)
        if items is None or items.handle is None or not items.box.isVisible():
            return None
        return items.handle.scenePos()

    def highlight(self, node_id: str) -> None:
        """Ring the node `node_id` (it must be shown; "" for none)."""
        self._highlighted = node_id
        rect = self.node_rect(node_id) if node_id else None
        if rect is None:
            self._halo.hide()
            return
        path = QPainterPath()
        path.addRoundedRect(rect.adjusted(-4, -4, 4, 4), 10, 10)
        self._halo.setPath(path)
        self._halo.setPen(self._pen(self._highlight_colour, 3))
        self._halo.show()

    @property
    def highlighted(self) -> str:
        return self._highlighted if self._halo.isVisible() else ""

    _highlight_colour = "#3584e4"

    def set_highlight_colour(self, colour: QColor) -> None:
        self._highlight_colour = colour.name()

    def set_matches(self, matches: set[str] | None) -> None:
        """Mark the nodes of a search (None: no search): matching nodes ringed, the rest faded,
        except folded nodes that hide a match."""
        if matches is None and self._matches is None:
            return
        self._matches = matches
        self._apply_fading()

    def _apply_fading(self) -> None:
        """Fade and ring what the search says, touching only the nodes whose look changes."""
        if self.layout_now is None or self.mind_map is None:
            return
        matches = self._matches
        if matches is None:
            faded: set[str] = set()
            ringed: set[str] = set()
        else:
            shown = [node.id for node in self.layout_now.nodes[1:]]
            keep = self.mind_map.with_ancestors(matches)
            faded = {node_id for node_id in shown if node_id not in keep}
            ringed = {node_id for node_id in shown if node_id in matches}
        for node_id in faded ^ self._faded:
            self._items[node_id].box.setOpacity(FADED if node_id in faded else 1.0)
        match_pen = self._pen(MATCH, 3)
        for node_id in ringed ^ self._ringed:
            items = self._items[node_id]
            items.box.setPen(match_pen if node_id in ringed else self._box_pen(items.node))
        self._ringed = ringed
        if faded != self._faded:
            self._faded = faded
            for fan in self._fans.values():
                fan.faded = faded
                fan.update()

    def faded(self, node_id: str) -> bool:
        items = self._items.get(node_id)
        return items is not None and items.box.opacity() < 1.0

    def show_overview(self, overview: bool) -> None:
        """Zoomed out far: every curve drawn at once, as thin lines in one path per branch,
        instead of fan by fan (a thousand Python paints a frame)."""
        if overview == self._overview_shown:
            return
        self._overview_shown = overview
        self._draw_overview()
        for fan in self._fans.values():
            fan.setVisible(not overview and fan.curves_shown)

    def _draw_overview(self) -> None:
        for item in self._overview:
            self.removeItem(item)
        self._overview = []
        if not self._overview_shown or self.layout_now is None:
            return
        paths: dict[int, QPainterPath] = {}
        by_id = self.layout_now.by_id()
        for node in self.layout_now.nodes[1:]:
            (x1, y1), (x2, y2) = (
                by_id[str(node.parent)].attach_point(node.side),
                node.attach_point(-node.side),
            )
            path = paths.setdefault(node.branch, QPainterPath())
            path.moveTo(x1, y1)
            path.cubicTo((x1 + x2) / 2, y1, (x1 + x2) / 2, y2, x2, y2)
        for branch, path in paths.items():
            pen = QPen(QColor(self.colours.hue(branch)), 1.0)
            pen.setCosmetic(True)
            item = QGraphicsPathItem(path)
            item.setPen(pen)
            item.setZValue(0)
            self.addItem(item)
            self._overview.append(item)

    def show_labels(self, shown: bool) -> None:
        """Labels on or off (off when zoomed out too far to read them: drawing thousands of
        unreadable labels is most of a frame's cost)."""
        if shown == self._labels_shown:
            return
        self._labels_shown = shown
        for items in self._items.values():
            for label in items.labels or ():
                label.setVisible(shown)

    def set_colours(self, colours: MapColours) -> None:
        """Light or dark: made again with the new colours."""
        if colours == self.colours:
            return
        self.colours = colours
        self.setBackgroundBrush(QColor(colours.background))
        highlighted, matches = self._highlighted, self._matches
        self.set_map(self.mind_map)
        self._matches = matches
        self._apply_fading()
        self.highlight(highlighted)


def render_image(
    mind_map: MindMap, metrics: QtMetrics, colours: MapColours = LIGHT, scale: float = 2.0
) -> QImage:
    """The map as an image, with nothing selected or faded (for export)."""
    scene = MapScene(metrics, colours)
    scene.set_map(mind_map)
    scene.ensure_labels(scene.sceneRect())
    source = scene.sceneRect().adjusted(40, 40, -40, -40)  # the margin of 24 around the boxes stays
    scale = min(scale, MAX_IMAGE_SIDE / max(source.width(), source.height(), 1.0))
    image = QImage(max(1, round(source.width() * scale)), max(1, round(source.height() * scale)),
                   QImage.Format.Format_ARGB32_Premultiplied)  # fmt: skip
    image.fill(QColor(colours.background))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(image.rect()), source)
    painter.end()
    scene.set_map(None)
    return image


def post_map_png(
    outline: tuple[OutlineNode, ...], title: str, side: Side = "balanced", level: int | None = None
) -> bytes:
    """The map of a whole outline (unfolded, or to `level`) as PNG bytes, in light colours; for
    the command line (a QApplication is made if there is none)."""
    from PySide6.QtWidgets import QApplication

    application = QApplication.instance() or QApplication(["note-viewer"])
    metrics = QtMetrics(application.font())  # type: ignore[attr-defined]
    mind_map = MindMap(outline, title, metrics, side)
    if level is None:
        mind_map.expand_all()
    else:
        mind_map.fold_to_level(level)
    return png_bytes(render_image(mind_map, metrics))


def png_bytes(image: QImage) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes; Qt takes str
    buffer.close()
    return bytes(data.data())

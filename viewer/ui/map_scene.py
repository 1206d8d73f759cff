"""The mind map drawn with Qt: a QGraphicsScene of the boxes, labels and curves of a `MapLayout`.

Every node is made of Qt's own items (a path for the box, a simple text for the label, an
ellipse for the fold handle): they paint in C++, so a frame of thousands of nodes costs no
Python. Items are made only for nodes shown, the first time they are shown, and kept when
folded away; a new layout moves them. The selection halo is one item that moves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
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
        return self._metrics[style].horizontalAdvance(text)


@dataclass
class _NodeItems:
    box: QGraphicsPathItem
    #: The curve from its parent (None for the centre).
    edge: QGraphicsPathItem | None
    handle: QGraphicsEllipseItem | None
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
        self._halo = QGraphicsPathItem()
        self._halo.setZValue(3)
        self._halo.setBrush(Qt.BrushStyle.NoBrush)
        self._halo.hide()
        self.addItem(self._halo)
        self._highlighted = ""
        self._matches: set[str] | None = None
        self._labels_shown = True
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setBackgroundBrush(QColor(colours.background))

    # --- content -------------------------------------------------------------------------------------

    def set_map(self, mind_map: MindMap | None) -> None:
        """Show another map (None: an empty scene)."""
        for items in self._items.values():
            self.removeItem(items.box)
            if items.edge is not None:
                self.removeItem(items.edge)
        self._items = {}
        self._highlighted = ""
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
                if items.edge is not None:
                    items.edge.hide()
        for node in layout.nodes:
            made = self._items.get(node.id)
            if made is None:
                self._items[node.id] = self._make(node, shown)
            elif made.node != node or not made.box.isVisible():
                self._place(made, node, shown)
        self.layout_now = layout
        left, top, right, bottom = layout.bounds
        self.setSceneRect(QRectF(left, top, right - left, bottom - top).adjusted(-60, -60, 60, 60))
        self._apply_fading()
        self.highlight(self._highlighted)

    def _make(self, node: MapNode, shown: dict[str, MapNode]) -> _NodeItems:
        colours = self.colours
        box = QGraphicsPathItem()
        box.setData(NODE_ID, node.id)
        box.setData(PART, "node")
        box.setZValue(2)
        box.setToolTip(node.text)
        if node.depth == 0:
            box.setBrush(QColor(colours.root_fill))
            box.setPen(Qt.PenStyle.NoPen)
            ink = QColor(colours.root_text)
        else:
            box.setBrush(QColor(colours.fill(node.branch, node.depth, node.style == "heading")))
            box.setPen(QPen(QColor(colours.stroke(node.branch, node.depth)), 1.5 if node.depth <= 1 else 1.0))
            ink = QColor(colours.text)
        font = self.metrics.fonts[node.style]
        line_height = self.metrics.font(node.style).line_height
        lines = node.lines if node.depth == 0 else ("\n".join(node.lines),)  # the centre's are centred
        for number, line in enumerate(lines):
            label = QGraphicsSimpleTextItem(line, box)
            label.setFont(font)
            label.setBrush(ink)
            label.setData(NODE_ID, node.id)
            label.setData(PART, "node")
            x = (node.width - self.metrics.width(line, node.style)) / 2 if node.depth == 0 else PAD_X
            label.setPos(x, PAD_Y + number * line_height)
            label.setVisible(self._labels_shown)
        caption_top = PAD_Y + len(node.lines) * line_height + CAPTION_GAP
        for number, line in enumerate(node.caption):  # the post's title, under the centre's text
            label = QGraphicsSimpleTextItem(line, box)
            label.setFont(self.metrics.fonts["item"])
            label.setBrush(ink)
            label.setOpacity(0.8)
            label.setData(NODE_ID, node.id)
            label.setData(PART, "node")
            x = (node.width - self.metrics.width(line, "item")) / 2
            label.setPos(x, caption_top + number * self.metrics.font("item").line_height)
            label.setVisible(self._labels_shown)
        handle = None
        if node.handle is not None:
            handle = QGraphicsEllipseItem(
                -HANDLE_RADIUS, -HANDLE_RADIUS, 2 * HANDLE_RADIUS, 2 * HANDLE_RADIUS, box
            )
            handle.setData(NODE_ID, node.id)
            handle.setData(PART, "handle")
            handle.setZValue(1)
            handle.setPen(QPen(QColor(colours.hue(node.branch)), 1.5))
            handle.setCursor(Qt.CursorShape.PointingHandCursor)
        edge = None
        if node.parent is not None:
            edge = QGraphicsPathItem()
            edge.setZValue(0)
            edge.setBrush(Qt.BrushStyle.NoBrush)
            pen = QPen(QColor(colours.hue(node.branch)), colours.edge_width(node.depth))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            edge.setPen(pen)
            self.addItem(edge)
        self.addItem(box)
        items = _NodeItems(box, edge, handle, node)
        self._place(items, node, shown, new=True)
        return items

    def _place(self, items: _NodeItems, node: MapNode, shown: dict[str, MapNode], new: bool = False) -> None:
        old = items.node
        if new or (old.width, old.height) != (node.width, node.height):
            path = QPainterPath()
            radius = min(8.0, node.height / 2)
            path.addRoundedRect(QRectF(0, 0, node.width, node.height), radius, radius)
            items.box.setPath(path)
        items.box.setPos(node.x, node.y)
        items.box.show()
        if items.handle is not None and node.handle is not None:
            items.handle.setPos(node.width if node.side > 0 else 0.0, node.height / 2)
            colour = QColor(self.colours.hue(node.branch))
            items.handle.setBrush(colour if node.folded else QColor(self.colours.background))
            hidden = f"{node.children} hidden — click to unfold" if node.folded else "Click to fold"
            items.handle.setToolTip(hidden)
        if items.edge is not None and node.parent is not None:
            (ax, ay), (bx, by), (cx, cy), (dx, dy) = edge_curve(shown[node.parent], node)
            path = QPainterPath(QPointF(ax, ay))
            path.cubicTo(bx, by, cx, cy, dx, dy)
            items.edge.setPath(path)
            items.edge.show()
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
        self._halo.setPen(QPen(QColor(self._highlight_colour), 3))
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
        self._matches = matches
        self._apply_fading()

    def _apply_fading(self) -> None:
        if self.layout_now is None or self.mind_map is None:
            return
        matches = self._matches
        keep = set() if matches is None else self.mind_map.with_ancestors(matches)
        pen_match = QPen(QColor(MATCH), 3)
        for node in self.layout_now.nodes:
            items = self._items[node.id]
            faded = matches is not None and node.id not in keep and node.depth > 0
            items.box.setOpacity(FADED if faded else 1.0)
            if items.edge is not None:
                items.edge.setOpacity(FADED if faded else 1.0)
            if node.depth > 0:
                if matches is not None and node.id in matches:
                    items.box.setPen(pen_match)
                else:
                    pen = QPen(
                        QColor(self.colours.stroke(node.branch, node.depth)), 1.5 if node.depth <= 1 else 1.0
                    )
                    items.box.setPen(pen)

    def faded(self, node_id: str) -> bool:
        items = self._items.get(node_id)
        return items is not None and items.box.opacity() < 1.0

    def show_labels(self, shown: bool) -> None:
        """Labels on or off (off when zoomed out too far to read them: drawing thousands of
        unreadable labels is most of a frame's cost)."""
        if shown == self._labels_shown:
            return
        self._labels_shown = shown
        for items in self._items.values():
            for child in items.box.childItems():
                if isinstance(child, QGraphicsSimpleTextItem):
                    child.setVisible(shown)

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

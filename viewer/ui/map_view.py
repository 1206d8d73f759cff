"""The mind map panel: the post's (or the focused branch's) outline as a map beside the post.

It follows the reading state like every view: the node the reader is at is ringed, a search
rings the matching nodes and fades the rest, a focus puts the branch at the centre. Clicking a
node goes there (the tree and the post follow); clicking its handle folds or unfolds it;
double-clicking focuses on its branch. Drag or wheel to pan, Ctrl+wheel or +/- to zoom, F or
Home to fit. Nothing is built while the panel is hidden.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.core.map_colours import MapColours, map_colours
from viewer.core.map_layout import SIDES, MindMap, Side
from viewer.ui.key_bindings import KeyBinding, KeyTable
from viewer.ui.map_scene import LABELS_FROM_SCALE, MapScene, QtMetrics, png_bytes, render_image
from viewer.ui.translation import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from viewer.ui.reading import Reading

ZOOM_STEP = 1.2
MIN_SCALE, MAX_SCALE = 0.002, 4.0
#: A press and release closer than this (pixels) is a click, not a drag.
CLICK_SLOP = 5
#: Below this scale curves and boxes are drawn without antialiasing.
SMOOTH_FROM_SCALE = 0.15
#: A new map is shown at least this large (smaller than this, labels cannot be read).
READABLE_SCALE = 0.85


ZOOM_IN = KeyBinding(("+", "="), QT_TRANSLATE_NOOP("MapView", "Zoom in"))
ZOOM_OUT = KeyBinding(("-",), QT_TRANSLATE_NOOP("MapView", "Zoom out"))
ACTUAL_SIZE = KeyBinding(("0",), QT_TRANSLATE_NOOP("MapView", "Actual size"))
FIT = KeyBinding(("F", "Home"), QT_TRANSLATE_NOOP("MapView", "Fit the map to the window"))
FOLD = KeyBinding(("Space",), QT_TRANSLATE_NOOP("MapView", "Fold or unfold the ringed node"))
FOCUS = KeyBinding(("Return",), QT_TRANSLATE_NOOP("MapView", "Focus on the ringed node's branch"))
#: The map's own keys (it follows the node chosen in the tree or the post; arrows scroll).
MAP_KEYS = KeyTable(
    "MapView", QT_TRANSLATE_NOOP("MapView", "Mind map"), (ZOOM_IN, ZOOM_OUT, ACTUAL_SIZE, FIT, FOLD, FOCUS)
)


class MapView(QGraphicsView):
    """Pans, zooms and reports clicks on nodes; knows nothing of the reading state."""

    node_clicked = Signal(str)
    handle_clicked = Signal(str)
    node_double_clicked = Signal(str)
    #: Space on the keyboard: fold or unfold the ringed node; Return: focus on it.
    toggle_requested = Signal()
    focus_requested = Signal()
    #: The scene's context menu for a node (id, global position).
    menu_requested = Signal(str, QPoint)

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.map_scene = scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Mind map"))
        self._pressed_at: QPoint | None = None
        #: Milliseconds each of the last paints took, and the processor time they used (the
        #: benchmark reads them; on a busy machine the first includes waiting for a processor).
        self.paint_times: list[float] = []
        self.paint_cpu_times: list[float] = []

    @property
    def scale_now(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float, anchor: QGraphicsView.ViewportAnchor | None = None) -> None:
        scale = max(MIN_SCALE, min(MAX_SCALE, self.scale_now * factor))
        if anchor is not None:
            self.setTransformationAnchor(anchor)
        self.scale(scale / self.scale_now, scale / self.scale_now)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self._show_labels_for_scale()

    def set_scale(self, scale: float) -> None:
        self.resetTransform()
        scale = max(MIN_SCALE, min(MAX_SCALE, scale))
        self.scale(scale, scale)
        self._show_labels_for_scale()

    def fit(self) -> None:
        """The whole map in view (never larger than 100%)."""
        rect = self.map_scene.itemsBoundingRect()
        if rect.isEmpty():
            return
        viewport = self.viewport().rect()
        scale = min(viewport.width() / (rect.width() + 40), viewport.height() / (rect.height() + 40), 1.0)
        self.set_scale(scale)
        self.centerOn(rect.center())

    def fit_scale(self) -> float:
        rect = self.map_scene.itemsBoundingRect()
        viewport = self.viewport().rect()
        if rect.isEmpty():
            return 1.0
        return min(viewport.width() / (rect.width() + 40), viewport.height() / (rect.height() + 40))

    def _show_labels_for_scale(self) -> None:
        """Zoomed out far, labels are not drawn and curves and boxes not antialiased: neither can
        be told apart at that size, and they are most of a frame's cost."""
        self.map_scene.show_labels(self.scale_now >= LABELS_FROM_SCALE)
        smooth = self.scale_now >= SMOOTH_FROM_SCALE
        self.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
        self.map_scene.show_overview(not smooth)

    def bring_into_view(self, rect: QRectF) -> None:
        """Scroll just enough that `rect` (scene) is in view."""
        self.ensureVisible(rect, 40, 40)

    # --- input ---------------------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(ZOOM_STEP**steps)
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        binding, centre = MAP_KEYS.matching(event), QGraphicsView.ViewportAnchor.AnchorViewCenter
        if binding is ZOOM_IN:
            self.zoom_by(ZOOM_STEP, centre)
        elif binding is ZOOM_OUT:
            self.zoom_by(1 / ZOOM_STEP, centre)
        elif binding is ACTUAL_SIZE:
            self.set_scale(1.0)
        elif binding is FIT:
            self.fit()
        elif binding is FOLD:
            self.toggle_requested.emit()
        elif binding is FOCUS:
            self.focus_requested.emit()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed_at = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, self._pressed_at = self._pressed_at, None
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or pressed is None:
            return
        if (event.position().toPoint() - pressed).manhattanLength() > CLICK_SLOP:
            return  # a drag that panned
        hit = self.node_at(pressed)
        if hit is None:
            return
        node_id, part = hit
        if part == "handle":
            self.handle_clicked.emit(node_id)
        else:
            self.node_clicked.emit(node_id)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self.node_at(event.position().toPoint())
        if hit is not None and hit[1] == "node" and event.button() == Qt.MouseButton.LeftButton:
            self.node_double_clicked.emit(hit[0])
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            # The menu key: the menu of the ringed node, beside it.
            node_id = self.map_scene.highlighted
            rect = self.map_scene.node_rect(node_id) if node_id else None
            place = self.mapFromScene(rect.center()) if rect is not None else self.viewport().rect().center()
            self.menu_requested.emit(node_id, self.viewport().mapToGlobal(place))
            return
        hit = self.node_at(event.pos())
        self.menu_requested.emit(hit[0] if hit else "", event.globalPos())

    def node_at(self, position: QPoint) -> tuple[str, str] | None:
        """(node id, "node" or "handle") under a point of the view (the ring drawn over a node
        is not in the way)."""
        for item in self.items(position):
            hit = self.map_scene.node_at(item)
            if hit is not None:
                return hit
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        start, cpu = time.perf_counter(), time.thread_time()
        seen = self.mapToScene(self.viewport().rect()).boundingRect()
        self.map_scene.ensure_labels(seen.adjusted(-200, -200, 200, 200))
        super().paintEvent(event)
        self.paint_times.append((time.perf_counter() - start) * 1000)
        self.paint_cpu_times.append((time.thread_time() - cpu) * 1000)
        del self.paint_times[:-200], self.paint_cpu_times[:-200]


#: The narrowest the map panel gets.
MIN_PANEL_WIDTH = 200


class MapPanel(QWidget):
    """The map of the post being read, with its tool row (fit, zoom, level, sides)."""

    #: The reader chose the sides the branches go to (a key of map_layout.SIDES).
    side_changed = Signal(str)

    def __init__(self, reading: Reading, parent: QWidget | None = None, side: Side = "balanced") -> None:
        super().__init__(parent)
        self.reading = reading
        self.side: Side = side
        # Narrower than its tool row wants (the row's end is cut off): beside the post in a
        # small window, the post must keep a readable column.
        self.setMinimumWidth(MIN_PANEL_WIDTH)
        self.metrics = QtMetrics(self.font())
        self.scene = MapScene(self.metrics, self._colours(), self)
        self.scene.set_highlight_colour(self.palette().color(QPalette.ColorRole.Highlight))
        self.view = MapView(self.scene, self)
        self.mind_map: MindMap | None = None
        self._stale = True  # the post changed while hidden: build when shown
        self._build_tools()
        QWidget.setTabOrder(self.sides, self.view)  # the Tab key: the tools above, then the map
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.tools)
        layout.addWidget(self.view, 1)
        self.view.node_clicked.connect(self._go_to)
        self.view.handle_clicked.connect(self.toggle)
        self.view.node_double_clicked.connect(reading.focus_on)
        self.view.toggle_requested.connect(lambda: self.toggle(self.scene.highlighted))
        self.view.focus_requested.connect(lambda: reading.focus_on(self.scene.highlighted))
        self.view.menu_requested.connect(self._show_menu)
        reading.post_changed.connect(self._rebuild_soon)
        reading.focus_changed.connect(self._rebuild_soon)
        reading.node_selected.connect(self._follow)
        reading.search_changed.connect(self._show_search)

    def _build_tools(self) -> None:
        self.tools = QWidget(self)
        row = QHBoxLayout(self.tools)
        row.setContentsMargins(4, 2, 4, 0)
        row.setSpacing(2)
        for text, name, tip, slot in (
            (
                self.tr("Fit"),
                self.tr("Fit"),
                self.tr("Fit the map to the window (F)"),
                lambda: self.view.fit(),
            ),
            (
                "−",
                self.tr("Zoom out"),
                self.tr("Zoom out (-, Ctrl+wheel)"),
                lambda: self.view.zoom_by(1 / ZOOM_STEP, _CENTRE),
            ),
            (
                "+",
                self.tr("Zoom in"),
                self.tr("Zoom in (+, Ctrl+wheel)"),
                lambda: self.view.zoom_by(ZOOM_STEP, _CENTRE),
            ),
            ("100%", self.tr("Actual size"), self.tr("Actual size (0)"), lambda: self.view.set_scale(1.0)),
        ):
            button = QToolButton(self.tools)
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(name)  # "−" and "+" say nothing read aloud
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addSpacing(8)
        shown = QLabel(self.tr("Show"), self.tools)
        row.addWidget(shown)
        self.level = QComboBox(self.tools)
        shown.setBuddy(self.level)
        self.level.setAccessibleName(self.tr("Levels shown"))
        self.level.setToolTip(self.tr("How many levels below the centre the map shows"))
        self.level.activated.connect(self._on_level_chosen)
        row.addWidget(self.level)
        self.sides = QToolButton(self.tools)
        self.sides.setCheckable(True)
        self.sides.setAutoRaise(True)
        self.sides.setText(self.tr("One side"))
        self.sides.setToolTip(self.tr("Branches on one side of the centre, or balanced on both"))
        self.sides.setChecked(self.side == "right")
        self.sides.toggled.connect(lambda one: self.set_side("right" if one else "balanced"))
        row.addWidget(self.sides)
        row.addStretch(1)
        self.summary = QLabel(self.tools)
        self.summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        row.addWidget(self.summary)

    # --- following the reading state -----------------------------------------------------------------

    def _rebuild_soon(self) -> None:
        self._stale = True
        if self.isVisible():
            self.rebuild()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.rebuild()

    def rebuild(self) -> None:
        """A map of what the reading state shows, opened folded to a readable size."""
        self._stale = False
        rendered = self.reading.rendered
        if rendered is None:
            self.mind_map = None
            self.scene.set_map(None)
            self._fill_levels()
            return
        mind_map = MindMap(self.reading.outline_shown, rendered.post.metadata.title, self.metrics, self.side)
        mind_map.fold_to_level(mind_map.sensible_level())
        self.mind_map = mind_map
        self.scene.set_map(mind_map)
        self._fill_levels()
        self._show_search()
        self._follow(self.reading.node, reveal=False)
        QTimer.singleShot(0, self._first_view)  # once the panel has its size

    def _first_view(self) -> None:
        """Fit when the whole map can be read so; else a readable size with the centre at the
        edge of the view, beside the side of the map that holds more."""
        fit = self.view.fit_scale()
        if fit >= READABLE_SCALE:
            self.view.fit()
            return
        self.view.set_scale(READABLE_SCALE)
        centre = self.scene.node_rect(self.mind_map.root_id if self.mind_map else "")
        layout = self.scene.layout_now
        if centre is None or layout is None:
            return
        seen = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        left_part, right_part = centre.left() - layout.bounds[0], layout.bounds[2] - centre.right()
        if right_part >= left_part:
            left = max(layout.bounds[0] - 20, centre.left() - 20 - min(left_part, seen.width() / 4))
        else:
            left = (
                min(layout.bounds[2] + 20, centre.right() + 20 + min(right_part, seen.width() / 4))
                - seen.width()
            )
        self.view.centerOn(left + seen.width() / 2, centre.center().y())

    def _follow(self, node_id: str, reveal: bool = True) -> None:
        """Ring the node the reader is at (or its nearest shown ancestor) and keep it in view."""
        if self.mind_map is None or not self.isVisible():
            return
        shown = self.mind_map.shown_ancestor(node_id) if node_id else None
        self.scene.highlight(shown or "")
        rect = self.scene.node_rect(shown) if shown else None
        if rect is not None and reveal:
            self.view.bring_into_view(rect)
        self._describe(shown or "")

    def _describe(self, node_id: str) -> None:
        """What a screen reader says of the map: the node it rings, and whether it is folded."""
        layout = self.scene.layout_now
        node = next((n for n in layout.nodes if n.id == node_id), None) if layout and node_id else None
        if node is None:
            self.view.setAccessibleDescription(self.tr("The outline of the post as a map"))
        elif node.folded:
            text = self.tr("Ringed: {node} (folded: %n node(s) hidden)", "", node.children)
            self.view.setAccessibleDescription(text.format(node=node.text))
        else:
            self.view.setAccessibleDescription(self.tr("Ringed: {node}").format(node=node.text))

    def _show_search(self) -> None:
        if self.mind_map is None:
            return
        matcher = self.reading.matcher
        self.scene.set_matches(self.mind_map.matching(matcher) if matcher is not None else None)

    def _go_to(self, node_id: str) -> None:
        if node_id:
            self.reading.go_to(node_id)
        self.view.setFocus()

    # --- folding -------------------------------------------------------------------------------------

    def toggle(self, node_id: str) -> None:
        if self.mind_map is None or not node_id:
            return
        self.mind_map.toggle(node_id)
        self.scene.refresh()
        self._follow(self.reading.node, reveal=False)
        self._say_shown()

    def expand_to_level(self, level: int) -> None:
        """Show `level` levels below the centre (everything when past the deepest)."""
        if self.mind_map is None:
            return
        self.mind_map.fold_to_level(level)
        self.scene.refresh()
        self._follow(self.reading.node, reveal=False)
        self._say_shown()
        index = min(level, self.mind_map.depth) - 1
        if 0 <= index < self.level.count():
            self.level.setCurrentIndex(index)

    def set_side(self, side: Side) -> None:
        if side not in SIDES:
            return
        self.side = side
        self.sides.setChecked(side == "right")
        if self.mind_map is not None:
            self.mind_map.set_side(side)
            self.scene.refresh()
            self._follow(self.reading.node, reveal=False)
        self.side_changed.emit(side)

    def _fill_levels(self) -> None:
        self.level.clear()
        depth = self.mind_map.depth if self.mind_map is not None else 0
        for level in range(1, depth + 1):
            self.level.addItem(self.tr("all levels") if level == depth else self.tr("%n level(s)", "", level))
        if self.mind_map is not None and depth:
            current = min(self.mind_map.sensible_level(), depth)
            self.level.setCurrentIndex(current - 1)
        self._say_shown()

    def _on_level_chosen(self, index: int) -> None:
        self.expand_to_level(index + 1)

    def _say_shown(self) -> None:
        layout = self.scene.layout_now
        if self.mind_map is None or layout is None:
            self.summary.setText("")
            return
        shown = len(layout.nodes) - (not self.mind_map.root_id)
        self.summary.setText(
            self.tr("{shown} of %Ln node(s)", "", self.mind_map.node_count).format(shown=f"{shown:,}")
        )

    def _show_menu(self, node_id: str, position: QPoint) -> None:
        menu = QMenu(self)
        if node_id and self.mind_map is not None and node_id != self.reading.focus:
            menu.addAction(self.tr("Focus on This Branch"), lambda: self.reading.focus_on(node_id))
            if node_id in self.mind_map.folded:
                menu.addAction(self.tr("Unfold"), lambda: self.toggle(node_id))
            elif node_id != self.mind_map.root_id:
                menu.addAction(self.tr("Fold"), lambda: self.toggle(node_id))
        if self.reading.focus:
            menu.addAction(self.tr("Show the Whole Post"), self.reading.unfocus)
        menu.addSeparator()
        menu.addAction(self.tr("Fit to Window"), self.view.fit)
        menu.exec(position)

    # --- export --------------------------------------------------------------------------------------

    def map_to_export(self) -> MindMap | None:
        """The map as the reader sees it (folds, focus, sides); if the panel was never shown, the
        whole map unfolded."""
        if self.mind_map is not None and not self._stale:
            return self.mind_map
        rendered = self.reading.rendered
        if rendered is None:
            return None
        mind_map = MindMap(self.reading.outline_shown, rendered.post.metadata.title, self.metrics, self.side)
        mind_map.expand_all()
        return mind_map

    def export(self, fmt: str, target: Path) -> None:
        """Write the map to `target` as "svg" or "png" (OSError when it cannot be written)."""
        mind_map = self.map_to_export()
        if mind_map is None:
            return
        colours = self.scene.colours
        title = self.reading.rendered.post.metadata.title if self.reading.rendered else ""
        if fmt == "svg":
            from viewer.core.map_svg import map_svg

            target.write_text(map_svg(mind_map.layout(), self.metrics, title, colours), encoding="utf-8")
        else:
            target.write_bytes(png_bytes(render_image(mind_map, self.metrics, colours)))

    # --- look ----------------------------------------------------------------------------------------

    def _colours(self) -> MapColours:
        return map_colours(self.palette().color(QPalette.ColorRole.Base).lightness() < 128)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.scene.set_highlight_colour(self.palette().color(QPalette.ColorRole.Highlight))
            self.scene.set_colours(self._colours())
            self._show_search()
            self._follow(self.reading.node, reveal=False)
        super().changeEvent(event)


_CENTRE = QGraphicsView.ViewportAnchor.AnchorViewCenter

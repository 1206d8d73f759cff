"""The reading state: what is being read, which every view follows.

One object owns the post being read (its path, its `RenderedPost` and the document laid out from
it), the node the reader is at, the branch the reader focused on, the active search (matcher,
its matches in the post, the current one), the post's neighbours in the open library, the
history of places (back and forward) and where the reader was in each post. It announces each
change with a signal; the views (tree, post, map, links, header, post list, search box, status
bar) subscribe, and send it requests ("open this path", "go to this node", "focus on this
branch", "search for this"). They never reach into each other. A new view plugs in by taking
the `Reading`, connecting to the signals it shows and calling the requests it makes.
"""

from __future__ import annotations

import bisect
import gc
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from viewer.core.history import History, Place
from viewer.core.outline import OutlineNode, find_path, walk
from viewer.ui.post_document import DocumentLook
from viewer.ui.workers import Worker

if TYPE_CHECKING:
    from viewer.core.library import Neighbours, PostSummary
    from viewer.core.links import LinkEntry
    from viewer.core.reading_places import PlaceStore
    from viewer.core.render import RenderedPost
    from viewer.core.resources_policy import ResourcePlace
    from viewer.core.search import Matcher
    from viewer.ui.post_document import PostDocument

#: A jump to a node more than this many nodes away (in reading order) goes into the history.
NEAR_NODES = 3
#: The place in the post is written this long after the reader last moved (and on leaving it).
SAVE_PLACE_MS = 4000
#: The largest post (characters of HTML) laid out on the GUI thread by `show_now`: a few
#: milliseconds of Qt's HTML import.
SHOW_NOW_MAX_CHARS = 200_000
#: How long after a post is shown its memory is settled (see `settle_memory`).
SETTLE_DELAY_MS = 1000


def render_path(
    path: Path, look: DocumentLook, focus: str = ""
) -> tuple[RenderedPost, PostDocument, PostDocument | None]:
    """Runs in the worker thread: read and render the post (or take it from the render cache),
    and lay it out for Qt (and the branch `focus`, when the post still has it)."""
    from viewer.core.render_cache import rendered_post

    return lay_out(rendered_post(path), look, focus)


def lay_out(
    rendered: RenderedPost, look: DocumentLook, focus: str = ""
) -> tuple[RenderedPost, PostDocument, PostDocument | None]:
    """Runs in the worker thread: lay a rendered post out for Qt (and the branch `focus`)."""
    from viewer.ui.post_document import build_document

    focused = (
        branch_document(rendered, focus, look)[2] if focus and find_path(rendered.outline, focus) else None
    )
    return rendered, build_document(rendered.html, look, partial(resource_place, rendered, look)), focused


def branch_document(
    rendered: RenderedPost, node_id: str, look: DocumentLook
) -> tuple[RenderedPost, str, PostDocument]:
    """Runs in the worker thread: the branch of `node_id` laid out alone."""
    from viewer.core.branch import branch_html
    from viewer.ui.post_document import build_document

    html = branch_html(rendered.html, rendered.outline, node_id)
    return rendered, node_id, build_document(html, look, partial(resource_place, rendered, look))


def resource_place(rendered: RenderedPost, look: DocumentLook) -> ResourcePlace:
    """Where the post's images may come from: its site (or folder) and the folders allowed."""
    from viewer.core.resources_policy import place_for
    from viewer.core.site import find_site

    path = rendered.post.path
    site = find_site(path)
    return place_for(path, site.root if site else None, site.config if site else None, look.image_folders)


def settle_memory() -> None:
    """Collect once now, then keep the post's many long-lived objects out of later collections:
    a full collection over a large post would otherwise stall typing in the search box."""
    gc.unfreeze()  # the previous post's objects may go now
    gc.collect()
    gc.freeze()


class Reading(QObject):
    #: A post was asked for and is being read (its path).
    opening = Signal(Path)
    #: A post is shown: its RenderedPost, or None when it cannot be shown (`problem` says why);
    #: and True when the views keep their place (the same post read again). Everything that
    #: follows from the post (node, matches of the active search, neighbours) is already set.
    post_changed = Signal(object, bool)
    #: The node the reader is at changed (an element id).
    node_selected = Signal(str)
    #: The reader jumped to a node (an element id): the post goes there.
    jumped = Signal(str)
    #: The reader jumped to a place inside a node, a link say: (start, end) in the document.
    jumped_to_span = Signal(int, int)
    #: The active search changed (a Matcher, or None); `matches` and `current_match` are set.
    search_changed = Signal(object)
    #: Another match is the current one: (its number, how many there are).
    match_changed = Signal(int, int)
    #: The open library changed around the post (`neighbours`: Neighbours, or None).
    neighbours_changed = Signal(object)
    #: The reader focused on a branch (its node id; "" for the whole post again). `document`,
    #: `outline_shown`, `node` and the search's matches already follow it.
    focus_changed = Signal(str)
    #: Back or forward became possible or impossible.
    history_changed = Signal()
    #: A post opened where the reader left it (the node id).
    place_restored = Signal(str)

    def __init__(self, parent: QObject | None = None, places: PlaceStore | None = None) -> None:
        super().__init__(parent)
        #: The post asked for last (shown, being read, or failed).
        self.path: Path | None = None
        self.rendered: RenderedPost | None = None
        #: The document shown: the whole post's, or the focused branch's.
        self.document: PostDocument | None = None
        #: The whole post's document (the reading state owns both and deletes them).
        self.full_document: PostDocument | None = None
        #: The node id of the branch the reader focused on ("" for the whole post).
        self.focus = ""
        self._focus_ids: set[str] = set()
        self.history = History()
        self._places = places  # made when first needed: not on the way to the first paint
        self._order: dict[str, int] = {}  # node id → its number in reading order
        self._arrive_at: str | None = None  # where a post being read opens (None: where it was left)
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_PLACE_MS)
        self._save_timer.timeout.connect(self.save_place)
        #: Why the post asked for cannot be shown.
        self.problem = ""
        #: The element id of the node the reader is at ("" for none yet).
        self.node = ""
        self.matcher: Matcher | None = None
        #: (start, end) of every match of the search in the document's text, in order.
        self.matches: list[tuple[int, int]] = []
        #: Matches in the part of a very long post that the preview does not lay out.
        self.matches_not_shown = 0
        self.current_match = -1
        self.neighbours: Neighbours | None = None
        self._by_date: list[PostSummary] = []
        self._look = DocumentLook()
        self._image_folders: tuple[Path, ...] = ()
        self._laid_out_with = self._look  # the look the post shown (or being read) was laid out with
        self._keep_view = False
        self._rendering = False  # a post asked for is not shown yet
        #: Where the links to a URL are in the document (found once per post and URL).
        self._spans_by_url: dict[str, list[tuple[int, int]]] = {}
        self.worker = Worker(self)
        self.worker.done.connect(self._on_rendered)
        self.worker.failed.connect(self._on_failed)

    # --- requests ------------------------------------------------------------------------------------

    def open(
        self,
        path: Path,
        keep_view: bool = False,
        keep_search: bool = False,
        at: str | None = None,
        record: bool = True,
    ) -> None:
        """Read the post at `path`; with `keep_view` the views keep their place and the focus (a
        reload). It opens at the node `at`, else where the reader left it; `record` puts the
        place being left in the history.

        A search belongs to the post it was made in: going to another post ends it, unless
        `keep_search` (a library result opens its post at the match of the library's query).
        Carried along silently, it would show the next post's tree and links filtered down to
        its matches, or empty, with little to say why."""
        # The folder resolved, not the file: a post replaced by a link is still read by its name
        # (reloads and the watcher follow the name; resolving would follow the link away).
        path = Path(path)
        path = path.parent.resolve() / path.name
        if path != self.path and not keep_search and self.matcher is not None:
            self.search(None)
        if not keep_view:
            if record and self.path is not None:
                self._leave()
            self.save_place()
        self.path = path
        self._keep_view = keep_view
        self._arrive_at = at
        self._rendering = True
        self.opening.emit(path)
        focus = self.focus if keep_view else ""
        self._laid_out_with = self._layout_look()
        self.worker.submit("render", partial(render_path, path, self._laid_out_with, focus))

    def show_now(self, path: Path, rendered: RenderedPost, arrive: bool = True) -> bool:
        """Show a post already rendered (the one the app starts with, read while Qt loaded)
        at once, laid out here on the GUI thread, so that the window's first paint has it.
        Only a post small enough to lay out without a noticeable pause: False for a larger one
        (`open` it instead). `arrive=False`: at its top for now (see `show_again`)."""
        if len(rendered.html) > SHOW_NOW_MAX_CHARS:
            return False
        from viewer.ui.post_document import build_document

        self.path = Path(path).resolve()
        self._keep_view = False
        self._arrive_at = None if arrive else ""  # where the reader left it, or the top
        self.opening.emit(self.path)
        self._rendering = True
        self._laid_out_with = look = self._layout_look()
        document = build_document(rendered.html, look, partial(resource_place, rendered, look))
        self._on_rendered("render", (rendered, document, None))
        return True

    def show_again(self) -> None:
        """Announce the post shown to every view again (views made after it was shown), and go
        where the reader left it."""
        if self.rendered is not None:
            self.post_changed.emit(self.rendered, True)
            self._arrive()

    def reload(self) -> None:
        if self.path is not None:
            self.open(self.path, keep_view=self.rendered is not None)

    def go_to(self, node_id: str, record: bool = True) -> None:
        """Jump to a node; while searching, to the node's first match instead. A node outside
        the focused branch shows the whole post again. A far jump goes into the history."""
        if self.focus and node_id not in self._focus_ids and node_id in self._order:
            self.unfocus(follow=False)
        if record and self._is_far(node_id):
            self._leave()
        self._select(node_id)
        number = self._first_match_from(node_id)
        if number is None:
            self.jumped.emit(node_id)
        else:
            self._set_match(number)

    def go_to_link(self, entry: LinkEntry, number: int) -> None:
        """Jump to the link `entry` itself: the place it is cited at for the `number`th time
        (counting on from the first again after the last). The node it sits in is selected."""
        spans = self._link_spans(entry.url)
        if not spans:  # not shown by the post (an embed): its node, then
            if entry.anchors:
                self.go_to(entry.anchors[number % len(entry.anchors)])
            return
        start, end = spans[number % len(spans)]
        assert self.document is not None
        positions = self.document.anchors
        cited_in = [a for a in entry.anchors if a in positions and positions[a] <= start]
        if cited_in:
            self._select(max(cited_in, key=positions.__getitem__))
        self.jumped_to_span.emit(start, end)

    def _link_spans(self, url: str) -> list[tuple[int, int]]:
        from viewer.ui.post_document import link_spans

        if self.document is None:
            return []
        if url not in self._spans_by_url:
            self._spans_by_url[url] = link_spans(self.document.qt, url)
        return self._spans_by_url[url]

    def to_top(self) -> None:
        """Go to the first node of what is shown."""
        shown = self.outline_shown
        if shown:
            self.go_to(shown[0].id, record=False)

    def reached(self, node_id: str) -> None:
        """The reader scrolled to a node (no jump: the post is already there)."""
        self._select(node_id)

    def search(self, matcher: Matcher | None) -> None:
        self.matcher = matcher
        self._find_matches()
        self.search_changed.emit(matcher)

    def step_match(self, step: int) -> None:
        if self.matches:
            self._set_match((self.current_match + step) % len(self.matches))  # wraps around

    def set_library(self, posts: list[PostSummary]) -> None:
        """The posts of the open library, for the previous and next post."""
        from viewer.core.library import in_date_order

        self._by_date = in_date_order(posts)  # once per list, not once per post shown
        self._find_neighbours()
        self.neighbours_changed.emit(self.neighbours)

    def open_neighbour(self, key: str) -> None:
        """Open a post around this one: a field of Neighbours ('older', 'newer_in_category', …)."""
        target = getattr(self.neighbours, key, None)
        if target is not None:
            self.open(target.path)

    def set_look(self, look: DocumentLook) -> None:
        """How posts are laid out from now on. The post on screen is laid out again (its
        colours, or its formulas' size, changed) unless nothing it shows depends on the change."""
        self._look = look
        if not self._rendering:  # else the post being read is looked at when it arrives
            self._lay_out_again_if_needed()

    def _lay_out_again_if_needed(self) -> None:
        """Lay the post shown out again if it was laid out with a look that shows differently:
        other colours, or another text size or screen for its formulas (layout is slow for a
        long post, so not for a change that leaves it as it is)."""
        used, now = self._laid_out_with, self._layout_look()
        shown = [d for d in (self.full_document, self.document) if d is not None]
        if self.rendered is None or not shown or used == now:
            return
        colours = (used.stylesheet, used.text_colour) != (now.stylesheet, now.text_colour)
        if colours or any(d.formulas for d in shown):
            self._keep_view = True
            self._rendering = True
            self._laid_out_with = now
            self.worker.submit("render", partial(lay_out, self.rendered, now, self.focus))

    def allow_images_from(self, folders: tuple[Path, ...]) -> None:
        """Posts read from now on may show images from these folders too (the library opened)."""
        self._image_folders = tuple(folders)

    def _layout_look(self) -> DocumentLook:
        return replace(self._look, image_folders=self._image_folders)

    def wait(self, msecs: int = 30000) -> bool:
        return self.worker.wait(msecs)

    def abandon(self) -> None:
        """The window is closing: no post asked for is wanted any more."""
        self.worker.abandon()

    def busy(self) -> bool:
        """A post is still being read or laid out (that cannot be stopped half-way)."""
        return self.worker.busy()

    # --- focus on a branch ---------------------------------------------------------------------------

    @property
    def outline_shown(self) -> tuple[OutlineNode, ...]:
        """The outline the views show: the focused branch alone, or the whole post's."""
        if self.rendered is None:
            return ()
        if self.focus:
            path = find_path(self.rendered.outline, self.focus)
            if path:
                return (path[-1],)
        return self.rendered.outline

    @property
    def focus_path(self) -> tuple[OutlineNode, ...]:
        """The nodes from the top of the outline down to the focused one (empty: no focus)."""
        return find_path(self.rendered.outline, self.focus) if self.rendered and self.focus else ()

    def focus_on(self, node_id: str, record: bool = True) -> None:
        """Show only the branch of `node_id` (laid out in the worker: a branch can be long)."""
        if self.rendered is None or node_id not in self._order or node_id == self.focus:
            return
        if record:
            self._leave()  # Back shows what was shown before
        self.worker.submit("focus", partial(branch_document, self.rendered, node_id, self._layout_look()))

    def unfocus(self, follow: bool = True) -> None:
        """Show the whole post again; with `follow`, at the node the reader is at."""
        if not self.focus or self.full_document is None:
            return
        branch = self.document
        self.document, self.focus, self._focus_ids = self.full_document, "", set()
        self._after_focus()
        if branch is not None and branch is not self.full_document:
            branch.qt.deleteLater()
        if follow and self.node:
            self.jumped.emit(self.node)

    def widen(self) -> None:
        """Focus on the branch one level up (the whole post from a top-level node)."""
        path = self.focus_path
        if len(path) > 1:
            self.focus_on(path[-2].id)
        else:
            self.unfocus()

    def _on_focused(self, result: tuple[RenderedPost, str, PostDocument]) -> None:
        rendered, node_id, document = result
        if rendered is not self.rendered or self.full_document is None:
            document.qt.deleteLater()  # a branch of a post no longer read
            return
        old = self.document if self.document is not self.full_document else None
        document.qt.setParent(self)
        self.document, self.focus = document, node_id
        path = find_path(rendered.outline, node_id)
        self._focus_ids = {node.id for _, node in walk(path[-1:])}
        if self.node not in self._focus_ids:
            self.node = node_id
        self._after_focus()
        if old is not None:
            old.qt.deleteLater()

    def _after_focus(self) -> None:
        self._spans_by_url = {}  # positions in the document now shown
        self._find_matches()
        self.focus_changed.emit(self.focus)
        if self.matcher is not None:
            self.search_changed.emit(self.matcher)

    # --- history and places --------------------------------------------------------------------------

    @property
    def places(self) -> PlaceStore:
        """Where the reader left each post."""
        if self._places is None:
            from viewer.core.reading_places import PlaceStore

            self._places = PlaceStore()
        return self._places

    def back(self) -> None:
        self._go_to_place(self.history.back(self._here()))

    def forward(self) -> None:
        self._go_to_place(self.history.forward(self._here()))

    def _here(self) -> Place:
        return Place(self.path or Path(), self.node, self.focus)

    def _leave(self) -> None:
        if self.path is not None:
            self.history.leave(self._here())
            self.history_changed.emit()

    def _go_to_place(self, place: Place | None) -> None:
        if place is None:
            return
        self.history_changed.emit()
        if self.rendered is not None and place.path == self.rendered.post.path == self.path:
            if place.focus != self.focus:
                if place.focus:
                    self.focus_on(place.focus, record=False)
                else:
                    self.unfocus(follow=False)
            self.go_to(place.node or self._first_node(), record=False)
        else:
            self.open(place.path, at=place.node, record=False)

    def _is_far(self, node_id: str) -> bool:
        target = self._order.get(node_id)
        return (
            target is not None
            and node_id != self.node
            and abs(target - self._order.get(self.node, 0)) > NEAR_NODES
        )

    def _first_node(self) -> str:
        return next(iter(self._order), "")

    def save_place(self) -> None:
        """Keep where the reader is in the post shown (forgotten at its top)."""
        self._save_timer.stop()
        if self.rendered is None:
            return
        from viewer.core.reading_places import place_of

        at_top = not self.node or self.node == self._first_node()
        self.places.remember(
            self.rendered.post.path, None if at_top else place_of(self.rendered.outline, self.node)
        )
        self.places.save()

    def _arrive(self) -> None:
        """A post just shown opens at the place asked for, else where the reader left it (unless
        a search leads to its first match)."""
        at, self._arrive_at = self._arrive_at, None
        if at is not None:
            if at:
                self.go_to(at, record=False)
            return
        if self.rendered is None or self.document is None or self.matches:
            return
        from viewer.core.reading_places import find_place

        place = self.places.recall(self.rendered.post.path)
        node = find_place(self.rendered.outline, place) if place is not None else ""
        if node and node != self._first_node() and node in self.document.anchors:
            self.go_to(node, record=False)
            self.place_restored.emit(node)

    # --- results -------------------------------------------------------------------------------------

    def _on_rendered(self, kind: str, result: object) -> None:
        if kind == "focus":
            self._on_focused(result)  # type: ignore[arg-type]
            return
        rendered: RenderedPost
        document: PostDocument
        focused: PostDocument | None
        rendered, document, focused = result  # type: ignore[misc]
        keep = self._keep_view
        self._rendering = False
        old = self._documents()
        self.rendered, self.full_document = rendered, document
        self.document = focused or document
        for laid_out in (document, focused):
            if laid_out is not None:
                laid_out.qt.setParent(self)
        self._order = {node.id: number for number, (_, node) in enumerate(walk(rendered.outline))}
        self.focus = self.focus if focused is not None else ""
        self._focus_ids = {node.id for _, node in walk(self.outline_shown)} if self.focus else set()
        self._spans_by_url = {}
        self.problem = ""
        if not keep or self.node not in self.document.anchors:
            self.node = ""
        current = self.current_match
        self._find_matches()
        if keep and 0 <= current < len(self.matches):
            self.current_match = current
        self._find_neighbours()
        self.post_changed.emit(self.rendered, keep)
        self._drop(old)
        if not keep:
            self._arrive()
        # Once the post is on screen: a full collection now would hold its first paint back.
        QTimer.singleShot(SETTLE_DELAY_MS, settle_memory)
        self._lay_out_again_if_needed()  # the look changed while it was being read

    def _on_failed(self, kind: str, message: str) -> None:
        if kind == "focus":
            return  # the whole post stays
        self._rendering = False
        old = self._documents()
        self.rendered, self.document, self.full_document = None, None, None
        self.focus, self._focus_ids, self._order = "", set(), {}
        self._spans_by_url = {}
        self.problem = message
        self.node = ""
        self._find_matches()
        self._find_neighbours()
        self.post_changed.emit(None, False)
        self._drop(old)

    def _documents(self) -> list[PostDocument]:
        return [d for d in (self.full_document, self.document) if d is not None]

    def _drop(self, documents: list[PostDocument]) -> None:
        """Delete documents no longer shown (the views have let go of them by now)."""
        for document in documents:
            if document is not self.document and document is not self.full_document:
                document.qt.deleteLater()

    # --- state ---------------------------------------------------------------------------------------

    def _select(self, node_id: str) -> None:
        if node_id != self.node:
            self.node = node_id
            self.node_selected.emit(node_id)
            self._save_timer.start()

    def _find_matches(self) -> None:
        document, matcher = self.document, self.matcher
        self.matches, self.matches_not_shown = [], 0
        if document is not None and matcher is not None:
            to_shown = document.searchable.to_shown
            self.matches = [to_shown(span.start, span.end) for span in matcher.find_all(document.plain_text)]
            if document.rest_text:
                self.matches_not_shown = len(matcher.find_all(document.rest_text))
        self.current_match = 0 if self.matches else -1

    def _first_match_from(self, node_id: str) -> int | None:
        position = self.document.anchors.get(node_id) if self.document and self.matches else None
        if position is None:
            return None
        number = bisect.bisect_left(self.matches, (position,))
        return number if number < len(self.matches) else None

    def _set_match(self, number: int) -> None:
        self.current_match = number
        self.match_changed.emit(number, len(self.matches))

    def _find_neighbours(self) -> None:
        if self.path is None or not self._by_date:
            self.neighbours = None  # no library yet (the first paint need not import it)
            return
        from viewer.core.library import neighbours

        self.neighbours = neighbours(self._by_date, self.path)

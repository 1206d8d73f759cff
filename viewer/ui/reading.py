"""The reading state: what is being read, which every view follows.

One object owns the post being read (its path, its `RenderedPost` and the document laid out from
it), the node the reader is at, the active search (matcher, its matches in the post, the current
one) and the post's neighbours in the open library. It announces each change with a signal; the
views (tree, post, links, header, post list, search box, status bar) subscribe, and send it
requests ("open this path", "go to this node", "search for this"). They never reach into each
other. A new view plugs in by taking the `Reading`, connecting to the signals it shows and
calling the requests it makes.
"""

from __future__ import annotations

import bisect
import gc
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from viewer.ui.post_document import DocumentLook
from viewer.ui.workers import Worker

if TYPE_CHECKING:
    from viewer.core.library import Neighbours, PostSummary
    from viewer.core.render import RenderedPost
    from viewer.core.search import Matcher
    from viewer.ui.post_document import PostDocument


def render_path(path: Path, look: DocumentLook) -> tuple[RenderedPost, PostDocument]:
    """Runs in the worker thread: read and render the post, and lay it out for Qt."""
    from viewer.core.document import load_post
    from viewer.core.render import render_post

    rendered = render_post(load_post(path))
    return lay_out(rendered, look)


def lay_out(rendered: RenderedPost, look: DocumentLook) -> tuple[RenderedPost, PostDocument]:
    """Runs in the worker thread: lay a rendered post out for Qt, its images read from its own
    site or folder."""
    from viewer.core.resources_policy import place_for
    from viewer.core.site import find_site
    from viewer.ui.post_document import build_document

    path = rendered.post.path
    site = find_site(path)
    place = place_for(path, site.root if site else None, site.config if site else None, look.image_folders)
    return rendered, build_document(rendered.html, look, place)


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
    #: The active search changed (a Matcher, or None); `matches` and `current_match` are set.
    search_changed = Signal(object)
    #: Another match is the current one: (its number, how many there are).
    match_changed = Signal(int, int)
    #: The open library changed around the post (`neighbours`: Neighbours, or None).
    neighbours_changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: The post asked for last (shown, being read, or failed).
        self.path: Path | None = None
        self.rendered: RenderedPost | None = None
        self.document: PostDocument | None = None
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
        self._keep_view = False
        self._rendering = False  # a post asked for is not shown yet
        self.worker = Worker(self)
        self.worker.done.connect(self._on_rendered)
        self.worker.failed.connect(self._on_failed)

    # --- requests ------------------------------------------------------------------------------------

    def open(self, path: Path, keep_view: bool = False) -> None:
        """Read the post at `path`; with `keep_view` the views keep their place (a reload)."""
        # The folder resolved, not the file: a post replaced by a link is still read by its name
        # (reloads and the watcher follow the name; resolving would follow the link away).
        path = Path(path)
        path = path.parent.resolve() / path.name
        self.path = path
        self._keep_view = keep_view
        self._rendering = True
        self.opening.emit(path)
        self.worker.submit("render", partial(render_path, path, self._layout_look()))

    def reload(self) -> None:
        if self.path is not None:
            self.open(self.path, keep_view=self.rendered is not None)

    def go_to(self, node_id: str) -> None:
        """Jump to a node; while searching, to the node's first match instead."""
        self._select(node_id)
        number = self._first_match_from(node_id)
        if number is None:
            self.jumped.emit(node_id)
        else:
            self._set_match(number)

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
        old, self._look = self._look, look
        if look == old:
            return
        if self._rendering and self.path is not None:  # read again with the new look
            self.worker.submit("render", partial(render_path, self.path, self._layout_look()))
            return
        document = self.document
        if self.rendered is None or document is None:
            return
        if document.formulas or (look.stylesheet, look.text_colour) != (old.stylesheet, old.text_colour):
            self._keep_view = True
            self.worker.submit("render", partial(lay_out, self.rendered, self._layout_look()))

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

    # --- results -------------------------------------------------------------------------------------

    def _on_rendered(self, _kind: str, result: tuple[RenderedPost, PostDocument]) -> None:
        keep = self._keep_view
        self._rendering = False
        self.rendered, self.document = result
        self.problem = ""
        if not keep or self.node not in self.document.anchors:
            self.node = ""
        current = self.current_match
        self._find_matches()
        if keep and 0 <= current < len(self.matches):
            self.current_match = current
        self._find_neighbours()
        self.post_changed.emit(self.rendered, keep)
        settle_memory()

    def _on_failed(self, _kind: str, message: str) -> None:
        self._rendering = False
        self.rendered, self.document = None, None
        self.problem = message
        self.node = ""
        self._find_matches()
        self._find_neighbours()
        self.post_changed.emit(None, False)

    # --- state ---------------------------------------------------------------------------------------

    def _select(self, node_id: str) -> None:
        if node_id != self.node:
            self.node = node_id
            self.node_selected.emit(node_id)

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
        from viewer.core.library import neighbours

        if self.path is None or not self._by_date:
            self.neighbours = None
        else:
            self.neighbours = neighbours(self._by_date, self.path)

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
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from viewer.ui.workers import Worker

if TYPE_CHECKING:
    from viewer.core.library import Neighbours, PostSummary
    from viewer.core.render import RenderedPost
    from viewer.core.search import Matcher
    from viewer.ui.post_document import PostDocument


def render_path(path: Path, stylesheet: str) -> tuple[RenderedPost, PostDocument]:
    """Runs in the worker thread: read and render the post, and lay it out for Qt."""
    from viewer.core.document import load_post
    from viewer.core.render import render_post
    from viewer.ui.post_document import build_document

    rendered = render_post(load_post(path))
    return rendered, build_document(rendered.html, stylesheet)


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
        self.current_match = -1
        self.neighbours: Neighbours | None = None
        self._by_date: list[PostSummary] = []
        self._stylesheet = ""
        self._keep_view = False
        self.worker = Worker(self)
        self.worker.done.connect(self._on_rendered)
        self.worker.failed.connect(self._on_failed)

    # --- requests ------------------------------------------------------------------------------------

    def open(self, path: Path, keep_view: bool = False) -> None:
        """Read the post at `path`; with `keep_view` the views keep their place (a reload)."""
        path = Path(path).resolve()
        self.path = path
        self._keep_view = keep_view
        self.opening.emit(path)
        self.worker.submit("render", partial(render_path, path, self._stylesheet))

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

    def set_stylesheet(self, stylesheet: str) -> None:
        """The stylesheet that posts read from now on are laid out with."""
        self._stylesheet = stylesheet

    def wait(self, msecs: int = 30000) -> bool:
        return self.worker.wait(msecs)

    # --- results -------------------------------------------------------------------------------------

    def _on_rendered(self, _kind: str, result: tuple[RenderedPost, PostDocument]) -> None:
        keep = self._keep_view
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
        text = self.document.plain_text if self.document is not None else ""
        if self.matcher is None or not text:
            self.matches = []
        else:
            self.matches = [(span.start, span.end) for span in self.matcher.find_all(text)]
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

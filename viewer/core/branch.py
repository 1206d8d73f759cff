"""One branch of a rendered post: the HTML of an outline node and everything under it, which
the window lays out alone when the reader focuses on that branch.

The branch runs from the node's element to the next node that is not under it in the outline
(a list item ends at its </li> at the latest). The outline, not the HTML nesting, decides: a
heading written right after a bullet ends up inside that bullet's <li> in kramdown's HTML, yet
the bullets after it belong to the heading. The piece is cut from the rendered HTML with
Python's HTML tokenizer (no Markdown is read again) and balanced: the lists it starts inside are
opened again before it, end tags of other elements opened before it are left out, and whatever
is still open at its end is closed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from viewer.core.outline import OutlineNode, walk

#: Elements that never have an end tag.
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_LISTS = ("ul", "ol")
_EMPTY_LIST = re.compile(r"<(ul|ol)(?:\s[^>]*)?>\s*</\1>")


def branch_html(html: str, outline: tuple[OutlineNode, ...], node_id: str) -> str:
    """The HTML of the branch of the node `node_id`; the whole HTML if it is not in the post."""
    order = [node for _, node in walk(outline)]
    number = next((n for n, node in enumerate(order) if node.id == node_id), None)
    if number is None:
        return html
    after = number + 1 + sum(1 for _ in walk(order[number].children))
    following = order[after].id if after < len(order) else None
    cutter = _BranchCutter(node_id, following, order[number].kind == "item")
    cutter.feed(html)
    cutter.close()
    return cutter.piece(html) if cutter.begin is not None else html


@dataclass
class _Open:
    tag: str
    start_tag: str
    items: int = 0  # for a list: the items begun in it so far
    #: A list opened again before the piece (its end tag inside the piece is kept).
    reopened: bool = False


class _BranchCutter(HTMLParser):
    def __init__(self, target: str, following: str | None, is_item: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.target, self.following, self.is_item = target, following, is_item
        self._line_starts: list[int] = [0]
        self._open: list[_Open] = []
        self.begin: int | None = None
        self.end: int | None = None
        #: How many of the open elements were opened before the piece.
        self._outside = 0
        self._target_depth = 0
        self._prefix: list[str] = []
        self._dropped: list[tuple[int, int]] = []  # (start, end) of end tags left out
        self._heading_end: int | None = None

    def feed(self, data: str) -> None:
        self._line_starts = [0, *(match.end() for match in re.finditer("\n", data))]
        super().feed(data)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _tag_end(self) -> int:
        return self.rawdata.index(">", self._offset()) + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.end is not None:
            return
        element_id = dict(attrs).get("id")
        if self.begin is not None and self.following is not None and element_id == self.following:
            self.end = self._offset()
            return
        if tag == "li" and self._open and self._open[-1].tag in _LISTS:
            self._open[-1].items += 1
        if self.begin is None and element_id == self.target:
            self._start_piece()
        if tag not in _VOID:
            self._open.append(_Open(tag, self.get_starttag_text() or f"<{tag}>"))

    def _start_piece(self) -> None:
        self.begin = self._offset()
        self._outside = self._target_depth = len(self._open)
        lists = [element for element in self._open if element.tag in _LISTS]
        if self.is_item:
            lists = lists[-1:]  # the item's own list: the lists around it would only indent it
        for element in lists:
            element.reopened = True
            if element.tag == "ol":
                first = re.search(r'\sstart="?(\d+)', element.start_tag)
                number = element.items + (int(first.group(1)) - 1 if first else 0)
                self._prefix.append(f'<ol start="{number}">')
            else:
                self._prefix.append("<ul>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.end is None:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.end is not None:
            return
        index = next((i for i in range(len(self._open) - 1, -1, -1) if self._open[i].tag == tag), None)
        if index is None:
            return  # a stray end tag: left as it is
        closed = self._open[index]
        del self._open[index:]
        if self.begin is None:
            return
        if index == self._target_depth and self._heading_end is None:
            if self.is_item:
                self.end = self._tag_end()  # the item's own </li>
                return
            self._heading_end = self._tag_end()  # the lists open again after the heading
        if index < self._outside:
            self._outside = index
            if closed.reopened:
                closed.reopened = False  # its end tag in the piece closes the list opened again
            else:
                self._dropped.append((self._offset(), self._tag_end()))

    def piece(self, html: str) -> str:
        assert self.begin is not None
        end = len(html) if self.end is None else self.end
        # The lists open again before an item, after a heading (a heading is no list's part).
        opening = self.begin if self._heading_end is None else self._heading_end
        parts, last = [html[self.begin : opening], *self._prefix], opening
        for start, stop in self._dropped:
            parts.append(html[last:start])
            last = stop
        parts.append(html[last:end])
        # Close what the piece left open, then the lists opened again before it.
        parts += [f"</{element.tag}>" for element in reversed(self._open[self._outside :])]
        parts += [
            f"</{element.tag}>" for element in reversed(self._open[: self._outside]) if element.reopened
        ]
        piece = "".join(parts)
        while True:  # lists opened again and closed with nothing in them
            piece, count = _EMPTY_LIST.subn("", piece)
            if not count:
                return piece

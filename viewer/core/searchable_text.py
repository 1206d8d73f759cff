"""The text search looks through for a post on screen, and where each of its places is shown.

What the view shows and what the reader searches differ in a few characters: a typeset formula
is one image character on screen but its TeX for search, and the invisible breaks the view
inserts into very long words (so that Qt lays them out in linear time) are not there for search.
`SearchableText` holds the searched text and maps its positions to the shown document's.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class SearchableText:
    """`text` is `shown` with each (position, length, replacement) applied; `to_shown` maps a
    span of `text` back to the shown characters (a match inside a replacement covers all of it)."""

    def __init__(self, shown: str, replacements: Iterable[tuple[int, int, str]] = ()) -> None:
        pieces: list[str] = []
        self._search_starts: list[int] = []
        self._shown_starts: list[int] = []
        self._shown_lengths: list[int] = []
        self._search_lengths: list[int] = []
        shown_at = searched = 0
        for position, length, replacement in sorted(replacements):
            if position < shown_at:
                continue  # overlapping: the first one holds
            pieces.append(shown[shown_at:position])
            searched += position - shown_at
            self._search_starts.append(searched)
            self._shown_starts.append(position)
            self._shown_lengths.append(length)
            self._search_lengths.append(len(replacement))
            pieces.append(replacement)
            searched += len(replacement)
            shown_at = position + length
        pieces.append(shown[shown_at:])
        self.text = "".join(pieces)

    def to_shown(self, start: int, end: int) -> tuple[int, int]:
        """The shown span for the searched span [start, end)."""
        if not self._search_starts:
            return start, end
        return self._shown(start, is_end=False), self._shown(end, is_end=True)

    def _shown(self, position: int, is_end: bool) -> int:
        number = bisect.bisect_right(self._search_starts, position) - 1
        if number < 0:
            return position
        search_start, shown_start = self._search_starts[number], self._shown_starts[number]
        inside = position - search_start
        if inside < self._search_lengths[number]:  # within a replacement: all of it or none
            return shown_start + (self._shown_lengths[number] if is_end and inside > 0 else 0)
        return shown_start + self._shown_lengths[number] + inside - self._search_lengths[number]

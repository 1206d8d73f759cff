"""Searching a text as kramdown's span parser does, in time linear in the text.

kramdown (`kramdown_spans`) scans for where a span can start, searches the rest of the text for
the mark that closes a span, and parses a span's content before it knows whether the span
closes, going back when it does not. Done as written, each of these can read the rest of the
text again for every opening mark (`*a *a *a …`, `[[[[…`, `<!--` …). Here: the scan for starts is
one regular expression whose alternatives each begin with a literal character (the engine skips
to the next candidate at C speed); closing marks are found through indexes of the text built
once; a failed content parse leaves a record (`Attempts`) that ends later parses of the same
kind at once; and a `Work` budget bounds what any post can cost.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right


class OutOfWork(Exception):
    """The span parsing of one post used up its `Work`."""


#: What an element costs, in steps of the span scan: making it, writing it out, reading it
#: for the outline and the links.
ELEMENT_WORK = 4


class Work:
    """How many more steps the span parsing of one post may take (a step: a stop of the scan, an
    element made). A step costs about 6 µs on its way to HTML, outline and links. Real posts
    take up to about 100,000 a megabyte, even when full of markup (the most of one of ours:
    3,700); text made of nothing but markup a step every few characters. Past the budget, the
    rest of the post's text is shown without formatting. With the blocks' budget
    (KramdownBlockParser.MAX_BLOCKS, ~0.9 s) it keeps any post's rendering within ~2 s."""

    def __init__(self, steps: int = 120_000) -> None:
        self.left = steps


#: Entries of an index built per step of `Work` (building one is a Python loop over them).
INDEX_ENTRIES_PER_STEP = 4


class Index:
    """An index of a text: `size` entries."""

    size = 0


class Positions(Index):
    """Where a pattern (a character) occurs in a text, for "the next one after here" in O(log n)."""

    def __init__(self, text: str, pattern: str) -> None:
        self.at = [m.start() for m in re.finditer(pattern, text)]
        self.size = len(self.at)

    def next(self, pos: int) -> int:
        index = bisect_left(self.at, pos)
        return self.at[index] if index < len(self.at) else -1


class BacktickRuns(Index):
    """Runs of backticks: is there a run of at least k after a position (kramdown's code span
    searches the rest of the text for the closing run)."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for match in re.finditer("`+", text):
            self.starts.append(match.start())
            self.ends.append(match.end())
        self.size = len(self.starts)
        longest = 0
        self.longest_from = [0] * len(self.starts)
        for index in range(len(self.starts) - 1, -1, -1):
            longest = max(longest, self.ends[index] - self.starts[index])
            self.longest_from[index] = longest

    def has_run(self, length: int, pos: int) -> bool:
        index = bisect_right(self.ends, pos)
        if index >= len(self.starts):
            return False
        if self.starts[index] < pos and self.ends[index] - pos >= length:
            return True
        return self.longest_from[index] >= length


class Parens(Index):
    """kramdown's scan of an inline link's URL, `(` … `)` with nested parentheses, ending early at
    white space before a quote: its events over the whole text and, for each '(', where its
    scan ends."""

    EVENT = re.compile(r"(\()|(\))|[ \t\n\r\f\v](?=['\"])")

    def __init__(self, text: str) -> None:
        self.positions: list[int] = []
        self.ends: list[int] = []
        kinds: list[int] = []
        for match in self.EVENT.finditer(text):
            self.positions.append(match.start())
            self.ends.append(match.end())
            kinds.append(1 if match.group(1) else -1 if match.group(2) else 0)
        # depth after each event; the first later event with a smaller depth closes an opening.
        depth, depths = 0, []
        for kind in kinds:
            depth += kind
            depths.append(depth)
        self.closing = [-1] * len(kinds)
        waiting: list[int] = []
        for index, value in enumerate(depths):
            while waiting and depths[waiting[-1]] > value:
                self.closing[waiting.pop()] = index
            waiting.append(index)
        self.quote_stops = [i for i, kind in enumerate(kinds) if kind == 0]
        self.size = len(kinds)

    def scan(self, open_pos: int) -> tuple[int, bool]:
        """For the '(' at `open_pos`: the end of the last event the scan reads, and whether the
        parentheses balanced there."""
        index = bisect_left(self.positions, open_pos)
        closing = self.closing[index]
        quote = bisect_right(self.quote_stops, index)
        stop = self.quote_stops[quote] if quote < len(self.quote_stops) else -1
        if closing >= 0 and (stop < 0 or closing < stop):
            return self.ends[closing], True
        if stop >= 0:
            return self.ends[stop], False
        return self.ends[-1], False


class Attempts:
    """Failed attempts of one kind of span in one context (kramdown's emphasis and link parsers
    parse a span's content, then throw it away when no closing mark accepts it).

    For each position a failed attempt passed at the top level of its content, `drops[pos]` is how
    far its bracket level fell afterwards. The content parse from a position depends only on the
    kind, the context, the position and that level (emphasis has no level: 1), so another attempt
    of the same kind that reaches the position fails too when its level is higher than the drop.
    """

    def __init__(self) -> None:
        self.drops: dict[int, int] = {}

    def record(self, visited: list[tuple[int, int]], end_level: int, later_drop: int | None) -> None:
        lowest = end_level if later_drop is None else min(end_level, visited[-1][1] - later_drop)
        for pos, level in reversed(visited):
            self.drops.setdefault(pos, level - lowest)
            lowest = min(lowest, level)


class ExtensionStops(Index):
    """Where an extension's body can end: '{:/name}' or '{:/}'."""

    STOP = re.compile(r"\{:/([A-Za-z0-9_][\w-]*)?\}", re.A)

    def __init__(self, text: str) -> None:
        self.starts: dict[str, list[int]] = {}
        self.ends: dict[int, int] = {}
        for match in self.STOP.finditer(text):
            self.starts.setdefault(match.group(1) or "", []).append(match.start())
            self.ends[match.start()] = match.end()
        self.size = len(self.ends)

    def next(self, name: str, pos: int) -> tuple[int, int] | None:
        found = [
            starts[index]
            for starts in (self.starts.get(name, []), self.starts.get("", []))
            if (index := bisect_left(starts, pos)) < len(starts)
        ]
        if not found:
            return None
        return min(found), self.ends[min(found)]


class TitleEnds(Index):
    """Where a link title written in `quote` can end: the quote followed by ')' (after white
    space)."""

    def __init__(self, text: str, quote: str) -> None:
        self.quotes: list[int] = []
        self.parens: list[int] = []
        for match in re.finditer(rf"{quote}[ \t\n\r\f\v]*\)", text):
            self.quotes.append(match.start())
            self.parens.append(match.end() - 1)
        self.size = len(self.quotes)

    def next(self, pos: int) -> tuple[int, int] | None:
        index = bisect_left(self.quotes, pos)
        return (self.quotes[index], self.parens[index]) if index < len(self.quotes) else None


def search_start(pattern: re.Pattern[str], text: str, pos: int) -> int:
    match = pattern.search(text, pos)
    return match.start() if match is not None else -1


# Where a span can start. kramdown joins its span parsers' start patterns into one regexp and
# scans for it, which tries every alternative at every character. Here every alternative begins
# with its own literal character, so the regexp engine skips to the next candidate at C speed;
# a few starts begin before their candidate (see `next_start`).
_ALWAYS = r"\*|_|`|<|\[|\\|\$|&|\"|'"
_STARTS_AFTER = r"|-(?=-)|!(?=\[)|\{(?=:)|~(?=~)|>(?=>)|\n(?<=  \n)|\.(?=\.\.)|\.(?<=[wW]{3}\.)|:(?=//)"
_CANDIDATES = re.compile(_ALWAYS + _STARTS_AFTER)
_LINK_CANDIDATES = re.compile(_ALWAYS + _STARTS_AFTER + r"|\]")  # a link's text also stops at ']'
_RAW_CANDIDATES = re.compile(r"<|\.(?<=[wW]{3}\.)|:(?=//)")
_SCHEMES = ("https", "http", "ftps", "ftp")


def next_start(text: str, pos: int, in_link_text: bool, html_only: bool, work: Work) -> int:
    """The first position at or after `pos` where a span can start (or, in a link's text, a ']'
    may end it): where kramdown's `scan_until` of its span start regexp (and the stop regexp of
    the span being parsed, which starts with one of these characters) would stop; -1 if none."""
    candidates = _RAW_CANDIDATES if html_only else _LINK_CANDIDATES if in_link_text else _CANDIDATES
    search = candidates.search
    origin = pos
    while True:
        work.left -= 1
        match = search(text, pos)
        if match is None:
            return -1
        at = match.start()
        char = text[at]
        before = text[at - 1] if at > origin else ""
        if char == ":":  # our bare URLs: 'http://'
            for scheme in _SCHEMES:
                begin = at - len(scheme)
                if begin >= origin and text[begin:at].lower() == scheme:
                    return begin
        elif char == ".":  # '...', or 'www.'
            if at - 3 >= origin and text[at - 3 : at].lower() == "www":
                return at - 3
            if not html_only and text.startswith("...", at):
                return at
        elif char in "\"'":
            # kramdown's smart quote start '[^\\]?["']' begins one character before the quote.
            return at - 1 if before and before != "\\" else at
        elif char == "\n":
            if at - 2 >= origin:
                return at - 2  # a line break: two spaces before it
        elif char in "<>" and before == " " and text.startswith(char * 2, at):
            return at - 1  # ' <<' or ' >>'
        else:
            return at
        pos = at + 1

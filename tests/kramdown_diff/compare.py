"""Our rendering of a document against kramdown's: block structure, outline, heading ids, visible text, links.

Both HTML pages are read into a small tree and seen the same way; the few ways we differ from
kramdown on purpose are listed once, in DELIBERATE below, and applied only where that table says.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote

from tests.kramdown_diff.generator import classify
from viewer.core.outline import OutlineNode, walk
from viewer.core.render import render_markdown

# --- the deliberate differences: the one place they are listed -------------------------------------------
DELIBERATE: dict[str, str] = {
    "nfc": "we NFC-normalise a post's text when loading it; kramdown keeps the bytes (its side is NFC'd here)",
    "bare-urls": "we link bare web addresses (http://…, www.…) that kramdown leaves as text; such links "
    "(text = address) are left out of the link lists, and an address keeps what kramdown would read as "
    "Markdown inside it (a_b.__x__, 2*3*4, 5'10\"): in words holding an address, * _ ' \" and curly quotes "
    "are not compared",
    "math-markup": "formulas are our span/div with class 'math' and kramdown's \\(…\\) / \\[…\\] text for "
    "MathJax: both are left out of the visible words, a display formula is a 'math' block on both sides",
    "item-ids": "we give list items ids (li-N) as scroll targets; kramdown gives none (only heading ids are compared)",
    "footnote-section": "Python-Markdown's footnote section (div.footnote with an <hr>, nbsp before ↩) vs kramdown's "
    "div.footnotes: both are a 'footnotes' block, the <hr> is left out, ↩ back-link glyphs are not words",
    "task-glyphs": "a task item's state is our ☐/☑ glyph and kramdown's checkbox <input>: glyphs are not words",
    "code-colour": "code blocks are coloured by Pygments (inline spans) vs kramdown's plain <pre><code>: a <pre> "
    "is one block compared by its words",
}
_KRAMDOWN_MATH = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", re.S)  # math-markup
_NOT_WORDS = re.compile(r"[↩☐☑]")  # footnote-section, task-glyphs


def _is_our_math(node: Element) -> bool:  # math-markup
    return any("math" in c for c in node.attrs.get("class", "").split())


_DISPLAY_MATH = re.compile(r"(\\\[[\s\S]*?\\\])")  # math-markup: kramdown's \[…\]


def _is_kramdown_math_div(node: Element) -> bool:  # math-markup: kramdown's \[…\] with attributes is in a div
    return (
        node.tag == "div"
        and all(isinstance(child, str) for child in node.children)
        and re.fullmatch(r"\s*\\\[[\s\S]*\\\]\s*", text_of(node)) is not None
    )


def _is_footnotes(node: Element) -> bool:  # footnote-section
    return node.tag == "div" and bool({"footnote", "footnotes"} & set(node.attrs.get("class", "").split()))


def _is_bare_web_link(href: str, text: str) -> bool:  # bare-urls
    return href.lower().startswith(("http://", "https://", "ftp://", "ftps://")) and href in {
        text,
        "http://" + text,
        "https://" + text,
    }


# --- HTML as a tree ------------------------------------------------------------------------------------------
VOID = set("area base br col embed hr img input link meta source track wbr".split())
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
#: Elements that make blocks (the outline's "nested block" list, plus list items and definition lists).
BLOCKS = {
    *"p pre ul ol li blockquote table div figure dl dt dd hr details summary iframe section center".split(),
    *HEADINGS,
}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root")
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Element(tag, {k: v or "" for k, v in attrs})
        self.open[-1].children.append(node)
        if tag not in VOID:
            self.open.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, 0, -1):  # close up to the matching open tag, if any
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parse_html(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def text_of(node: Element | str) -> str:
    if isinstance(node, str):
        return node
    if node.tag == "br":
        return " "
    return "".join(text_of(child) for child in node.children)


def elements(node: Element) -> Iterator[Element]:
    for child in node.children:
        if isinstance(child, Element):
            yield child
            yield from elements(child)


# --- the views ------------------------------------------------------------------------------------------------
def block_structure(node: Element) -> list[str]:
    """Block elements with their nesting; runs of inline content become one 'text'."""
    out: list[str] = []
    run = ""
    in_run = False

    def end_run() -> None:
        nonlocal run, in_run
        if in_run:
            # math-markup: kramdown's display formulas are bare \[…\] between the blocks
            pieces = _DISPLAY_MATH.split(run)
            if len(pieces) == 1:
                out.append("text")
            for number, piece in enumerate(pieces if len(pieces) > 1 else ()):
                if number % 2 or piece.strip():
                    out.append("math" if number % 2 else "text")
        run, in_run = "", False

    for child in node.children:
        if isinstance(child, str) or (child.tag not in BLOCKS and not _is_our_math_block(child)):
            text = text_of(child)
            if isinstance(child, Element) or text.strip():
                run += text
                in_run = True
            continue
        end_run()
        if _is_our_math_block(child) or _is_kramdown_math_div(child):
            out.append("math")
        elif _is_footnotes(child):
            out.append("footnotes[" + " ".join(b for b in block_structure(child) if b != "hr") + "]")
        elif child.tag == "pre":
            out.append("pre")
        elif child.tag == "table":
            rows = [r for r in elements(child) if r.tag == "tr"]
            width = max(
                (
                    sum(1 for c in r.children if isinstance(c, Element) and c.tag in {"td", "th"})
                    for r in rows
                ),
                default=0,
            )
            out.append(f"table{len(rows)}x{width}")
        else:
            inner = block_structure(child)
            out.append(child.tag + (f"[{' '.join(inner)}]" if inner else ""))
    end_run()
    return out


def _is_our_math_block(node: Element | str) -> bool:
    return isinstance(node, Element) and node.tag == "div" and _is_our_math(node)


Row = tuple[int, str, str]


def _skipped(node: Element) -> bool:
    """Generated tables of contents and footnote sections are not part of the outline."""
    classes = set(node.attrs.get("class", "").split())
    return (node.tag in {"ul", "ol"} and _is_toc(node)) or (
        node.tag in {"div", "section", "nav"} and bool({"toc", "footnotes", "footnote"} & classes)
    )


def _is_toc(node: Element) -> bool:
    """kramdown's TOC list: id 'markdown-toc', or the id its attribute list gave, which its
    entries' ids start with ('anchor' → 'anchor-x')."""
    list_id = node.attrs.get("id", "")
    if list_id == "markdown-toc":
        return True
    first = next((child for child in node.children if isinstance(child, Element) and child.tag == "li"), None)
    link = next((c for c in first.children if isinstance(c, Element) and c.tag == "a"), None) if first else None
    return bool(list_id) and link is not None and link.attrs.get("id", "").startswith(list_id + "-")


#: outline_html.py's BLOCKS: where an item's text ends.
_ENDS_ITEM_TEXT = {*"p pre ul ol blockquote table div figure dl hr details iframe section".split(), *HEADINGS}


def _first_paragraph(item: Element) -> str:
    """An item's text as outline_html.py reads it: the text before the first block element that
    starts anywhere inside it (its first <p> when it starts with one), a <br> a space."""
    parts: list[str] = []
    p_seen = False

    def walk(node: Element) -> bool:  # False: the text has ended
        nonlocal p_seen
        for child in node.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag in _ENDS_ITEM_TEXT:
                if child.tag != "p" or "".join(parts).strip() or p_seen:
                    return False
                p_seen = True
                walk(child)
                return False
            elif child.tag == "br":
                parts.append(" ")
            elif not walk(child):
                return False
        return True

    walk(item)
    return "".join(parts)


def outline_rows(root: Element) -> list[Row]:
    """The outline as /work/shared/tools/outline_html.py reads it from HTML: headings nest under the
    nearest earlier heading of a smaller level; items under the item containing them (even past a
    heading inside that item), else under the heading they follow. Rows in tree order."""
    roots: list[tuple[str, str, list]] = []  # type: ignore[type-arg]
    headings: list[tuple[int, list]] = []  # type: ignore[type-arg]  # (level, children) of open headings

    def visit(node: Element, item: list | None) -> None:  # type: ignore[type-arg]
        for child in node.children:
            if not isinstance(child, Element) or _skipped(child):
                continue
            if child.tag in HEADINGS:
                level = int(child.tag[1])
                while headings and headings[-1][0] >= level:
                    headings.pop()
                children: list = []  # type: ignore[type-arg]
                (headings[-1][1] if headings else roots).append(("heading", _norm(text_of(child)), children))
                headings.append((level, children))
            elif child.tag == "li":
                children = []
                parent = item if item is not None else (headings[-1][1] if headings else roots)
                parent.append(("item", _norm(_first_paragraph(child)), children))
                visit(child, children)
            else:
                visit(child, item)

    visit(root, None)
    rows: list[Row] = []

    def flatten(nodes: list, depth: int) -> None:  # type: ignore[type-arg]
        for kind, text, children in nodes:
            rows.append((depth, kind, text))
            flatten(children, depth + 1)

    flatten(roots, 0)
    return rows


def our_outline_rows(outline: tuple[OutlineNode, ...]) -> list[Row]:
    return [(depth, node.kind, _norm(node.text)) for depth, node in walk(outline)]


def heading_ids(root: Element) -> list[str]:
    return [node.attrs.get("id", "") for node in elements(root) if node.tag in HEADINGS]


def visible_words(root: Element) -> list[str]:
    parts: list[str] = []

    def visit(node: Element, code: bool) -> None:
        for child in node.children:
            if isinstance(child, str):
                # kramdown writes a formula as one text (math-markup); code is never one
                parts.append(child if code else _KRAMDOWN_MATH.sub(" ", child))
            elif child.tag in {"script", "style"} or _is_our_math(child):
                parts.append(" ")  # as kramdown's \(…\) text is taken out (math-markup)
            else:
                block = child.tag in BLOCKS or child.tag in {"br", "tr", "td", "th"}
                parts.append(" " if block else "")
                visit(child, code or child.tag in {"code", "pre"})
                parts.append(" " if block else "")

    visit(root, False)
    text = "".join(parts)
    return [_url_word(word) for word in _NOT_WORDS.sub(" ", text).split()]


def link_targets(root: Element) -> list[str]:
    targets = []
    for node in elements(root):
        if node.tag == "a" and "href" in node.attrs:
            href, text = unquote(node.attrs["href"]), " ".join(text_of(node).split())
            if not _is_bare_web_link(href, text):
                targets.append(href)
        elif node.tag == "img":
            targets.append("img:" + unquote(node.attrs.get("src", "")))
    return targets


def _norm(text: str) -> str:
    return " ".join(_url_word(word) for word in text.split())


_ADDRESS = re.compile(r"(?i)(?:https?|ftps?)://|www\.")
_IN_ADDRESS = re.compile("[*_'\"\u2018\u2019\u201c\u201d]")


def _url_word(word: str) -> str:  # bare-urls
    return _IN_ADDRESS.sub("", word) if _ADDRESS.search(word) else word


# --- comparison -----------------------------------------------------------------------------------------------
ASPECTS = ("crash", "blocks", "outline", "ids", "text", "links")


@dataclass(frozen=True)
class Views:
    blocks: tuple[str, ...]
    outline: tuple[Row, ...]
    ids: tuple[str, ...]
    text: tuple[str, ...]
    links: tuple[str, ...]


def kramdown_views(html: str) -> Views:
    root = parse_html(unicodedata.normalize("NFC", html))  # nfc
    return Views(
        tuple(block_structure(root)),
        tuple(outline_rows(root)),
        tuple(heading_ids(root)),
        tuple(visible_words(root)),
        tuple(link_targets(root)),
    )


def our_views(text: str) -> tuple[Views, str] | str:
    """Our views of a document and our HTML, or the error our renderer raised."""
    try:
        html, extension = render_markdown(unicodedata.normalize("NFC", text))  # nfc
    except Exception as error:  # a crash is a divergence like any other, with its message
        return f"{type(error).__name__}: {error}"
    root = parse_html(html)
    views = Views(
        tuple(block_structure(root)),
        tuple(our_outline_rows(extension.outline)),
        tuple(heading_ids(root)),
        tuple(visible_words(root)),
        tuple(link_targets(root)),
    )
    return views, html


@dataclass(frozen=True)
class Divergence:
    #: The aspects that differ, in ASPECTS order.
    aspects: tuple[str, ...]
    kramdown_html: str
    our_html: str
    kramdown: Views
    ours: Views | str

    def first_difference(self, aspect: str) -> tuple[object, object]:
        """The first differing entry of an aspect, kramdown's then ours (None past the end)."""
        if isinstance(self.ours, str):
            return "", self.ours
        want, got = getattr(self.kramdown, aspect), getattr(self.ours, aspect)
        for index in range(max(len(want), len(got))):
            a = want[index] if index < len(want) else None
            b = got[index] if index < len(got) else None
            if a != b:
                return a, b
        return None, None


def diverge(text: str, kramdown_html: str) -> Divergence | None:
    expected = kramdown_views(kramdown_html)
    ours = our_views(text)
    if isinstance(ours, str):
        return Divergence(("crash",), kramdown_html, "", expected, ours)
    views, html = ours
    differing = tuple(a for a in ASPECTS[1:] if getattr(expected, a) != getattr(views, a))
    return Divergence(differing, kramdown_html, html, expected, views) if differing else None


class Differ:
    """Runs documents through kramdown (one process, batches) and us; shrinks divergent ones."""

    def __init__(self, convert: Callable[[list[str]], list[str]]) -> None:
        self._convert = convert
        self._cache: dict[str, Divergence | None] = {}
        self.kramdown_errors = 0

    def check(self, texts: Iterable[str]) -> list[Divergence | None]:
        texts = list(texts)
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if todo:
            for text, html in zip(todo, self._convert(todo), strict=True):
                if html.startswith("\0ERROR"):
                    self.kramdown_errors += 1
                    self._cache[text] = None  # kramdown itself failed: nothing to compare with
                else:
                    self._cache[text] = diverge(text, html)
        return [self._cache[t] for t in texts]

    def forget(self) -> None:
        """Drop remembered results (a long run keeps memory flat)."""
        self._cache.clear()

    def shrink(self, text: str, aspects: tuple[str, ...]) -> tuple[str, list[int]]:
        """A smaller document that still differs in one of `aspects`, and which lines of `text` it
        kept: whole lines are removed while a difference persists, then words within the lines left."""

        def still(lines: list[str]) -> bool:
            divergence = self.check(["\n".join(lines) + "\n"])[0]
            return divergence is not None and not set(aspects).isdisjoint(divergence.aspects)

        numbered = list(enumerate(text.rstrip("\n").split("\n")))
        # First the smallest blank-line-separated part that differs on its own, if one does.
        parts: list[list[tuple[int, str]]] = [[]]
        for number, line in numbered:
            if line.strip():
                parts[-1].append((number, line))
            elif parts[-1]:
                parts.append([])
        alone = [part for part in parts if part and len(part) < len(numbered)]
        for part in sorted(alone, key=len):
            if still([line for _, line in part]):
                numbered = part
                break
        numbered = _reduce(numbered, lambda kept: still([line for _, line in kept]))
        lines = [line for _, line in numbered]
        for index in range(len(lines)):
            lines[index] = _shrink_line(
                lines[index], lambda line, index=index: still([*lines[:index], line, *lines[index + 1 :]])
            )
        return "\n".join(lines) + "\n", [number for number, _ in numbered]

    def explain(self, text: str, rounds: int = 3) -> list[tuple[str, str, Divergence]]:
        """Each distinct divergence of a document as (class, minimal repro, its divergence): shrink,
        class the repro, take the lines it needed out of the document, and look again."""
        found: list[tuple[str, str, Divergence]] = []
        for _ in range(rounds):
            divergence = self.check([text])[0]
            if divergence is None:
                break
            repro, kept = self.shrink(text, divergence.aspects)
            repro_divergence = self.check([repro])[0]
            assert repro_divergence is not None
            found.append((classify(repro), repro, repro_divergence))
            text = (
                "\n".join(line for n, line in enumerate(text.rstrip("\n").split("\n")) if n not in kept)
                + "\n"
            )
        return found


def _shrink_line(line: str, keeps: Callable[[str], bool]) -> str:
    """The line with fewer words, plainer words and fewer tabs, while `keeps` holds."""
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    words = _reduce(line[len(indent) :].split(" "), lambda kept: keeps(indent + " ".join(kept)))

    def with_word(position: int, word: str) -> bool:
        return keeps(indent + " ".join([*words[:position], word, *words[position + 1 :]]))

    for position, word in enumerate(words):  # incidental words become a plain "x"
        if word != "x" and with_word(position, "x"):
            words[position] = "x"
    if "\t" in indent and keeps(indent.expandtabs(4) + " ".join(words)):
        indent = indent.expandtabs(4)  # the tab was incidental
    return indent + " ".join(words)


def _reduce(items: list, keeps: Callable[[list], bool]) -> list:  # type: ignore[type-arg]
    """Delta debugging, simply: drop chunks of halving size while `keeps` still holds."""
    size = max(len(items) // 2, 1)
    while True:
        index = 0
        while index < len(items) and len(items) > 1:
            candidate = items[:index] + items[index + size :]
            if candidate and keeps(candidate):
                items = candidate
            else:
                index += size
        if size == 1:
            return items
        size = max(size // 2, 1)

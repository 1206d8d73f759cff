"""kramdown's typographic symbols and smart quotes, applied to the text of the element tree.

Jekyll's kramdown turns -- and --- into dashes, ... into an ellipsis, << and >> into guillemets
and straight quotes into curly ones, everywhere but in code and raw HTML. These are its rules
(kramdown 2.4, parser/kramdown/typographic_symbol.rb and smart_quotes.rb). kramdown applies
them while it scans the source; here they run on each text node, and the Markdown an element
was written as stands in for it where kramdown's look-aheads would have seen it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence

from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

LDQUO, RDQUO, LSQUO, RSQUO = "\u201c", "\u201d", "\u2018", "\u2019"
_QUOTES = {"ldquo": LDQUO, "rdquo": RDQUO, "lsquo": LSQUO, "rsquo": RSQUO}
# (quote kind, the straight quote) → curly quote; kramdown's SQ_SUBSTS.
_BY_QUOTE = {
    ("rquote", '"'): RDQUO,
    ("rquote", "'"): RSQUO,
    ("lquote", '"'): LDQUO,
    ("lquote", "'"): LSQUO,
}
_SYMBOLS = {"---": "\u2014", "--": "\u2013", "...": "\u2026", "<< ": "\u00ab\u00a0", " >>": "\u00a0\u00bb",
            "<<": "\u00ab", ">>": "\u00bb"}  # fmt: skip

# Ruby's \w, \s and \d are ASCII, but its \b and \B know Unicode letters (Python's do too).
_W, _S, _NOT_S = "[a-zA-Z0-9_]", r"[ \t\n\r\f\v]", r"[^ \t\n\r\f\v]"
# Python-Markdown's placeholder for an escaped character ('\*') is read as the source had it: a
# backslash (_STAND_IN), then the character (_PUNCT_STAND_IN, or _WORD_STAND_IN for '_', the one
# escapable word character); kramdown reads '\<<' and '\>>' as a pair of plain angle brackets.
# Characters shown as written where markup failed (a lone backtick) have the same placeholder
# with a leading zero (see `literal`) and read as themselves: punctuation.
_ESCAPED = re.compile("\x0260\x03<|\x0262\x03>|\x02(0?)(\\d+)\x03")
_STAND_IN, _PUNCT_STAND_IN, _WORD_STAND_IN, _DOT_STAND_IN = "\uf8ff", "\uf8fe", "\u02b0", "\uf8fd"
_STAND_INS = (_STAND_IN, _PUNCT_STAND_IN, _WORD_STAND_IN, _DOT_STAND_IN)
_DOT = f"[.{_DOT_STAND_IN}]"
_PUNCT = rf"""[!"#$%'()*+,\-./:;<=>?@\[\\\]^_`{{|}}~{_STAND_IN}{_PUNCT_STAND_IN}{_DOT_STAND_IN}]"""
_CLOSE = rf"""[^ \\{_STAND_IN}\t\r\n\[{{(-]"""
# (pattern, what each part becomes): a group number is kept as text; "lquote1" is an opening
# quote of the kind in group 1; a name is that quote.
_RULES: list[tuple[re.Pattern[str], tuple[int | str, ...]]] = [
    (re.compile(rf"""("|')(?=[_*]{{1,2}}{_NOT_S})"""), ("lquote1",)),
    (re.compile(rf"""("|')(?={_PUNCT}(?!{_DOT}{_DOT})\B)"""), ("rquote1",)),
    (re.compile(rf"""({_S}?)"'(?={_W})"""), (1, "ldquo", "lsquo")),
    (re.compile(rf"""({_S}?)'"(?={_W})"""), (1, "lsquo", "ldquo")),
    (re.compile(rf"""({_S}?)'(?=[0-9][0-9]s)"""), (1, "rsquo")),
    (re.compile(rf"""({_S})('|")(?={_W})"""), (1, "lquote2")),
    (re.compile(rf"""({_CLOSE})('|")"""), (1, "rquote2")),
    (re.compile(rf"""("|')(?={_S}|s\b|$)""", re.MULTILINE), ("rquote1",)),
    (re.compile(r"""(.?)'""", re.DOTALL), (1, "lsquo")),
    (re.compile(r"""(.?)\"""", re.DOTALL), (1, "ldquo")),
]
# Where kramdown's span scanner stops: a quote with the character before it (one that is not a
# backslash), or a typographic symbol; at one spot the quote parser is tried first.
_NEXT = re.compile(r"""(?P<quote>[^\\]?["'])|(?P<symbol>---|--|\.\.\.|<< | >>|<<|>>)""")
_CANDIDATE = re.compile(r"""["']|--|\.\.\.|<<|>>""")
# Characters kramdown stops at to try another span parser (emphasis, code, HTML, links,
# entities, extensions, escapes); a quote right after one is scanned from the quote itself.
_SPAN_STARTS = frozenset("*_`<[{&~$\\" + "".join(_STAND_INS))
# Raw HTML and entities, kept aside by Python-Markdown: kramdown parses them as their own spans.
_STASHED = re.compile("\x02wzxhzdk:(\\d+)\x03")
_UNTOUCHED = frozenset({"code", "pre", "kbd", "samp", "script", "style", "math"})
# Inline HTML whose content kramdown parses as Markdown (HTML_CONTENT_MODEL_SPAN); in any other
# (<mark>, <u>, <kbd>, …) the content is left as written.
_PARSED_CONTENT = frozenset(
    "a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label "
    "legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt".split()
)
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>\s*$")


def smarten(text: str, followed_by: str = "", stash: Sequence[str] = ()) -> str:
    """`text` with kramdown's typography; `followed_by` is the Markdown that comes right after it
    and `stash` Python-Markdown's raw HTML, which `text` refers to by placeholders."""
    if not _CANDIDATE.search(text):
        return text
    pieces = _STASHED.split(text)  # text, stash number, text, …
    if len(pieces) == 1:
        return _smarten_run(text, followed_by)
    out: list[str] = []
    raw_until = ""  # the closing tag of an element whose content stays as written
    for number in range(0, len(pieces), 2):
        piece, last = pieces[number], number == len(pieces) - 1
        out.append(piece if raw_until else _smarten_run(piece, followed_by if last else "<x"))
        if last:
            break
        index = int(pieces[number + 1])
        out.append(f"\x02wzxhzdk:{index}\x03")
        tag = _TAG.match(stash[index]) if index < len(stash) else None
        if tag is None:
            continue
        closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3)
        if raw_until:
            raw_until = "" if closing and name == raw_until else raw_until
        elif not closing and not self_closing and name not in _PARSED_CONTENT and name != "br":
            raw_until = name
    return "".join(out)


def literal(text: str) -> str:
    """Characters to show as written, kept from further inline markup: Python-Markdown's
    placeholders for escapes, with a leading zero so this pass tells them from escapes."""
    return "".join(f"\x020{ord(char)}\x03" for char in text)


def _smarten_run(text: str, followed_by: str) -> str:
    if "\x02" not in text or any(char in text for char in _STAND_INS):
        return _smarten_plain(text, followed_by)
    units: list[tuple[str, str]] = []  # each placeholder, and what stands in for it

    def stand_in(placeholder: re.Match[str]) -> str:
        shown_as_written, number = placeholder.group(1), placeholder.group(2)
        if number is None:  # '\<<' or '\>>'
            standing = _STAND_IN + _PUNCT_STAND_IN * 2
        elif shown_as_written:
            standing = _PUNCT_STAND_IN
        else:
            escaped = {ord("_"): _WORD_STAND_IN, ord("."): _DOT_STAND_IN}.get(int(number), _PUNCT_STAND_IN)
            standing = _STAND_IN + escaped
        units.append((placeholder.group(0), standing))
        return standing

    done = _smarten_plain(_ESCAPED.sub(stand_in, text), followed_by)
    # Stand-ins are never changed, moved apart or reordered: put each placeholder back.
    out, position = [], 0
    for placeholder, standing in units:
        where = done.index(standing[0], position)
        out += [done[position:where], placeholder]
        position = where + len(standing)
    return "".join(out) + done[position:]


def _smarten_plain(text: str, followed_by: str) -> str:
    source = text + followed_by
    out: list[str] = []
    position = 0
    while True:
        found = _NEXT.search(source, position)
        if found is None or found.start() >= len(text):
            break
        if found.group("symbol") is not None:
            if found.end() > len(text):
                break
            out.append(text[position : found.start()] + _SYMBOLS[found.group("symbol")])
            position = found.end()
            continue
        start = found.start()
        if found.end() - start == 2 and text[start] in _SPAN_STARTS:
            out.append(text[position : start + 1])
            start += 1  # kramdown was past that character before it met the quote
        else:
            out.append(text[position:start])
        match, parts = _first_rule(source, start)
        for part in parts:
            if isinstance(part, int):
                out.append(match.group(part))
            elif part in _QUOTES:
                out.append(_QUOTES[part])
            else:
                out.append(_BY_QUOTE[(part[:-1], match.group(int(part[-1])))])
        position = match.end()
    out.append(text[position:])
    return "".join(out)


def _first_rule(source: str, start: int) -> tuple[re.Match[str], tuple[int | str, ...]]:
    for rule, parts in _RULES:
        match = rule.match(source, start)
        if match is not None:
            return match, parts
    raise AssertionError("the last two rules match any quote")


# How inline elements were written, as far as kramdown's look-aheads can tell: what opens
# them and what closes them.
_OPENERS = {"em": "*", "strong": "**", "code": "`", "img": "![", "del": "~~", "s": "~~", "sup": "[^",
            "br": "  \n"}  # fmt: skip
_CLOSERS = {"em": "*", "strong": "**", "code": "`", "a": "](", "del": "~~", "s": "~~", "sup": "]"}


#: Set on emphasis written with '_' rather than '*' (by the Markdown extension); removed here.
UNDERSCORE_MARK = "data-underscore"


def _marks(element: etree.Element, marks: dict[str, str]) -> str:
    mark = marks[str(element.tag)]
    return mark.replace("*", "_") if element.get(UNDERSCORE_MARK) else mark


def _written_as(element: etree.Element) -> str:
    """The start of the Markdown an inline element was written as: its opening mark and the
    first character inside."""
    tag = str(element.tag)
    if tag == "a":
        opener = {"bare": "", "autolink": "<"}.get(element.get("data-written") or "", "[")
    elif tag in _OPENERS:
        opener = _marks(element, _OPENERS)
    else:
        return "<x"  # raw HTML
    if tag in ("br", "img"):
        return opener
    if element.text:
        return opener + element.text[:1]
    children = list(element)
    return opener + (_written_as(children[0]) if children else _CLOSERS.get(tag, ""))


def smarten_tree(element: etree.Element, stash: Sequence[str] = (), after: str = "") -> None:
    """Apply kramdown's typography to the text under `element`, leaving code and raw HTML alone.
    `after` is the Markdown that follows the element, where it is inline."""
    tag = str(element.tag)
    # What follows the element's last text: its closing mark and what comes after it; a block
    # ends there.
    end = _marks(element, _CLOSERS) + after if tag in _CLOSERS else ""
    children = [child for child in element if isinstance(child.tag, str)]  # not comments

    def following(number: int) -> str:
        return _written_as(children[number]) if number < len(children) else end

    if tag not in _UNTOUCHED and element.text:
        element.text = _keep_kind(element.text, smarten(element.text, following(0), stash))
    for number, child in enumerate(children):
        smarten_tree(child, stash, child.tail[:2] if child.tail else following(number + 1))
        child.attrib.pop(UNDERSCORE_MARK, None)
        if child.tail:
            child.tail = _keep_kind(child.tail, smarten(child.tail, following(number + 1), stash))


def _keep_kind(old: str, new: str) -> str:
    return AtomicString(new) if isinstance(old, AtomicString) and new is not old else new


class TypographyTreeprocessor(Treeprocessor):
    """Applies kramdown's typography to the element tree once inline markup is done."""

    def run(self, root: etree.Element) -> None:
        smarten_tree(root, [str(raw) for raw in self.md.htmlStash.rawHtmlBlocks])

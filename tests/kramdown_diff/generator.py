"""Seeded Markdown documents made of the constructs Jekyll posts use, and of the ones they trip on.

`document(seed, index)` is deterministic: the same pair gives the same text on every run and machine.
`CONSTRUCTS` names what a document exercises (regular expressions over its text), in order from the
most specific to the most general: the coverage report counts documents per construct, and a
divergence is classed by the first construct its minimal repro still shows.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from html.entities import html5
from typing import Protocol

KOREAN = [
    "클라우드",
    "데이터",
    "분석",
    "서버",
    "발표",
    "정리",
    "모델",
    "학습",
    "요약",
    "한국어",
    "세션",
    "보안",
]
PARTICLES = ["는", "을", "의", "에서", "로", "이다", "와"]
LATIN = ["data", "model", "cloud", "talk", "slide", "note", "server", "Python", "Jekyll", "deck", "API"]
CJK = ["東京", "勉強会", "資料", "まとめ", "数据", "模型", "発表"]
URLS = [
    "http://example.com/a_b",
    "https://www.youtube.com/watch?v=x_1Yz",
    "https://www.slideshare.net/user/deck-name-2021",
    "https://github.com/owner/repo_name",
    "https://example.com/path/(x)",
    "https://ko.wikipedia.org/wiki/데이터",
]
TEX = [
    r"x_1 + y_2",
    r"a|b",
    r"\alpha_{i} \\ \beta",
    r"\{a\} \cup \{b\}",
    r"f(x) = *x* + _y_",
    r"a < b > c",
    r"\mathbf{w}^T x_i",
    r"\left| x \right|",
]


class Writer:
    """One document's random choices and the names it can refer to (links, footnotes)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.refs = rng.sample(["ref", "참고", "slides", "1", "Video Link"], rng.randint(1, 3))
        self.notes = rng.sample(["1", "2", "3", "note", "주석"], rng.randint(1, 3))
        self.headings: list[str] = []

    def pick(self, options: list[str]) -> str:
        return self.rng.choice(options)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    # --- inline -------------------------------------------------------------------------------
    def word(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            w = self.pick(KOREAN)
            return w + self.pick(PARTICLES) if self.chance(0.3) else w
        if r < 0.85:
            return self.pick(LATIN)
        return self.pick(CJK)

    def words(self, low: int = 1, high: int = 4) -> str:
        return " ".join(self.word() for _ in range(self.rng.randint(low, high)))

    def emphasis(self) -> str:
        w, k, p = self.word(), self.pick(KOREAN), self.pick(PARTICLES)
        return self.pick(
            [
                f"*{w}*",
                f"_{w}_",
                f"**{w}**",
                f"__{w}__",
                f"***{w}***",
                f"****{w}****",
                f"**{k}**{p}",
                f"*{k}*{p}",
                f"{k}**{w}**",
                f"**{w} *{k}* {w}**",
                f"*{w} **{k}** {w}*",
                f"{w}*{k}*{w}",
                f"my_{w}_name",
                "snake_case_name",
                "/usr/local/my_dir/file_name.py",
                r"C:\Users\my_name\*.md",
                "*.md",
                "2*3*4 = 24",
                f'**"{w}"**',
                f"**{w}.**{k}",
                f"*{w}",
                f"{w} * {k}",
                f"_{w}",
                f"**{w}",
                f"~~{w}~~",
                f"**({w})**",
                "__init__",
                f"**{k}:**",
            ]
        )

    def code_span(self) -> str:
        return self.pick(
            [
                f"`{self.word()}`",
                "`a|b`",
                "`x * y * z`",
                "`snake_case_name`",
                "`<div>`",
                "`$$x$$`",
                "`` a ` b ``",
                "`[x][y]`",
                "`{:toc}`",
                "`x",
                "```x```",
                "`a\\`",
                "` `",
            ]
        )

    def link(self) -> str:
        w, url, ref = self.words(1, 2), self.pick(URLS), self.pick(self.refs)
        return self.pick(
            [
                f"[{w}]({url})",
                f'[{w}]({url} "제목 title")',
                f"[{w}][{ref}]",
                f"[{ref}][]",
                f"[{ref}]",
                f"[[{w}]][{ref}]",
                f"[{w} [{self.word()}] {self.word()}]({url})",
                f"[`{ref}`][]",
                f"[{w}](<{url} x>)",
                f"[{w}][없는참조]",
                f"[{w}]()",
                f"[**{w}**]({url})",
                f'[{w}]({url}){{:target="_blank"}}',
            ]
        )

    def image(self) -> str:
        w = self.words(1, 2)
        return self.pick(
            [
                f"![{w}](/assets/img_1.png)",
                f"![{w}][{self.pick(self.refs)}]",
                f'![{w}](x.png "그림")',
                f"![]({self.pick(URLS)})",
            ]
        )

    def autolink(self) -> str:
        return self.pick(
            [
                "<http://example.com/a_b>",
                "<https://youtu.be/x_1>",
                "<me@example.com>",
                "<mailto:me@example.com>",
                "<ftp://example.com/f>",
            ]
        )

    def bare(self) -> str:
        return self.pick(
            [
                self.pick(URLS),
                "www.example.com",
                "www.example.com/a_b.",
                "http://x.com/a).",
                "me@example.com",
                "first.last+tag@example.co.kr",
                "(https://example.com)",
            ]
        )

    def tag_like(self) -> str:
        w = self.word()
        return self.pick(
            [
                f"<b>{w}</b>",
                f'<span style="color:red">{w}</span>',
                "<br>",
                "<br/>",
                "</br>",
                "<여러분의 IP>",
                "List<Address>",
                "Map<String, Integer>",
                "a < b",
                "a > b",
                "<kbd>Ctrl</kbd>+<kbd>C</kbd>",
                "<!-- 주석 -->",
                '<img src="x.png">',
                f'<a href="http://example.com">{w}</a>',
                "<sup>1</sup>",
                f"<u>{w}</u>",
                "<T>",
                "<x y>",
                "<ab-c>",
                "<3",
            ]
        )

    def escape(self) -> str:
        return self.pick(
            ["\\*", "\\_", "\\#", "\\|", "\\\\", "\\[x\\]", "\\`", "\\<", "\\{", "\\$", "\\.", "\\!"]
        )

    def typographic(self) -> str:
        w = self.word()
        return self.pick(
            [
                f"'{w}'",
                f'"{w}"',
                "it's",
                "'90s",
                f"{w} -- {w}",
                f"{w} --- {w}",
                f"{w}...",
                f"<<{w}>>",
                f'"{w}"는',
                f"'{self.pick(KOREAN)}'",
                "5'10\"",
                f'("{w}")',
            ]
        )

    def math_inline(self) -> str:
        return f"$${self.pick(TEX)}$$" if self.chance(0.9) else f"$$ {self.pick(TEX)} $$"

    def footnote_ref(self) -> str:
        return f"[^{self.pick(self.notes)}]"

    def extension(self) -> str:
        w = self.word()
        return self.pick(
            [
                f"{{::comment}}{w}{{:/comment}}",
                f"{{::comment}}{w}{{:/}}",
                f"{{::nomarkdown}}<b>{w}</b>{{:/}}",
                f"*{w}*{{: .cls}}",
                "{address}",
                "{char}",
                "{::}",
                "{:/}",
                "&amp;",
                "&copy;",
                "&#44060;",
                "AT&T",
                "&notanentity;",
                ":smile:",
            ]
        )

    def inline(self) -> str:
        makers: list[tuple[float, Callable[[], str]]] = [
            (9.0, self.word),
            (1.5, self.emphasis),
            (0.8, self.code_span),
            (1.0, self.link),
            (0.3, self.image),
            (0.3, self.autolink),
            (0.4, self.bare),
            (0.5, self.tag_like),
            (0.3, self.escape),
            (0.5, self.typographic),
            (0.3, self.math_inline),
            (0.3, self.footnote_ref),
            (0.4, self.extension),
        ]
        make = self.rng.choices([m for _, m in makers], [w for w, _ in makers])[0]
        return make()

    def text(self, low: int = 2, high: int = 7) -> str:
        parts = [self.inline() for _ in range(self.rng.randint(low, high))]
        joined = ""
        for part in parts:  # sometimes glue pieces together (emphasis next to Hangul, punctuation)
            joined += part if not joined or self.chance(0.15) else " " + part
        if self.chance(0.3):
            joined += self.pick([".", ",", "!", "?", ":", " :", "…", "。"])
        return joined

    def line_end(self) -> str:
        return self.pick(["  ", "\\", " ", "\t"]) if self.chance(0.1) else ""

    # --- blocks -------------------------------------------------------------------------------
    def paragraph(self) -> str:
        return (
            "\n".join(self.text() + self.line_end() for _ in range(self.rng.randint(1, 3))).rstrip("\\ \t")
            or "x"
        )

    def heading(self) -> str:
        # Sometimes a duplicate: kramdown numbers its id.
        title = self.pick(self.headings) if self.headings and self.chance(0.2) else self.text(1, 4)
        self.headings.append(title)
        decoration = (
            self.pick(
                [
                    "",
                    "",
                    "",
                    " {#custom-id}",
                    " {: .cls}",
                    " {address}",
                    " <br/> 둘",
                    " ##",
                    " #",
                    " :",
                    " `code`",
                    " [링크](http://example.com)",
                ]
            )
            if self.chance(0.4)
            else ""
        )
        if self.chance(0.2):
            underline = self.pick(["===", "---", "=", "-----"])
            return f"{title}{decoration}\n{underline}"
        if self.chance(0.05):
            return f"#{self.pick(KOREAN)} {self.word()}"  # no space: not a heading in GFM
        return f"{'#' * self.rng.randint(1, 6)}{self.pick([' ', ' ', '  ', chr(9)])}{title}{decoration}"

    def item_text(self) -> str:
        lead = (
            self.pick(["[ ] ", "[x] ", "[X] ", "[] ", "1986\\. ", "**굵게** "]) if self.chance(0.12) else ""
        )
        return lead + self.text(1, 5)

    def list_block(self) -> str:
        ordered_top = self.chance(0.25)
        style = self.pick(["content", "content", "two", "four", "tab", "mixed", "three"])
        loose = self.chance(0.15)
        lines: list[str] = []
        number = self.pick([1, 1, 1, 3, 0])

        def indent_for(parent_indent: str, parent_marker: str) -> str:
            chosen = style if self.chance(0.85) else self.pick(["content", "two", "four", "tab", "mixed"])
            if chosen == "content":
                return parent_indent + " " * (len(parent_marker) + 1)
            if chosen == "two":
                return parent_indent + "  "
            if chosen == "three":
                return parent_indent + "   "
            if chosen == "four":
                return parent_indent + "    "
            if chosen == "tab":
                return parent_indent + "\t"
            return parent_indent + self.pick(["\t", " \t", "  \t", "\t "])

        def items(indent: str, depth: int, count: int, ordered: bool) -> None:
            nonlocal number
            marker_kind = self.pick(["*", "+", "-"])
            for _ in range(count):
                if ordered:
                    marker = f"{number}." if self.chance(0.9) else f"{number})"
                    number += 1
                else:
                    marker = marker_kind if self.chance(0.85) else self.pick(["*", "+", "-"])
                lines.append(f"{indent}{marker} {self.item_text()}{self.line_end()}".rstrip("\\"))
                roll = self.rng.random()
                inner = indent_for(indent, marker)
                if roll < 0.08:
                    lines.append(self.text(1, 3))  # a lazy line
                elif roll < 0.14:
                    lines.append(inner + self.text(1, 3))  # continuation
                elif roll < 0.18:
                    lines.extend(["", inner + self.text(1, 4)])  # second paragraph
                elif roll < 0.21:
                    fence = self.pick(["```", "~~~"])
                    lines.extend(
                        [inner + fence + self.pick(["", "python"]), inner + "x = *1*", inner + fence]
                    )
                elif roll < 0.23:
                    lines.extend(["", inner + "    code_block()"])
                elif roll < 0.25:
                    lines.append(inner + "> " + self.text(1, 3))
                if depth < 5 and self.chance(0.45):
                    items(inner, depth + 1, self.rng.randint(1, 3), self.chance(0.2))
                if loose:
                    lines.append("")

        items("", 1, self.rng.randint(1, 4), ordered_top)
        return "\n".join(lines).rstrip("\n")

    def code_block(self) -> str:
        body = self.pick(
            ["x = 1", "* not a list", "# not a heading", "a | b", "<div>", "$$x_1$$", "한글 코드"]
        )
        kind = self.rng.randint(0, 5)
        if kind == 0:
            return f"    {body}\n    {self.word()}"
        if kind == 1:
            return f"\t{body}"
        if kind == 2:
            return f"~~~\n{body}\n~~~"
        if kind == 3:
            return f"```\n{body}\n"  # never closed
        return f"```{self.pick(['python', 'ruby', 'bash', 'text', ' java', 'c++'])}\n{body}\n\n{body}\n```"

    def quote(self) -> str:
        lines = [
            self.pick(["> ", ">", "> > ", ">  "]) + self.text(1, 4) for _ in range(self.rng.randint(1, 3))
        ]
        if self.chance(0.25):
            lines.append(self.text(1, 3))  # lazy
        if self.chance(0.2):
            lines.extend([">", "> * " + self.text(1, 2), ">   * " + self.text(1, 2)])
        return "\n".join(lines)

    def table(self) -> str:
        columns = self.rng.randint(2, 4)
        edge = self.chance(0.7)

        def row(cells: list[str]) -> str:
            body = " | ".join(cells)
            return f"| {body} |" if edge else body

        header = [self.words(1, 2) for _ in range(columns)]
        separator = [self.pick(["---", ":---", "---:", ":---:", "-"]) for _ in range(columns)]
        rows = [header, separator]
        for _ in range(self.rng.randint(1, 3)):
            rows.append(
                [
                    self.pick([self.word(), self.text(1, 2), "`a|b`", "a \\| b", "{char}", "$$x|y$$", ""])
                    for _ in range(columns)
                ]
            )
        return "\n".join(row(r) for r in rows)

    def html_block(self) -> str:
        w = self.text(1, 3)
        return self.pick(
            [
                f"<div>\n{w}\n</div>",
                f'<div markdown="1">\n* {w}\n</div>',
                f"<div>\n{w}",
                f"<details>\n<summary>{self.word()}</summary>\n\n{w}\n</details>",
                f"<table><tr><td>{self.word()}</td></tr></table>",
                f"<!-- {w}\n-->",
                "<br>",
                '<p align="center">\n  <img src="x.png">\n</p>',
                '<iframe src="https://www.youtube.com/embed/x_1"></iframe>',
                f"<center>{w}</center>",
                "<여러분의 IP>",
                f"<span>{w}</span>",
                "</div>",
            ]
        )

    def math_block(self) -> str:
        tex = self.pick(TEX)
        return self.pick(
            [f"$$\n{tex}\n$$", f"$${tex}$$", "$$\n\\begin{aligned} a &= b \\\\ c &= d\n\\end{aligned}\n$$"]
        )

    def footnote_definition(self) -> str:
        name = self.pick(self.notes)
        return self.pick(
            [
                f"[^{name}]: {self.text(1, 4)}",
                f"[^{name}]:\n    {self.text(1, 4)}",
                f"[^{name}]: {self.text(1, 3)}\n\n    {self.text(1, 3)}",
            ]
        )

    def reference_definition(self) -> str:
        ref = self.pick(self.refs)
        url = self.pick(URLS)
        return self.pick(
            [
                f"[{ref}]: {url}",
                f'[{ref}]: {url} "제목"',
                f"[{ref}]: <{url}>",
                f"[`{ref}`]: {url}",
                f"[{ref.upper()}]: {url}",
            ]
        )

    def rule(self) -> str:
        return self.pick(["---", "***", "* * *", "___", "- - -"])

    def attributes(self) -> str:
        return self.pick(
            [
                "{: .cls}",
                "{:.note}",
                "{: #anchor}",
                "{:ref: .cls}",
                "{address}",
                '{: style="color: red"}',
                "{:toc}",
            ]
        )

    def comment_block(self) -> str:
        return self.pick(
            [
                f"{{::comment}}\n{self.text()}\n{{:/comment}}",
                f"{{::nomarkdown}}\n<b>{self.word()}</b>\n{{:/}}",
                f"{{::comment}}\n{self.text()}",
            ]
        )

    def toc(self) -> str:
        return self.pick(["* TOC\n{:toc}", "1. TOC\n{:toc}", "* 목차\n{:toc}", "* TOC\n{:toc}\n{:.toc-box}"])


BLOCKS: list[tuple[float, Callable[[Writer], str]]] = [
    (3.0, Writer.paragraph),
    (2.0, Writer.heading),
    (4.0, Writer.list_block),
    (0.7, Writer.code_block),
    (0.7, Writer.quote),
    (0.6, Writer.table),
    (0.6, Writer.html_block),
    (0.5, Writer.math_block),
    (0.6, Writer.footnote_definition),
    (0.8, Writer.reference_definition),
    (0.3, Writer.rule),
    (0.4, Writer.attributes),
    (0.25, Writer.comment_block),
    (0.25, Writer.toc),
]


def document(seed: int, index: int) -> str:
    rng = random.Random(f"{seed}:{index}")
    writer = Writer(rng)
    blocks = [
        rng.choices([b for _, b in BLOCKS], [w for w, _ in BLOCKS])[0](writer)
        for _ in range(rng.randint(1, 6))
    ]
    text = blocks[0]
    for block in blocks[1:]:
        # Usually a blank line between blocks; sometimes none (a list, quote or table right after
        # a paragraph line), sometimes two.
        text += rng.choices(["\n\n", "\n", "\n\n\n"], [0.75, 0.2, 0.05])[0] + block
    if rng.random() < 0.03:
        text = unicodedata.normalize("NFD", text)  # decomposed Hangul, as some editors save it
    return text + ("\n" if rng.random() < 0.9 else "")


class Finder(Protocol):
    def search(self, text: str) -> object: ...


def _c(pattern: str, flags: int = re.M) -> re.Pattern[str]:
    return re.compile(pattern, flags)


class _TagLike:
    """Text that looks like a tag, and end tags with no start tag before them (</br>, </center>)."""

    _LOOKS = _c(r"<[A-Za-z][\w-]*[ \t]*$|<[^\x00-\x7f]|\w<(?![\w.+-]+@|\w+:)\w|<T>|<x y>|<ab-c>|<3")

    def search(self, text: str) -> bool:
        return bool(self._LOOKS.search(text)) or any(
            not re.search(rf"<{re.escape(end.group(1))}[\s>/]", text[: end.start()], re.I)
            for end in re.finditer(r"</(\w+)\s*>", text)
        )


class _OpenEmphasis:
    """A line with an odd number of * (or _) runs and a later line with the same character."""

    def search(self, text: str) -> bool:
        # List markers and rules are not emphasis.
        lines = _without_list_markers(text).split("\n")
        lines = [line for line in lines if not re.fullmatch(r"(?:[*_-][ ]?){3,}", line)]
        return any(
            len(re.findall(rf"\{mark}+", line)) % 2 and any(mark in later for later in lines[number + 1 :])
            for number, line in enumerate(lines)
            for mark in "*_"
        )


def _without_list_markers(text: str) -> str:
    return re.sub(r"(?m)^[ \t>]*(?:[*+-][ \t]+)*", "", text)


class _Emphasis:
    """* or _ that are not list markers."""

    def search(self, text: str) -> bool:
        return bool(re.search(r"[*_]", _without_list_markers(text)))


class _OddEmphasis:
    """A line with an odd number of * (or _), or of their runs: delimiters kramdown pairs its own way."""

    def search(self, text: str) -> bool:
        return any(
            len(re.findall(rf"\{mark}+", line)) % 2 or line.count(mark) % 2
            for line in _without_list_markers(text).split("\n")
            for mark in "*_"
        )


class _UnknownEntity:
    """&name; that HTML does not define."""

    def search(self, text: str) -> bool:
        return any(f"{m.group(1)};" not in html5 for m in re.finditer(r"&([A-Za-z][A-Za-z0-9]*);", text))


_LIST_LINE = r"^[ \t]*(?:[*+-]|\d+\.)[ \t]"
#: (name, what it is, how to see it in a document), most specific first.
CONSTRUCTS: list[tuple[str, str, Finder]] = [
    ("tab-indent", "indentation with tabs (alone or mixed with spaces)", _c(r"^[ \t]*\t[ \t]*\S")),
    (
        "math-block",
        "a $$ formula standing alone as a block",
        _c(r"(?:\A|\n\n|^)[ ]{0,3}\$\$(?:[^$\n]|\$(?!\$))*(?:\$\$[ \t]*$|$\n)"),
    ),
    (
        "math-inline",
        "a $$ formula inside a paragraph, list item, cell or heading",
        _c(r"\S[^\n$]*\$\$|\$\$[^\n$]+\$\$\s*\S"),
    ),
    ("toc", "* TOC / 1. TOC followed by {:toc}", _c(r"\{:toc\}")),
    ("comment-extension", "{::comment}, {::nomarkdown} and other {::…} extensions", _c(r"\{::|\{:/")),
    ("ald", "an attribute list definition {:ref: …}", _c(r"\{:\w[\w-]*:")),
    ("ial", "an inline attribute list {: …} / {#id} / {:.cls}", _c(r"\{:[ .#\w\"]|\{#[\w-]+\}")),
    ("brace-text", "braces that are not attribute lists: {address}, {char}", _c(r"\{(?![:#])[^{}\n]*\}")),
    ("unknown-entity", "an &name; that is not an HTML entity", _UnknownEntity()),
    ("footnote", "footnote references and definitions [^x]", _c(r"\[\^")),
    ("html-block-unclosed", "an HTML block never closed", _c(r"^<(div|details)>(?![\s\S]*</\1>)")),
    (
        "html-block",
        "a line that starts with a tag or comment: an HTML block (any tag name, <여러분의 IP> too)",
        _c(r"^[ \t]*<(?:(?![\w.+-]+@|\w+:)[^\W\d_]|!--|/)"),
    ),
    (
        "tag-like-text",
        "text that looks like a tag (<여러분의 IP>, List<Address>, <T>) and end tags with no start (</br>)",
        _TagLike(),
    ),
    (
        "html-inline",
        "inline HTML: <b>, <span>, <kbd>, <br/>, <img>, <a>, comments",
        _c(r"<(?:b|span|kbd|br|img|a|sup|u|!--)[\s/>]"),
    ),
    ("bare-email", "a bare e-mail address", _c(r"(?<![<\w.+-])(?<!mailto:)[\w.+-]+@[\w-]+\.[\w.]+(?!>)")),
    ("autolink-email", "<me@example.com> and <mailto:…>", _c(r"<(?:mailto:)?[\w.+-]+@[\w.-]+>")),
    ("bare-url", "a bare URL or www. address", _c(r"(?<!<)(?<!\]\()(?<!\]: )(?<!=\")(?:https?://|www\.)\S")),
    ("table", "a GFM table (a separator line of |, -, :)", _c(r"^(?=.*\|)(?=.*-)[ \t|:-]+$")),
    ("hard-break", "a hard line break (two spaces or backslash at a line's end)", _c(r"(?:  |\\)\n")),
    ("task-list", "a task list item [ ] / [x]", _c(_LIST_LINE + r"\[[ xX]?\]")),
    (
        "lazy-line",
        "a list item's lazy continuation line",
        _c(_LIST_LINE + r".*\n(?![ \t]*(?:[*+-]|\d+[.)])[ \t])[^\s>|#].*"),
    ),
    (
        "list-after-paragraph",
        "a list right after a paragraph line",
        _c(r"^(?![ \t]*(?:[*+-]|\d+\.)[ \t]|#)\S.*\n" + _LIST_LINE),
    ),
    ("emphasis-4star", "runs of four or more asterisks", _c(r"\*{4}")),
    (
        "emphasis-multiline",
        "emphasis delimiters left open at a line's end and met again on a later line",
        _OpenEmphasis(),
    ),
    ("emphasis-unbalanced", "a line with an odd number of * or _ (or of their runs)", _OddEmphasis()),
    ("emphasis-hangul", "emphasis next to Hangul", _c(r"[*_][가-힣]|[가-힣][*_]")),
    ("emphasis-3star", "*** strong emphasis", _c(r"\*\*\*")),
    ("emphasis-intraword", "* or _ inside a word or path", _c(r"\w[*_]+\w")),
    (
        "reference-link",
        "reference links [x][ref], [ref][], [ref] and their definitions",
        _c(r"\]\[|^\[[^\]^]+\]:"),
    ),
    ("nested-brackets", "brackets inside link text", _c(r"\[[^\]\n]*\[[^\]\n]*\][^\]\n]*\]")),
    ("image", "an image ![…](…) or ![…][…]", _c(r"!\[")),
    ("inline-link", "an inline link [x](url)", _c(r"\]\(")),
    ("setext-heading", "a setext heading (=== / --- underline)", _c(r"^\S.*\n(?:=+|-+)[ \t]*$")),
    (
        "heading-decoration",
        "a heading with trailing #, :, <br/>, code or link",
        _c(r"^#{1,6}[ \t].*(?:#|:|<br/>|`|\]\()[ \t]*$"),
    ),
    (
        "heading-duplicate",
        "two headings with the same text",
        _c(r"^#{1,6}[ \t]+(.+)$(?:[\s\S]*)^#{1,6}[ \t]+\1$"),
    ),
    ("autolink-url", "<http://…> autolinks", _c(r"<(?:https?|ftp)://[^>\s]+>")),
    ("strikethrough", "~~strike~~", _c(r"~~\S")),
    ("code-span", "a code span", _c(r"`")),
    ("escape", "a backslash escape", _c(r"\\[\\`*_{}\[\]()#+\-.!|<>$:]")),
    ("entity", "HTML entities and bare &", _c(r"&")),
    ("typographic", "quotes, dashes, ellipses, << >>", _c(r"['\"]|--|\.\.\.|<<")),
    (
        "list-block-in-item",
        "a code block, fence, quote or second paragraph inside a list item",
        _c(_LIST_LINE + r".*\n(?:\n)?[ \t]+(?:```|~~~|>|    |\S)"),
    ),
    ("ordered-list", "an ordered list (1. or 1) markers)", _c(r"^[ \t]*\d+[.)][ \t]")),
    (
        "nested-list",
        "a list nested in a list item",
        _c(_LIST_LINE + r".*\n(?:.*\n)*?[ \t]+(?:[*+-]|\d+\.)[ \t]"),
    ),
    ("blockquote", "a block quote", _c(r"^[ \t]*>")),
    ("fenced-code", "a fenced or indented code block", _c(r"^(?:[ \t]*(?:```|~~~)|    \S|\t\S)")),
    ("atx-heading", "an ATX heading", _c(r"^#{1,6}[ \t]")),
    ("hr", "a horizontal rule", _c(r"^(?:[-*_][ ]?){3,}$")),
    ("emphasis", "* or _ emphasis", _Emphasis()),
    ("list", "a list", _c(_LIST_LINE)),
    ("cjk", "Japanese or Chinese text", _c(r"[\u3040-\u30ff\u4e00-\u9fff]")),
    ("nfd-text", "decomposed (NFD) Hangul", _c(r"[\u1100-\u11ff]")),
    ("korean", "Korean text", _c(r"[가-힣]")),
]


def constructs_in(text: str) -> list[str]:
    return [name for name, _, pattern in CONSTRUCTS if pattern.search(text)]


def classify(text: str) -> str:
    """The class of a divergence: the first (most specific) construct its minimal repro shows."""
    return next((name for name, _, pattern in CONSTRUCTS if pattern.search(text)), "plain-text")

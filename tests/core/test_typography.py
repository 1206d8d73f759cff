"""Typographic symbols and smart quotes as Jekyll's kramdown makes them.

Each expected HTML below is what kramdown 2.4 with the GFM parser (Jekyll's Markdown) printed
for the line, with entities decoded; the inputs are our own.
"""

from __future__ import annotations

import html
import re

import pytest

from viewer.core.render import render_markdown
from viewer.core.search import Matcher

CASES = [
    ("또한 TDD의 '진짜'개념을 적용하기", "<p>또한 TDD의 ‘진짜’개념을 적용하기</p>"),
    ('"사용자의 피드백"이 중요했다', "<p>“사용자의 피드백”이 중요했다</p>"),
    ("*'~의 인스턴스'* 의 형태", "<p><em>‘~의 인스턴스’</em> 의 형태</p>"),
    (
        '"[링크](https://example.com)"(영문)을 참고',
        '<p>“<a href="https://example.com">링크</a>“(영문)을 참고</p>',
    ),
    ("it's the '80s -- and \"quotes\" --- 'single'...", "<p>it’s the ’80s – and “quotes” — ‘single’…</p>"),
    ("<< guillemets >> and <<tight>>", "<p>«\xa0guillemets\xa0» and «tight»</p>"),
    ('`"code" -- stays` but "this" -- changes', '<p><code>"code" -- stays</code> but “this” – changes</p>'),
    ("\\\"escaped\\\" and 'it\\'s'", '<p>"escaped" and ‘it\'s’</p>'),
    (
        "<mark>'raw' -- here</mark> and <span>'parsed'</span>",
        "<p><mark>'raw' -- here</mark> and <span>‘parsed’</span></p>",
    ),
    ("He said, \"'Quoted' words in a larger quote.\"", "<p>He said, “‘Quoted’ words in a larger quote.”</p>"),
    ("**\"bold quote\"** and _'em'_ done", "<p><strong>“bold quote”</strong> and <em>‘em’</em> done</p>"),
    ('"**strong** inside"', "<p>“<strong>strong</strong> inside”</p>"),
    ("a--b---c----d.....e", "<p>a–b—c—-d…..e</p>"),
    ('2024-03-09 -- 발표 "클라우드 네이티브" 정리', "<p>2024-03-09 – 발표 “클라우드 네이티브” 정리</p>"),
    ("'Agile is fragile' -- 애자일", "<p>‘Agile is fragile’ – 애자일</p>"),
    # Where a quote meets other markup: code spans, escapes, emphasis written with '_'.
    ("\"`x and `'[데이터", "<p>“<code>x and </code>‘[데이터</p>"),
    ("' '\">>]<<x\"", "<p>’ ‘”»]«x”</p>"),
    ('x(데이터* \\>>"**[,', "<p>x(데이터* >>“**[,</p>"),
    ("'\\...(s80a", "<p>‘...(s80a</p>"),
    ("80._'_ and \"**[,", "<p>80.<em>‘</em> and “**[,</p>"),
    ("\"`(?(])`:'[", "<p>”<code>(?(])</code>:’[</p>"),
    ('it.""`" a(-s`', '<p>it.””<code>" a(-s</code></p>'),
]


def shown(markdown: str) -> str:
    rendered = render_markdown(markdown + "\n")[0]
    return html.unescape(re.sub(r'\s+id="[^"]*"', "", rendered)).strip()


@pytest.mark.parametrize(("markdown", "kramdown"), CASES)
def test_quotes_dashes_and_ellipses_as_kramdown_makes_them(markdown: str, kramdown: str) -> None:
    assert shown(markdown) == kramdown


def test_the_outline_shows_the_same_text_as_the_post() -> None:
    _html, extension = render_markdown('* 발표 "클라우드" -- 정리...\n  * it\'s\n')
    top = extension.outline[0]
    assert (top.text, top.children[0].text) == ("발표 “클라우드” – 정리…", "it’s")


def test_searching_with_straight_quotes_finds_curly_ones() -> None:
    text = shown('"사용자의 피드백"이 중요 -- it\'s')
    assert Matcher('"사용자의 피드백"').matches(text)
    assert Matcher("it's").matches(text)
    assert Matcher("중요 - it").matches(text)

"""Code is coloured exactly as Pygments colours it, with each lexer state's rules joined."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from typing import ClassVar

import pytest
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import ExtendedRegexLexer, RegexLexer
from pygments.lexers import find_lexer_class_by_name, get_all_lexers
from pygments.token import Comment, Name, Text

from viewer.core import combined_lexer
from viewer.core.render import render_markdown

# Pygments' own loops, captured when this module is imported, before any test renders code.
PYGMENTS_LOOPS = {
    RegexLexer: RegexLexer.get_tokens_unprocessed,
    ExtendedRegexLexer: ExtendedRegexLexer.get_tokens_unprocessed,
}
JOINED_LOOPS = {RegexLexer: combined_lexer._tokens, ExtendedRegexLexer: combined_lexer._extended_tokens}

# Code of the kinds posts carry, with Korean in comments and strings, and markup in between.
MIXED_CODE = r"""
# 텐서 만들기
import torch as th  # 주석
@decorator(x=1)
async def f(a: int = 0x1F, *args, **kw) -> "결과":
    s = f"값 {a!r:>10} {{중괄호}}" + r'\d+' + b"\x00"
    return [i ** 2 for i in range(10) if i % 2 == 0] or None
class 모델(nn.Module): pass
#include <stdio.h>
int main(void) { printf("%d\n", 0755); /* 블록 주석 */ return 0; }
<div class="note" id='a'>&amp; 본문 <!-- 주석 --></div><script>var x = /re[g]ex/gi;</script>
$ echo "$HOME" | grep -E '^/h' && ls -la ~/ 2>&1 > /dev/null
SELECT name, COUNT(*) FROM posts WHERE tag = '한글' GROUP BY name;
let mut v: Vec<u8> = vec![1, 2]; fn g<'a>(s: &'a str) {}
set nocompatible | syntax on | nnoremap <leader>w :w<CR>
--- a/file
+++ b/file
@@ -1,2 +1,2 @@
def greet(name = "세계") = puts "안녕, #{name}!" if name =~ /^[가-힣]+$/
%w[a b].each { |x| $stdout << :sym << x.to_s; } # 루비 주석 <<~EOS
title: "제목"
tags: [python, 한글]
list:
  - key: value # 주석
"""


def regex_lexers() -> Iterator[type[RegexLexer]]:
    for _, aliases, _, _ in get_all_lexers():
        if not aliases:
            continue
        lexer_class = find_lexer_class_by_name(aliases[0])
        # XQuery's lexer keeps state from one run to the next: two runs of its own differ.
        if issubclass(lexer_class, RegexLexer) and lexer_class.__name__ != "XQueryLexer":
            yield lexer_class


def tokens(lexer: RegexLexer, text: str, joined: bool) -> list[tuple[object, str]] | type[Exception]:
    with pytest.MonkeyPatch.context() as patch:
        for lexer_class, loop in (JOINED_LOOPS if joined else PYGMENTS_LOOPS).items():
            patch.setattr(lexer_class, "get_tokens_unprocessed", loop)
        try:
            return list(lexer.get_tokens(text))
        except Exception as error:  # a lexer that fails must fail the same way
            return type(error)


@pytest.mark.parametrize("tokens_before_joining", [1, 7])
def test_every_pygments_regex_lexer_gives_its_own_tokens(monkeypatch, tokens_before_joining) -> None:
    # Joined from the first token, and part way through (a state's joining starts mid-text).
    monkeypatch.setattr(combined_lexer, "_TOKENS_BEFORE_JOINING", tokens_before_joining)
    shuffled = random.Random(tokens_before_joining)
    symbols = "abcxyz_019 \n\t\"'`#/*-+=<>(){}[];:.,\\$@%&|!?~^한글"
    differing = []
    lexers = list(regex_lexers())
    assert len(lexers) > 300  # all of Pygments' regex lexers, not a few
    for lexer_class in lexers:
        lexer = lexer_class(stripnl=False, ensurenl=False)
        noise = "".join(shuffled.choice(symbols) for _ in range(300))
        for text in (MIXED_CODE, noise):
            if tokens(lexer, text, joined=False) != tokens(lexer, text, joined=True):
                differing.append(lexer_class.__name__)
    assert differing == []


@pytest.mark.parametrize(
    ("language", "code"),
    [
        ("python", MIXED_CODE.split("#include")[0]),
        ("ruby", MIXED_CODE.split("@@ -1,2 +1,2 @@")[1].split("title")[0]),
    ],
)
def test_code_block_is_coloured_as_pygments_colours_it(monkeypatch, language, code) -> None:
    monkeypatch.setattr(combined_lexer, "_TOKENS_BEFORE_JOINING", 1)
    html = render_markdown(f"```{language}\n{code * 3}```\n")[0]
    for lexer_class, loop in JOINED_LOOPS.items():
        assert lexer_class.get_tokens_unprocessed is loop  # the render joined them
    for lexer_class, loop in PYGMENTS_LOOPS.items():
        monkeypatch.setattr(lexer_class, "get_tokens_unprocessed", loop)
    pygments_html = highlight(
        code * 3,
        find_lexer_class_by_name(language)(stripnl=False, ensurenl=False),
        HtmlFormatter(nowrap=True, classprefix="hl-"),
    )
    assert f"<code>{pygments_html}</code>" in html
    assert '<span class="hl-k">def</span>' in html


def test_rules_that_cannot_be_joined_are_tried_alone() -> None:
    # A back-reference (Vim's Python heredoc) numbers its group within its own rule; a rule
    # from another state is joined around it, and the heredoc still ends at its own marker.
    lexer = find_lexer_class_by_name("vim")(stripnl=False, ensurenl=False)
    text = 'python << EOF\nprint("안녕")\nEOF\nlet g:x = 1\n' * 400
    assert tokens(lexer, text, joined=True) == tokens(lexer, text, joined=False)


class CommentedLexer(RegexLexer):
    # Comments holding `[` or `(` before a class that starts with `]` (no Pygments lexer has
    # these yet): joined, they must still mean what they mean alone.
    tokens: ClassVar = {"root": [(r"(?#[)[]()]x", Name), (r"\?", Comment), (r".", Text)]}


class VerboseLexer(RegexLexer):
    flags = re.VERBOSE
    tokens: ClassVar = {"root": [("x # [ comment ( \n [])(] y", Name), (r"\?", Comment), (r".", Text)]}


@pytest.mark.parametrize(("lexer_class", "text"), [(CommentedLexer, "?x ]x"), (VerboseLexer, "x?y x)y")])
def test_comments_in_rules_keep_their_meaning(monkeypatch, lexer_class, text) -> None:
    monkeypatch.setattr(combined_lexer, "_TOKENS_BEFORE_JOINING", 1)
    lexer = lexer_class()
    assert tokens(lexer, text, joined=True) == tokens(lexer, text, joined=False)

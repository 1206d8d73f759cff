"""The matcher shared by the window, `note-viewer find` and the link filter."""

from __future__ import annotations

import unicodedata

import pytest

from viewer.core.render import render_markdown
from viewer.core.search import Matcher, SearchError, SearchOptions, text_blocks


def found(query: str, text: str, **options: bool) -> list[str]:
    return [text[s.start : s.end] for s in Matcher(query, SearchOptions(**options)).find_all(text)]


def test_case_insensitive_by_default_with_unicode_folding() -> None:
    assert found("ml", "ML역량, SageMaker ML, html") == ["ML", "ML", "ml"]
    assert found("STRASSE", "die Straße und STRASSE") == ["Straße", "STRASSE"]
    assert found("ml", "ML and ml", match_case=True) == ["ml"]


def test_korean_queries_of_one_and_two_syllables() -> None:
    text = "편향성 검증, 검증된 데이터, 데이터센터"
    assert found("검증", text) == ["검증", "검증"]
    assert found("데", text) == ["데", "데"]
    assert found("데이터", text, whole_word=True) == ["데이터"]


def test_decomposed_query_finds_composed_text() -> None:
    decomposed = unicodedata.normalize("NFD", "클라우드")
    assert decomposed != "클라우드"
    assert found(decomposed, "5가지 클라우드 기술변화") == ["클라우드"]


def test_regular_expressions_and_their_errors() -> None:
    assert found(r"gp\d", "gp2 -> gp3", regex=True) == ["gp2", "gp3"]
    assert found("IOPS", "3000IOPS, iops", regex=True) == ["IOPS", "iops"]
    with pytest.raises(SearchError, match="Invalid regular expression"):
        Matcher("(unclosed", SearchOptions(regex=True))


def test_empty_query_finds_nothing() -> None:
    assert Matcher("").find_all("anything") == []
    assert found(".*", "abc", regex=True) == ["abc"]  # empty matches are never reported


def test_text_blocks_carry_the_node_they_belong_to() -> None:
    html, _ = render_markdown("* TOC\n{:toc}\n\n# 제목\n문단 텍스트\n* 항목 하나\n  * 안쪽 항목\n")
    blocks = [(b.text, b.anchor) for b in text_blocks(html)]
    # The generated table of contents is not searched: its entries would double every heading.
    assert blocks == [("제목", "제목"), ("문단 텍스트", "제목"), ("항목 하나", "li-1"), ("안쪽 항목", "li-2")]


def test_searching_many_texts_at_once_agrees_with_asking_each() -> None:
    from viewer.core.search import JoinedTexts

    texts = ["클라우드 네이티브", "STRASSE und Straße", "it’s “quoted” – here", "", "a\x00b", "데이터 분석",
             "SageMaker 파이프라인", "클라", "end of-word", "Word word WORD"]  # fmt: skip
    joined = JoinedTexts(texts)
    for query, options in [
        ("클라", SearchOptions()),
        ("strasse", SearchOptions()),
        ("Straße", SearchOptions(match_case=True)),
        ('it\'s "quoted" - here', SearchOptions()),
        ("word", SearchOptions(whole_word=True)),
        ("Word", SearchOptions(whole_word=True, match_case=True)),
        ("a b", SearchOptions()),
        ("데이.", SearchOptions(regex=True)),
        ("", SearchOptions()),
    ]:
        matcher = Matcher(query, options)
        expected = {number for number, text in enumerate(texts) if matcher.matches(text)}
        assert matcher.matching(joined) == expected, query

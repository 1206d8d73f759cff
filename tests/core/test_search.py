"""The matcher shared by the window, `note-viewer find` and the link filter."""

from __future__ import annotations

import unicodedata

import pytest

from viewer.core.render import render_markdown
from viewer.core.search import Matcher, SearchError, SearchOptions, find_in_post, text_blocks


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


def rendered_post(tmp_path, text: str):
    from viewer.core.document import load_post
    from viewer.core.render import render_post

    path = tmp_path / "2024-01-01-post.md"
    path.write_text(text, encoding="utf-8")
    return render_post(load_post(path))


def test_matches_carry_their_outline_path_and_the_id_to_scroll_to(tmp_path) -> None:
    rendered = rendered_post(tmp_path, "# 회의록\n\n* 데이터 정리\n  * 검증된 데이터\n\n문단의 데이터\n")
    matches = find_in_post(rendered, Matcher("데이터"))
    assert [(m.text, m.path, m.context) for m in matches] == [
        ("데이터", ("회의록", "데이터 정리"), "데이터 정리"),
        ("데이터", ("회의록", "데이터 정리", "검증된 데이터"), "검증된 데이터"),
        ("데이터", ("회의록",), "문단의 데이터"),
    ]
    assert matches[2].id == "회의록"


def test_a_match_under_a_huge_heading_stays_small(tmp_path) -> None:
    heading = "가나 " * 10_000  # 30,000 characters, 10,000 matches in it
    rendered = rendered_post(tmp_path, f"# {heading}\n\n* 가나 항목\n")
    matches = find_in_post(rendered, Matcher("가나"))
    assert len(matches) == 10_001
    last = matches[-1]
    assert last.context == "가나 항목"
    (label, item) = last.path
    assert label.startswith("가나 가나") and label.endswith("…") and len(label) <= 80
    assert item == "가나 항목"
    # The heading's own id is as long as the heading: no use as a link, and it is not repeated.
    assert matches[0].id == "" and last.id.startswith("li-")
    assert all(len(m.context) <= 2 * 30 + len("가나") for m in matches)


def test_a_deep_path_keeps_its_top_and_its_bottom(tmp_path) -> None:
    lines = [f"{'  ' * depth}* 단계{depth}" for depth in range(12)]
    rendered = rendered_post(tmp_path, "\n".join(lines) + " 끝\n")
    (match,) = find_in_post(rendered, Matcher("끝"))
    assert match.path == ("단계0", "단계1", "단계2", "…", "단계8", "단계9", "단계10", "단계11 끝")


def test_a_long_match_is_cut_in_what_it_carries(tmp_path) -> None:
    rendered = rendered_post(tmp_path, "* " + "x" * 5000 + "\n")
    (match,) = find_in_post(rendered, Matcher("x+", SearchOptions(regex=True)))
    assert len(match.text) == 200 and match.text.endswith("…")

"""Korean search: initial consonants (초성) and the syllable an input method is still composing,
in the matcher every search shares (a post, the tree, `note-viewer find`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from viewer.core.document import load_post
from viewer.core.render import render_post
from viewer.core.search import JoinedTexts, Matcher, SearchOptions, find_in_post

TEXT = "5가지 클라우드 기술변화: 크라우드 펀딩과 클라우드와 데이터센터, 클러스터"


def found(query: str, text: str = TEXT, composing: str = "", **options: bool) -> list[str]:
    matcher = Matcher(query, SearchOptions(**options), composing)
    return [text[span.start : span.end] for span in matcher.find_all(text)]


def test_initial_consonants_find_the_words_they_begin() -> None:
    assert found("ㅋㄹㅇㄷ") == ["클라우드", "크라우드", "클라우드"]
    assert found("ㄷㅇㅌㅅㅌ") == ["데이터센터"]
    assert found("ㄱㅅㅂㅎ") == ["기술변화"]
    assert found("ㅋㄹㅅㅌ") == ["클러스터"]
    assert found("ㅎㄹㅇㄷ") == []


def test_initials_mixed_with_syllables() -> None:
    assert found("클ㄹ우드") == ["클라우드", "클라우드"]  # not 크라우드: 클 is typed out
    assert found("ㅋ라우드") == ["클라우드", "크라우드", "클라우드"]
    assert found("클ㄹㅇㄷ") == ["클라우드", "클라우드"]
    assert found("ㅋㄹ우드 ㅍ") == ["크라우드 펀"]


def test_double_initials_match_exactly() -> None:
    text = "가치와 까치, 다리와 따릉이, 비와 삐삐, 사과와 싸움, 자리와 짜장"
    assert found("ㄲㅊ", text) == ["까치"]
    assert found("ㄱㅊ", text) == ["가치"]
    assert found("ㄸ", text) == ["따"]
    assert found("ㅃㅃ", text) == ["삐삐"]
    assert found("ㅆㅇ", text) == ["싸움"]
    assert found("ㅅㄱ", text) == ["사과"]
    assert found("ㅉㅈ", text) == ["짜장"]
    assert found("ㅈㄹ", text) == ["자리"]


def test_a_consonant_pair_joined_by_the_input_method_stands_for_both_initials() -> None:
    # ibus-hangul and fcitx5-hangul join ㄱ and ㅅ typed without a vowel into ㄳ.
    text = "감사합니다 ㄳ, 기술 분석, 가방 속"
    assert found("ㄳ", text) == ["감사", "ㄳ", "기술"]
    assert found("ㄳㅎ", text) == ["감사합"]
    assert found("ㅂㅅ", text) == ["분석"] == found("ㅄ", text)
    assert found("ㄱㅅ", text) == ["감사", "기술"]  # typed apart: two initials, not the pair
    assert found("", text, composing="ㄳ") == ["감사", "ㄳ", "기술"]


def test_bare_consonants_in_the_text_are_found_too() -> None:
    assert found("ㅋㅋ", "좋아요 ㅋㅋㅋ 크크") == ["ㅋㅋ", "크크"]


def test_conjoining_initials_count_as_initials() -> None:
    # U+110F U+1105: conjoining (not compatibility) jamo, as NFD text or some keyboards give them.
    assert found("\u110f\u1105") == ["클라", "크라", "클라", "클러"]


def test_offsets_are_those_of_the_original_text() -> None:
    text = "Straße 클라우드 STRASSE 클라우드"  # folding ß to ss changes lengths before the match
    matcher = Matcher("ㅋㄹㅇㄷ")
    assert [(span.start, span.end) for span in matcher.find_all(text)] == [(7, 11), (20, 24)]
    assert [(span.start, span.end) for span in Matcher("클라우드").find_all(text)] == [(7, 11), (20, 24)]


def test_options_with_initials() -> None:
    assert found("ㅋㄹㅇㄷ", whole_word=True) == ["클라우드", "크라우드"]  # not 클라우드와
    assert found("ㅋㄹㅇㄷ", match_case=True) == ["클라우드", "크라우드", "클라우드"]
    # A regular expression means what it says: a consonant is that consonant.
    assert found("ㅋ", "ㅋ 클라우드", regex=True) == ["ㅋ"]
    assert found("[ㅋㄹ]+", "ㅋㄹ 클라우드", regex=True) == ["ㅋㄹ"]


def test_an_ordinary_query_is_unchanged() -> None:
    assert found("클") == ["클", "클", "클"]
    assert found("크") == ["크"]  # not 클: a typed syllable is that syllable
    assert Matcher("클라우드").composing == ""


def test_composing_syllable_is_the_start_of_the_next_syllable() -> None:
    # Typing 클라우드: '클라우' committed with 'ㄷ' composing, as the brief puts it …
    assert found("클라우", composing="ㄷ") == ["클라우드", "클라우드"]
    # … and as a Korean input method has it: '클라' committed, '욷' composing (the ㄷ may
    # still become the final of 우, or move on to begin 드).
    assert found("클라", composing="욷") == ["클라우드", "클라우드"]
    assert found("클라", composing="ㅇ") == ["클라우", "클라우"]
    assert found("클라", composing="우") == ["클라우", "클라우"]
    assert found("데이", composing="ㅌ") == ["데이터"]


def test_what_a_composing_syllable_can_still_become() -> None:
    text = "우 운 울 워 위 오 와 닭 달걀 다리 달"
    assert found("", text, composing="우") == ["우", "운", "울", "워", "위"]
    assert found("", text, composing="오") == ["오", "와"]
    assert found("", text, composing="닭") == ["닭", "달걀"]
    assert found("", text, composing="달") == ["닭", "달", "다리", "달"]
    assert found("", text, composing="ㄷ") == ["닭", "달", "다", "달"]


def test_initials_with_a_composing_consonant() -> None:
    assert found("ㅋㄹㅇ", composing="ㄷ") == ["클라우드", "크라우드", "클라우드"]


def test_composing_text_of_other_languages_waits() -> None:
    # A Chinese or Japanese input method holds a reading still to be converted.
    assert Matcher("", composing="zhong").is_empty
    assert found("클라", composing="かん") == ["클라", "클라"]
    assert not Matcher("", composing="우").is_empty


def test_a_regular_expression_ignores_the_composing_syllable() -> None:
    assert found("클라", composing="우", regex=True) == ["클라", "클라"]


def test_many_texts_at_once_with_initials() -> None:
    texts = ["클라우드 네이티브", "크라우드 펀딩", "데이터센터", "ㅋㄹㅇㄷ", "클라"]
    joined = JoinedTexts(texts)
    assert Matcher("ㅋㄹㅇㄷ").matching(joined) == {0, 1, 3}
    assert Matcher("클라", composing="ㅇ").matching(joined) == {0}


def test_find_in_a_post_reports_the_same_places(tmp_path: Path) -> None:
    post = tmp_path / "2021-01-15-post.md"
    post.write_text(
        "---\ntitle: 정리\n---\n# 클라우드 요약\n* 5가지 클라우드 기술변화\n  * 하이브리드 클라우드\n* 크라우드 펀딩\n",
        encoding="utf-8",
    )
    rendered = render_post(load_post(post))
    by_initials = find_in_post(rendered, Matcher("ㅋㄹㅇㄷ"))
    assert [(m.text, m.id) for m in by_initials] == [
        ("클라우드", "클라우드-요약"),
        ("클라우드", "li-1"),
        ("클라우드", "li-2"),
        ("크라우드", "li-3"),
    ]
    assert [m for m in by_initials if m.text == "클라우드"] == find_in_post(rendered, Matcher("클라우드"))


@pytest.mark.skipif(not os.environ.get("NOTE_VIEWER_SEED"), reason="NOTE_VIEWER_SEED is not set")
def test_seed_post_initials_find_the_same_places_as_the_word() -> None:
    rendered = render_post(load_post(Path(os.environ["NOTE_VIEWER_SEED"])))
    word = find_in_post(rendered, Matcher("클라우드"))
    assert len(word) == 3
    assert find_in_post(rendered, Matcher("ㅋㄹㅇㄷ")) == word
    assert find_in_post(rendered, Matcher("클ㄹ우드")) == word
    assert find_in_post(rendered, Matcher("클라", composing="욷")) == word

"""Counts and reading time: Korean by the character, English by the word."""

from __future__ import annotations

from viewer.core.reading_time import describe, text_counts
from viewer.core.render import render_markdown


def test_korean_is_timed_by_the_character_and_english_by_the_word() -> None:
    korean = "가나다라마 " * 100  # 500 Hangul characters
    assert round(text_counts(korean).minutes, 2) == 1.0
    english = "word " * 230
    assert round(text_counts(english).minutes, 2) == 1.0
    mixed = text_counts(korean * 2 + english)
    assert round(mixed.minutes, 2) == 3.0
    assert mixed.words == 430 and mixed.characters == 1000


def test_a_word_with_hangul_is_counted_by_its_characters_only() -> None:
    counts = text_counts("Graviton2를 도입 42%")
    assert counts.characters == 3 and counts.words == 3
    assert round(counts.minutes * 230, 3) == round(1 + 3 / 500 * 230, 3)  # "42%" is one word


def test_the_description_counts_headings_and_items() -> None:
    outline = render_markdown("## 절\n* 하나\n  + 둘\n## 다른 절\n")[1].outline
    counts = text_counts("절 하나 둘 다른 절", outline)
    assert describe(counts) == "2 headings · 2 items · 5 words · 1 min read"
    assert describe(text_counts("")) == ""

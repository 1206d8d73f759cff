"""Counts and reading time: Korean by the character, English by the word."""

from __future__ import annotations

from viewer.core.reading_time import text_counts


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

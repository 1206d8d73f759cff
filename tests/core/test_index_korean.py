"""The library index answers initial-consonant (초성) queries and composing syllables, with exact
counts: checked against the posts read straight from the files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_index import index_posts, make_library
from viewer.core.index import MATCH_END, MATCH_START, LibraryIndex

INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"


def stands_for(query_char: str, text_char: str) -> bool:
    """The rule, said once more in the simplest way: a bare initial is itself or any syllable
    that begins with it; anything else is itself."""
    if query_char in INITIALS and 0xAC00 <= ord(text_char) <= 0xD7A3:
        return INITIALS[(ord(text_char) - 0xAC00) // 588] == query_char
    return query_char == text_char


def occurs(query: str, text: str) -> bool:
    if query == "ㅄ":  # an input method's joined pair: itself, or its two initials (ㅂ, ㅅ)
        return "ㅄ" in text or occurs("ㅂㅅ", text)
    return any(
        all(stands_for(q, t) for q, t in zip(query, text[start:], strict=False))
        for start in range(len(text) - len(query) + 1)
    )


def brute_force_count(folder: Path, query: str) -> int:
    return sum(occurs(query, path.read_text(encoding="utf-8").casefold()) for path in folder.rglob("*.md"))


@pytest.fixture
def index(tmp_path: Path) -> LibraryIndex:
    make_library(tmp_path / "blog")
    index = LibraryIndex(tmp_path / "blog", tmp_path / "cache" / "index.sqlite")
    index.update()
    return index


@pytest.mark.parametrize(
    "query", ["ㅋㄹㅇㄷ", "ㅋㄹ", "ㄷㅇㅌ", "ㄱ", "ㅂㅇㅈㄱ", "클ㄹ", "ㅋ라우", "ㄱㅈ보", "ㅎㅎㅎ", "ㅄ"]
)
def test_counts_of_initial_queries_match_the_files(index: LibraryIndex, query: str) -> None:
    count, hits = index.search(query, limit=None)
    assert count == brute_force_count(index.folder, query)
    assert len(hits) == count
    for hit in hits:  # the snippet marks a place that matches, or the match is in the title
        marked = hit.snippet.partition(MATCH_START)[2].partition(MATCH_END)[0]
        assert occurs(query, marked.casefold()) if marked else occurs(query, hit.title)


def test_some_queries_find_some_posts(index: LibraryIndex) -> None:
    # (that the counts above are not all zero, or all posts)
    counts = [index.search(query)[0] for query in ("ㅋㄹㅇㄷ", "클ㄹ", "ㄱ", "ㅎㅎㅎ")]
    assert 0 < counts[0] < 80 and 0 < counts[1] < 80 and counts[2] == 80 and counts[3] == 0


def test_double_initials_and_titles_first(tmp_path: Path) -> None:
    index = index_posts(
        tmp_path,
        {
            "2020-01-01-a.md": "---\ntitle: 까치 이야기\n---\n* 새 보기\n",
            "2020-02-01-b.md": "---\ntitle: 가치 투자\n---\n* 장기 보유\n",
            "2020-03-01-c.md": "---\ntitle: 일기\n---\n* 까치가 울었다\n",
            "2020-04-01-d.md": "---\ntitle: English only\n---\n* nothing Korean here\n",
        },
    )
    count, hits = index.search("ㄲㅊ")
    assert count == 2
    assert [hit.title for hit in hits] == ["까치 이야기", "일기"]  # the title first, then the newest
    assert [hit.title for hit in index.search("ㄱㅊ")[1]] == ["가치 투자"]
    assert index.search("ㄲ")[0] == 2
    assert f"{MATCH_START}까치{MATCH_END}가" in index.search("ㄲㅊ")[1][1].snippet


def test_a_syllable_being_composed(tmp_path: Path) -> None:
    index = index_posts(
        tmp_path,
        {
            "2020-01-01-a.md": "---\ntitle: 정리\n---\n* 클라우드 비용\n",
            "2020-02-01-b.md": "---\ntitle: 정리\n---\n* 클라이언트\n",
            "2020-03-01-c.md": "---\ntitle: 정리\n---\n* 클라스\n",
        },
    )
    assert index.search("클라", composing="욷")[0] == 1  # 클라우드, as it is being typed
    assert index.search("클라", composing="ㅇ")[0] == 2  # 클라우…, 클라이…
    assert index.search("클라", composing="이")[0] == 1
    assert index.search("", composing="클")[0] == 3
    assert index.search("클라", composing="zhong")[0] == 3  # another language's reading: not yet


def test_a_post_rewritten_without_korean_is_no_longer_found(tmp_path: Path) -> None:
    index = index_posts(tmp_path, {"2020-01-01-a.md": "---\ntitle: 글\n---\n* 클라우드\n"})
    assert index.search("ㅋㄹㅇㄷ")[0] == 1
    post = tmp_path / "blog" / "_posts" / "2020-01-01-a.md"
    post.write_text("---\ntitle: post\n---\n* cloud, rewritten at more length\n", encoding="utf-8")
    index.update()
    assert index.search("ㅋㄹㅇㄷ")[0] == 0
    post.unlink()
    index.update()
    assert index.db.execute("SELECT count(*) FROM initials").fetchone()[0] == 0

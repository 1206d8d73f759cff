"""`note-viewer find` with initial consonants (초성): the same places as the word, with the
offsets of the syllables found in the original text."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cli.test_cli import run

POST = """---
title: 정리
---
# 클라우드 요약
* 5가지 클라우드 기술변화
  * 기존: 클라우드와 데이터센터
* 크라우드 펀딩
"""


def find(post: Path | str, query: str) -> dict:
    result = run("find", "--json", post, query)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_initials_give_the_syllables_found_and_where(tmp_path: Path) -> None:
    post = tmp_path / "2021-01-15-post.md"
    post.write_text(POST, encoding="utf-8")
    found = find(post, "ㅋㄹㅇㄷ")
    assert found["query"] == "ㅋㄹㅇㄷ" and found["count"] == 4
    places = [(m["text"], m["id"], m["start"], m["end"]) for m in found["matches"]]
    assert places == [
        ("클라우드", "클라우드-요약", 0, 4),
        ("클라우드", "li-1", 4, 8),
        ("클라우드", "li-2", 4, 8),
        ("크라우드", "li-3", 0, 4),
    ]
    assert found["matches"][2]["context"] == "기존: 클라우드와 데이터센터"
    word = find(post, "클라우드")["matches"]
    assert [m for m in found["matches"] if m["text"] == "클라우드"] == word
    assert find(post, "클ㄹ우드")["matches"] == word


@pytest.mark.skipif(not os.environ.get("NOTE_VIEWER_SEED"), reason="NOTE_VIEWER_SEED is not set")
def test_seed_post_initials_find_the_three_places_of_the_word() -> None:
    seed = os.environ["NOTE_VIEWER_SEED"]
    word = find(seed, "클라우드")
    initials = find(seed, "ㅋㄹㅇㄷ")
    assert word["count"] == initials["count"] == 3
    assert initials["matches"] == word["matches"]

"""Loading posts: encodings, front matter, Jekyll's metadata rules and clear errors."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from viewer.core import document
from viewer.core.document import PostError, load_post

FRONT = "---\ntitle: 회의록\ndate: 2021-01-15 10:00:00 +0900\ncategories: AWS Cloud\ntags: [회고, aws]\n---\n"


def test_front_matter_fields_and_body(write_post) -> None:
    post = load_post(write_post(FRONT + "## 혁신가\n* 항목\n"))
    meta = post.metadata
    assert meta.title == "회의록"
    assert meta.date == dt.datetime(2021, 1, 15, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert meta.date_text == "2021-01-15 10:00:00 +0900"  # the time zone as written
    assert meta.categories == ("AWS", "Cloud")
    assert meta.tags == ("회고", "aws")
    assert post.body == "## 혁신가\n* 항목\n"
    assert post.body_line == 7
    assert post.warnings == ()


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "2010-01-09 13:00:00 -08:00",
            dt.datetime(2010, 1, 9, 13, tzinfo=dt.timezone(dt.timedelta(hours=-8))),
        ),
        ('"2019-03-05"', dt.datetime(2019, 3, 5)),
        ("2015-12-27 08:05:30", dt.datetime(2015, 12, 27, 8, 5, 30)),
        ("2021-06-01T09:30:00Z", dt.datetime(2021, 6, 1, 9, 30, tzinfo=dt.timezone.utc)),
    ],
)
def test_dates_in_the_forms_jekyll_accepts(write_post, written: str, expected: dt.datetime) -> None:
    post = load_post(write_post(f"---\ndate: {written}\n---\nbody\n"))
    assert post.metadata.date == expected


def test_date_and_title_from_the_file_name(write_post) -> None:
    post = load_post(write_post("---\nlayout: post\n---\n본문\n", name="2017-2-5-i-dont-like-zeroes.md"))
    assert post.metadata.date == dt.datetime(2017, 2, 5)
    assert post.metadata.title == "I Dont Like Zeroes"


def test_singular_category_and_tag_keys_merge(write_post) -> None:
    post = load_post(write_post("---\ncategory: 개발\ncategories: [일기]\ntag: 파이썬 자바\n---\n"))
    assert post.metadata.categories == ("일기", "개발")
    assert post.metadata.tags == ("파이썬", "자바")


def test_other_keys_are_kept(write_post) -> None:
    post = load_post(write_post("---\ntitle: t\ncomments: true\nauthor: 홍길동\n---\n"))
    assert post.metadata.extra == {"comments": True, "author": "홍길동"}


@pytest.mark.parametrize(
    "data",
    [
        (FRONT + "본문\n").encode("utf-8-sig"),
        (FRONT + "본문\n").encode("utf-16"),
        (FRONT + "본문\n").encode("utf-16-be").join([b"\xfe\xff", b""]),
    ],
    ids=["utf-8 with BOM", "utf-16 LE", "utf-16 BE"],
)
def test_unicode_with_bom(write_post, data: bytes) -> None:
    post = load_post(write_post(data))
    assert post.metadata.title == "회의록"
    assert post.body == "본문\n"
    assert post.warnings == ()


def test_legacy_korean_encoding_is_detected_and_reported(write_post) -> None:
    post = load_post(write_post((FRONT + "* 한글 본문입니다\n").encode("cp949")))
    assert post.metadata.title == "회의록"
    assert "한글 본문입니다" in post.body
    assert post.encoding == "cp949"
    assert any("CP949" in w for w in post.warnings)


def test_line_ends_and_unicode_are_normalised(write_post) -> None:
    decomposed = unicodedata.normalize("NFD", "클라우드")
    post = load_post(write_post(f"---\r\ntitle: {decomposed}\r\n---\r\n* {decomposed}\r\n".encode()))
    assert post.metadata.title == "클라우드"
    assert post.body == "* 클라우드\n"


def test_invalid_yaml_is_a_warning_with_its_line_and_the_body_still_shows(write_post) -> None:
    post = load_post(write_post("---\ntitle: ok\ntags: [unclosed\n---\n## 본문\n"))
    assert post.body == "## 본문\n"
    assert len(post.warnings) == 1
    assert "line 4" in post.warnings[0] or "line 3" in post.warnings[0]
    assert post.metadata.title == "Post"  # falls back to the file name's slug


def test_unclosed_front_matter_shows_everything(write_post) -> None:
    post = load_post(write_post("---\ntitle: 닫히지 않음\n* 항목\n"))
    assert "never closed" in post.warnings[0]
    assert "* 항목" in post.body


def test_empty_file_and_no_front_matter(write_post) -> None:
    empty = load_post(write_post(b""))
    assert empty.body == "" and any("empty" in w for w in empty.warnings)
    plain = load_post(write_post("* 그냥 목록\n", name="notes.md"))
    assert plain.body == "* 그냥 목록\n" and plain.warnings == ()
    assert plain.metadata.title == "Notes"


def test_yaml_tags_that_build_python_objects_are_refused(write_post, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\n본문\n"
    post = load_post(write_post(text))
    assert not marker.exists()
    assert post.body == "본문\n"
    assert any("not valid YAML" in w for w in post.warnings)


def test_alias_bomb_is_refused_quickly(write_post) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    post = load_post(write_post("---\n" + "\n".join(lines) + "\n---\n본문\n"))
    assert post.body == "본문\n"
    assert any("aliases" in w for w in post.warnings)


def test_nul_byte_in_text_is_shown_not_refused(write_post) -> None:
    post = load_post(write_post(b"---\ntitle: t\n---\n* a\x00b\n"))
    assert post.body == "* a\ufffdb\n"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(bytes(range(256)) * 40), "binary"),
        (lambda p: p.mkdir(), "folder"),
        (lambda p: None, "no such file"),
    ],
)
def test_clear_errors(tmp_path: Path, make, message: str) -> None:
    path = tmp_path / "x.md"
    make(path)
    with pytest.raises(PostError, match=message):
        load_post(path)


def test_size_limit(write_post, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document, "MAX_POST_BYTES", 1000)
    with pytest.raises(PostError, match="larger than"):
        load_post(write_post("* 항목\n" * 200))

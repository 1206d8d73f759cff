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


# Each case as Jekyll splits it (its YAML_FRONT_MATTER_REGEXP, checked with Ruby): the title the
# front matter gives, the body shown and the line it starts on.
@pytest.mark.parametrize(
    ("text", "title", "body", "body_line"),
    [
        ("---\ntitle: 제목\n...\n본문\n", "제목", "본문\n", 4),
        ("---\ntitle: 제목\n---", "제목", "", 3),
        ("---\n---\n본문\n", "Post", "본문\n", 3),
        ("--- title: 제목\n---\n본문\n", "Post", "--- title: 제목\n---\n본문\n", 1),
        ("----\ntitle: 제목\n----\n본문\n", "Post", "----\ntitle: 제목\n----\n본문\n", 1),
        ("---  \ntitle: 제목\n---  \n본문\n", "제목", "본문\n", 4),
        ("---\ntitle: 제목\n--- 아님\n---\n본문\n", "Post", "본문\n", 5),
        ("---\ntitle: 제목\n---\n\n\n    코드\n", "제목", "    코드\n", 6),
        ("\n---\ntitle: 제목\n---\n본문\n", "Post", "\n---\ntitle: 제목\n---\n본문\n", 1),
    ],
    ids=[
        "closed by ...",
        "no newline at the end",
        "empty",
        "text after the opening ---",
        "four dashes",
        "spaces after the dashes",
        "text after a closing ---",
        "blank lines after it, then an indented line",
        "a blank line before it",
    ],
)
def test_front_matter_is_split_as_jekyll_splits_it(
    write_post, text: str, title: str, body: str, body_line: int
) -> None:
    post = load_post(write_post(text))
    assert (post.metadata.title, post.body, post.body_line) == (title, body, body_line)


def test_yaml_errors_give_the_line_in_the_file(write_post) -> None:
    post = load_post(write_post("---\ntitle: 제목\nauthor: [홍길동\n---\n본문\n"))
    assert "line 4" in post.warnings[0]


def test_aliases_that_repeat_a_little_are_read(write_post) -> None:
    post = load_post(write_post("---\nname: &who 홍길동\ntitle: *who\nauthors: [*who, *who]\n---\n본문\n"))
    assert post.metadata.title == "홍길동"
    assert post.metadata.extra["authors"] == ["홍길동", "홍길동"]
    assert post.warnings == ()


def _merge_bomb(levels: int) -> str:
    """Each mapping merges the one before it twice: 2**levels pairs copied from 2 * levels
    aliases (50, the old cap on aliases, at 25 levels: 32 s and 2.5 GB to load)."""
    lines = ["k0: &k0 {a: 1}"]
    for level in range(1, levels + 1):
        lines.append(f"k{level}: &k{level} {{<<: [*k{level - 1}, *k{level - 1}], b{level}: 1}}")
    return "\n".join(lines) + "\n"


def _list_bomb(levels: int) -> str:
    """Lists of lists sharing one another: cheap to load, 9**levels values once walked."""
    lines = ['a0: &a0 ["가","가","가","가","가","가","가","가","가"]']
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + f"\ntitle: *a{levels}\n"


@pytest.mark.parametrize("bomb", [_merge_bomb(20), _list_bomb(5), _list_bomb(10), "a: &a [*a]\n"])
def test_front_matter_that_expands_too_far_is_refused_and_the_body_shown(write_post, bomb: str) -> None:
    post = load_post(write_post(f"---\n{bomb}---\n* 본문 항목\n"))
    assert post.body == "* 본문 항목\n"
    assert post.warnings == (
        "The front matter expands to more than 100,000 characters through its aliases; it was ignored.",
    )
    assert post.metadata.title == "Post"


def test_site_settings_that_expand_too_far_are_ignored_with_a_warning(tmp_path: Path) -> None:
    from viewer.core.render import render_post

    site = tmp_path / "blog"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text("title: 블로그\n" + _list_bomb(6) + "baseurl: *a6\n", encoding="utf-8")
    post_path = site / "_posts" / "2024-01-01-post.md"
    post_path.write_text('---\ntitle: 글\n---\n* [링크]({{ "/about/" | relative_url }})\n', encoding="utf-8")
    rendered = render_post(load_post(post_path))
    assert rendered.post.metadata.title == "글"
    assert 'href="/about/"' in rendered.html
    (warning,) = rendered.all_warnings
    assert "_config.yml expands to more than 100,000 characters" in warning and "ignored" in warning


def test_broken_site_settings_are_reported(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("baseurl: [/blog\n", encoding="utf-8")
    post = tmp_path / "2024-01-01-post.md"
    post.write_text("* 항목\n", encoding="utf-8")
    (warning,) = load_post(post).warnings
    assert "_config.yml is not valid YAML (line 2" in warning


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


def test_a_title_of_only_white_space_gives_the_file_names_title(write_post) -> None:
    post = load_post(write_post('---\ntitle: "\\r \\t"\n---\n본문\n', name="2021-01-15-cloud-notes.md"))
    assert post.metadata.title == "Cloud Notes"

"""Which files of a folder or Jekyll site are posts, and the post list's order, filters and neighbours."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from viewer.core.document import load_post
from viewer.core.index import LibraryIndex
from viewer.core.library import (
    Neighbours,
    PostSummary,
    filtered_posts,
    find_post_files,
    in_date_order,
    neighbours,
    sorted_posts,
)

KST = dt.timezone(dt.timedelta(hours=9))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    write(root / "_config.yml", "title: 노트\n")
    write(
        root / "_posts" / "2024-03-09-meetup-1.md",
        "---\ntitle: 밋업 정리 1부\ncategories: 밋업\n---\n* 내용\n",
    )
    write(
        root / "_posts" / "2024" / "2024-03-16-meetup-2.md",
        "---\ntitle: 밋업 정리 2부\ncategories: 밋업\n---\n",
    )
    write(
        root / "study" / "_posts" / "2024-04-02-week-1.md", "---\ntitle: 스터디 1주차\ncategories: K8s\n---\n"
    )
    write(root / "_drafts" / "idea.md", "---\ntitle: 생각 중\n---\n")
    write(root / "about.md", "---\ntitle: About\nlayout: page\n---\n")
    write(root / "README.md", "# the repository\n")
    write(root / "_site" / "_posts" / "2024-01-01-built.md", "build output\n")
    return root


def test_in_a_site_only_posts_and_drafts_are_listed(site) -> None:
    names = {path.relative_to(site).as_posix() for path in find_post_files(site)}
    assert names == {
        "_drafts/idea.md",
        "_posts/2024-03-09-meetup-1.md",
        "_posts/2024/2024-03-16-meetup-2.md",
        "study/_posts/2024-04-02-week-1.md",
    }


def test_in_a_plain_folder_every_markdown_file_is_a_post(tmp_path) -> None:
    write(tmp_path / "notes" / "회의.md", "# 회의\n")
    write(tmp_path / "notes" / "sub" / "talk.markdown", "# talk\n")
    write(tmp_path / "notes" / "readme.md", "# about this folder\n")
    names = [path.name for path in find_post_files(tmp_path / "notes")]
    assert sorted(names) == ["talk.markdown", "회의.md"]


def test_a_category_folder_files_the_post_under_it_first(site) -> None:
    # `jekyll build` gives page.categories == ["study", "Kubernetes"] for the same layout
    # (resources/samples/study/_posts/…).
    post = load_post(site / "study" / "_posts" / "2024-04-02-week-1.md")
    assert post.metadata.categories == ("study", "K8s")
    assert load_post(site / "_posts" / "2024" / "2024-03-16-meetup-2.md").metadata.categories == ("밋업",)


def test_the_index_lists_every_post_with_its_details(site, tmp_path) -> None:
    write(site / "_posts" / "2024-05-02-hidden.md", "---\ntitle: 숨김\npublished: false\n---\n")
    (site / "_posts" / "2024-05-01-binary.md").write_bytes(b"\x00\x01\x02PNG" * 100)
    index = LibraryIndex(site, tmp_path / "cache" / "index.sqlite")
    index.update()
    posts = {post.path.name: post for post in index.posts()}
    index.close()
    assert set(posts) == {"idea.md", "2024-03-09-meetup-1.md", "2024-03-16-meetup-2.md", "2024-04-02-week-1.md",
                          "2024-05-01-binary.md", "2024-05-02-hidden.md"}  # fmt: skip
    assert posts["idea.md"].is_draft and not posts["2024-03-09-meetup-1.md"].is_draft
    assert posts["2024-05-02-hidden.md"].is_draft  # published: false is not on the site either
    assert posts["2024-03-09-meetup-1.md"].date == dt.datetime(2024, 3, 9)
    assert posts["2024-04-02-week-1.md"].categories == ("study", "K8s")
    # A file that cannot be shown is still listed, by name, saying why.
    assert posts["2024-05-01-binary.md"].title == "2024-05-01-binary.md"
    assert "binary" in posts["2024-05-01-binary.md"].problem


def summary(name: str, title: str, date: dt.datetime | None, *categories: str, tags: tuple[str, ...] = ()):
    return PostSummary(Path(name), title, date, categories, tags)


SERIES = [
    summary("a", "밋업 정리 1부", dt.datetime(2024, 3, 9, 14, 30, tzinfo=KST), "Cloud", "Meetup"),
    summary(
        "b", "Python packaging", dt.datetime(2024, 3, 9, 1, 0, tzinfo=dt.timezone(-dt.timedelta(hours=5)))
    ),
    summary(
        "c", "밋업 정리 2부", dt.datetime(2024, 3, 16, 9, 0, tzinfo=KST), "Meetup", "Cloud", tags=("보안",)
    ),
    summary("d", "스터디 1주차", dt.datetime(2023, 1, 5), "Study", tags=("보안", "k8s")),
    summary("e", "초안", None, "Cloud", "Meetup"),
]


BY_DATE = in_date_order(SERIES)


def titles(posts: list[PostSummary]) -> list[str]:
    return [post.title for post in posts]


def test_sorting_by_date_compares_moments_across_time_zones() -> None:
    # 2024-03-09 01:00 -05:00 is later than 2024-03-09 14:30 +09:00.
    assert titles(sorted_posts(SERIES, "newest")) == ["밋업 정리 2부", "Python packaging", "밋업 정리 1부",
                                                      "스터디 1주차", "초안"]  # fmt: skip
    assert titles(sorted_posts(SERIES, "oldest"))[:2] == ["스터디 1주차", "밋업 정리 1부"]
    assert titles(sorted_posts(SERIES, "oldest"))[-1] == "초안"  # undated last either way
    assert titles(sorted_posts(SERIES, "title")) == ["Python packaging", "밋업 정리 1부", "밋업 정리 2부",
                                                     "스터디 1주차", "초안"]  # fmt: skip


def test_filters_combine() -> None:
    assert titles(filtered_posts(SERIES, text="밋업")) == ["밋업 정리 1부", "밋업 정리 2부"]
    assert titles(filtered_posts(SERIES, text="PYTHON")) == ["Python packaging"]
    assert titles(filtered_posts(SERIES, category="Cloud", tag="보안")) == ["밋업 정리 2부"]
    assert titles(filtered_posts(SERIES, year=2023)) == ["스터디 1주차"]
    assert filtered_posts(SERIES, text="밋업", year=2023) == []


def test_previous_and_next_in_date_order_and_in_the_series() -> None:
    first = neighbours(BY_DATE, Path("a"))
    assert first.older.title == "스터디 1주차"
    assert first.newer.title == "Python packaging"
    assert first.newer_in_category.title == "밋업 정리 2부"  # the same categories, in any order
    assert first.older_in_category is None
    assert (
        neighbours(BY_DATE, Path("c")).newer is None
    )  # the newest dated post: the undated draft has no place
    assert neighbours(BY_DATE, Path("e")) == neighbours(BY_DATE, Path("nowhere")) == Neighbours()
    no_categories = neighbours(BY_DATE, Path("b"))
    assert no_categories.older.title == "밋업 정리 1부"
    assert no_categories.older_in_category is None is no_categories.newer_in_category  # no series

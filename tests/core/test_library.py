"""Which files of a folder or Jekyll site are posts, and the post list's order, filters and neighbours."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from viewer.core.document import load_post
from viewer.core.index import LibraryIndex
from viewer.core.library import (
    Neighbours,
    PostSummary,
    filtered_posts,
    in_date_order,
    neighbours,
    sorted_posts,
)

KST = dt.timezone(dt.timedelta(hours=9))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def listed(folder: Path, cache: Path) -> dict[Path, PostSummary]:
    """The post list the window shows for `folder`: its index, brought up to date."""
    index = LibraryIndex(folder, cache / "index.sqlite")
    try:
        index.update()
        return {post.path: post for post in index.posts()}
    finally:
        index.close()


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


def test_in_a_site_only_posts_and_drafts_are_listed(site, tmp_path) -> None:
    names = {path.relative_to(site).as_posix() for path in listed(site, tmp_path / "cache")}
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
    names = [path.name for path in listed(tmp_path / "notes", tmp_path / "cache")]
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


def test_names_that_are_not_files_are_listed_with_the_reason_never_opened(site, tmp_path) -> None:
    import os
    import threading

    posts = site / "_posts"
    try:
        os.mkfifo(posts / "2024-05-01-pipe.md")  # opened for reading, it would wait for a writer forever
    except (AttributeError, OSError):
        pytest.skip("no named pipes here")
    os.symlink("/dev/zero", posts / "2024-05-02-device.md")  # read, it would never end
    os.symlink("nowhere.md", posts / "2024-05-03-broken.md")
    os.symlink("2024-05-04-itself.md", posts / "2024-05-04-itself.md")
    found: dict[Path, PostSummary] = {}
    reader = threading.Thread(target=lambda: found.update(listed(site, tmp_path / "cache")), daemon=True)
    reader.start()
    reader.join(30)
    if reader.is_alive():  # blocked on the pipe: let it go, then fail
        os.close(os.open(posts / "2024-05-01-pipe.md", os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("listing the folder opened the named pipe")
    problems = {path.name: post.problem for path, post in found.items() if post.problem}
    assert set(problems) == {"2024-05-01-pipe.md", "2024-05-02-device.md", "2024-05-03-broken.md",
                             "2024-05-04-itself.md"}  # fmt: skip
    assert "named pipe" in problems["2024-05-01-pipe.md"]
    assert "device" in problems["2024-05-02-device.md"]
    assert "cannot be followed" in problems["2024-05-03-broken.md"]
    assert "cannot be followed" in problems["2024-05-04-itself.md"]
    assert {post.title for post in found.values() if post.problem} == set(problems)  # listed by name
    assert len(found) == 4 + 4  # and the posts are all there


@pytest.mark.skipif(
    sys.platform == "win32", reason="names with a line break, folder links and modes are POSIX"
)
def test_odd_folders_and_names_are_listed_as_they_are(site, tmp_path) -> None:
    import os

    posts = site / "_posts"
    os.symlink("..", posts / "loop")  # a folder that contains itself
    write(posts / "2024-05-05-line\nbreak.md", "---\ntitle: 줄바꿈 이름\n---\n* 내용\n")
    locked = posts / "locked"
    write(locked / "2024-05-06-hidden-away.md", "---\ntitle: 잠긴 폴더\n---\n")
    locked.chmod(0)
    try:
        titles = {post.title for post in listed(site, tmp_path / "cache").values()}
    finally:
        locked.chmod(0o755)
    assert "줄바꿈 이름" in titles
    assert {"밋업 정리 1부", "밋업 정리 2부", "스터디 1주차", "생각 중"} <= titles
    if os.geteuid() != 0:  # root reads every folder (an unreadable one is left out, not fatal)
        assert "잠긴 폴더" not in titles

"""The library index in two passes: the list and search first (exact counts), then the posts
rendered for the outline paths of search results."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.core.test_index import brute_force_count, make_library
from viewer.core.index import LibraryIndex, index_path_for

#: Every seventh post of make_library has "* 발표\n  * 클라우드 비용 절감" (most of them as
#: a list of their own).
QUERY, PATH = "비용 절감", ("발표", "클라우드 비용 절감")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    make_library(tmp_path / "blog")
    return tmp_path / "blog"


@pytest.fixture
def index(library: Path, tmp_path: Path) -> LibraryIndex:
    index = LibraryIndex(library, tmp_path / "cache" / "index.sqlite")
    assert index.update().added == 80
    return index


def no_render(monkeypatch: pytest.MonkeyPatch) -> None:
    import viewer.core.render

    def fail(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("nothing is rendered here")

    monkeypatch.setattr(viewer.core.render, "render_post", fail)


def rewrite(post: Path, text: str) -> None:
    post.write_text(text, encoding="utf-8")
    os.utime(post, ns=(post.stat().st_atime_ns, post.stat().st_mtime_ns + 10**9))  # seen as changed


def test_search_answers_before_the_paths_are_stored_and_has_them_after(
    index: LibraryIndex, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    count, hits = index.search(QUERY, limit=None)
    assert count == brute_force_count(library, QUERY) == len(hits) > 0
    assert all(hit.outline_pending and hit.outline_path == () for hit in hits)
    rendered = index.search(QUERY, limit=None, render_missing=True)
    assert PATH in [hit.outline_path for hit in rendered[1]]
    assert not any(hit.outline_pending for hit in rendered[1])

    assert index.store_outlines() == 80
    no_render(monkeypatch)
    assert index.search(QUERY, limit=None) == rendered
    assert index.store_outlines() == 0  # nothing left


def test_a_few_changed_posts_are_rendered_by_the_update_itself(index: LibraryIndex, library: Path) -> None:
    index.store_outlines()
    post = library / "_posts" / "2020-01-01-post-0.md"
    rewrite(post, "---\ntitle: 바뀐 글\n---\n## 새 절\n* 요약\n  * 클라우드 비용 절감\n")
    assert index.update().changed == 1
    hits = {hit.path: hit for hit in index.search(QUERY, limit=None)[1]}
    assert hits[post].outline_path == ("새 절", "요약", "클라우드 비용 절감")
    assert not any(hit.outline_pending for hit in hits.values())


def test_many_changed_posts_lose_their_old_paths_until_they_are_rendered_again(
    index: LibraryIndex, library: Path
) -> None:
    index.store_outlines()
    posts = sorted((library / "_posts").glob("*.md"))
    for post in posts[:40]:
        rewrite(post, f"---\ntitle: {post.stem}\n---\n## 다시 쓴 글\n* 클라우드 비용 절감\n")
    assert index.update().changed == 40
    hits = {hit.path: hit for hit in index.search(QUERY, limit=None)[1]}
    assert len(hits) == brute_force_count(library, QUERY)
    assert all(hits[post].outline_pending and hits[post].outline_path == () for post in posts[:40])
    assert index.store_outlines() == 40
    hits = {hit.path: hit for hit in index.search(QUERY, limit=None)[1]}
    assert all(hits[post].outline_path == ("다시 쓴 글", "클라우드 비용 절감") for post in posts[:40])


def test_a_post_changed_after_the_update_is_not_stored_with_the_old_version(
    index: LibraryIndex, library: Path
) -> None:
    post = library / "_posts" / "2020-01-01-post-0.md"
    rewrite(post, "---\ntitle: 바뀐 글\n---\n## 새 절\n* 클라우드 비용 절감\n")
    assert index.store_outlines() == 79
    hits = {hit.path: hit for hit in index.search(QUERY, limit=None)[1]}
    assert hits[post].outline_pending  # the index has the version it read: not rendered
    index.update()  # reads it again (alone: rendered with it)
    hits = {hit.path: hit for hit in index.search(QUERY, limit=None)[1]}
    assert hits[post].outline_path == ("새 절", "클라우드 비용 절감")


def test_stopped_rendering_keeps_the_newest_posts_done_and_goes_on_later(
    index: LibraryIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    import viewer.core.index

    monkeypatch.setattr(viewer.core.index, "BATCH_POSTS", 8)  # the posts of the four newest days
    stop = threading.Event()
    assert index.store_outlines(lambda _done, _total: stop.set(), stop) == 8
    hits = index.search("글", limit=None)[1]  # every post has it in its title: the newest first
    assert [hit.outline_pending for hit in hits] == [False] * 8 + [True] * 72
    assert index.store_outlines() == 72


def test_an_index_with_paths_still_to_render_is_sound_and_one_with_stray_paths_is_rebuilt(
    index: LibraryIndex, library: Path, tmp_path: Path
) -> None:
    index_file = tmp_path / "cache" / "index.sqlite"
    index.close()
    again = LibraryIndex(library, index_file)
    assert again.update().unchanged == 80  # not read again
    again.close()
    other = sqlite3.connect(index_file)
    other.execute("INSERT INTO outlines (id, blocks) VALUES (100000, x'00')")  # of no post
    other.commit()
    other.close()
    assert LibraryIndex(library, index_file).update().added == 80


def test_the_command_line_search_renders_the_results_it_shows(library: Path, tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "viewer", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        )

    found = json.loads(run("search", "--json", "--limit", "100", str(library), QUERY).stdout)[0]
    assert found["count"] == brute_force_count(library, QUERY) == len(found["results"])
    assert list(PATH) in [result["path_in_outline"] for result in found["results"]]
    indexed = run("index", str(library))
    assert "rendering posts for their outline paths: 80/80\n" in indexed.stderr  # none by the search
    # The paths stored are those the search found.
    assert json.loads(run("search", "--json", "--limit", "100", str(library), QUERY).stdout)[0] == found
    index = LibraryIndex(library, index_path_for(library, tmp_path / "xdg" / "note-viewer"))
    assert index.store_outlines() == 0

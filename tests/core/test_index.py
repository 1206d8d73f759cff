"""The library index: counts, incremental updates, a broken index, and the user's files untouched."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from viewer.core.document import load_post
from viewer.core.index import LibraryIndex, index_path_for

SYLLABLES = list("클라우드데이터검증보안배포분석서버관측성운영비용")


def make_library(folder: Path, posts: int = 80, seed: int = 5) -> None:
    rng = random.Random(seed)
    (folder / "_posts").mkdir(parents=True)
    for number in range(posts):
        words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(12)]
        body = "".join(f"{'  ' * rng.randint(0, 2)}* {' '.join(words[i : i + 3])}\n" for i in range(0, 12, 3))
        if number % 7 == 0:
            body += "* 발표\n  * 클라우드 비용 절감\n"
        title = f"글 {number} {words[0]}"
        (folder / "_posts" / f"2020-01-{number % 28 + 1:02d}-post-{number}.md").write_text(
            f"---\ntitle: {title}\n---\n{body}", encoding="utf-8"
        )


def brute_force_count(folder: Path, query: str) -> int:
    """Posts whose title or text contains the query, read straight from the files."""
    count = 0
    for path in folder.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        count += query.casefold() in text.casefold()
    return count


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        str(p): (hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir", p.stat().st_mtime_ns)
        for p in sorted([folder, *folder.rglob("*")])
    }


def index_posts(tmp_path: Path, posts: dict[str, str]) -> LibraryIndex:
    """An up-to-date index of a blog holding `posts` (file name → text) in _posts/."""
    folder = tmp_path / "blog" / "_posts"
    folder.mkdir(parents=True)
    for name, text in posts.items():
        (folder / name).write_text(text, encoding="utf-8")
    index = LibraryIndex(tmp_path / "blog", tmp_path / "cache" / "index.sqlite")
    index.update()
    return index


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "blog"
    make_library(folder)
    return folder


def test_counts_match_the_files_for_korean_words_of_one_to_four_syllables(library, tmp_path) -> None:
    index = LibraryIndex(library, tmp_path / "cache" / "index.sqlite")
    index.update()
    for query in ["클", "데이", "관측성", "클라우드", "검증", "보", "배포분석", "없는말"]:
        count, hits = index.search(query, limit=None)
        assert count == brute_force_count(library, query), query
        assert len(hits) == count
        assert all(query in (hit.snippet + hit.title) for hit in hits), query


def test_incremental_updates(library, tmp_path) -> None:
    index = LibraryIndex(library, tmp_path / "cache" / "index.sqlite")
    first = index.update()
    assert (first.added, first.unchanged) == (80, 0)
    assert index.update().unchanged == 80  # nothing to do the second time
    new = library / "_posts" / "2021-05-01-new.md"
    new.write_text("---\ntitle: 새 글\n---\n* 유일한낱말 하나\n", encoding="utf-8")
    changed = library / "_posts" / "2020-01-01-post-0.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "* 바뀐낱말\n", encoding="utf-8")
    (library / "_posts" / "2020-01-02-post-1.md").unlink()
    update = index.update()
    assert (update.added, update.changed, update.removed) == (1, 1, 1)
    assert index.search("유일한낱말")[0] == 1
    assert index.search("바뀐낱말")[0] == 1
    assert index.search("글 1")[0] == brute_force_count(
        library, "글 1"
    )  # 글 1, 글 10 … (글 1's file is gone)


def test_a_corrupt_index_is_rebuilt(library, tmp_path) -> None:
    index_file = tmp_path / "cache" / "index.sqlite"
    LibraryIndex(library, index_file).update()
    index_file.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{index_file}{suffix}").unlink(missing_ok=True)
    index = LibraryIndex(library, index_file)
    assert index.update().added == 80
    assert index.search("클라우드")[0] == brute_force_count(library, "클라우드")


def test_command_line_index_and_search_leave_the_folder_unchanged(library, tmp_path) -> None:
    before = snapshot(library)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg-cache")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "viewer", *args], capture_output=True, text=True, env=env, timeout=120
        )

    indexed = run("index", str(library))
    assert indexed.returncode == 0 and "80 added" in indexed.stderr
    assert index_path_for(library, tmp_path / "xdg-cache" / "note-viewer").exists()
    result = run("search", "--json", "--limit", "100", str(library), "클라우드", "검")
    answers = json.loads(result.stdout)
    assert [a["query"] for a in answers] == ["클라우드", "검"]
    assert answers[0]["count"] == brute_force_count(library, "클라우드") == len(answers[0]["results"])
    results = answers[0]["results"]
    assert all(set(r) == {"path", "title", "date", "snippet", "path_in_outline"} for r in results)
    # Where each match is: the outline node holding it, under its parents.
    assert all(r["path_in_outline"][-1:] == [] or "클라우드" in r["path_in_outline"][-1] for r in results)
    assert ["발표", "클라우드 비용 절감"] in [r["path_in_outline"] for r in results]
    assert snapshot(library) == before


def test_categories_and_tags_are_found_too(tmp_path) -> None:
    index = index_posts(
        tmp_path,
        {
            "2024-01-01-a.md": "---\ntitle: 발표 정리\ncategories: 클라우드\ntags: [관측성, OpenTelemetry]\n---\n* 본문\n",
            "2024-01-02-b.md": "---\ntitle: 다른 글\n---\n* 본문\n",
        },
    )
    for query in ("관측성", "opentelemetry", "클라우드", "관측"):
        count, hits = index.search(query)
        assert (count, [hit.path.name for hit in hits]) == (1, ["2024-01-01-a.md"]), query


def test_a_locked_index_or_an_unwritable_cache_is_not_fatal(library, tmp_path, monkeypatch) -> None:
    import sqlite3

    import viewer.core.index

    monkeypatch.setattr(viewer.core.index, "LOCK_WAIT_S", 0.2)
    index_file = tmp_path / "cache" / "index.sqlite"
    LibraryIndex(library, index_file).update()
    (library / "_posts" / "2021-05-01-new.md").write_text(
        "---\ntitle: 새 글\n---\n* 유일한낱말\n", encoding="utf-8"
    )
    other_program = sqlite3.connect(index_file)
    other_program.execute("BEGIN EXCLUSIVE")  # and keeps it
    index = LibraryIndex(library, index_file)
    assert index.update().added == 81  # read again, in memory this time
    assert index.search("유일한낱말")[0] == 1
    other_program.rollback()

    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("a file where the cache folder should be", encoding="utf-8")
    index = LibraryIndex(library, not_a_folder / "index.sqlite")
    assert index.update().added == 81
    assert index.search("클라우드")[0] == brute_force_count(library, "클라우드")


def test_code_words_are_found_as_written(tmp_path) -> None:
    index = index_posts(
        tmp_path,
        {
            "2024-01-01-a.md": "---\ntitle: 코드 메모\n---\n## C# 과 파이썬\n* `__init__` 에서 my_var 를 **굵게** 설정\n"
        },
    )
    for query in ("my_var", "__init__", "C#", "굵게 설정", "C# 과"):
        assert index.search(query)[0] == 1, query


def test_a_post_deleted_while_the_folder_is_read_is_left_out(library, tmp_path, monkeypatch) -> None:
    import viewer.core.index

    doomed = library / "_posts" / "2020-01-03-post-2.md"
    real_load = viewer.core.index.load_post

    def load_post(path):
        if path == doomed:
            doomed.unlink()  # gone between listing the folder and reading the file
        return real_load(path)

    monkeypatch.setattr(viewer.core.index, "load_post", load_post)
    index = LibraryIndex(library, tmp_path / "cache" / "index.sqlite")
    update = index.update()
    assert (update.added, update.removed) == (79, 0)
    assert doomed not in [post.path for post in index.posts()]
    assert len(index.posts()) == 79


def test_posts_with_the_query_in_their_title_rank_first(tmp_path) -> None:
    index = index_posts(
        tmp_path,
        {
            "2024-01-01-p1.md": "---\ntitle: 밋업 정리\n---\n* 관측성 이야기 관측성 관측성\n",
            "2024-01-02-p2.md": "---\ntitle: 관측성 입문\n---\n* 로그와 지표\n",
            "2024-01-03-p3.md": "---\ntitle: 다른 글\n---\n* 관 하나\n",
        },
    )
    # Three characters and more: BM25 with the title weighted; shorter: the title first.
    assert [hit.title for hit in index.search("관측성")[1]] == ["관측성 입문", "밋업 정리"]
    assert [hit.title for hit in index.search("관측")[1]] == ["관측성 입문", "밋업 정리"]
    assert [hit.title for hit in index.search("관")[1]] == ["관측성 입문", "다른 글", "밋업 정리"]


def test_indexes_of_folders_not_opened_for_months_are_deleted(library, tmp_path) -> None:
    from viewer.core.index import forget_unused_indexes

    cache = tmp_path / "cache"
    cache.mkdir()
    old, recent = cache / "library-0000000000000000.sqlite", cache / "library-1111111111111111.sqlite"
    for index_file in (old, recent, cache / "library-0000000000000000.sqlite-wal"):
        index_file.write_bytes(b"x")
    long_ago = time.time() - 200 * 86400
    os.utime(old, (long_ago, long_ago))
    opened = index_path_for(library, cache)
    LibraryIndex(library, opened).update()
    os.utime(opened, (long_ago, long_ago))
    LibraryIndex(library, opened).close()  # opening it again counts as use

    assert forget_unused_indexes(cache) == [old]
    assert sorted(path.name for path in cache.iterdir() if path.suffix == ".sqlite") == sorted(
        [recent.name, opened.name]
    )
    assert not (cache / "library-0000000000000000.sqlite-wal").exists()


def counts(index: LibraryIndex) -> list[int]:
    """What the user sees of an index: the size of the post list and how many posts each
    query finds (one to four syllables: the scan and the trigram index)."""
    return [len(index.posts())] + [
        index.search(q, limit=None)[0] for q in ("클", "데이", "클라우드", "비용 절감")
    ]


def test_a_file_name_that_is_not_utf8_is_listed_found_and_opened(library, tmp_path) -> None:
    titled, untitled = os.fsdecode(b"2021-05-01-\xff.md"), os.fsdecode(b"2021-05-02-\xfe.md")
    try:
        (library / "_posts" / titled).write_text(
            "---\ntitle: 이상한 이름\n---\n* 유일한낱말\n", encoding="utf-8"
        )
        (library / "_posts" / untitled).write_text("* 제목없는낱말\n", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    index = LibraryIndex(library, tmp_path / "cache" / "index.sqlite")
    assert index.update().added == 82
    posts = {os.fsencode(post.path.name): post for post in index.posts()}
    assert posts[b"2021-05-01-\xff.md"].title == "이상한 이름"
    assert posts[b"2021-05-02-\xfe.md"].title == "\ufffd"  # the name, as a file manager shows it
    # The path listed and found is the file's own: it opens.
    count, hits = index.search("유일한낱말")
    assert count == 1 and hits[0].path == posts[b"2021-05-01-\xff.md"].path
    assert load_post(hits[0].path).title == "이상한 이름"
    assert index.search("제목없는낱말")[1][0].path.read_text(encoding="utf-8") == "* 제목없는낱말\n"
    index.close()
    # Unchanged the next time (the names are compared as the file system spells them).
    again = LibraryIndex(library, tmp_path / "cache" / "index.sqlite")
    assert again.update().unchanged == 82

    # And from the command line, with an output that refuses what is not UTF-8.
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"), "PYTHONIOENCODING": "utf-8:strict"}
    for command in (["index", str(library)], ["search", str(library), "유일한낱말"]):
        result = subprocess.run(
            [sys.executable, "-m", "viewer", *command], capture_output=True, text=True, env=env, timeout=120
        )
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "이상한 이름" in result.stdout


def test_a_damaged_index_is_rebuilt_whatever_page_is_hit(library, tmp_path) -> None:
    fresh = LibraryIndex(library, tmp_path / "fresh.sqlite")
    fresh.update()
    expected = counts(fresh)
    index_file = tmp_path / "cache" / "index.sqlite"
    built = LibraryIndex(library, index_file)
    built.update()
    built.close()  # all in the one file now
    whole = index_file.read_bytes()
    page_size = 4096
    pages = len(whole) // page_size
    assert pages > 20
    for seed in range(30):
        rng = random.Random(seed)
        damaged = bytearray(whole)
        for page in rng.sample(range(pages), rng.randint(1, 3)):
            damaged[page * page_size : (page + 1) * page_size] = rng.randbytes(page_size)
        index_file.write_bytes(bytes(damaged))
        for _run in range(2):  # rebuilt once, and right from then on
            index = LibraryIndex(library, index_file)
            index.update()
            assert counts(index) == expected, seed
            index.close()


def test_damage_found_while_searching_or_updating_is_repaired(library, tmp_path) -> None:
    import sqlite3

    index_file = tmp_path / "cache" / "index.sqlite"
    index = LibraryIndex(library, index_file)
    index.update()
    expected = counts(index)
    for work in (lambda: index.search("클라우드"), index.update):
        # Damage to the text index that opening did not see (the index was open already). Its
        # structure record (FTS5 keeps it at id 10) too, so that any use of the text index meets
        # it: random leaves alone are sometimes read as garbage without an error.
        other = sqlite3.connect(index_file)
        other.execute("UPDATE posts_data SET block = randomblob(length(block)) WHERE id >= 10")
        other.commit()
        other.close()
        (library / "_posts" / "2020-01-05-post-4.md").write_text(
            "---\ntitle: 바뀐 글\n---\n* 클라우드\n", "utf-8"
        )
        work()
        assert counts(index) == [80, brute_force_count(library, "클"), brute_force_count(library, "데이"),
                                 brute_force_count(library, "클라우드"), expected[4]]  # fmt: skip


def test_two_indexers_at_once_list_and_find_each_post_once(tmp_path) -> None:
    import threading

    folder = tmp_path / "blog"
    make_library(folder, posts=600)
    index_file = tmp_path / "cache" / "index.sqlite"
    LibraryIndex(folder, index_file).close()  # the window and `note-viewer index` on one folder
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def index_the_folder() -> None:
        try:
            index = LibraryIndex(folder, index_file)
            start.wait()
            index.update()
            index.close()
        except BaseException as exc:  # reported below
            errors.append(exc)

    workers = [threading.Thread(target=index_the_folder) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    index = LibraryIndex(folder, index_file)
    assert index.update().unchanged == 600
    assert counts(index) == [600] + [
        brute_force_count(folder, q) for q in ("클", "데이", "클라우드", "비용 절감")
    ]


def test_an_index_with_a_post_in_twice_is_rebuilt(library, tmp_path) -> None:
    import sqlite3

    index_file = tmp_path / "cache" / "index.sqlite"
    LibraryIndex(library, index_file).update()
    other = sqlite3.connect(index_file)  # as two indexers of an older version left it
    other.execute(
        "INSERT INTO posts (rowid, title, body, labels) SELECT rowid + 1000, title, body, labels FROM posts"
    )
    other.commit()
    other.close()
    index = LibraryIndex(library, index_file)
    index.update()
    assert counts(index) == [80] + [
        brute_force_count(library, q) for q in ("클", "데이", "클라우드", "비용 절감")
    ]


def test_an_index_of_an_older_format_is_read_again(library, tmp_path) -> None:
    import sqlite3

    index_file = tmp_path / "cache" / "index.sqlite"
    index_file.parent.mkdir()
    older = sqlite3.connect(index_file)  # format 7, with every post in twice (two indexers at once)
    older.executescript(
        """
        CREATE TABLE files (path TEXT PRIMARY KEY, mtime_ns INTEGER, size INTEGER, title TEXT, date TEXT,
                            date_iso TEXT, categories TEXT, tags TEXT, draft INTEGER, problem TEXT,
                            body TEXT, folded TEXT);
        CREATE VIRTUAL TABLE posts USING fts5(path UNINDEXED, title, body, labels, tokenize='trigram');
        PRAGMA user_version = 7;
        """
    )
    for path in sorted(library.rglob("*.md")):
        info, text = path.stat(), path.read_text(encoding="utf-8")
        older.execute("INSERT INTO files VALUES (?, ?, ?, ?, '', NULL, '', '', 0, '', ?, ?)",
                      (str(path), info.st_mtime_ns, info.st_size, path.name, text, text.casefold()))  # fmt: skip
        for _twice in range(2):
            older.execute("INSERT INTO posts VALUES (?, ?, ?, '')", (str(path), path.name, text))
    older.commit()
    older.close()
    index = LibraryIndex(library, index_file)
    assert index.update().added == 80
    assert counts(index) == [80] + [
        brute_force_count(library, q) for q in ("클", "데이", "클라우드", "비용 절감")
    ]


def test_where_in_the_outline_a_query_is_comes_from_the_index_without_rendering(
    tmp_path, monkeypatch
) -> None:
    import viewer.core.render

    index = index_posts(
        tmp_path,
        {
            "2024-01-01-a.md": "---\ntitle: 발표 정리\n---\n## 첫째 세션\n* 관측성\n  * **트레이싱** 도입기\n"
            "    * 샘플링 비용\n## 둘째 세션\n* 비용 절감\n",
            "2024-01-02-b.md": "---\ntitle: 트레이싱 모음\n---\n머리말 없이 본문만 있는 글\n",
        },
    )

    def no_render(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a search renders no post")

    monkeypatch.setattr(viewer.core.render, "render_post", no_render)
    paths = {hit.title: hit.outline_path for hit in index.search("트레이싱")[1]}
    # The label as the tree shows it (bold markup gone); the second post has it in its title only.
    assert paths == {"발표 정리": ("첫째 세션", "관측성", "트레이싱 도입기"), "트레이싱 모음": ()}
    assert [hit.outline_path for hit in index.search("비용")[1]] == [
        ("첫째 세션", "관측성", "트레이싱 도입기", "샘플링 비용")
    ]
    assert [hit.outline_path for hit in index.search("절")[1]] == [("둘째 세션", "비용 절감")]


def test_a_post_that_fails_to_render_is_still_found(tmp_path, monkeypatch) -> None:
    import viewer.core.render

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug in the renderer")

    monkeypatch.setattr(viewer.core.render, "render_post", broken)
    index = index_posts(tmp_path, {"2024-01-01-a.md": "---\ntitle: 글\n---\n* 관측성 도입\n"})
    count, hits = index.search("관측성")
    assert count == 1 and hits[0].outline_path == ()


@pytest.mark.slow
def test_a_large_folder_is_rendered_by_a_pool_of_processes_with_the_same_answers(
    library, tmp_path, monkeypatch
) -> None:
    import viewer.core.index

    alone = LibraryIndex(library, tmp_path / "alone" / "index.sqlite")
    alone.update()
    assert alone.store_outlines() == 80
    monkeypatch.setattr(viewer.core.index, "POOL_FROM_POSTS", 10)
    monkeypatch.setattr(viewer.core.index, "POOL_CHUNK", 7)
    monkeypatch.setattr(viewer.core.index.os, "cpu_count", lambda: 2)
    pooled = LibraryIndex(library, tmp_path / "pooled" / "index.sqlite")
    assert pooled.update().added == 80
    assert pooled.store_outlines(background=True) == 80
    for query in ["클", "데이", "클라우드", "비용 절감"]:
        assert pooled.search(query, limit=None) == alone.search(query, limit=None), query


def test_a_snippet_marks_the_whole_match_wherever_it_is(tmp_path) -> None:
    from viewer.core.index import MATCH_END, MATCH_START

    folder = tmp_path / "blog" / "_posts"
    folder.mkdir(parents=True)
    for before in range(20, 60):  # the match after more and more text: somewhere a window ends in it
        lead = "".join(f"- 항목{n}\n" for n in range(before // 3))
        text = (
            f"---\ntitle: 글 {before}\n---\n{lead}#### 클라우드 이전 원칙\n- 확장성을 위해 클라우드로 이전\n"
            + "- 서비스 무중단\n" * (before % 7)
            + "- 데이터센터와 클라우드 동시운영\n- 끝\n"
        )
        (folder / f"2024-01-{before:02d}-a.md").write_text(text, "utf-8")
    index = LibraryIndex(tmp_path / "blog", tmp_path / "index.sqlite")
    index.update()
    count, hits = index.search("클라우드", limit=None)
    assert count == len(hits) == 40
    assert all(f"{MATCH_START}클라우드{MATCH_END}" in hit.snippet for hit in hits)
    index.close()


def _pool_workers_of(pid: int) -> list[int]:
    """The processes `pid` started for its pool (multiprocessing's spawn method)."""
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat_file.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat_file.parent / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid and b"--multiprocessing-fork" in command:
            found.append(int(stat_file.parent.name))
    return found


def _ignores_interrupts(pid: int) -> bool:
    """Whether process `pid` ignores SIGINT (or is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    ignored = next((line.split()[1] for line in status.splitlines() if line.startswith("SigIgn:")), "0")
    return bool(int(ignored, 16) & (1 << (2 - 1)))


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


_LINUX_TWO_CORES = pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2, reason="Linux, 2 cores"
)


def _index_run_with_its_pool(tmp_path: Path, **popen: Any) -> tuple[subprocess.Popen[bytes], list[int]]:
    """`note-viewer index` of 1,500 posts, once its pool of processes is there: (it, their ids)."""
    make_library(tmp_path / "blog", posts=1500)
    folders = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    command = [sys.executable, "-m", "viewer", "index", str(tmp_path / "blog")]
    run = subprocess.Popen(command, env={**os.environ, **folders}, stdout=subprocess.DEVNULL, **popen)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        workers = _pool_workers_of(run.pid)
    if not workers:
        run.kill()
        run.wait()
        pytest.fail("the index run rendered without a pool")
    return run, workers


def _all_end(workers: list[int], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not any(_running(pid) for pid in workers)


@pytest.mark.slow
@_LINUX_TWO_CORES
def test_a_killed_index_run_takes_its_pool_of_processes_with_it(tmp_path) -> None:
    run, workers = _index_run_with_its_pool(tmp_path, stderr=subprocess.DEVNULL)
    run.kill()  # as the system or a user's `kill -9` would: nothing of it runs on
    run.wait()
    assert _all_end(workers)  # they rendered on for nobody, for good


@pytest.mark.slow
@_LINUX_TWO_CORES
def test_ctrl_c_stops_an_index_run_quietly_and_its_pool_with_it(tmp_path) -> None:
    import signal

    said = tmp_path / "stderr.txt"
    with said.open("w") as stderr:
        run, workers = _index_run_with_its_pool(tmp_path, stderr=stderr, start_new_session=True)
        try:
            # Ctrl+C while the pool renders (its processes started, ignoring the interrupt as
            # they do once started): the terminal interrupts the whole group.
            deadline = time.monotonic() + 30
            while not all(_ignores_interrupts(pid) for pid in workers) and time.monotonic() < deadline:
                time.sleep(0.05)
            os.killpg(run.pid, signal.SIGINT)
            status = run.wait(30)
        finally:
            if run.poll() is None:
                run.kill()
    assert status == 128 + 2 and "Traceback" not in said.read_text(), said.read_text()
    assert _all_end(workers)

"""Library search as users meet it, on a generated library (Korean and English, nested bullets).

    python benchmarks/library_speed.py [--posts 10000] [--folder DIR] [--no-window] [--queries-only]

Generates the library (or reuses the one in --folder made with the same --posts): common words
occur in nearly every post, rare ones in about one in a hundred. Prints

- the first index in process: its first pass (when the list and search work), its second (the
  posts rendered for their outline paths: when every path is stored), the size on disk; an
  update of the unchanged folder (in process and as `note-viewer index`);
- each query (common and rare, one to four syllables, English; initial consonants (초성) alone
  and mixed with syllables): how many posts match, checked against a scan of the same text, the
  median time in process, and how many of its results carry an outline path: after the first
  pass (no paths; with the results shown rendered, as the command line does), and after the
  second;
- `note-viewer search --json DIR Q…` as users run it, results with their outline paths: the
  time of one query, of all of them in one run, and so a query beyond the first;
- `grep -l -r -i -F` over the same files, per query;
- the window (offscreen) with the library open: time to the post list and its memory.

--queries-only stops after the queries in process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer.core.document import load_post  # noqa: E402
from viewer.core.hangul import korean_query  # noqa: E402
from viewer.core.index import LibraryIndex, index_path_for, searchable_text  # noqa: E402
from viewer.core.search import Matcher  # noqa: E402

WORDS = ["클라우드", "데이터", "검증", "보안", "네트워크", "컨테이너", "서버리스", "머신러닝", "비용", "성능",
         "아키텍처", "운영", "배포", "관측성", "kubernetes", "latency", "pipeline", "python"]  # fmt: skip
#: Each in about one post in a hundred.
RARE_WORDS = ["펭귄", "양자역학", "홀로그램", "zeppelin"]
#: (query, what it is): common and rare, one to four syllables.
QUERIES = [
    ("검", "common, 1 syllable"),
    ("클라", "common, 2 syllables"),
    ("데이터", "common, 3 syllables"),
    ("머신러닝", "common, 4 syllables"),
    ("운", "common, 1 syllable"),
    ("배포", "common, 2 syllables"),
    ("kubernetes", "common, English"),
    ("pipe", "common, English prefix"),
    ("펭", "rare, 1 syllable"),
    ("펭귄", "rare, 2 syllables"),
    ("홀로그", "rare, 3 syllables"),
    ("양자역학", "rare, 4 syllables"),
    ("zeppelin", "rare, English"),
]
#: Initial consonants, alone and mixed with syllables.
INITIAL_QUERIES = [
    ("ㄱ", "initials, 1"),
    ("ㅋㄹ", "initials, 2"),
    ("ㅋㄹㅇㄷ", "initials, 4"),
    ("ㄱㅊㅅ", "initials, 3"),
    ("ㅎㅎㅎㅎ", "initials, none"),
    ("ㅁㅅㄹㄴ", "initials, 4"),
    ("ㅍㄱ", "initials, rare"),
    ("클ㄹ우드", "mixed"),
    ("ㅋ라우드", "mixed"),
]


def generate(folder: Path, posts: int) -> None:
    rng = random.Random(11)
    (folder / "_posts").mkdir(parents=True)
    for number in range(posts):
        day = f"{2019 + number % 6}-{number % 12 + 1:02d}-{number % 28 + 1:02d}"
        lines = [
            f'---\ntitle: "{rng.choice(WORDS)} 정리 {number}"\n'
            f"date: {day} 10:00:00 +0900\n"
            f"categories: {rng.choice(['AWS', 'Dev', 'Study'])}\n"
            f"tags: [{', '.join(rng.sample(WORDS[:8], 2))}]\n---"
        ]
        depth = 0
        for _ in range(rng.randint(10, 40)):
            if rng.random() < 0.04:
                lines.append(f"{'#' * rng.randint(1, 3)} {rng.choice(WORDS)} {rng.choice(WORDS)}")
                depth = -1
            depth = rng.randint(0, min(3, depth + 1))  # nested as people nest: one level at a time
            words = [rng.choice(WORDS) for _ in range(rng.randint(3, 8))]
            if rng.random() < 0.0004:
                words.insert(rng.randrange(len(words)), rng.choice(RARE_WORDS))
            lines.append(f"{'  ' * depth}* " + " ".join(words))
        (folder / "_posts" / f"{day}-post{number}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "generated").write_text(str(posts))


def scanned_counts(folder: Path, queries: list[str]) -> dict[str, int]:
    """How many posts hold each query in their title, text, categories or tags: a plain scan of
    what the index reads, to check its counts by."""
    folded = []
    for path in sorted((folder / "_posts").glob("*.md")):
        post = load_post(path)
        meta = post.metadata
        labels = " ".join((*meta.categories, *meta.tags))
        folded.append(f"{meta.title}\n{searchable_text(post.body)}\n{labels}".casefold())
    counts = {}
    for query in queries:
        wanted = unicodedata.normalize("NFC", query).casefold()
        if korean_query(wanted) is None:
            counts[query] = sum(wanted in text for text in folded)
        else:  # initial consonants: the matcher a post's search uses
            matcher = Matcher(wanted)
            counts[query] = sum(matcher.matches(text) for text in folded)
    return counts


def cli(*args: str, cache: Path) -> float:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "viewer", *args], capture_output=True, env=env, check=True)
    return time.perf_counter() - start


# The app's own start-up (as viewer.ui.app.run), reporting when the post list is filled.
WINDOW = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from viewer.ui.main_window import MainWindow
from viewer.ui.settings import Settings

app = QApplication(sys.argv[:1])
window = MainWindow(Settings())
window.show()
lists = []

def listed(posts, fresh):
    lists.append(fresh)
    print(f"list {'checked' if fresh else 'cached'} {len(posts)} {time.time():.4f}", flush=True)

def report_memory():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            print(f"rss {int(line.split()[1]) / 1024:.0f}", flush=True)
    window.close()  # stops the rendering for outline paths, as a user closing it
    app.quit()

def settled():
    # Once the checked list and a post are both on screen (either may come first).
    if lists and lists[-1] and window.reading.rendered is not None and not getattr(app, "measuring", False):
        app.measuring = True
        QTimer.singleShot(1000, report_memory)

window.library.listed.connect(listed)
window.library.listed.connect(lambda *_: settled())
window.post_shown.connect(settled)
QTimer.singleShot(0, lambda: window.open_path(Path(sys.argv[1])))
QTimer.singleShot(600_000, app.quit)
app.exec()
"""


def measure_window(folder: Path, cache: Path) -> tuple[dict[str, float], float]:
    """Seconds from process start to each post list, and the resident memory (MB) once the
    checked list and its first post are shown."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(cache),
           "XDG_CONFIG_HOME": str(cache / "config"), "PYTHONPATH": str(ROOT)}  # fmt: skip
    start = time.time()
    output = subprocess.run(
        [sys.executable, "-c", WINDOW, str(folder)], env=env, capture_output=True, text=True, timeout=900
    ).stdout
    lists, memory = {}, 0.0
    for line in output.splitlines():
        words = line.split()
        if words[0] == "list":
            lists.setdefault(words[1], float(words[3]) - start)
        elif words[0] == "rss":
            memory = float(words[1])
    return lists, memory


def size_mb(index_file: Path) -> float:
    return (
        sum(
            Path(f"{index_file}{s}").stat().st_size for s in ("", "-wal") if Path(f"{index_file}{s}").exists()
        )
        / 2**20
    )


def time_queries(
    index: LibraryIndex, expected: dict[str, int], when: str, render_missing: bool = False
) -> None:
    print(f"queries, {when} (in process, median of 5; counts against a scan):")
    times = []
    for query, what in QUERIES + INITIAL_QUERIES:
        runs, count, hits = [], 0, []
        for _ in range(5):
            start = time.perf_counter()
            count, hits = index.search(query, limit=20, render_missing=render_missing)
            runs.append(time.perf_counter() - start)
        check = "exact" if count == expected[query] else f"SCAN SAYS {expected[query]}"
        times.append(statistics.median(runs) * 1000)
        with_paths = sum(bool(hit.outline_path) for hit in hits)
        print(
            f"  {query!r:<12} {what:<24} {count:>7} posts ({check}), {times[-1]:6.1f} ms; "
            f"{with_paths}/{len(hits)} with a path"
        )
    print(f"  median {statistics.median(times):.1f} ms, slowest {max(times):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument(
        "--folder", type=Path, help="where the library is generated (kept); a temporary one by default"
    )
    parser.add_argument("--no-window", action="store_true", help="skip the window's figures")
    parser.add_argument("--queries-only", action="store_true", help="stop after the queries in process")
    options = parser.parse_args()
    temp = Path(tempfile.mkdtemp(prefix="library-speed-"))
    try:
        folder = options.folder or temp / "blog"
        marker = folder / "generated"
        if not (marker.exists() and marker.read_text() == str(options.posts)):
            shutil.rmtree(folder, ignore_errors=True)
            start = time.perf_counter()
            generate(folder, options.posts)
            print(f"generated {options.posts} posts in {time.perf_counter() - start:.0f} s")
        files = sorted((folder / "_posts").glob("*.md"))
        megabytes = sum(f.stat().st_size for f in files) / 2**20
        print(f"library: {len(files)} posts, {megabytes:.0f} MB")
        # Where the command line and the window look for it: they find it indexed.
        cache = temp / "xdg"
        index_file = index_path_for(folder, cache / "note-viewer")
        expected = scanned_counts(folder, [q for q, _ in QUERIES + INITIAL_QUERIES])
        start = time.perf_counter()
        index = LibraryIndex(folder, index_file)
        index.update()
        ready = time.perf_counter() - start
        print(f"first index, first pass (the list and search work): {ready:.1f} s")
        time_queries(index, expected, "after the first pass, no paths yet")
        time_queries(index, expected, "after the first pass, the results shown rendered", render_missing=True)
        # Searches while the paths are stored, as the window makes them (a connection each).
        searching: list[float] = []

        def search_meanwhile(done: int, total: int) -> None:
            if done % 1000 < 200:
                begin = time.perf_counter()
                meanwhile = LibraryIndex(folder, index_file)
                meanwhile.search("클라", limit=30)
                meanwhile.close()
                searching.append(time.perf_counter() - begin)

        start = time.perf_counter()
        stored = index.store_outlines(search_meanwhile)
        rendering = time.perf_counter() - start - sum(searching)
        searching = searching or [0.0]
        print(
            f"a search while the paths are stored (opening the index, as the window does): median "
            f"{statistics.median(searching) * 1000:.0f} ms, slowest {max(searching) * 1000:.0f} ms"
        )
        print(
            f"second pass ({stored} posts rendered for their outline paths): {rendering:.1f} s; every path "
            f"stored {ready + rendering:.1f} s after the start; index on disk {size_mb(index_file):.0f} MB"
        )
        index.close()
        start = time.perf_counter()
        index = LibraryIndex(folder, index_file)
        index.update()
        print(f"reopen + update, unchanged folder: {time.perf_counter() - start:.2f} s")
        time_queries(index, expected, "every path stored")
        index.close()
        if options.queries_only:
            return

        print(f"note-viewer index (unchanged folder): {cli('index', str(folder), cache=cache):.2f} s")
        queries = [q for q, _ in QUERIES]
        one, every = [], []
        for _ in range(3):
            one.append(cli("search", "--json", str(folder), queries[0], cache=cache))
            every.append(cli("search", "--json", str(folder), *queries, cache=cache))
        beyond = (statistics.median(every) - statistics.median(one)) / (len(queries) - 1)
        print(
            f"note-viewer search --json (with outline paths): one query {statistics.median(one):.2f} s, "
            f"{len(queries)} queries {statistics.median(every):.2f} s: "
            f"{beyond * 1000:.0f} ms a query beyond the first"
        )
        env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(ROOT)}
        answers = json.loads(
            subprocess.run(
                [sys.executable, "-m", "viewer", "search", "--json", str(folder), *queries],
                capture_output=True, text=True, env=env, check=True,
            ).stdout
        )  # fmt: skip
        with_paths = sum(bool(r["path_in_outline"]) for a in answers for r in a["results"])
        results = sum(len(a["results"]) for a in answers)
        print(f"  {with_paths} of {results} results carry an outline path")
        grep_times = []
        for query in queries:
            start = time.perf_counter()
            subprocess.run(
                ["grep", "-l", "-r", "-i", "-F", query, str(folder / "_posts")], capture_output=True
            )
            grep_times.append(time.perf_counter() - start)
        print(
            f"grep -l -r -i -F over the same files: {statistics.median(grep_times) * 1000:.0f} ms a query "
            f"({min(grep_times) * 1000:.0f}–{max(grep_times) * 1000:.0f} ms)"
        )
        if not options.no_window:
            lists, _memory = measure_window(folder, temp / "first")
            print(
                f"window, first opening: list checked {lists.get('checked', float('nan')):.2f} s after start"
            )
            lists, memory = measure_window(folder, cache)
            print(
                f"window, indexed library: list shown {lists.get('cached', float('nan')):.2f} s after start, "
                f"checked against the folder {lists.get('checked', float('nan')):.2f} s; "
                f"memory with the library open {memory:.0f} MB"
            )
    finally:
        shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    main()

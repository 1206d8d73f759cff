"""Library index speed on a generated 10,000-post library (Korean and English, nested bullets).

    python benchmarks/library_speed.py [POSTS] [--queries-only]

Prints: the first index, an update of the unchanged folder (in process and as `note-viewer
index`), the mean query time over queries of one to four Korean syllables and English words,
the same for initial-consonant (초성) queries, wall clock and processor time (this machine is
shared), and (unless --queries-only), for the window (offscreen): the time from process start
to a usable post list when the library was indexed before, and the memory with the
10,000-post library open.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer.core.index import LibraryIndex  # noqa: E402

WORDS = ["클라우드", "데이터", "검증", "보안", "네트워크", "컨테이너", "서버리스", "머신러닝", "비용", "성능",
         "아키텍처", "운영", "배포", "관측성", "kubernetes", "latency", "pipeline", "python"]  # fmt: skip
QUERIES = ["검", "클라", "데이터", "관측성", "머신러닝", "아키텍처", "kubernetes", "pipe", "운", "배포"]
#: Initial consonants, alone and mixed with syllables (every post holds one of the words).
INITIAL_QUERIES = ["ㄱ", "ㅋㄹ", "ㅋㄹㅇㄷ", "ㄱㅊㅅ", "ㅎㅎㅎㅎ", "ㅁㅅㄹㄴ", "클ㄹ우드", "ㅋ라우드"]


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
            depth = rng.randint(0, min(3, depth + 1))  # nested as people nest: one level at a time
            lines.append(f"{'  ' * depth}* " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))))
        (folder / "_posts" / f"{day}-post{number}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


# The app's own start-up (as viewer.ui.app.run), reporting when the post list is filled.
WINDOW = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from viewer.ui.main_window import MainWindow
from viewer.ui.settings import Settings

app = QApplication(sys.argv[:1])
window = MainWindow(Settings(), build_now=False)
window.show()
app.processEvents()
window.build()
lists = []

def listed(posts, fresh):
    lists.append(fresh)
    print(f"list {'checked' if fresh else 'cached'} {len(posts)} {time.time():.4f}", flush=True)

def report_memory():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            print(f"rss {int(line.split()[1]) / 1024:.0f}", flush=True)
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
QTimer.singleShot(120_000, app.quit)
app.exec()
"""


def measure_window(folder: Path, cache: Path) -> tuple[dict[str, float], float]:
    """Seconds from process start to each post list, and the resident memory (MB) once the
    checked list and its first post are shown."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(cache),
           "XDG_CONFIG_HOME": str(cache / "config"), "PYTHONPATH": str(ROOT)}  # fmt: skip
    start = time.time()
    output = subprocess.run(
        [sys.executable, "-c", WINDOW, str(folder)], env=env, capture_output=True, text=True, timeout=180
    ).stdout
    lists, memory = {}, 0.0
    for line in output.splitlines():
        words = line.split()
        if words[0] == "list":
            lists.setdefault(words[1], float(words[3]) - start)
        elif words[0] == "rss":
            memory = float(words[1])
    return lists, memory


def time_initial_queries(index: LibraryIndex) -> None:
    wall, processor = [], []
    for query in INITIAL_QUERIES:
        runs = []
        for _ in range(5):
            start, start_cpu = time.perf_counter(), time.process_time()
            count, _ = index.search(query, limit=20)
            runs.append((time.perf_counter() - start, time.process_time() - start_cpu))
        wall.append(statistics.median(run[0] for run in runs))
        processor.append(statistics.median(run[1] for run in runs))
        print(
            f"  {query!r}: {count} posts, {wall[-1] * 1000:.1f} ms ({processor[-1] * 1000:.1f} ms processor)"
        )
    print(
        f"mean initial-consonant query: {statistics.mean(wall) * 1000:.1f} ms "
        f"({statistics.mean(processor) * 1000:.1f} ms processor)"
    )


def main() -> None:
    arguments = [argument for argument in sys.argv[1:] if argument != "--queries-only"]
    posts = int(arguments[0]) if arguments else 10_000
    with tempfile.TemporaryDirectory() as temp:
        folder, index_file = Path(temp) / "blog", Path(temp) / "cache" / "index.sqlite"
        generate(folder, posts)
        start = time.perf_counter()
        index = LibraryIndex(folder, index_file)
        index.update()
        print(f"first index of {posts} posts: {time.perf_counter() - start:.1f} s")
        index.close()
        start = time.perf_counter()
        index = LibraryIndex(folder, index_file)
        index.update()
        print(f"reopen + update, unchanged folder: {time.perf_counter() - start:.2f} s")
        first_times, times = [], []
        for query in QUERIES:
            runs = []
            for _ in range(5):  # this machine is shared: the median of five says more than one run
                start = time.perf_counter()
                count, _ = index.search(query, limit=20)
                runs.append(time.perf_counter() - start)
            first_times.append(runs[0])
            times.append(statistics.median(runs))
            print(
                f"  {query!r}: {count} posts, {times[-1] * 1000:.1f} ms (first run {runs[0] * 1000:.1f} ms)"
            )
        print(
            f"mean query: {statistics.mean(times) * 1000:.1f} ms "
            f"(first runs only: {statistics.mean(first_times) * 1000:.1f} ms)"
        )
        time_initial_queries(index)
        index.close()
        if "--queries-only" in sys.argv:
            return
        env_cache = Path(temp) / "xdg"
        for label in ("first", "unchanged"):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "viewer", "index", str(folder)],
                capture_output=True,
                env={"XDG_CACHE_HOME": str(env_cache), "PATH": "/usr/bin:/bin"},
                check=True,
            )
            print(f"note-viewer index ({label}): {time.perf_counter() - start:.2f} s")
        # The window, on the library `note-viewer index` just indexed in env_cache.
        for _run in range(3):
            lists, memory = measure_window(folder, env_cache)
            print(
                f"window, indexed library: list shown {lists.get('cached', float('nan')):.2f} s after start, "
                f"checked against the folder {lists.get('checked', float('nan')):.2f} s; "
                f"memory with the library open {memory:.0f} MB"
            )


if __name__ == "__main__":
    main()

"""Library index speed on a generated 10,000-post library (Korean and English, nested bullets).

    python benchmarks/library_speed.py [POSTS]

Prints: the first index, an update of the unchanged folder (in process and as `note-viewer
index`), and the mean query time over queries of one to four Korean syllables and English words.
"""

from __future__ import annotations

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


def generate(folder: Path, posts: int) -> None:
    rng = random.Random(11)
    (folder / "_posts").mkdir(parents=True)
    for number in range(posts):
        lines = [
            f'---\ntitle: "{rng.choice(WORDS)} 정리 {number}"\ndate: 2020-01-01 10:00:00 +0900\n'
            f"categories: {rng.choice(['AWS', 'Dev', 'Study'])}\n---"
        ]
        for _ in range(rng.randint(10, 40)):
            depth = rng.randint(0, 3)
            lines.append(f"{'  ' * depth}* " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))))
        (folder / "_posts" / f"2020-{number % 12 + 1:02d}-{number % 28 + 1:02d}-post{number}.md").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )


def main() -> None:
    posts = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
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
        times = []
        for query in QUERIES:
            start = time.perf_counter()
            count, _ = index.search(query, limit=20)
            times.append(time.perf_counter() - start)
            print(f"  {query!r}: {count} posts, {times[-1] * 1000:.1f} ms")
        print(f"mean query: {statistics.mean(times) * 1000:.1f} ms")
        index.close()
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


if __name__ == "__main__":
    main()

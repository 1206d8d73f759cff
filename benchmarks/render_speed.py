"""Render speed: our full render (HTML + outline + links) against plain Python-Markdown.

    python benchmarks/render_speed.py [SEED_POST]

Generates a ~1 MB post of nested Korean bullets, renders it with `render_post` and with
`markdown.markdown(text, extensions=["extra"])`, and prints both times (best of 3) and their
ratio. Then times the seed post (default: ../shared/seeds/*.txt) and the sample posts.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer.core.document import load_post  # noqa: E402
from viewer.core.render import render_post  # noqa: E402

WORDS = [
    "클라우드",
    "데이터",
    "분석",
    "보안",
    "네트워크",
    "컨테이너",
    "서버리스",
    "머신러닝",
    "비용",
    "성능",
    "아키텍처",
    "운영",
    "배포",
    "관측성",
]


def generate_post(target_bytes: int = 1_000_000, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = ["---", 'title: "생성된 긴 요약"', "date: 2021-01-15 10:00:00 +0900", "---"]
    size = 0
    section = 0
    while size < target_bytes:
        section += 1
        lines.append(f"## 세션 {section}")
        for _ in range(rng.randint(5, 12)):
            for depth in range(rng.randint(1, 4)):
                marker = "*+-"[depth % 3]
                words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))
                extra = f" https://www.youtube.com/watch?v=v{section}x{depth}" if rng.random() < 0.05 else ""
                lines.append(f"{'  ' * depth}{marker} {words}{extra}")
        size = sum(len(line.encode()) + 1 for line in lines)
    return "\n".join(lines) + "\n"


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    text = generate_post()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "2021-01-15-long.md"
        path.write_text(text, encoding="utf-8")
        post = load_post(path)
        rendered = render_post(post)
        items = sum(1 for line in text.splitlines() if line.lstrip()[:2] in ("* ", "+ ", "- "))
        ours = best_of(3, lambda: render_post(load_post(path)))
    plain = best_of(3, lambda: markdown.markdown(post.body, extensions=["extra"]))
    print(
        f"generated post: {len(text.encode()) / 1e6:.2f} MB, {items} list items, {len(rendered.links)} links"
    )
    print(f"ours (load + HTML + outline + links): {ours:.3f} s")
    print(f"plain markdown.markdown(extra):       {plain:.3f} s")
    print(f"ratio ours / plain: {ours / plain:.2f}")

    seeds = [Path(a) for a in sys.argv[1:]] or sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    for seed in [*seeds, *sorted((ROOT / "resources" / "samples").rglob("*.md"))]:
        render_post(load_post(seed))  # warm up imports and caches
        times = [best_of(1, lambda s=seed: render_post(load_post(s))) for _ in range(20)]
        print(f"{seed.name}: median {statistics.median(times) * 1000:.1f} ms over 20 renders")


if __name__ == "__main__":
    main()

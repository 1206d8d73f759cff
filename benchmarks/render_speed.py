"""Render speed: our full render (HTML + outline + links) against plain Python-Markdown and
against kramdown itself.

    python benchmarks/render_speed.py [SEED_POST]

Generates two ~1 MB posts of nested Korean bullets: one of plain words, and one with the inline
markup real posts have (bold, emphasis, code spans, links, bare URLs, quotes, tables, a `{:toc}`).
Each is rendered with `render_post` (in process, best of 3), with
`markdown.markdown(text, extensions=["extra"])`, with `note-viewer html` (the whole command, as a
user runs it) and, when Ruby with kramdown is installed, with kramdown as Jekyll configures it
(the whole Ruby process). Times are CPU seconds (user + system) so that a busy machine changes
them little; wall-clock seconds are printed beside the commands'. Then the seed post and the
sample posts, median of 20 renders, and with NOTE_VIEWER_CORPUS set the slowest posts of the
corpus (median of 3 renders each) and how many take over 50 ms.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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
TERMS = ["EC2", "S3", "Lambda", "EKS", "gp3", "Aurora", "SageMaker", "Graviton2"]
FRONT_MATTER = ["---", 'title: "생성된 긴 요약"', "date: 2021-01-15 10:00:00 +0900", "---"]
KRAMDOWN = (
    'require "kramdown"; require "kramdown-parser-gfm"; '
    'puts Kramdown::Document.new(STDIN.read, input: "GFM", hard_wrap: false, auto_ids: true, '
    'math_engine: "mathjax", smart_quotes: "lsquo,rsquo,ldquo,rdquo").to_html'
)


def generate_post(target_bytes: int = 1_000_000, seed: int = 7) -> str:
    """Nested bullets of plain words, a YouTube link now and then."""
    rng = random.Random(seed)
    lines = list(FRONT_MATTER)
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


def generate_markup_post(target_bytes: int = 1_000_000, seed: int = 11) -> str:
    """Nested bullets with inline markup at several times the density of real posts (bold,
    emphasis, code spans, links, bare URLs, quotes), a table every fourth section, a `{:toc}`."""
    rng = random.Random(seed)

    def words(low: int, high: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))

    def inline() -> str:
        parts = []
        for _ in range(rng.randint(1, 3)):
            roll, text = rng.random(), words(1, 3)
            if roll < 0.08:
                parts.append(f"**{text}**")
            elif roll < 0.14:
                parts.append(f"`{rng.choice(TERMS)}.config()`")
            elif roll < 0.19:
                parts.append(f"[{text}](https://www.slideshare.net/awskorea/s{rng.randint(1, 999)})")
            elif roll < 0.23:
                parts.append(f"https://www.youtube.com/watch?v=v{rng.randint(1, 99999)}")
            elif roll < 0.25:
                parts.append(f"_{text}_")
            elif roll < 0.28:
                parts.append(f'{rng.choice(TERMS)}({text}) -> "{text}"')
            else:
                parts.append(text)
        return " ".join(parts)

    lines = [*FRONT_MATTER, "", "* TOC", "{:toc}", ""]
    size, section = 0, 0
    while size < target_bytes:
        section += 1
        lines += [f"## 세션 {section}: {words(1, 3)}", ""]
        for _ in range(rng.randint(5, 12)):
            for depth in range(rng.randint(1, 4)):
                lines.append(f"{'  ' * depth}{'*+-'[depth % 3]} {inline()}")
        if section % 4 == 0:
            lines += ["", "| 항목 | 설명 | 비고 |", "|---|---|---|"]
            lines += [
                f"| {words(1, 2)} | {inline()} | `{rng.choice(TERMS)}` |" for _ in range(rng.randint(3, 8))
            ]
        lines.append("")
        size = sum(len(line.encode()) + 1 for line in lines)
    return "\n".join(lines) + "\n"


def cpu_best_of(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return min(times)


def command_times(command: list[str], stdin: bytes) -> tuple[float, float]:
    """(CPU seconds of the child, wall seconds) of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, input=stdin, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def kramdown_available() -> bool:
    if shutil.which("ruby") is None:
        return False
    probe = subprocess.run(
        ["ruby", "-e", 'require "kramdown"; require "kramdown-parser-gfm"'], capture_output=True
    )
    return probe.returncode == 0


def measure(name: str, text: str, folder: Path, with_kramdown: bool) -> None:
    path = folder / f"2021-01-15-{name}.md"
    path.write_text(text, encoding="utf-8")
    post = load_post(path)
    rendered = render_post(post)
    items = sum(1 for line in text.splitlines() if line.lstrip()[:2] in ("* ", "+ ", "- "))
    ours = cpu_best_of(3, lambda: render_post(load_post(path)))
    plain = cpu_best_of(3, lambda: markdown.markdown(post.body, extensions=["extra"]))
    print(f"{name} post: {len(text.encode()) / 1e6:.2f} MB, {items} list items, {len(rendered.links)} links")
    print(f"  ours in process (load + HTML + outline + links): {ours:.3f} s CPU")
    print(f"  plain markdown.markdown(extra):                  {plain:.3f} s CPU")
    print(f"  ours / plain: {ours / plain:.2f}")
    note_viewer = Path(sys.executable).with_name("note-viewer")
    if note_viewer.exists():
        cpu, wall = min(command_times([str(note_viewer), "html", str(path)], b"") for _ in range(3))
        print(f"  note-viewer html (whole command):                {cpu:.3f} s CPU ({wall:.2f} s wall)")
    if with_kramdown:
        cpu, wall = min(command_times(["ruby", "-e", KRAMDOWN], post.body.encode()) for _ in range(3))
        print(f"  kramdown (whole Ruby process):                   {cpu:.3f} s CPU ({wall:.2f} s wall)")


def main() -> None:
    with_kramdown = kramdown_available()
    if not with_kramdown:
        print("(Ruby with kramdown and kramdown-parser-gfm is not installed: no kramdown times)")
    with tempfile.TemporaryDirectory() as folder:
        measure("plain", generate_post(), Path(folder), with_kramdown)
        measure("markup-heavy", generate_markup_post(), Path(folder), with_kramdown)

    seeds = [Path(a) for a in sys.argv[1:]] or sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    for seed in [*seeds, *sorted((ROOT / "resources" / "samples").rglob("*.md"))]:
        render_post(load_post(seed))  # warm up imports and caches
        times = [cpu_best_of(1, lambda s=seed: render_post(load_post(s))) for _ in range(20)]
        print(f"{seed.name}: median {statistics.median(times) * 1000:.1f} ms CPU over 20 renders")
    corpus = os.environ.get("NOTE_VIEWER_CORPUS")
    if corpus:
        posts = sorted(p for p in Path(corpus).glob("*/*") if p.suffix in (".md", ".markdown"))
        timed = []
        for path in posts:
            post = load_post(path)
            timed.append(
                (statistics.median(cpu_best_of(1, lambda p=post: render_post(p)) for _ in range(3)), path)
            )
        timed.sort(reverse=True)
        over = sum(1 for seconds, _ in timed if seconds > 0.050)
        median = statistics.median(seconds for seconds, _ in timed)
        print(f"corpus: {len(timed)} posts, median {median * 1000:.1f} ms, {over} over 50 ms")
        for seconds, path in timed[:5]:
            print(f"  {seconds * 1000:6.1f} ms  {path.stat().st_size / 1000:6.1f} KB  {path.name}")
    if os.getloadavg()[0] > (os.cpu_count() or 1):
        print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs: wall times are unreliable)")


if __name__ == "__main__":
    main()

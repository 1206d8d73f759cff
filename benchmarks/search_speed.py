"""Search speed in the window: each keystroke's search plus the repaint of the tree and the post.

    python benchmarks/search_speed.py

Generates a post with 5,000 nested list items (Korean and English), opens it in the real
window (offscreen unless DISPLAY is set), types queries one character at a time and times,
for each keystroke, the search (post highlights, outline filter, link filter) and a
synchronous repaint of the outline and the post. Prints the median and the worst keystroke.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

WORDS = ["클라우드", "데이터", "검증", "보안", "네트워크", "컨테이너", "서버리스", "ML", "SageMaker",
         "cost", "latency", "pipeline", "observability", "배포"]  # fmt: skip
QUERIES = ["클라우드", "검증", "ml", "SageMaker", "데이터 분석", "zzz"]


def generate(items: int = 5000, seed: int = 3) -> str:
    rng = random.Random(seed)
    lines = ["---", "title: 5,000 items", "---"]
    for number in range(items):
        if number % 100 == 0:
            lines.append(f"## 세션 {number // 100 + 1}")
        depth = rng.choice([0, 0, 1, 1, 2, 3])
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9)))
        lines.append(f"{'  ' * depth}{'*+-'[depth % 3]} {text}")
    return "\n".join(lines) + "\n"


def main() -> None:
    app = QApplication(sys.argv[:1])
    from viewer.ui.main_window import MainWindow
    from viewer.ui.settings import Settings

    with tempfile.TemporaryDirectory() as folder:
        post = Path(folder) / "2021-01-01-five-thousand.md"
        post.write_text(generate(), encoding="utf-8")
        window = MainWindow(Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)))
        window.resize(1280, 800)
        window.show()
        if os.environ.get("NOGC"):
            import gc

            gc.disable()
        window.open_path(post)
        window.reading.wait()
        for _ in range(3):
            app.processEvents()
        assert window.reading.rendered is not None
        items = sum(1 for line in post.read_text().splitlines() if line.lstrip()[:2] in ("* ", "+ ", "- "))
        times: list[float] = []
        worst = ("", 0.0)
        for query in QUERIES * int(os.environ.get("ROUNDS", "1")):
            for length in range(1, len(query) + 1):
                typed = query[:length]
                start = time.perf_counter()
                window.search.edit.setText(typed)
                window.search.apply()
                window.outline.viewport().repaint()
                window.preview.viewport().repaint()
                window.links.viewport().repaint()
                elapsed = time.perf_counter() - start
                times.append(elapsed)
                if os.environ.get("VERBOSE"):
                    print(f"  {typed!r}: {elapsed * 1000:.1f} ms")
                if elapsed > worst[1]:
                    worst = (typed, elapsed)
            window.search.clear()
            app.processEvents()
        print(f"post: {items} list items; {len(times)} keystrokes over {len(QUERIES)} queries")
        print(
            f"per keystroke (search + repaint): median {statistics.median(times) * 1000:.1f} ms, "
            f"worst {worst[1] * 1000:.1f} ms (typing {worst[0]!r})"
        )
        window.close()


if __name__ == "__main__":
    main()

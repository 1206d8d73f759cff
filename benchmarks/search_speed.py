"""Search speed in the window: each keystroke's search plus the repaint of the tree and the post.

    python benchmarks/search_speed.py

Generates a post with 5,000 nested list items (Korean and English), opens it in the real
window (offscreen unless DISPLAY is set), types queries one character at a time and times,
for each keystroke, the search (post highlights, outline filter, link filter) and a
synchronous repaint of the outline and the post. Prints the median and the worst keystroke;
then the same for initial-consonant queries (ㅋㄹㅇㄷ, typed one consonant at a time) and for
클라우드 as a Korean input method composes it (the syllable being composed searched too).
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
INITIAL_QUERIES = ["ㅋㄹㅇㄷ", "ㄱㅈ", "ㄷㅇㅌ ㅂㅅ", "클ㄹ우드", "ㅎㅎㅎ"]
#: (committed text, syllable being composed), keystroke by keystroke, as ibus-hangul reports them.
COMPOSING = [("", "ㅋ"), ("", "크"), ("", "클"), ("클", "ㄹ"), ("클", "라"), ("클", "랑"), ("클라", "우"),
             ("클라", "욷"), ("클라우", "드"), ("클라우드", "")]  # fmt: skip


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


def time_matcher() -> None:
    """The matcher alone on the generated post's text: a word, its initials, and the word with
    its last syllable being composed (processor time, best of five)."""
    from viewer.core.search import Matcher

    text = generate()
    for query, composing in (("클라우드", ""), ("ㅋㄹㅇㄷ", ""), ("클라", "욷"), ("zzz", ""), ("ㅎㅎㅎ", "")):
        matcher = Matcher(query, composing=composing)
        runs = []
        for _ in range(5):
            start = time.process_time()
            found = matcher.find_all(text)
            runs.append(time.process_time() - start)
        print(
            f"matcher {query + composing!r}: {len(found)} matches in {len(text):,} characters, "
            f"{min(runs) * 1000:.1f} ms"
        )


def main() -> None:
    time_matcher()
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
        initials = [
            [(query[:length], "") for length in range(1, len(query) + 1)] for query in INITIAL_QUERIES
        ]
        for label, typings in (("initial consonants", initials), ("composing 클라우드", [COMPOSING])):
            times, worst = [], ("", 0.0)
            for states in typings:
                for text, composing in states:
                    start = time.perf_counter()
                    window.search.edit.setText(text)
                    window.search.edit.composing = composing
                    window.search.apply()
                    window.outline.viewport().repaint()
                    window.preview.viewport().repaint()
                    window.links.viewport().repaint()
                    times.append(time.perf_counter() - start)
                    if times[-1] > worst[1]:
                        worst = (text + composing, times[-1])
                window.search.clear()
                app.processEvents()
            print(
                f"{label}, per keystroke: median {statistics.median(times) * 1000:.1f} ms, "
                f"worst {worst[1] * 1000:.1f} ms (typing {worst[0]!r})"
            )
        window.close()


if __name__ == "__main__":
    main()

"""Mind map speed on a 5,000-node outline: opening folded, unfolding, and the paint time of a
frame while panning.

    python benchmarks/map_speed.py [--nodes 5000] [--write POST.md]

Generates a post of nested Korean bullets with about `--nodes` outline nodes, reads it with the
reading state (off the clock), then times, with the map panel as the window shows it (1000×760):
- open: the map built folded to its sensible level and its first frame painted (goal ≤ 300 ms);
- expand all / back to the sensible level / fold and unfold one branch;
- paint per frame while panning (scrolled 40 px a frame, as a drag does) at 100%, at 50% and
  fitted to the window (everything visible), everything unfolded; and a full repaint;
- the SVG of the whole map (Qt-free, estimated metrics) and its layout alone.
Runs on Qt's offscreen platform unless QT_QPA_PLATFORM says otherwise (raster painting, as on
screen, without the compositor). Prints medians and 95th percentiles of 3 runs.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from viewer.core.map_layout import EstimatedMetrics, MindMap  # noqa: E402
from viewer.core.map_svg import map_svg  # noqa: E402
from viewer.core.outline import walk  # noqa: E402

WORDS = "클라우드 데이터 분석 보안 네트워크 컨테이너 서버리스 머신러닝 비용 성능 운영 배포 관측성".split()
ENGLISH = "Graviton SageMaker Kubernetes OpenTelemetry Lambda Aurora Redshift EKS".split()


def generate_post(nodes: int, seed: int = 5) -> str:
    """About `nodes` outline nodes: one title heading, sections of nested bullets 1–4 deep."""
    rng = random.Random(seed)
    lines = [
        "---",
        'title: "생성된 5천 노드 요약"',
        "date: 2021-01-15 10:00:00 +0900",
        "---",
        "# 생성된 요약",
    ]
    count, section = 1, 0
    while count < nodes:
        section += 1
        lines.append(f"## 세션 {section}: {rng.choice(WORDS)}와 {rng.choice(ENGLISH)}")
        count += 1
        for _ in range(rng.randint(6, 10)):
            for depth in range(rng.randint(1, 4)):
                for _ in range(1 if depth < 2 else rng.randint(1, 3)):
                    words = [rng.choice(WORDS + ENGLISH) for _ in range(rng.randint(3, 14))]
                    lines.append(f"{'  ' * depth}{'*+-'[depth % 3]} {' '.join(words)}")
                    count += 1
    return "\n".join(lines) + "\n"


def timed(action) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Milliseconds `action` took: wall clock, and processor time of this thread."""
    start, cpu = time.perf_counter(), time.thread_time()
    action()
    return (time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000


def pan_frames(app: QApplication, view, frames: int = 120, step: int = 40) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Scroll the view `frames` times (down, then back up) and paint each frame: the wall time
    and the processor time of each paint."""
    bar = view.verticalScrollBar()
    view.paint_times.clear()
    view.paint_cpu_times.clear()
    direction = 1
    for _ in range(frames):
        if not bar.minimum() <= bar.value() + direction * step <= bar.maximum():
            direction = -direction
        bar.setValue(bar.value() + direction * step)
        view.viewport().repaint()
    app.processEvents()
    return list(view.paint_times), list(view.paint_cpu_times)


def summary(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return f"median {statistics.median(values):5.1f} ms, 95% {p95:5.1f} ms"


def repaints(view, count: int) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    view.paint_times.clear()
    view.paint_cpu_times.clear()
    for _ in range(count):
        view.viewport().repaint()
    return list(view.paint_times), list(view.paint_cpu_times)


def measure_once(app: QApplication, reading, runs, add_frames) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """One map panel opened on the post, unfolded, panned, folded: timings into `runs` and
    `add_frames`. Returns the nodes shown at first and the level the map opened at."""
    from viewer.ui.map_view import MapPanel

    panel = MapPanel(reading)
    panel.resize(1000, 760)
    view = panel.view

    def open_map() -> None:
        panel.show()  # builds the map (it was left stale while hidden)
        view.viewport().repaint()

    runs.setdefault("open folded + first frame", []).append(timed(open_map))
    assert panel.mind_map is not None
    mind_map = panel.mind_map
    shown = len(panel.scene.layout_now.nodes) if panel.scene.layout_now else 0
    level = mind_map.sensible_level()
    runs.setdefault("expand all", []).append(timed(lambda: panel.expand_to_level(mind_map.depth + 1)))
    app.processEvents()
    view.set_scale(1.0)
    view.centerOn(0, 0)
    add_frames("pan at 100% by the centre, all unfolded", pan_frames(app, view))
    view.set_scale(0.5)
    add_frames("pan at 50% by the centre, all unfolded", pan_frames(app, view))
    view.set_scale(1.0)
    far = max(panel.scene.layout_now.nodes, key=lambda node: node.depth)
    view.centerOn(far.x, far.y)
    add_frames("pan at 100% among the leaves", pan_frames(app, view))
    add_frames("full repaint at 100% (a jump)", repaints(view, 20))
    view.set_scale(0.3)
    add_frames("pan at 30%, all unfolded", pan_frames(app, view))
    view.fit()
    app.processEvents()
    add_frames("whole map fitted (a repaint)", repaints(view, 10))
    branch = next(node.id for node in panel.scene.layout_now.nodes if node.depth == 1 and node.children)
    runs.setdefault("fold one branch (all unfolded)", []).append(timed(lambda: panel.toggle(branch)))
    runs.setdefault("unfold it again", []).append(timed(lambda: panel.toggle(branch)))
    runs.setdefault(f"back to level {level}", []).append(timed(lambda: panel.expand_to_level(level)))
    panel.hide()
    panel.deleteLater()
    app.processEvents()
    return shown, level


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--write", type=Path, help="also write the generated post here (for screenshots)")
    options = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from viewer.ui.reading import Reading

    text = generate_post(options.nodes)
    if options.write:
        options.write.write_text(text, encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        post = Path(folder) / "2021-01-15-generated.md"
        post.write_text(text, encoding="utf-8")
        reading = Reading()
        done: list[bool] = []
        reading.post_changed.connect(lambda *_: done.append(True))
        reading.open(post)
        while not done:
            app.processEvents()
            time.sleep(0.01)
    assert reading.rendered is not None
    total = sum(1 for _ in walk(reading.rendered.outline))
    size = len(text.encode()) / 1e6
    print(f"{total:,} outline nodes, {size:.2f} MB of Markdown (platform {app.platformName()})")

    runs: dict[str, list[tuple[float, float]]] = {}
    frames: dict[str, tuple[list[float], list[float]]] = {}

    def add_frames(name: str, measured: tuple[list[float], list[float]]) -> None:
        wall, cpu = frames.setdefault(name, ([], []))
        wall.extend(measured[0])
        cpu.extend(measured[1])

    shown, level = 0, 0
    for _ in range(3):
        shown, level = measure_once(app, reading, runs, add_frames)

    metrics = EstimatedMetrics()
    whole = MindMap(reading.outline_shown, "생성된 5천 노드 요약", metrics)
    whole.expand_all()
    runs["layout of everything (estimated metrics)"] = [timed(whole.layout) for _ in range(3)]
    layout = whole.layout()
    runs["SVG of everything"] = [
        timed(lambda: map_svg(layout, metrics, "생성된 5천 노드 요약")) for _ in range(3)
    ]

    print(f"opens folded to level {level}: {shown:,} of {total:,} nodes shown")
    print("(milliseconds: median of wall clock | of processor time; the runs' wall clock)")
    for name, values in runs.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        each = ", ".join(f"{v[0]:.0f}" for v in values)
        print(f"{name:<42} {wall:7.1f} | {cpu:7.1f}   ({each})")
    print("paint time per frame (wall clock | processor time of the GUI thread):")
    for name, (wall, cpu) in frames.items():
        print(f"  {name:<42} {summary(wall)} | {summary(cpu)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

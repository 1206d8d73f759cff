"""Launch to the post on screen, under Xvfb: Note Viewer (cold and warm) against a bare PySide6
window and ReText, in one run, the candidates taking turns.

    python benchmarks/launch.py [POST] [--runs 7] [--retext PATH-TO-retext] [--display :97]

The clock runs from process start until the post has been painted: Note Viewer prints a line
on stderr after the first paint of the post when NOTE_VIEWER_REPORT_FIRST_PAINT=1 (see
viewer/ui/first_paint.py). The bare window (an empty QTextBrowser) prints the same after its
first paint, and ReText (`retext --preview POST`, run through a small wrapper that leaves it
unchanged) after the first paint of its preview with the post in it, and also, for comparison
with older figures, after the first paint of its window (whose title already names the file).

- cold: the first launch with an empty cache and settings folder (a new one each time);
- warm: a launch after an earlier one on the same post (cache and settings kept).

Each round launches every candidate once, so a busy machine slows them alike; ratios are taken
per round and their median is printed besides the medians of the times. The order is shuffled
each round (`--seed`): each launch starts as soon as the previous program ended, and on a
virtual machine what ended before changes a start (a Python that does nothing: 75-130 ms after
an idle moment against 25-30). A program that ends busy (Note Viewer closes its window and
saves its settings) leaves the next launch none of that cost; one killed while idle (the bare
window, ReText) passes it on. In a fixed rotation the same candidates always paid it (the cold
launch, right after the bare window); shuffled, each pays it as often as chance has it.
`--idle 1` starts every launch after a second's idle instead: every candidate pays that cost,
which narrows the ratios.
Memory is the resident set (VmRSS) one second after the post was painted: the outline and the
links are filled by then. Needs Xvfb and xdpyinfo (Debian: xvfb x11-utils); uses the X server on
--display ($BENCH_DISPLAY, default :97), starting an Xvfb there when none answers.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import selectors
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "first paint of the post"
CPU = re.compile(r"\(cpu ([0-9.]+) s\)")

# Reports as Note Viewer does (viewer/ui/first_paint.py): after the next paint of a window (its
# children, the view with the post, paint in the same pass). Not a scroll area's viewport: the
# first call of viewport() makes PySide6 set up the enums of every widget class (~15 ms).
PAINT_REPORTER = """
import sys, time
from {qt}.QtCore import QEvent, QObject, QTimer

class _Reporter(QObject):
    def __init__(self, what):
        super().__init__()
        self.what = what

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            what = self.what
            QTimer.singleShot(0, lambda: print(
                f"bench: {{what}} (cpu {{time.process_time():.3f}} s)", file=sys.stderr, flush=True))
        return False

_reporters = []

def report_paint(widget, what):
    reporter = _Reporter(what)
    _reporters.append(reporter)
    widget.installEventFilter(reporter)
    widget.update()
"""

BARE_WINDOW = (
    PAINT_REPORTER.format(qt="PySide6")
    + """
from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser
app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare window")
browser = QTextBrowser()
window.setCentralWidget(browser)
window.resize(1280, 800)
report_paint(window, "first paint of the post")
window.show()
sys.exit(app.exec())
"""
)

# ReText as `retext --preview POST` runs it, reporting the first paint of its window and the
# first paint of the preview once the post's HTML is in it (ReText converts in a helper
# process and shows the result a moment after the window).
RETEXT = (
    PAINT_REPORTER.format(qt="PyQt6")
    + """
import ReText.tab
import ReText.window
from ReText.__main__ import main

_update_preview = ReText.tab.ReTextTab.updatePreviewBox
_windows = []

def update_preview(tab):
    _update_preview(tab)
    if not getattr(tab, "_bench_reported", False):
        tab._bench_reported = True
        report_paint(tab.p, "first paint of the post")  # its window: the preview paints with it

if __name__ == "__main__":
    ReText.tab.ReTextTab.updatePreviewBox = update_preview

_show = ReText.window.ReTextWindow.show

def show(window):
    if not _windows:
        _windows.append(window)
        report_paint(window, "first paint of the window")
    _show(window)

if __name__ == "__main__":
    ReText.window.ReTextWindow.show = show
if __name__ == "__main__":  # not in ReText's converter process, which imports this file again
    sys.argv[0] = "retext"
    main()
"""
)


@dataclass
class Candidate:
    name: str
    command: list[str]
    #: None: a new home (cache and settings) for each launch.
    home: Path | None
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    memory: list[float] = field(default_factory=list)
    window_times: list[float] = field(default_factory=list)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children_rss_mb(pid: int) -> float:
    """The resident memory of `pid`'s child processes (ReText converts in one)."""
    total = 0.0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{pid}$", text, re.M):
            total += rss_mb(int(status.parent.name))
    return total


def launch(candidate: Candidate, display: str, timeout: float = 60.0, idle: float = 0.0) -> None:
    with tempfile.TemporaryDirectory() as fresh, tempfile.TemporaryDirectory() as runtime:
        home = str(candidate.home or fresh)
        # A session's runtime folder, as logind makes one: where the app's single-instance
        # socket goes. A new one each launch: an app closed by the user leaves none behind
        # (the terminate below does, which no user's start would find).
        os.chmod(runtime, 0o700)
        env = {
            **os.environ,
            "DISPLAY": display,
            "HOME": home,
            "XDG_CONFIG_HOME": str(Path(home) / "config"),
            "XDG_CACHE_HOME": str(Path(home) / "cache"),
            "XDG_STATE_HOME": str(Path(home) / "state"),
            "XDG_RUNTIME_DIR": runtime,
            "QT_QPA_PLATFORM": "xcb",
            "NOTE_VIEWER_REPORT_FIRST_PAINT": "1",
        }
        # As installed programs run: with their compiled modules (a source checkout writes
        # them on the first launch; without them every launch compiles the app again).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        time.sleep(idle)
        start = time.perf_counter()
        process = subprocess.Popen(
            candidate.command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        assert process.stderr is not None
        selector = selectors.DefaultSelector()
        selector.register(process.stderr, selectors.EVENT_READ)
        output: list[str] = []
        shown = None
        while shown is None and time.perf_counter() - start < timeout:
            if not selector.select(timeout=1.0):
                continue
            line = process.stderr.readline()
            if not line:
                break  # it exited
            output.append(line)
            if "first paint of the window" in line:
                candidate.window_times.append(time.perf_counter() - start)
            elif MARKER in line:
                shown = time.perf_counter() - start
                found = CPU.search(line)
                candidate.cpu.append(float(found.group(1)) if found else float("nan"))
        if shown is None:
            process.kill()
            process.wait()
            raise SystemExit(f"{candidate.name}: no post on screen:\n{''.join(output)[-3000:]}")
        candidate.times.append(shown)
        time.sleep(1.0)  # the rest of the window (tree, links) fills in
        candidate.memory.append(rss_mb(process.pid) + children_rss_mb(process.pid))
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def start_x_server(display: str) -> subprocess.Popen[bytes] | None:
    if subprocess.run(["xdpyinfo", "-display", display], capture_output=True).returncode == 0:
        return None
    quiet = subprocess.DEVNULL
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1920x1080x24"], stdout=quiet, stderr=quiet)
    for _ in range(100):  # wait until it answers
        if subprocess.run(["xdpyinfo", "-display", display], capture_output=True).returncode == 0:
            break
        time.sleep(0.1)
    return xvfb


def interpreter_of(script: str) -> str:
    """The Python that runs an installed script (its #! line)."""
    first = Path(script).read_text(errors="replace").splitlines()[0]
    return first[2:].strip() if first.startswith("#!") else sys.executable


def main() -> None:
    parser = argparse.ArgumentParser()
    seeds = [*sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))]  # a checkout beside shared/
    seeds += sorted((ROOT.parent.parent / "shared" / "seeds").glob("*.txt"))  # a worktree
    default_post = Path(os.environ["NOTE_VIEWER_SEED"]) if "NOTE_VIEWER_SEED" in os.environ else None
    default_post = default_post or next(iter(seeds), None)
    parser.add_argument("post", nargs="?", type=Path, default=default_post)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--retext", default=shutil.which("retext"), help="the retext script (PyQt6)")
    parser.add_argument("--display", default=os.environ.get("BENCH_DISPLAY", ":97"))
    parser.add_argument("--idle", type=float, default=0.0, help="seconds idle before each launch")
    parser.add_argument("--seed", type=int, default=1, help="of the order shuffled each round")
    frozen_app = ROOT / "dist" / "note-viewer" / "note-viewer"
    parser.add_argument(
        "--frozen",
        type=Path,
        default=frozen_app if frozen_app.exists() else None,
        help="the PyInstaller build, measured warm too",
    )
    options = parser.parse_args()
    if options.post is None:
        raise SystemExit("give a post to open")
    post = str(options.post.resolve())
    xvfb = start_x_server(options.display)
    with tempfile.TemporaryDirectory() as temp:
        scripts = Path(temp)
        (scripts / "bare.py").write_text(BARE_WINDOW)
        (scripts / "retext.py").write_text(RETEXT)
        warm_home = scripts / "warm"
        frozen_home = scripts / "frozen"
        note_viewer = [sys.executable, "-m", "viewer", post]
        candidates = [
            Candidate("bare PySide6 window + QTextBrowser", [sys.executable, str(scripts / "bare.py")], None),
            Candidate("Note Viewer, cold", note_viewer, None),
            Candidate("Note Viewer, warm", note_viewer, warm_home),
        ]
        if options.frozen:
            candidates.append(Candidate("Note Viewer frozen, warm", [str(options.frozen), post], frozen_home))
        if options.retext:
            retext = [interpreter_of(options.retext), str(scripts / "retext.py"), "--preview", post]
            candidates.append(Candidate("ReText --preview", retext, scripts / "retext"))
        try:
            for candidate in candidates:  # the warm ones see the post once before they are timed
                if candidate.home is not None:
                    launch(candidate, options.display)
                    for figures in (candidate.times, candidate.cpu, candidate.memory, candidate.window_times):
                        figures.clear()
            shuffle = random.Random(options.seed).shuffle
            for _run in range(options.runs):
                order = list(candidates)
                shuffle(order)
                for candidate in order:
                    launch(candidate, options.display, idle=options.idle)
        finally:
            if xvfb is not None:
                xvfb.terminate()
                xvfb.wait(10)
    bare = candidates[0]
    runs = options.runs
    print(f"post: {options.post.name}; medians of {runs} launches in shuffled turns, to the post painted")
    print(f"{'':<36} {'wall':>8} {'÷ bare':>7} {'cpu':>7} {'÷ bare':>7} {'RSS':>9}")

    def ratios(mine: list[float], theirs: list[float]) -> float:
        return statistics.median(a / b for a, b in zip(mine, theirs, strict=True))

    for candidate in candidates:
        print(
            f"{candidate.name:<36} {statistics.median(candidate.times):6.3f} s "
            f"{ratios(candidate.times, bare.times):6.2f}x {statistics.median(candidate.cpu):5.3f} s "
            f"{ratios(candidate.cpu, bare.cpu):6.2f}x {statistics.median(candidate.memory):6.1f} MB"
        )
        if candidate.window_times:
            window = statistics.median(candidate.window_times)
            label = "  (its window painted, title set)"
            print(f"{label:<36} {window:6.3f} s {ratios(candidate.window_times, bare.times):6.2f}x")
    print("wall: process start to the post painted; cpu: the process's CPU time by then (ReText's")
    print("converter process not counted); ÷ bare: median of the per-round ratios; RSS with children.")


if __name__ == "__main__":
    main()

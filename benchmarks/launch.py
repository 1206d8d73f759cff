"""Launch time and memory under Xvfb: Note Viewer against a bare PySide6 window and ReText.

    python benchmarks/launch.py [POST] [--runs 5] [--retext PATH-TO-retext]

Needs Xvfb, xdotool and xdpyinfo (Debian: xvfb xdotool x11-utils). Uses the X server on
$BENCH_DISPLAY (default :97), starting an Xvfb there when none answers. For each program
it measures, five times, the time from process start until a window of it is visible, and
the resident memory (VmRSS) one second after that, when the post has been rendered. Prints
medians. ReText is measured when its executable is given or on PATH.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The X server to use: $BENCH_DISPLAY if it answers, else an Xvfb started here.
DISPLAY = os.environ.get("BENCH_DISPLAY", ":97")

BARE_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser
app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare window")
window.setCentralWidget(QTextBrowser())
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""


def visible_window(pid: int, timeout: float = 30.0) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if not os.path.exists(f"/proc/{pid}"):
            return False  # it exited without a window
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
            capture_output=True,
            text=True,
            env={**os.environ, "DISPLAY": DISPLAY},
        )
        if found.stdout.strip():
            return True
        time.sleep(0.005)
    return False


def rss_mb(pid: int) -> float:
    total = 0
    # The process and its children (ReText's launcher is a script that runs Python).
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total += int(line.split()[1])
    return total / 1024


def measure(command: list[str], runs: int) -> tuple[float, float]:
    times, memory = [], []
    refused = 0
    while len(times) < runs:
        with tempfile.TemporaryDirectory() as home:
            env = {
                **os.environ,
                "DISPLAY": DISPLAY,
                "XDG_CONFIG_HOME": home,
                "XDG_CACHE_HOME": home,
                "HOME": home,
                "QT_QPA_PLATFORM": "xcb",
            }
            start = time.perf_counter()
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if not visible_window(process.pid):
                process.kill()
                errors = process.stderr.read().decode()[-2000:] if process.stderr else ""
                # A busy Xvfb sometimes refuses a connection outright: that launch measured
                # nothing, so it is tried again (and counted).
                if "could not connect to display" in errors and refused < 3 * runs:
                    refused += 1
                    continue
                raise SystemExit(f"no window from {command}: {errors}")
            times.append(time.perf_counter() - start)
            time.sleep(1.0)
            memory.append(rss_mb(process.pid))
            process.terminate()
            process.wait(10)
    if refused:
        print(f"  ({' '.join(command[-2:])}: {refused} launches refused by the X server, tried again)")
    return statistics.median(times), statistics.median(memory)


def main() -> None:
    parser = argparse.ArgumentParser()
    default_post = next(iter(sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))), None)
    parser.add_argument("post", nargs="?", type=Path, default=default_post)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--retext", default=shutil.which("retext"))
    frozen_app = ROOT / "dist" / "note-viewer" / "note-viewer"
    parser.add_argument(
        "--frozen",
        type=Path,
        default=frozen_app if frozen_app.exists() else None,
        help="the PyInstaller build to compare with the source run",
    )
    options = parser.parse_args()
    if options.post is None:
        raise SystemExit("give a post to open")
    xvfb = None
    if subprocess.run(["xdpyinfo", "-display", DISPLAY], capture_output=True).returncode != 0:
        xvfb = subprocess.Popen(
            ["Xvfb", DISPLAY, "-screen", "0", "1920x1080x24"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):  # wait until the X server answers
            if subprocess.run(["xdpyinfo", "-display", DISPLAY], capture_output=True).returncode == 0:
                break
            time.sleep(0.1)
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
            script.write(BARE_WINDOW)
        programs = {
            "bare PySide6 window + QTextBrowser": [sys.executable, script.name],
            "Note Viewer": [sys.executable, "-m", "viewer", str(options.post)],
        }
        if options.frozen:
            programs["Note Viewer (frozen)"] = [str(options.frozen), str(options.post)]
        if options.retext:
            programs["ReText --preview"] = [options.retext, "--preview", str(options.post)]
        results = {name: measure(command, options.runs) for name, command in programs.items()}
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(10)
    bare_time, _ = results["bare PySide6 window + QTextBrowser"]
    print(f"post: {options.post.name}; median of {options.runs} launches to a visible window")
    for name, (seconds, memory) in results.items():
        print(f"{name:<36} {seconds:6.3f} s  ({seconds / bare_time:4.2f}x bare)  {memory:6.1f} MB RSS")


if __name__ == "__main__":
    main()

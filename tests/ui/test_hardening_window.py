"""The window with troublesome files: never writes to the user's files, never freezes."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from tests.conftest import SAMPLES
from tests.ui.conftest import open_and_wait, run_alone
from viewer.core.outline import walk
from viewer.ui import exporting


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every file and folder under root with its content hash and modification time."""
    state = {}
    for path in sorted(root.rglob("*")):
        key = str(path.relative_to(root))
        if path.is_dir():
            state[key + "/"] = ("dir", path.stat().st_mtime_ns)
        else:
            state[key] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    state["."] = ("dir", root.stat().st_mtime_ns)
    return state


def test_nothing_in_the_users_site_changes(qtbot, window, tmp_path, monkeypatch) -> None:
    site = tmp_path / "site"
    shutil.copytree(SAMPLES, site)
    (site / "_config.yml").write_text("title: 블로그\nbaseurl: /blog\n", encoding="utf-8")
    before = snapshot(site)
    exports = tmp_path / "exports"
    exports.mkdir()

    with qtbot.waitSignal(window.post_shown, timeout=10000):
        window.open_path(site)  # the folder: lists the posts, opens the newest
    open_and_wait(qtbot, window, site / "_posts" / "2024-03-09-cloud-native-meetup.md")
    window.search.edit.setText("관측")
    window.search.apply()
    qtbot.keyClick(window.search.edit, Qt.Key.Key_Return)
    for what in (
        "outline-opml",
        "outline-markdown",
        "post-html",
        "links-csv",
        "links-json",
        "links-markdown",
    ):
        monkeypatch.setattr(exporting, "ask_save_path", lambda _window, name, _f: exports / name)
        exporting.export_post(window, what)
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        window.reading.reload()
    window.close()

    assert snapshot(site) == before
    assert len(list(exports.iterdir())) == 6  # exports went only where asked


def test_the_window_keeps_answering_while_a_huge_post_renders(qtbot, window, tmp_path) -> None:
    post = tmp_path / "2021-01-15-huge.md"
    post.write_text(
        "".join("  " * (n % 6) + f"* 항목 {n} 클라우드 데이터\n" for n in range(20000)), encoding="utf-8"
    )
    ticks = []
    timer = QTimer(window, interval=10)
    timer.timeout.connect(lambda: ticks.append(window.reading.rendered is None))
    timer.start()
    with qtbot.waitSignal(window.post_shown, timeout=60000):
        window.open_path(post)
    timer.stop()
    assert ticks.count(True) >= 3  # the event loop ran while the post was being rendered
    assert sum(1 for _ in walk(window.reading.rendered.outline)) == 20000  # the outline is complete
    assert "the preview shows the first" in window.warnings.label.text()
    assert "항목 0 클라우드" in window.preview.toPlainText()  # the start of the post is shown


# Run in a process of its own: before the fix it never ended.
_DELETE_WHILE_RENDERING = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from viewer.ui.main_window import MainWindow
from viewer.ui.settings import Settings

app = QApplication([])
window = MainWindow(Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat)))
window.show()
window.open_path(Path(sys.argv[1]))
time.sleep(0.2)
assert window.reading.busy(), "the post was read before the window went"
window.close()
window.deleteLater()
start = time.monotonic()
QTest.qWait(100)  # Qt deletes the window here, while PySide6 holds the interpreter lock
print(f"gone after {time.monotonic() - start:.1f} s", flush=True)
"""


def test_a_window_deleted_while_a_post_renders_goes_at_once(tmp_path) -> None:
    # A window deleted while its render ran used to wait for the render with the interpreter
    # lock held, which the render needs to go on: the process hung for good (the likeliest
    # cause of a CI run that hung in the window tests).
    post = tmp_path / "2021-01-15-huge.md"
    post.write_text(
        "".join("  " * (n % 6) + f"* 항목 {n} 클라우드 데이터\n" for n in range(20000)), encoding="utf-8"
    )
    result = run_alone(
        _DELETE_WHILE_RENDERING, str(post), str(tmp_path / "settings.ini"),
        hang="the window deleted while its post rendered never went: the process hung",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("gone after ")


_QUIT_WHILE_INDEXING = """
import multiprocessing, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from viewer.ui import app as app_module
from viewer.ui.main_window import MainWindow

application = QApplication([])

def quit_once_the_pool_works():
    children = multiprocessing.active_children() if "multiprocessing" in sys.modules else []
    if not children:
        QTimer.singleShot(50, quit_once_the_pool_works)
        return
    Path(sys.argv[2]).write_text(" ".join(str(child.pid) for child in children))
    for widget in application.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.close()  # as Ctrl+Q does

QTimer.singleShot(0, quit_once_the_pool_works)
app_module.run([Path(sys.argv[1])])
"""


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] not in "ZX"
    except (FileNotFoundError, IndexError):
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the index renders without a pool")
def test_quitting_while_a_folder_is_indexed_leaves_no_process_behind(tmp_path) -> None:
    # Enough posts for the index to render them in a pool of processes, slow enough that it is
    # still at work when the window closes.
    posts = tmp_path / "site" / "_posts"
    posts.mkdir(parents=True)
    body = "".join("  " * (n % 4) + f"* 항목 {n} 클라우드 데이터 `코드` **굵게**\n" for n in range(1500))
    for number in range(400):
        (posts / f"2022-01-{number % 28 + 1:02d}-note-{number}.md").write_text(
            f"---\ntitle: 노트 {number}\n---\n{body}", encoding="utf-8"
        )
    pids, errors = tmp_path / "pool.txt", tmp_path / "stderr.txt"
    with errors.open("w") as stderr:  # not a pipe: processes left behind would hold it open
        result = subprocess.run(
            [sys.executable, "-c", _QUIT_WHILE_INDEXING, str(posts.parent), str(pids)],
            stdout=subprocess.DEVNULL, stderr=stderr, timeout=120,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )  # fmt: skip
    assert result.returncode == 0, errors.read_text()
    pool = [int(pid) for pid in pids.read_text().split()]
    assert pool  # the pool was at work when the window closed
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pool) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in pool if _alive(pid)]
    for pid in left:  # not left running on the machine after the test
        os.kill(pid, signal.SIGKILL)
    assert not left, "the pool's processes outlived the app"


def test_pathological_markdown_shows_with_a_warning(qtbot, window, tmp_path) -> None:
    post = tmp_path / "2021-01-15-hostile.md"
    post.write_text("---\ntitle: 적대적\n---\n" + "*가 [나 `다 " * 60000 + "\n\n* 뒤 항목\n", encoding="utf-8")
    open_and_wait(qtbot, window, post)
    assert window.warnings.isVisible()
    assert "shown without formatting" in window.warnings.label.text()
    assert "뒤 항목" in window.preview.toPlainText()


def test_the_preview_cut_keeps_whole_top_level_blocks() -> None:
    from viewer.ui.post_document import cut_for_preview

    html = "<h2>a</h2>\n<ul>\n<li>1</li>\n<li>2</li>\n</ul>\n<h2>b</h2>\n<ul>\n<li>3<ul><li>4</li></ul></li>\n</ul>\n"
    assert cut_for_preview(html, 10) == (html, 4)
    cut, shown = cut_for_preview(html, 3)
    assert shown == 2 and cut.endswith("</ul>") and "<h2>b</h2>" not in cut
    one_list = "<ul>\n" + "".join(f"<li>{n}<ul><li>x</li></ul></li>\n" for n in range(10)) + "</ul>\n"
    cut, shown = cut_for_preview(one_list, 7)
    assert shown == 6 and cut.endswith("</li></ul>")  # whole items, and the list closed

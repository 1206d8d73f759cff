"""The window started as users start it (`note-viewer POST`), in a process of its own."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import run_alone

AFTER_FIRST_PAINT = """
import gc, os, sys
os.environ["NOTE_VIEWER_REPORT_FIRST_PAINT"] = "1"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import viewer.ui.first_paint as first_paint

def painted():
    def look():
        print("collector on:", gc.isenabled(), flush=True)
        QApplication.instance().quit()
    QTimer.singleShot(200, look)

first_paint._print_marker = painted
from viewer.cli import main
raise SystemExit(main([sys.argv[1]]))
"""


def test_the_garbage_collector_held_off_during_the_start_is_on_again_once_the_post_is_shown(
    tmp_path: Path,
) -> None:
    post = tmp_path / "2024-01-01-start.md"
    post.write_text("---\ntitle: 시작\n---\n## 세션\n* 항목 **굵게**\n  * 하위 항목\n", encoding="utf-8")
    result = run_alone(AFTER_FIRST_PAINT, str(post), hang="the window never painted its first post")
    assert "collector on: True" in result.stdout, result.stderr

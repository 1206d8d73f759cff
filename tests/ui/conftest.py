from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings

from tests.conftest import SAMPLES
from viewer.ui.main_window import MainWindow
from viewer.ui.settings import Settings


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal box nobody answers would hang the test run: fail instead. Tests that expect a
    dialog replace these again."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    def unexpected(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    for name in ("question", "information", "warning", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, unexpected)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    """A copy of the sample posts the tests may change."""
    folder = tmp_path / "blog"
    shutil.copytree(SAMPLES, folder)
    return folder


@pytest.fixture
def window(qtbot, settings: Settings):
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.library.close()
    win.library.worker.wait()
    win.worker.wait()


def open_and_wait(qtbot, window: MainWindow, path: Path) -> None:
    """Open a post and wait until it is shown and, for a post of a site, the site's posts are
    listed around it (the links to the previous and next post take a line above the post)."""
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        window.open_path(path)
    qtbot.waitUntil(lambda: not window.library.updating, timeout=20000)

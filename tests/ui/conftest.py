from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QTextFormat

from tests.conftest import SAMPLES
from viewer.ui.main_window import MainWindow
from viewer.ui.outline_panel import NodeIdRole
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


@pytest.fixture(autouse=True)
def application_look_restored(qapp):
    """A test that picks a theme or font (View ▸ Theme ▸ Dark) changes the whole application's
    palette and font: put them back, so later tests draw with the default look."""
    palette, font = qapp.palette(), qapp.font()
    yield
    qapp.setPalette(palette)
    qapp.setFont(font)


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
    win.library.wait()
    win.reading.wait()


def open_and_wait(qtbot, window: MainWindow, path: Path) -> None:
    """Open a post and wait until it is shown and, for a post of a site, the site's posts are
    listed around it (the links to the previous and next post take a line above the post)."""
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        window.open_path(path)
    qtbot.waitUntil(lambda: not window.library.updating, timeout=20000)


def tree_rows(window: MainWindow, role: int = Qt.ItemDataRole.DisplayRole) -> list[tuple[int, str]]:
    """The rows of the outline tree as (depth, text), or another role's data, top to bottom."""
    model = window.outline.model()
    rows: list[tuple[int, str]] = []

    def visit(parent: QModelIndex, depth: int) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            rows.append((depth, model.data(index, role)))
            visit(index, depth + 1)

    visit(QModelIndex(), 0)
    return rows


def tree_ids(window: MainWindow) -> list[str]:
    """The element ids of the nodes the tree shows."""
    return [node_id for _, node_id in tree_rows(window, NodeIdRole)]


def flashed_text(window: MainWindow) -> str:
    """The text of the block the post flashes (a full-width highlight), or "" when none."""
    for selection in window.preview.extraSelections():
        if selection.format.property(QTextFormat.Property.FullWidthSelection):
            return selection.cursor.block().text()
    return ""


def flashed_link(window: MainWindow) -> str:
    """The text the post flashes without its whole block (a link gone to), or ""."""
    from viewer.ui.preview import FLASH_PROPERTY

    for selection in window.preview.extraSelections():
        link = not selection.format.property(QTextFormat.Property.FullWidthSelection)
        if link and selection.format.property(FLASH_PROPERTY) and selection.cursor.hasSelection():
            return selection.cursor.selectedText()
    return ""


def highlighted_matches(window: MainWindow) -> list[str]:
    """The texts the post highlights as matches of the search (those on screen)."""
    from viewer.ui.preview import FLASH_PROPERTY

    return [
        selection.cursor.selectedText()
        for selection in window.preview.extraSelections()
        if not selection.format.property(QTextFormat.Property.FullWidthSelection)
        and not selection.format.property(FLASH_PROPERTY)
    ]


def match_count(window: MainWindow) -> int:
    """How many matches the search box reports ("3 / 17" → 17; "No matches" → 0)."""
    status = window.search.status.text()
    return int(status.split("/")[1]) if "/" in status else 0


def click_node(qtbot, window: MainWindow, text: str) -> None:
    """Click the outline node showing `text`, as the user would."""
    view = window.outline
    matches = view.model().match(
        view.model().index(0, 0),
        Qt.ItemDataRole.DisplayRole,
        text,
        1,
        Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly,
    )
    assert matches, text
    view.scrollTo(matches[0])
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(matches[0]).center())


@pytest.fixture(scope="session")
def translations(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The window's .qm files, compiled from resources/translations/*.ts for this run (as the
    builds compile them): whatever a checkout holds from an earlier build is not used."""
    import importlib.util

    from tests.conftest import ROOT

    # By its path: "packaging" is also the name of a library pytest itself imports.
    spec = importlib.util.spec_from_file_location("translations", ROOT / "packaging" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("translations")
    module.build(folder)
    return folder


@pytest.fixture(scope="session", autouse=True)
def english(qapp, translations: Path):
    """The window in English, as the app starts it on an English system: with the English plural
    forms ("1 post", "2 posts"). The list of translators installed; a test that changes the
    language puts English back into it."""
    from viewer.ui.translation import install_translations, remove_translations

    installed = install_translations(qapp, "en", translations)
    yield installed
    remove_translations(qapp, installed)


def run_alone(script: str, *args: str, hang: str) -> subprocess.CompletedProcess[str]:
    """Run `script` in a Python process of its own, offscreen, for what could hang the test run
    (a deadlock): after 60 s the test fails saying `hang`."""
    try:
        return subprocess.run(
            [sys.executable, "-c", script, *args],
            capture_output=True, text=True, timeout=60,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail(hang)

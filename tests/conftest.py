from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
UI_TESTS = Path(__file__).resolve().parent / "ui"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of the window is marked `gui`, so `-m "not gui"` runs the rest without Qt."""
    for item in items:
        if UI_TESTS in item.path.parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def private_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test, and every program a test starts, gets its own home, config, cache, state and
    runtime folders: nothing a test does reaches the real user's, and a window a test starts
    never hands its files to an app running elsewhere (the runtime folder holds the address
    of the running app; a short path of its own, as a socket's path has a length limit)."""
    runtime = Path(tempfile.mkdtemp(prefix="nv-run-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    home = tmp_path / "home"
    for name, sub in (
        ("HOME", ""),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_DATA_HOME", ".local/share"),
    ):
        folder = home / sub
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(folder))
    yield home
    shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture
def write_post(tmp_path: Path):
    """Write bytes or text to a post file in a temporary folder and return its path."""

    def write(content: str | bytes, name: str = "2021-01-15-post.md") -> Path:
        path = tmp_path / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return write


def corpus_folder() -> Path | None:
    value = os.environ.get("NOTE_VIEWER_CORPUS")
    return Path(value) if value else None


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    """The tests' QApplication is the class the app makes on macOS (pytest-qt makes it), so that
    the files macOS sends it as events can be tested here too."""
    from viewer.ui.single_instance import FileOpeningApplication

    return FileOpeningApplication

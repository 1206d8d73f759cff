"""viewer/core is pure Python: every module imports, and the headless commands run, without Qt.
(The import-linter contract in pyproject.toml reads every import statement; this proves it
at run time, in a fresh interpreter.)"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import viewer.core
from tests.conftest import SAMPLES

QT = ("PySide6", "shiboken6")
POST = SAMPLES / "_posts" / "2024-03-09-cloud-native-meetup.md"


def qt_modules_in(names: list[str]) -> list[str]:
    return sorted(name for name in names if name.split(".")[0] in QT)


def test_every_core_module_imports_without_qt() -> None:
    modules = [f"viewer.core.{info.name}" for info in pkgutil.iter_modules(viewer.core.__path__)]
    assert {"viewer.core.document", "viewer.core.render", "viewer.core.index"} <= set(modules)
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert set(modules) <= set(loaded)
    assert qt_modules_in(loaded) == []


def test_the_headless_command_line_runs_without_qt() -> None:
    # -X importtime lists on stderr every module the real command imports.
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "viewer", "outline", "--json", str(POST)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["outline"]
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line]
    assert "viewer.core.render" in imported
    assert qt_modules_in(imported) == []

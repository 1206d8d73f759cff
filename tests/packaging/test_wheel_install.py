"""The package as `pip install .` and `pipx install .` install it: a wheel installed (not editable)
into a fresh virtual environment, which CI makes in build/wheel-venv (see .ci/run). Skipped when
there is none."""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

VENV = ROOT / "build" / "wheel-venv"
WHEELS = sorted((ROOT / "build" / "wheel").glob("note_viewer-*.whl"))
APP = VENV / "bin" / "note-viewer"
POST = SAMPLES / "_posts" / "2024-03-09-cloud-native-meetup.md"
pytestmark = pytest.mark.skipif(not APP.exists(), reason="no wheel install in build/wheel-venv (.ci/run)")


def run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    # Away from the checkout, so that nothing is found there by accident.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    return subprocess.run(
        [str(c) for c in command],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_installed_app_is_not_the_checkout(tmp_path: Path) -> None:
    where = run([VENV / "bin" / "python", "-c", "import viewer; print(viewer.__file__)"], tmp_path)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(VENV)


def test_installed_window_shows_a_post(tmp_path: Path) -> None:
    result = run([APP, "--smoke-test", POST], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "outline and post shown" in result.stderr


def test_installed_window_opens_its_sample_site_when_given_no_path(tmp_path: Path) -> None:
    result = run([APP, "--smoke-test"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "outline and post shown" in result.stderr


def test_wheel_ships_every_module_and_resource() -> None:
    assert WHEELS, "no wheel in build/wheel/"
    with zipfile.ZipFile(WHEELS[-1]) as wheel:
        shipped = set(wheel.namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "viewer").rglob("*.py")}
    resources = {
        "viewer/resource_files/" + p.relative_to(ROOT / "resources").as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_file()
    }
    assert modules - shipped == set()
    assert resources - shipped == set()

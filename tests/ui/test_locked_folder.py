"""A post behind a folder that may not be entered: the window says so, as for any post it cannot
read; the start must not fail on the question whether the path is a file at all."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from viewer import cli
from viewer.core import is_file, render_cache
from viewer.core.site import site_config_file

POST = "---\ntitle: 잠긴 글\n---\n## 세션\n* 항목\n"


def test_a_path_that_cannot_be_looked_at_is_no_file_and_in_no_site(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    locked = tmp_path / "site" / "locked"
    locked.mkdir(parents=True)
    (tmp_path / "site" / "_config.yml").write_text("title: 사이트\n", encoding="utf-8")
    post = locked / "2024-01-01-a.md"
    post.write_text(POST, encoding="utf-8")
    real_stat = Path.stat

    def stat(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if locked in self.parents:  # as the system answers a user who may not enter `locked`
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    assert not is_file(post)
    assert site_config_file(post) == tmp_path / "site" / "_config.yml"  # the folders above still count
    try:
        cli._read_first_post_early([str(post)])  # the window's start: no error, nothing read early
    finally:
        gc.enable()
    assert not render_cache._early


def _as_nobody() -> list[str] | None:
    """How to run a command as the user nobody (from root, with setpriv), if it can run Python."""
    setpriv = shutil.which("setpriv")
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or setpriv is None:
        return None
    command = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    check = subprocess.run([*command, sys.executable, "-c", "import viewer, PySide6"], capture_output=True)
    return command if check.returncode == 0 else None


def test_the_window_started_on_a_post_in_a_folder_it_may_not_enter_says_so() -> None:
    as_nobody = _as_nobody()
    if as_nobody is None:
        pytest.skip("needs root, setpriv and a Python the user nobody can run")
    with tempfile.TemporaryDirectory() as place:
        root = Path(place)
        root.chmod(0o755)
        locked = root / "locked"
        locked.mkdir()
        (locked / "2024-01-01-a.md").write_text(POST, encoding="utf-8")
        locked.chmod(0)
        folders = {name: str(root / name) for name in ("config", "cache", "state", "run", "home")}
        for folder in folders.values():
            os.mkdir(folder)
            shutil.chown(folder, "nobody")
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": folders["home"],
            "XDG_CONFIG_HOME": folders["config"],
            "XDG_CACHE_HOME": folders["cache"],
            "XDG_STATE_HOME": folders["state"],
            "XDG_RUNTIME_DIR": folders["run"],
        }
        done = subprocess.run(
            [*as_nobody, sys.executable, "-m", "viewer", "--smoke-test", str(locked / "2024-01-01-a.md")],
            capture_output=True, text=True, timeout=60, env=env,
        )  # fmt: skip
    assert "Traceback" not in done.stderr
    assert "cannot read it (Permission denied)" in done.stderr

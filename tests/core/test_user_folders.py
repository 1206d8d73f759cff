"""Where the app keeps its files: on Linux, where platformdirs (the XDG rule) says, read without it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from platformdirs import PlatformDirs

from viewer.core import user_folders

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG rule is Linux's")


@pytest.mark.parametrize("value", ["", "   ", "relative/place", "/somewhere/else", "~/tilde"])
def test_each_folder_is_where_platformdirs_puts_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    for variable in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(variable, value)
    expected = PlatformDirs("note-viewer", appauthor=False)
    assert user_folders.cache_folder() == Path(expected.user_cache_dir)
    assert user_folders.config_folder() == Path(expected.user_config_dir)
    assert user_folders.state_folder() == Path(expected.user_state_dir)


def test_an_unset_variable_means_the_home_folder_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert user_folders.cache_folder() == tmp_path / ".cache" / "note-viewer"
    assert user_folders.cache_folder() == Path(PlatformDirs("note-viewer", appauthor=False).user_cache_dir)

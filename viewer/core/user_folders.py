"""Where Note Viewer keeps its own files: one answer for the window and the command line.

platformdirs gives each OS's convention ($XDG_CACHE_HOME/note-viewer and $XDG_CONFIG_HOME/note-viewer
on Linux, ~/Library/... on macOS, %LOCALAPPDATA% on Windows) without Qt, so the headless commands
and the window share one index and one settings file. The user's posts are never written.

On Linux the XDG rule platformdirs follows is read here: it is three variables, and
platformdirs' Unix module loads tempfile, shutil and random, 7 ms before the window's first paint.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

APP = "note-viewer"
_LINUX = sys.platform.startswith("linux")
#: Each folder's XDG variable and its default under the home folder.
_XDG = {"cache": ("XDG_CACHE_HOME", ".cache"), "config": ("XDG_CONFIG_HOME", ".config"),
        "state": ("XDG_STATE_HOME", ".local/state")}  # fmt: skip


def cache_folder() -> Path:
    """Library indexes and other caches: anything here may be deleted and is rebuilt."""
    return _folder("cache")


def config_folder() -> Path:
    """Settings (preferences and window layout)."""
    return _folder("config")


def state_folder() -> Path:
    """What the app remembers about the user's reading (positions in posts)."""
    return _folder("state")


def _folder(kind: str) -> Path:
    if _LINUX:
        variable, default = _XDG[kind]
        value = os.environ.get(variable, "")
        # The XDG rule: a relative path is no setting.
        return Path(value if os.path.isabs(value) else os.path.expanduser(f"~/{default}")) / APP
    return Path(getattr(_platform_dirs(), f"user_{kind}_dir"))


@cache
def _platform_dirs() -> object:
    from platformdirs import PlatformDirs

    return PlatformDirs(APP, appauthor=False)

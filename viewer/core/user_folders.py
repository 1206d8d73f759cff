"""Where Note Viewer keeps its own files: one answer for the window and the command line.

platformdirs gives each OS's convention ($XDG_CACHE_HOME/note-viewer and $XDG_CONFIG_HOME/note-viewer
on Linux, ~/Library/... on macOS, %LOCALAPPDATA% on Windows) without Qt, so the headless commands
and the window share one index and one settings file. The user's posts are never written.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import PlatformDirs

_DIRS = PlatformDirs("note-viewer", appauthor=False)


def cache_folder() -> Path:
    """Library indexes and other caches: anything here may be deleted and is rebuilt."""
    return Path(_DIRS.user_cache_dir)


def config_folder() -> Path:
    """Settings (preferences and window layout)."""
    return Path(_DIRS.user_config_dir)


def state_folder() -> Path:
    """What the app remembers about the user's reading (positions in posts)."""
    return Path(_DIRS.user_state_dir)

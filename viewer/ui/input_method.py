"""Which of Qt's input-method plugins to load, chosen before Qt starts (Linux only).

PySide6's wheels, and so the packaged app, carry Qt's ibus plugin and the compose plugin, not
fcitx's. fcitx5 answers ibus's protocol too (its ibus frontend, on by default), so a desktop set
up for fcitx (QT_IM_MODULE=fcitx, as fcitx5's own setup writes it) gets the ibus plugin; so does
one that names an input method for X alone (XMODIFIERS=@im=ibus or @im=fcitx). Left alone, Qt
would fall back to the compose plugin and no Korean could be typed at all.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, MutableMapping
from pathlib import Path


def choose_input_method(environ: MutableMapping[str, str], plugin_folders: Iterable[Path]) -> str | None:
    """Set QT_IM_MODULE in `environ` when Qt would otherwise have no input method that works;
    returns the module set, or None when the environment is left as it is. `plugin_folders`
    are the folders Qt looks for plugins in, looked through only when the environment asks for
    an input method."""
    if not sys.platform.startswith("linux"):
        return None  # macOS and Windows: Qt talks to the system's input methods itself
    requested = environ.get("QT_IM_MODULE", "").strip().lower()
    if requested:
        if not requested.startswith("fcitx") or _has_plugin(plugin_folders, "platforminputcontexts", "fcitx"):
            return None
    else:
        named = any(f"@im={name}" in environ.get("XMODIFIERS", "") for name in ("ibus", "fcitx"))
        # On Wayland, Qt's own Wayland platform speaks to the input method without a plugin.
        wayland = bool(environ.get("WAYLAND_DISPLAY")) and _has_plugin(plugin_folders, "platforms", "wayland")
        if not named or (wayland and environ.get("QT_QPA_PLATFORM", "wayland").startswith("wayland")):
            return None
    environ["QT_IM_MODULE"] = "ibus"
    return "ibus"


def qt_plugin_folders() -> Iterator[Path]:
    """Where Qt will look for plugins: QT_PLUGIN_PATH's folders, then its own (found as they are
    looked through: Qt takes 2 ms to find its own the first time)."""
    yield from (Path(part) for part in os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if part)
    from PySide6.QtCore import QLibraryInfo

    yield Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))


def _has_plugin(plugin_folders: Iterable[Path], kind: str, name: str) -> bool:
    return any(any((folder / kind).glob(f"*{name}*")) for folder in plugin_folders)

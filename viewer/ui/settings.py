"""Every setting the app keeps, declared once. The only module that touches QSettings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


def settings_file() -> Path:
    """An INI file in the user's config folder (the one `viewer.core.user_folders` names for every
    part of the app), on every OS."""
    from viewer.core.user_folders import config_folder

    return config_folder() / "settings.ini"


class Settings:
    """Preferences (what the user chose) are kept apart from window state (how it was left)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or QSettings(str(settings_file()), QSettings.Format.IniFormat)

    # --- preferences ---------------------------------------------------------------------------------

    @property
    def zoom(self) -> int:
        return _int(self._store.value("preferences/zoom", 0))

    @zoom.setter
    def zoom(self, steps: int) -> None:
        self._store.setValue("preferences/zoom", int(steps))

    @property
    def post_order(self) -> str:
        """How the post list of a folder is sorted (a key of library.SORT_ORDERS)."""
        return str(self._store.value("preferences/post_order", "newest"))

    @post_order.setter
    def post_order(self, order: str) -> None:
        self._store.setValue("preferences/post_order", order)

    @property
    def editor_command(self) -> str:
        """How Open in Editor starts the editor ({path}, {line}); "" for the system's default."""
        return str(self._store.value("preferences/editor_command", ""))

    @editor_command.setter
    def editor_command(self, command: str) -> None:
        self._store.setValue("preferences/editor_command", command)

    @property
    def map_side(self) -> str:
        """Where the mind map puts its branches: "balanced" (both sides) or "right"."""
        return str(self._store.value("preferences/map_side", "balanced"))

    @map_side.setter
    def map_side(self, side: str) -> None:
        self._store.setValue("preferences/map_side", side)

    @property
    def recent_paths(self) -> list[str]:
        value = self._store.value("preferences/recent", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def add_recent(self, path: str) -> None:
        paths = [path, *(p for p in self.recent_paths if p != path)][:MAX_RECENT]
        self._store.setValue("preferences/recent", paths)

    def clear_recent(self) -> None:
        self._store.setValue("preferences/recent", [])

    # --- window state --------------------------------------------------------------------------------

    @property
    def export_folder(self) -> str:
        """Where the last export was written ("" before the first)."""
        return str(self._store.value("window/export_folder", ""))

    @export_folder.setter
    def export_folder(self, folder: str) -> None:
        self._store.setValue("window/export_folder", folder)

    def window_state(self, key: str) -> QByteArray | None:
        value = self._store.value(f"window/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, key: str, value: QByteArray) -> None:
        self._store.setValue(f"window/{key}", value)

    def panel_visible(self, name: str, default: bool = True) -> bool:
        return _bool(self._store.value(f"window/panel_{name}", default))

    def set_panel_visible(self, name: str, visible: bool) -> None:
        self._store.setValue(f"window/panel_{name}", bool(visible))

    def sync(self) -> None:
        self._store.sync()


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)

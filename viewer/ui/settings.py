"""Every setting the app keeps, declared once. The only module that touches QSettings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from viewer.ui.page_style import PageStyle

MAX_RECENT = 10


def settings_file() -> Path:
    """An INI file in the user's config folder (the one `viewer.core.user_folders` names for every
    part of the app), on every OS."""
    from viewer.core.user_folders import config_folder

    return config_folder() / "settings.ini"


#: Panels hidden until the reader first shows them.
HIDDEN_AT_FIRST = frozenset({"map"})


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
    def top_bars_height(self) -> int:
        """How tall the menu bar and toolbar were (0: not known yet): their place is kept free
        while the window first shows the post without them."""
        return max(0, _int(self._store.value("window/top_bars_height", 0)))

    @top_bars_height.setter
    def top_bars_height(self, height: int) -> None:
        self._store.setValue("window/top_bars_height", int(height))

    @property
    def post_order(self) -> str:
        """How the post list of a folder is sorted (a key of library.SORT_ORDERS)."""
        return str(self._store.value("preferences/post_order", "newest"))

    @post_order.setter
    def post_order(self, order: str) -> None:
        self._store.setValue("preferences/post_order", order)

    @property
    def theme(self) -> str:
        """View ▸ Theme: "system", "light" or "dark"."""
        value = str(self._store.value("preferences/theme", "system"))
        return value if value in ("system", "light", "dark") else "system"

    @theme.setter
    def theme(self, theme: str) -> None:
        self._store.setValue("preferences/theme", theme)

    @property
    def language(self) -> str:
        """View ▸ Language: "system" (the system's, else English), "en" or "ko"; from the next start."""
        value = str(self._store.value("preferences/language", "system"))
        return value if value in ("system", "en", "ko") else "system"

    @language.setter
    def language(self, language: str) -> None:
        self._store.setValue("preferences/language", language)

    @property
    def page_style(self) -> PageStyle:
        """View ▸ Font and View ▸ Readable Line Width: how the post's page is set."""
        default = PageStyle()
        value = self._store.value
        return PageStyle(
            str(value("preferences/font_family", default.family)),
            _float(value("preferences/font_size", default.size), default.size),
            _int(value("preferences/line_height", default.line_height)) or default.line_height,
            _bool(value("preferences/readable_width", default.readable_width)),
            _int(value("preferences/measure", default.measure)) or default.measure,
        ).clamped()

    @page_style.setter
    def page_style(self, style: PageStyle) -> None:
        self._store.setValue("preferences/font_family", style.family)
        self._store.setValue("preferences/font_size", float(style.size))
        self._store.setValue("preferences/line_height", int(style.line_height))
        self._store.setValue("preferences/readable_width", bool(style.readable_width))
        self._store.setValue("preferences/measure", int(style.measure))

    @property
    def focus_full_screen(self) -> bool:
        """Focus mode fills the screen too."""
        return _bool(self._store.value("preferences/focus_full_screen", True))

    @focus_full_screen.setter
    def focus_full_screen(self, on: bool) -> None:
        self._store.setValue("preferences/focus_full_screen", bool(on))

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

    def panel_visible(self, name: str) -> bool:
        """Whether the panel `name` was left shown (a panel of HIDDEN_AT_FIRST starts hidden)."""
        return _bool(self._store.value(f"window/panel_{name}", name not in HIDDEN_AT_FIRST))

    def set_panel_visible(self, name: str, visible: bool) -> None:
        self._store.setValue(f"window/panel_{name}", bool(visible))

    @property
    def focus_mode(self) -> bool:
        """The window was left in focus mode (it opens in it again)."""
        return _bool(self._store.value("window/focus_mode", False))

    @focus_mode.setter
    def focus_mode(self, on: bool) -> None:
        self._store.setValue("window/focus_mode", bool(on))

    def sync(self) -> None:
        self._store.sync()


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _float(value: Any, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)

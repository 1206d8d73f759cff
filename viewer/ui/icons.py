"""Toolbar and search icons: the platform's theme icons when it has every one we use (a Linux
desktop's icon theme; Qt's Windows and macOS icon themes), else our own small SVG set in
resources/icons/toolbar, drawn in the palette's text colour so that it suits light and dark.

The SVGs become pixmaps through Qt's SVG image plugin, once per palette, after the window is
first painted (the window builds its toolbar then): the first paint never waits for them."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette, QPixmap

from viewer.resources import resource_path

#: Our icon name → the theme icon standing for it.
THEME_ICONS = {
    "back": QIcon.ThemeIcon.GoPrevious,
    "forward": QIcon.ThemeIcon.GoNext,
    "open-file": QIcon.ThemeIcon.DocumentOpen,
    "open-folder": QIcon.ThemeIcon.FolderOpen,
    "reload": QIcon.ThemeIcon.ViewRefresh,
    "previous": QIcon.ThemeIcon.MediaSkipBackward,  # the post before, in the series
    "next": QIcon.ThemeIcon.MediaSkipForward,
    "match-previous": QIcon.ThemeIcon.GoUp,
    "match-next": QIcon.ThemeIcon.GoDown,
    "focus": QIcon.ThemeIcon.ViewFullscreen,
    "font": QIcon.ThemeIcon.FormatTextBold,
    "search": QIcon.ThemeIcon.EditFind,
}
#: Drawn size of the bundled icons, in device-independent pixels.
SIZE = 20


@cache
def _use_theme() -> bool:
    """One consistent set: the theme's only when it has all of them."""
    return all(QIcon.hasThemeIcon(theme_icon) for theme_icon in THEME_ICONS.values())


def icon(name: str, palette: QPalette | None = None) -> QIcon:
    """The icon called `name` (a key of THEME_ICONS), for `palette` (the application's)."""
    if _use_theme():
        return QIcon.fromTheme(THEME_ICONS[name])
    palette = palette or QGuiApplication.palette()
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    return _bundled(name, normal.name(), disabled.name())


@cache
def _bundled(name: str, colour: str, disabled: str) -> QIcon:
    source = resource_path("icons", "toolbar", f"{name}.svg").read_text(encoding="utf-8")
    result = QIcon()
    for scale in (1, 2):  # the 2x pixmaps serve high-density screens
        for mode, fill in ((QIcon.Mode.Normal, colour), (QIcon.Mode.Disabled, disabled)):
            pixmap = _render(source, fill, SIZE * scale)
            pixmap.setDevicePixelRatio(scale)
            result.addPixmap(pixmap, mode)
    return result


def _render(source: str, colour: str, pixels: int) -> QPixmap:
    text = source.replace("currentColor", QColor(colour).name())
    text = text.replace('width="24" height="24"', f'width="{pixels}" height="{pixels}"', 1)
    pixmap = QPixmap()
    pixmap.loadFromData(text.encode("utf-8"), "SVG")
    return pixmap

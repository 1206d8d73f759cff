"""View ▸ Theme: the system's colours, or light or dark whatever the system says.

Qt 6.8+ can ask the platform for a colour scheme (Windows, macOS, GNOME follow it, and their native
styles draw dark controls); where the platform cannot (plain X11, the offscreen platform) the
scheme request does nothing, so a forced theme also sets a palette of its own. Every view that
shows colours derives them from the palette (the post's stylesheet, its code colours, the
header, the item delegates), so a palette change is all a theme switch needs.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

#: Theme id → menu text.
THEMES = {"system": "&System", "light": "&Light", "dark": "&Dark"}

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

_LIGHT = {
    Role.Window: "#f3f3f3",
    Role.WindowText: "#1f1f1f",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#f5f6f7",
    Role.Text: "#1f1f1f",
    Role.PlaceholderText: "#6b6f76",
    Role.Button: "#f0f0f0",
    Role.ButtonText: "#1f1f1f",
    Role.BrightText: "#d32f2f",
    Role.Highlight: "#2f6fdb",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#1a5fc8",
    Role.LinkVisited: "#6f42c1",
    Role.ToolTipBase: "#ffffe8",
    Role.ToolTipText: "#1f1f1f",
    Role.Light: "#ffffff",
    Role.Midlight: "#e8e8e8",
    Role.Mid: "#c4c4c4",
    Role.Dark: "#9e9e9e",
    Role.Shadow: "#6e6e6e",
}
_DARK = {
    Role.Window: "#2b2d30",
    Role.WindowText: "#e4e4e4",
    Role.Base: "#1e1f22",
    Role.AlternateBase: "#25272a",
    Role.Text: "#e3e3e3",
    Role.PlaceholderText: "#8c9099",
    Role.Button: "#34363a",
    Role.ButtonText: "#e4e4e4",
    Role.BrightText: "#ff8a80",
    Role.Highlight: "#3d6fd1",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#79a8ff",
    Role.LinkVisited: "#c09cf5",
    Role.ToolTipBase: "#34363a",
    Role.ToolTipText: "#e4e4e4",
    Role.Light: "#45484d",
    Role.Midlight: "#3a3d41",
    Role.Mid: "#505358",
    Role.Dark: "#161719",
    Role.Shadow: "#0c0c0d",
}
#: Disabled text, on either palette: legible, clearly fainter than enabled text.
_DISABLED = {"light": "#8c8c8c", "dark": "#7b7f86"}

_forced = False


def palette_for(theme: str) -> QPalette:
    """The palette of a forced theme ("light" or "dark")."""
    colours = _DARK if theme == "dark" else _LIGHT
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (Role.Text, Role.WindowText, Role.ButtonText, Role.HighlightedText):
        palette.setColor(Group.Disabled, role, QColor(_DISABLED["dark" if theme == "dark" else "light"]))
    return palette


def apply_theme(theme: str) -> None:
    """Use `theme` ("system", "light" or "dark") for the whole application, at once."""
    global _forced
    application = QApplication.instance()
    if not isinstance(application, QApplication):
        return
    hints = application.styleHints()
    if theme not in ("light", "dark"):
        if _forced:  # nothing to undo when the system's colours were never replaced
            hints.unsetColorScheme()
            QApplication.setPalette(QPalette())  # an empty palette: the platform's again
            _forced = False
            _deliver()
        return
    hints.setColorScheme(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
    # QApplication's, not QGuiApplication's: only it passes the palette on to existing widgets.
    QApplication.setPalette(palette_for(theme))
    _forced = True
    _deliver()


def _deliver() -> None:
    """Hand the new palette to every widget now: Qt posts it, and a view built or a post laid out
    before the next event loop turn would still take the old colours."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.ApplicationPaletteChange)

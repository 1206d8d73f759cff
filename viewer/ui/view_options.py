"""The reader's View choices: the theme and how the page is set (font, size, line height,
readable line width). Each applies at once and is remembered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from viewer.ui.page_style import PageStyle
from viewer.ui.theme import apply_theme

if TYPE_CHECKING:
    from viewer.ui.font_dialog import FontDialog
    from viewer.ui.main_window import MainWindow

#: View ▸ Theme's actions by theme.
THEME_ACTIONS = {"system": "view.theme-system", "light": "view.theme-light", "dark": "view.theme-dark"}


class ViewOptions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.settings = window.settings
        self.font_dialog: FontDialog | None = None
        window.preview.set_page_style(self.settings.page_style)
        self._check_actions()

    @property
    def page_style(self) -> PageStyle:
        return self.window.preview.page_style

    def set_theme(self, theme: str) -> None:
        self.settings.theme = theme
        apply_theme(theme)
        self._check_actions()

    def set_page_style(self, style: PageStyle) -> None:
        style = style.clamped()
        self.window.preview.set_page_style(style)
        self.settings.page_style = style
        self._check_actions()
        if self.font_dialog is not None:
            self.font_dialog.show_style(style)

    def set_readable_width(self, on: bool) -> None:
        from dataclasses import replace

        self.set_page_style(replace(self.page_style, readable_width=on))

    def choose_font(self) -> None:
        """View ▸ Font…: a small window whose changes show in the post at once."""
        if self.font_dialog is None:
            from viewer.ui.font_dialog import FontDialog

            self.font_dialog = FontDialog(self.page_style, self.window)
            self.font_dialog.style_changed.connect(self.set_page_style)
        self.font_dialog.show_style(self.page_style)
        self.font_dialog.show()
        self.font_dialog.raise_()
        self.font_dialog.activateWindow()

    def _check_actions(self) -> None:
        commands = self.window.commands
        commands[THEME_ACTIONS[self.settings.theme]].setChecked(True)
        commands["view.readable-width"].setChecked(self.page_style.readable_width)

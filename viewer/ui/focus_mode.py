"""Focus mode (View ▸ Focus Mode, F11): the post's column alone, the panels, toolbar, menu and
status bar hidden, full screen if the reader wants it; Esc or F11 leaves, and everything comes
back as it was."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from viewer.core.colours import mix, readable_on

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow

#: How long the "Esc leaves" hint stays.
HINT_MS = 2500


class FocusMode(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.on = False
        #: What was visible before, to bring back: widget → visible.
        self._shown: dict[QWidget, bool] = {}
        self._window_state = Qt.WindowState.WindowNoState
        #: The window's place and size before, as a rectangle and as saved for the next start.
        self._normal = QRect()
        self._geometry = QByteArray()
        self._unfocus_keys: list[QKeySequence] = []
        self.hint = QLabel(self.tr("Focus mode — Esc or F11 to leave"), window.preview)
        self.hint.setObjectName("focusHint")
        self.hint.hide()
        self._hint_timer = QTimer(self, singleShot=True, interval=HINT_MS)
        self._hint_timer.timeout.connect(self.hint.hide)
        window.commands["view.focus-full-screen"].setChecked(window.settings.focus_full_screen)
        window.commands["view.focus-mode"].setChecked(False)
        window.commands["view.leave-focus"].setEnabled(False)
        window.preview.installEventFilter(self)

    def _hidden_in_focus(self) -> list[QWidget]:
        window = self.window
        return [window.left, window.links, window.map, window.toolbar, window.menuBar(), window.statusBar()]

    def set_on(self, on: bool) -> None:
        if on == self.on:
            return
        window = self.window
        self.on = on
        if on:
            self._shown = {widget: not _hidden_on_purpose(widget) for widget in self._hidden_in_focus()}
            self._window_state = window.windowState()
            self._normal, self._geometry = window.geometry(), window.saveGeometry()
            for widget in self._shown:
                widget.hide()
            if window.settings.focus_full_screen:
                window.setWindowState(window.windowState() | Qt.WindowState.WindowFullScreen)
            # Esc is this mode's (see escape()): Show the Whole Post gives its Esc up meanwhile.
            unfocus = window.commands["go.unfocus"]
            self._unfocus_keys = unfocus.shortcuts()
            unfocus.setShortcuts([])
            self._show_hint()
            window.preview.setFocus()
        else:
            for widget, visible in self._shown.items():
                widget.setVisible(visible)
            window.commands["go.unfocus"].setShortcuts(self._unfocus_keys)
            if window.windowState() != self._window_state:
                # Its place and size too: a window manager that never saw the window other
                # than full screen (it opened in focus mode) would make it nearly as large.
                window.setWindowState(self._window_state)
                state = Qt.WindowState
                if not self._window_state & (state.WindowMaximized | state.WindowFullScreen):
                    window.setGeometry(self._normal)
            self.hint.hide()
        window.commands["view.focus-mode"].setChecked(on)
        window.commands["view.leave-focus"].setEnabled(on)
        window.settings.focus_mode = on

    def escape(self) -> None:
        """Esc in focus mode undoes the innermost thing first: a search being typed (as Esc does in
        the search box), then a focused branch (Go ▸ Show the Whole Post), then focus mode."""
        search, reading = self.window.search, self.window.reading
        if search.edit.hasFocus() and search.edit.text():
            search.clear()
        elif reading.focus:
            reading.unfocus()
        else:
            self.set_on(False)

    def leave_for_close(self) -> QByteArray:
        """Bring the window back for its state to be saved, and remember to come back to focus.
        Returns the window's geometry to save: as it was before focus mode, while the window
        manager may not have taken the window out of full screen yet."""
        if not self.on:
            return self.window.saveGeometry()
        self.set_on(False)
        self.window.settings.focus_mode = True
        return self._geometry

    def set_full_screen(self, on: bool) -> None:
        """Whether focus mode fills the screen (applies to the focus mode on now, too)."""
        window = self.window
        window.settings.focus_full_screen = on
        if self.on:
            state = window.windowState()
            full = state | Qt.WindowState.WindowFullScreen
            window.setWindowState(full if on else self._window_state)

    def reveal_search(self) -> None:
        """Ctrl+F in focus mode: the toolbar (with the search box) comes back for the search."""
        if self.on:
            self.window.toolbar.show()

    def _show_hint(self) -> None:
        # A small card at the foot of the page, in the page's colours (any theme).
        palette = self.window.preview.palette()
        base = palette.color(QPalette.ColorRole.Base).name()
        text = palette.color(QPalette.ColorRole.Text).name()
        card = mix(base, text, 0.1)
        self.hint.setStyleSheet(
            f"#focusHint {{ background: {card}; color: {readable_on(text, card)};"
            f" border: 1px solid {mix(base, text, 0.25)}; border-radius: 6px; padding: 6px 14px; }}"
        )
        self.hint.adjustSize()
        self._place_hint()
        self.hint.show()
        self.hint.raise_()
        self._hint_timer.start()

    def _place_hint(self) -> None:
        # From the view's own size: a filtered resize comes before the viewport is laid out again.
        view = self.window.preview
        self.hint.move((view.width() - self.hint.width()) // 2, view.height() - self.hint.height() - 24)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.hint.isVisible():
            self._place_hint()  # the window went full screen after the hint was shown
        return False


def _hidden_on_purpose(widget: QWidget) -> bool:
    """Hidden by a hide() of its own, not merely not shown yet: a window opening in focus mode
    is not shown yet, and a bar made in a window already shown (the menus and the toolbar come
    after the first paint) is hidden until Qt shows it, a moment later."""
    return widget.isHidden() and widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)

"""View ▸ Font…: the family, size and line height of the post's text and the width of its column.
Every change shows in the post at once (after a short pause while a value is still changing)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from viewer.ui.page_style import LINE_HEIGHTS, MEASURES, SIZES, PageStyle, default_family

#: Wait this long after the last change before the post is set again (a spin box held down).
SETTLE_MS = 150


class FontDialog(QDialog):
    #: The reader changed something: the whole new style.
    style_changed = Signal(object)

    def __init__(self, style: PageStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Font")
        self.family_box = QFontComboBox(self)
        self.family_box.setAccessibleName("Font family")
        self.size_box = QDoubleSpinBox(self)
        self.size_box.setRange(*SIZES)
        self.size_box.setSingleStep(0.5)
        self.size_box.setDecimals(1)
        self.size_box.setSuffix(" pt")
        self.size_box.setAccessibleName("Font size")
        self.line_height_box = QSpinBox(self)
        self.line_height_box.setRange(*LINE_HEIGHTS)
        self.line_height_box.setSingleStep(5)
        self.line_height_box.setSuffix(" %")
        self.line_height_box.setToolTip("The height of a line of text, in percent of the font size.")
        self.line_height_box.setAccessibleName("Line height")
        self.readable_box = QCheckBox("Readable line width", self)
        self.readable_box.setToolTip("Keep the text to a centred column instead of the window's full width.")
        self.measure_box = QSpinBox(self)
        self.measure_box.setRange(*MEASURES)
        self.measure_box.setSuffix(" em")
        self.measure_box.setToolTip(
            "The width of the column, in em (one Hangul syllable is an em wide): 46 em hold about "
            "40 syllables of Korean prose, or 80–90 Latin letters."
        )
        self.measure_box.setAccessibleName("Line width")
        form = QFormLayout()
        form.addRow("&Family:", self.family_box)
        form.addRow("&Size:", self.size_box)
        form.addRow("&Line height:", self.line_height_box)
        form.addRow("", self.readable_box)
        form.addRow("Line &width:", self.measure_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.RestoreDefaults | QDialogButtonBox.StandardButton.Close, self
        )
        buttons.rejected.connect(self.close)
        defaults = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        defaults.clicked.connect(lambda: self._announce(PageStyle()))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(lambda: self._announce(self.chosen()))
        self.show_style(style)
        self.family_box.currentFontChanged.connect(lambda _font: self._timer.start())
        for box in (self.size_box, self.line_height_box, self.measure_box):
            box.valueChanged.connect(lambda _value: self._timer.start())
        self.readable_box.toggled.connect(lambda _on: self._timer.start())
        self.readable_box.toggled.connect(self.measure_box.setEnabled)

    def show_style(self, style: PageStyle) -> None:
        """Show `style` in the controls (without announcing it back)."""
        boxes = (self.family_box, self.size_box, self.line_height_box, self.readable_box, self.measure_box)
        for widget in boxes:
            widget.blockSignals(True)
        self.family_box.setCurrentFont(QFont(style.family or default_family()))
        self.size_box.setValue(style.size)
        self.line_height_box.setValue(style.line_height)
        self.readable_box.setChecked(style.readable_width)
        self.measure_box.setValue(style.measure)
        self.measure_box.setEnabled(style.readable_width)
        for widget in boxes:
            widget.blockSignals(False)

    def chosen(self) -> PageStyle:
        family = self.family_box.currentFont().family()
        return PageStyle(
            "" if family == default_family() else family,
            self.size_box.value(),
            self.line_height_box.value(),
            self.readable_box.isChecked(),
            self.measure_box.value(),
        )

    def _announce(self, style: PageStyle) -> None:
        self._timer.stop()
        self.style_changed.emit(style)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in a spin box applies at once rather than closing the dialog.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._announce(self.chosen())
            return
        super().keyPressEvent(event)

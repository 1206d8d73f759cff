"""Item painting shared by the lists: a main line and a muted second line."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

Index = QModelIndex | QPersistentModelIndex


class TwoLineDelegate(QStyledItemDelegate):
    """Paints `lines(index)` (main text, muted details) in the item's text area; items it
    gives no lines for are painted as usual."""

    #: How the second line is shortened when it does not fit.
    detail_elide = Qt.TextElideMode.ElideRight

    def lines(self, index: Index) -> tuple[str, str] | None:
        raise NotImplementedError

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        if self.lines(index) is not None:
            size.setHeight(option.fontMetrics.height() * 2 + 8)
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        lines = self.lines(index)
        if lines is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_colour = palette.color(palette.ColorRole.HighlightedText if selected else palette.ColorRole.Text)
        muted = QColor(text_colour)
        muted.setAlphaF(0.62)
        metrics = option.fontMetrics
        line = metrics.height()
        top = rect.top() + (rect.height() - 2 * line) // 2
        first, second = lines
        painter.save()
        painter.setPen(text_colour)
        painter.drawText(
            QRect(rect.left(), top, rect.width(), line),
            int(Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(first, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.setPen(muted)
        painter.drawText(
            QRect(rect.left(), top + line, rect.width(), line),
            int(Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(second, self.detail_elide, rect.width()),
        )
        painter.restore()

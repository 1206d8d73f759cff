"""Item painting shared by the lists: a main line with a muted second line, or rich text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from viewer.core.colours import mix, readable_on

Index = QModelIndex | QPersistentModelIndex


#: The details line: one text, or a part kept whole (a host) and a part shortened to fit.
Detail = str | tuple[str, str]


class TwoLineDelegate(QStyledItemDelegate):
    """Paints `lines(index)` (main text, muted details) in the item's text area; items it
    gives no lines for are painted as usual."""

    #: How the second line is shortened when it does not fit.
    detail_elide = Qt.TextElideMode.ElideRight
    #: Room above and below the two lines, in pixels.
    padding = 5

    def lines(self, index: Index) -> tuple[str, Detail] | None:
        raise NotImplementedError

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        if self.lines(index) is not None:
            size.setHeight(option.fontMetrics.height() * 2 + 2 * self.padding)
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
        alternate = bool(option.features & QStyleOptionViewItem.ViewItemFeature.Alternate)
        text_colour, muted = item_colours(option.palette, selected, alternate)
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
        kept, rest = second if isinstance(second, tuple) else ("", second)
        left, centred = rect.left(), int(Qt.AlignmentFlag.AlignVCenter)
        if kept:
            kept = metrics.elidedText(kept, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(QRect(left, top + line, rect.width(), line), centred, kept)
            left += metrics.horizontalAdvance(kept)
        room = rect.right() - left
        if rest and room > metrics.horizontalAdvance("…") * 3:
            painter.drawText(
                QRect(left, top + line, room, line),
                centred,
                metrics.elidedText(rest, self.detail_elide, room),
            )
        painter.restore()


def item_colours(palette: QPalette, selected: bool, alternate: bool = False) -> tuple[QColor, QColor]:
    """The main and the muted text colour of an item on its background (the selection, an
    alternate row or the base): the muted one fainter, yet 4.5:1 on it in any palette."""
    role = QPalette.ColorRole
    background = palette.color(
        role.Highlight if selected else role.AlternateBase if alternate else role.Base
    ).name()
    text = palette.color(role.HighlightedText if selected else role.Text).name()
    return QColor(text), QColor(readable_on(mix(text, background, 0.3), background))


class RichTextDelegate(QStyledItemDelegate):
    """Paints the HTML an item holds in `html_role`, wrapped to the view's width."""

    def __init__(self, html_role: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.html_role = html_role
        self.view = parent

    def _document(self, option: QStyleOptionViewItem, index: Index, width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(4)
        document.setHtml(index.data(self.html_role) or "")
        document.setTextWidth(max(width, 80))
        return document

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = self.view.viewport().width() if isinstance(self.view, QAbstractItemView) else 400
        document = self._document(option, index, width)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        document = self._document(option, index, option.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(option.rect.translated(-option.rect.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()

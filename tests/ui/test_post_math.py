"""Formulas on screen: typeset as images on the text's baseline, searchable as TeX."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QTextCursor, QTextDocument

from viewer.core.search import Matcher
from viewer.ui.post_document import DocumentLook, PostDocument, build_document

pytest.importorskip("ziamath")

OBJECT = "\ufffc"


def look(text_colour: str = "#202124") -> DocumentLook:
    font = QFont()
    font.setPixelSize(16)
    return DocumentLook("", font, text_colour, "#5f6368", 1.0)


def inline(tex: str) -> str:
    return f'<span class="math inline">\\({tex}\\)</span>'


def display(tex: str) -> str:
    return f'<div class="math display">\\[{tex}\\]</div>'


def images(document: QTextDocument) -> list[tuple[int, str]]:
    """(position, resource name) of each image in the document."""
    found = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().isImageFormat():
                found.append((fragment.position(), fragment.charFormat().toImageFormat().name()))
            iterator += 1
        block = block.next()
    return found


def drawn(document: PostDocument, width: int = 600) -> QImage:
    document.qt.setTextWidth(width)
    size = document.qt.size().toSize()
    picture = QImage(size, QImage.Format.Format_ARGB32)
    picture.fill(QColor("white"))
    painter = QPainter(picture)
    document.qt.drawContents(painter)
    painter.end()
    return picture


def lowest_ink(picture: QImage, left: int, right: int, top: int, bottom: int) -> int:
    """The lowest row between top and bottom with a dark pixel in columns [left, right)."""
    for y in range(bottom - 1, top - 1, -1):
        if any(QColor(picture.pixel(x, y)).lightness() < 128 for x in range(left, right)):
            return y
    raise AssertionError("no ink")


def test_formulas_are_images_and_their_tex_is_searchable(qapp) -> None:
    html = "<p>가중치 " + inline("w_{i}") + " 를 곱한다</p>" + display(r"\sum_{k=1}^{n} k^2") + "<p>끝</p>"
    document = build_document(html, look())
    text = document.qt.toPlainText()
    assert "w_{i}" not in text and "\\sum" not in text  # typeset, not shown as TeX
    assert text.startswith(f"가중치 {OBJECT} 를 곱한다") and document.formulas == 2
    assert [name.split(":")[0] for _, name in images(document.qt)] == ["note-viewer-math"] * 2
    # Search sees the TeX and the text around it; a match selects the formula on screen.
    assert "가중치 w_{i} 를 곱한다" in document.plain_text
    for query, on_screen in (("w_{i}", OBJECT), ("치 w_{i} 를", f"치 {OBJECT} 를"), ("k^2", OBJECT)):
        span = Matcher(query).find_all(document.plain_text)[0]
        start, end = document.searchable.to_shown(span.start, span.end)
        assert text[start:end] == on_screen, query
    assert not document.warnings


def test_an_inline_formula_sits_on_the_texts_baseline(qapp) -> None:
    for tex in ("a x", r"\frac{1}{n}\sum_{k=1}^{n} x"):  # shallow, and deeper than the text
        document = build_document(f"<p>xx {inline(tex)} xx</p>", look())
        picture = drawn(document)
        block = document.qt.begin()
        layout, offset = block.layout(), document.qt.documentLayout().blockBoundingRect(block).topLeft()
        line = layout.lineAt(0)
        top, bottom = int(offset.y() + line.y()), int(offset.y() + line.y() + line.height())
        text_left, text_right = (int(offset.x() + line.cursorToX(i)[0]) for i in (0, 2))
        formula = images(document.qt)[0][0] - block.position()
        formula_right = int(offset.x() + line.cursorToX(formula + 1)[0])
        # The formula's last glyph is an x, like the text's: their feet are on one line.
        text_foot = lowest_ink(picture, text_left, text_right, top, bottom)
        formula_foot = lowest_ink(picture, formula_right - 6, formula_right - 1, top, bottom)
        assert abs(text_foot - formula_foot) <= 1, tex


def test_a_display_formula_is_a_centred_block(qapp) -> None:
    document = build_document(f"<p>앞 문단</p>{display('E = mc^2')}<p>뒤 문단</p>", look())
    assert document.qt.toPlainText().split("\n") == ["앞 문단", OBJECT, "뒤 문단"]
    picture = drawn(document, 600)
    block = document.qt.findBlock(images(document.qt)[0][0])
    rect = document.qt.documentLayout().blockBoundingRect(block)
    columns = [
        x for x in range(picture.width())
        if any(QColor(picture.pixel(x, y)).lightness() < 128 for y in range(int(rect.top()), int(rect.bottom())))
    ]  # fmt: skip
    centre = (columns[0] + columns[-1]) / 2
    assert abs(centre - 300) <= 3


def test_formulas_take_the_texts_colour(qapp) -> None:
    for colour in ("#202124", "#e6e6e6"):  # light and dark themes
        document = build_document(f"<p>{inline('x+y')}</p>", look(colour))
        name = images(document.qt)[0][1]
        image = document.qt.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        inked = [
            QColor.fromRgba(image.pixel(x, y)) for x in range(image.width()) for y in range(image.height())
            if QColor.fromRgba(image.pixel(x, y)).alpha() == 255
        ]  # fmt: skip
        assert inked and all(c.name() == colour for c in inked)


def test_the_same_formula_is_typeset_once(qapp) -> None:
    html = "".join(f"<p>{n}번 {inline('a^2+b^2')}</p>" for n in range(50)) + f"<p>{inline('c^2')}</p>"
    document = build_document(html, look())
    names = [name for _, name in images(document.qt)]
    assert len(names) == 51 and len(set(names)) == 2


def test_a_formula_that_cannot_be_typeset_shows_its_tex_with_a_warning(qapp) -> None:
    html = "<p>깨진 " + inline(r"\frac{1") + " 수식과 " + inline("가격 = p") + " 한글</p>"
    document = build_document(html, look())
    text = document.qt.toPlainText()
    assert "\\(\\frac{1\\)" in text and "\\(가격 = p\\)" in text  # the TeX, as Jekyll's page reads
    cursor = QTextCursor(document.qt)
    cursor.setPosition(text.index("\\frac") + 1)
    assert cursor.charFormat().fontFamilies() == ["monospace"]  # in code style
    assert len(document.warnings) == 1 and "shown as TeX" in document.warnings[0]
    assert "and 1 more" in document.warnings[0]
    assert Matcher("frac{1").find_all(document.plain_text)


def formula_colours(window) -> list[QColor]:
    """The colour of the most opaque pixel of each formula the post view shows."""
    document = window.preview.document()
    colours = []
    for _, name in images(document):
        image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        pixels = [QColor.fromRgba(image.pixel(x, y)) for x in range(image.width()) for y in range(image.height())]
        colours.append(max(pixels, key=QColor.alpha))
    return colours


def near(colours: list[QColor], name: str) -> bool:
    """Every colour is `name` (give or take the rounding of a pixel not quite opaque)."""
    target = QColor(name)
    return bool(colours) and all(
        max(abs(c.red() - target.red()), abs(c.green() - target.green()), abs(c.blue() - target.blue())) <= 8
        for c in colours
    )


def formula_heights(window) -> list[int]:
    document = window.preview.document()
    return [
        document.resource(QTextDocument.ResourceType.ImageResource, QUrl(name)).height()
        for _, name in images(document)
    ]


def test_formulas_follow_the_theme_and_the_zoom_in_the_window(qtbot, window, tmp_path) -> None:
    from PySide6.QtGui import QPalette

    from tests.ui.conftest import open_and_wait

    post = tmp_path / "2021-01-15-math.md"
    post.write_text(
        '# 수식\n\n<p>가중치 <span class="math inline">\\(w_{i}\\)</span> 를 곱한다</p>\n\n* 항목\n',
        encoding="utf-8",
    )
    open_and_wait(qtbot, window, post)
    text_colour = window.preview.palette().color(QPalette.ColorRole.Text).name()
    assert near(formula_colours(window), text_colour)
    dark = QPalette(window.preview.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    with qtbot.waitSignal(window.post_shown, timeout=10000):  # laid out again in the worker
        window.preview.setPalette(dark)
    assert near(formula_colours(window), "#e6e6e6")
    assert "가중치 w_{i} 를 곱한다" in window.reading.document.plain_text
    small = formula_heights(window)
    with qtbot.waitSignal(window.post_shown, timeout=10000):
        window.set_zoom(6)
    assert all(big > little for big, little in zip(formula_heights(window), small, strict=True))

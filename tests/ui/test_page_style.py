"""The page as a reader sees it: every element the renderer emits is styled, colours stay legible
on light, dark and high-contrast palettes, code blocks are one box, images fit the column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette, QTextCursor, QTextListFormat

from tests.conftest import FIXTURES
from tests.ui.conftest import open_and_wait
from viewer.core.code_style import code_css
from viewer.core.colours import contrast, is_dark
from viewer.core.document import load_post
from viewer.core.render import render_post
from viewer.ui.delegates import item_colours
from viewer.ui.post_document import DocumentLook, build_document, for_qt, page_colours, post_stylesheet
from viewer.ui.theme import palette_for

EVERY_CONSTRUCT = FIXTURES / "typography" / "2024-05-20-every-construct.md"

#: Tags whose look Qt's rich text already gets right, so the stylesheet leaves them alone.
QT_DEFAULT_IS_RIGHT = {
    "em": "italic",
    "strong": "bold",
    "u": "underlined",
    "br": "a line break",
    "span": "an inline container; its classes carry any look",
    "div": "a block container; its classes carry any look",
    "tbody": "rows of a table; the cells carry the look",
    "thead": "rows of a table; the cells carry the look",
    "tr": "a row; the cells carry the look",
    "details": "Qt shows the summary and the folded text as plain text: nothing is hidden",
    "summary": "shown as the first line of its details",
}
#: Classes styled through something else.
STYLED_ELSEWHERE = {
    "task-list-item": "its list (ul.task-list > li) drops the bullet",
    "highlight": "the figure around a {% highlight %} block; the code box inside is styled",
    "hl-w": "whitespace tokens: spaces have no colour to show",
    "footnote-ref": "the footnote's number: a link in a <sup>, set by the a and sup rules",
    "display": "display math's second class: div.math sets it",
    "inline": "inline math's second class: a formula in a line of text, shown as the text's TeX",
    "gl": "Rouge's second class for the line numbers' cell: td.gutter sets it",
}


def selectors(stylesheet: str) -> tuple[set[str], set[str]]:
    """The element names and classes the stylesheet's selectors name."""
    without_comments = re.sub(r"/\*.*?\*/", "", stylesheet, flags=re.S)
    tags: set[str] = set()
    classes: set[str] = set()
    for group in re.findall(r"([^{}]+)\{[^}]*\}", without_comments):
        for selector in group.split(","):
            for part in re.split(r"[\s>]+", selector.strip()):
                element = re.match(r"[a-z][a-z0-9]*", part)
                if element:
                    tags.add(element.group(0))
                classes.update(re.findall(r"\.([\w-]+)", part))
    return tags, classes


def used(html: str) -> tuple[set[str], set[str]]:
    tags = set(re.findall(r"<([a-z][a-z0-9]*)\b", html))
    classes = {name for value in re.findall(r'class="([^"]*)"', html) for name in value.split()}
    return tags, classes


def test_every_tag_and_class_of_the_rendered_html_is_styled(qapp) -> None:
    html = for_qt(render_post(load_post(EVERY_CONSTRUCT)).html)
    light = post_stylesheet(palette_for("light"))
    dark = post_stylesheet(palette_for("dark"))
    tags, classes = used(html)
    # The fixture does cover the constructs (a sample of them, each from a different rule).
    assert {"h6", "table", "pre", "sup", "hr", "img", "dl", "del", "kbd", "mark"} <= tags
    assert {"code", "quote", "grid", "footnote", "markdown-toc", "task-list", "embed"} <= classes
    styled_tags, styled_classes = selectors(light)
    _, dark_classes = selectors(dark)
    unstyled_tags = tags - styled_tags - set(QT_DEFAULT_IS_RIGHT)
    assert not unstyled_tags, f"tags the preview stylesheet does not style: {sorted(unstyled_tags)}"
    # Code tokens may be plain text in one style and coloured in the other.
    unstyled_classes = classes - styled_classes - dark_classes - set(STYLED_ELSEWHERE)
    assert not unstyled_classes, f"classes the preview stylesheet does not style: {sorted(unstyled_classes)}"


def high_contrast(dark: bool) -> QPalette:
    palette = QPalette()
    back, fore = ("#000000", "#ffffff") if dark else ("#ffffff", "#000000")
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase, QPalette.ColorRole.Window):
        palette.setColor(role, QColor(back))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        palette.setColor(role, QColor(fore))
    palette.setColor(QPalette.ColorRole.Link, QColor("#ffff00" if dark else "#0000ee"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#1aebff" if dark else "#000080"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#000000" if dark else "#ffffff"))
    return palette


PALETTES = {
    "light": lambda: palette_for("light"),
    "dark": lambda: palette_for("dark"),
    "high contrast dark": lambda: high_contrast(True),
    "high contrast light": lambda: high_contrast(False),
    # A palette whose link colour was made for the other background (blue on near black).
    "dark with a light link": lambda: _with(palette_for("dark"), QPalette.ColorRole.Link, "#0000ee"),
}


def _with(palette: QPalette, role: QPalette.ColorRole, colour: str) -> QPalette:
    palette.setColor(role, QColor(colour))
    return palette


@pytest.mark.parametrize("name", PALETTES)
def test_every_colour_of_the_page_and_the_lists_is_legible(qapp, name: str) -> None:
    palette = PALETTES[name]()
    base = palette.color(QPalette.ColorRole.Base).name()
    colours = page_colours(palette)
    pairs = {
        "text": (colours["text"], base),
        "headings": (colours["heading"], base),
        "links": (colours["link"], base),
        "date line and muted text": (colours["muted"], base),
        "code": (colours["code_text"], colours["code_bg"]),
        "marked text": (colours["mark_text"], colours["mark_bg"]),
        "table headers": (colours["text"], colours["table_head"]),
    }
    for token_rule in code_css(is_dark(base), colours["code_bg"]).splitlines():
        match = re.search(r"color: (#\w+)", token_rule)
        if match:
            pairs[token_rule.split()[0]] = (match.group(1), colours["code_bg"])
    for selected in (False, True):
        for alternate in (False, True):
            main, muted = item_colours(palette, selected, alternate)
            role = QPalette.ColorRole
            background = palette.color(
                role.Highlight if selected else role.AlternateBase if alternate else role.Base
            )
            where = f"list rows (selected={selected}, alternate={alternate})"
            pairs[f"{where}: main"] = (main.name(), background.name())
            pairs[f"{where}: details"] = (muted.name(), background.name())
    too_faint = {what: round(contrast(*pair), 2) for what, pair in pairs.items() if contrast(*pair) < 4.5}
    assert not too_faint, f"below 4.5:1 on {name}: {too_faint}"


def test_a_code_block_is_one_box_without_an_empty_last_line(qapp) -> None:
    # Issue 17: code blocks showed as striped separate lines with an empty last line.
    html = render_post(load_post(EVERY_CONSTRUCT)).html
    document = build_document(html, DocumentLook(post_stylesheet(palette_for("light")))).qt
    cursor = document.find("def 인사")
    table = cursor.currentTable()
    assert table is not None and (table.rows(), table.columns()) == (1, 1)  # one shaded cell
    cell = table.cellAt(0, 0)
    assert cell.format().background().color().name() == page_colours(palette_for("light"))["code_bg"]
    first = cell.firstCursorPosition()
    first.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    lines = first.selectedText().split("\u2029")
    assert lines[0] == "def 인사(이름: str) -> str:"
    assert lines[-1] == '    return f"안녕하세요, {이름}님"'  # no empty line after the last
    # With line numbers (Jekyll's linenos): one box of two cells, numbers and code, no empty lines.
    numbered = document.find("for 번호 in range(3):").currentTable()
    assert numbered is not None and (numbered.rows(), numbered.columns()) == (1, 2)
    numbers = numbered.cellAt(0, 0)
    cursor = numbers.firstCursorPosition()
    cursor.setPosition(numbers.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText().split("\u2029") == ["1", "2"]


def test_a_block_quote_is_a_box_with_a_bar(qapp) -> None:
    html = render_post(load_post(EVERY_CONSTRUCT)).html
    document = build_document(html, DocumentLook(post_stylesheet(palette_for("light")))).qt
    table = document.find("인용문 첫 문단입니다").currentTable()
    assert table is not None
    cell = table.cellAt(0, 0).format().toTableCellFormat()
    assert cell.leftBorder() >= 2 and cell.topBorder() == 0 and cell.rightBorder() == 0


def test_images_of_a_site_fit_the_column(qtbot, window, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "_config.yml").write_text("baseurl: /blog\n", encoding="utf-8")
    wide = QImage(2400, 600, QImage.Format.Format_RGB32)
    wide.fill(QColor("#4a90d9"))
    wide.save(str(site / "assets" / "wide.png"))
    post = site / "_posts" / "2024-01-01-picture.md"
    post.write_text(
        "---\ntitle: 그림\n---\n넓은 그림:\n\n![구성도](/blog/assets/wide.png)\n", encoding="utf-8"
    )
    open_and_wait(qtbot, window, post)
    view = window.preview
    qtbot.waitUntil(lambda: not view._fit_timer.isActive())
    view.verticalScrollBar().setValue(0)
    shown = view.viewport().grab().toImage()
    blue = [
        (x, y) for y in range(shown.height()) for x in range(shown.width())
        if shown.pixelColor(x, y).name() == "#4a90d9"
    ]  # fmt: skip
    assert blue, "the picture is shown"
    left, right = min(x for x, _ in blue), max(x for x, _ in blue)
    top, bottom = min(y for _, y in blue), max(y for _, y in blue)
    width, height = right - left + 1, bottom - top + 1
    column_left, column_width = view.column
    assert left >= column_left - view.viewportMargins().left() - 1  # starts in the column
    assert width <= column_width  # fits the column
    assert width > column_width * 0.9  # and fills it: scaled down, not left small
    assert abs(height - round(600 * width / 2400)) <= 2  # scaled, not cropped
    # A web image is not fetched.
    assert view.loadResource(2, "https://example.com/a.png") is None  # QTextDocument.ImageResource


def test_list_levels_are_told_apart(qapp) -> None:
    html = render_post(load_post(EVERY_CONSTRUCT)).html
    document = build_document(html, DocumentLook(post_stylesheet(palette_for("light")))).qt

    def bullet(text: str) -> QTextListFormat.Style:
        text_list = document.find(text).block().textList()
        assert text_list is not None, text
        return text_list.format().style()

    Style = QTextListFormat.Style
    levels = [bullet(text) for text in ("첫 단계", "둘째 단계", "셋째 단계", "넷째 단계")]
    assert levels == [Style.ListDisc, Style.ListCircle, Style.ListSquare, Style.ListDisc]  # • ◦ ▪ •
    assert bullet("안쪽 번호") == Style.ListDecimal
    assert bullet("섞인 점 목록") == Style.ListSquare  # a third list down, inside two numbered ones
    assert bullet("끝난 일") not in (Style.ListDisc, Style.ListCircle, Style.ListSquare)  # a task box instead
    # Each level is indented one step further than the one it sits in.
    indents = [
        document.find(text).block().textList().format().indent()
        for text in ("첫 단계", "둘째 단계", "셋째 단계")
    ]
    assert indents == sorted(set(indents))

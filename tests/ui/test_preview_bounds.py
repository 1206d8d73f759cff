"""The preview lays out any post in bounded time: long lists in pieces that read as one list,
and past an element or nesting budget the rest of the post as plain text, with a warning."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtGui import QFont, QTextDocument

from viewer.core.render import render_markdown
from viewer.ui import post_document
from viewer.ui.post_document import (
    LIST_CHUNK,
    MAX_PREVIEW_DEPTH,
    MAX_PREVIEW_ELEMENTS,
    DocumentLook,
    build_document,
)


def look() -> DocumentLook:
    font = QFont()
    font.setPixelSize(16)
    return DocumentLook("", font, "#202124", "#5f6368", 1.0)


def list_items(document: QTextDocument) -> list[tuple[str, str, float]]:
    """(marker, text, top) of every list item block, in order."""
    layout = document.documentLayout()
    found = []
    block = document.begin()
    while block.isValid():
        if block.textList() is not None:
            marker = block.textList().itemText(block)
            found.append((marker, block.text(), layout.blockBoundingRect(block).top()))
        block = block.next()
    return found


def test_a_long_numbered_list_reads_as_one_list(qapp) -> None:
    count = 2 * LIST_CHUNK + 40
    html, _ = render_markdown("".join(f"{n}. 항목 {n}\n" for n in range(1, count + 1)))
    document = build_document(html, look())
    document.qt.setTextWidth(600)
    items = list_items(document.qt)
    assert [marker for marker, _, _ in items] == [f"{n}." for n in range(1, count + 1)]  # numbers go on
    assert [text for _, text, _ in items] == [f"항목 {n}" for n in range(1, count + 1)]
    steps = {round(b - a, 1) for (_, _, a), (_, _, b) in pairwise(items)}
    assert len(steps) == 1  # no gap where one piece of the list ends and the next begins
    assert not document.warnings


def test_a_paragraph_of_too_many_elements_ends_as_plain_text(qapp) -> None:
    words = [f"단어{n}" for n in range(MAX_PREVIEW_ELEMENTS + 3000)]
    html, _ = render_markdown(" ".join(f"~~{word}~~" for word in words) + " 마지막")
    document = build_document(html, look())
    text = document.qt.toPlainText()
    assert all(word in text for word in (words[0], words[MAX_PREVIEW_ELEMENTS], words[-1], "마지막"))
    assert len(document.warnings) == 1 and "shown as plain text" in document.warnings[0]
    struck = document.qt.find(words[0])
    assert struck.charFormat().fontStrikeOut()  # the start keeps its formatting
    plain = document.qt.find(words[-1])
    assert not plain.charFormat().fontStrikeOut()


def test_elements_nested_too_deep_end_as_plain_text(qapp) -> None:
    depth = MAX_PREVIEW_DEPTH + 50
    html = "<div>" * depth + "<p>깊은 곳의 글</p>" + "</div>" * depth + "<p>그 뒤의 글</p>"
    document = build_document(html, look())
    text = document.qt.toPlainText()
    assert "깊은 곳의 글" in text and "그 뒤의 글" in text
    assert len(document.warnings) == 1 and "shown as plain text" in document.warnings[0]


def test_a_real_sized_post_is_laid_out_whole(qapp) -> None:
    markdown = "".join(
        f"* **항목** {n} [링크](https://example.com/{n}) `code`\n  * 하위 {n}\n" for n in range(600)
    )
    html, _ = render_markdown(markdown)
    document = build_document(html, look())
    assert not document.warnings and not document.note
    assert not document.qt.find("하위 599").isNull()


def test_quotes_nested_too_deep_end_as_plain_text(qapp) -> None:
    depth = 30  # drawn as tables in tables, Qt's layout doubles with each level
    html, _ = render_markdown("".join("> " * level + f"인용 {level}\n\n" for level in range(1, depth + 1)))
    document = build_document(html, look())
    document.qt.setTextWidth(600)
    text = document.qt.toPlainText()
    assert all(f"인용 {level}" in text for level in range(1, depth + 1))
    assert len(document.warnings) == 1 and "shown as plain text" in document.warnings[0]


def test_quotes_nested_as_real_posts_nest_them_are_boxes(qapp) -> None:
    html, _ = render_markdown("> 바깥\n>\n> > 안쪽\n>\n> > > 더 안쪽\n")
    document = build_document(html, look())
    assert not document.warnings
    assert document.qt.rootFrame().childFrames()  # drawn as boxes with a bar, not plain text


def test_past_the_text_budget_the_rest_is_plain_and_search_still_counts_it(qapp, monkeypatch) -> None:
    """Qt lays out about two megabytes of text a second: past MAX_PREVIEW_HTML the post goes on
    as plain text, and past MAX_PLAIN_CHARS of that it is not laid out but still searched."""
    monkeypatch.setattr(post_document, "MAX_PREVIEW_HTML", 3_000)
    monkeypatch.setattr(post_document, "MAX_PLAIN_CHARS", 2_000)
    paragraphs = [f"문단 {n} **굵게** 데이터 &amp; <끝>" for n in range(400)]
    html, _ = render_markdown("\n\n".join(p.replace("&amp;", "&") for p in paragraphs))
    document = build_document(html, look())
    text = document.qt.toPlainText()
    assert "문단 0 굵게 데이터 & <끝>" in text and document.qt.find("굵게").charFormat().fontWeight() > 500
    assert "문단 399" not in text  # not laid out …
    assert "문단 399 굵게 데이터 & <끝>" in document.rest_text  # … but there for search to count
    shown = [n for n in range(400) if f"문단 {n} " in text]
    assert shown == list(range(len(shown))) and 20 < len(shown) < 399  # a start, then nothing skipped
    not_shown = [n for n in range(400) if f"문단 {n} " in document.rest_text]
    assert not_shown[-1] == 399 and not_shown[0] in (shown[-1], shown[-1] + 1)  # nothing lost
    ending = "The preview ends here. The rest of the post is not laid out; search counts the matches in it."
    assert text.endswith(ending) and ending not in document.plain_text  # said, but not searched
    assert len(document.warnings) == 2
    assert "shown as plain text" in document.warnings[0] and "2,000,000" not in document.warnings[0]
    assert "search counts the matches in all of it" in document.warnings[1]


def test_plain_text_after_a_cut_inside_an_item_is_not_made_list_items(qapp, monkeypatch) -> None:
    """A cut inside an item's text goes on in that item's line; the lines after it are plain
    blocks, not items of its list (Qt renumbered the list at every line: 3.4 s for 500,000
    characters, and each line showed a bullet)."""
    monkeypatch.setattr(post_document, "MAX_PREVIEW_ELEMENTS", 40)
    html, _ = render_markdown("".join(f"* 항목 {n} **굵게** 끝{n}\n" for n in range(100)))
    document = build_document(html, look())
    items = [text for _, text, _ in list_items(document.qt)]
    assert 5 < len(items) < 40 and items[0] == "항목 0 굵게 끝0"
    last = items[-1]  # where the cut fell: its line goes on to the item's end, as plain text
    number = int(last.split()[1])
    assert last == f"항목 {number} 굵게 끝{number}"
    text = document.qt.toPlainText()
    assert f"* 항목 {number + 1} **굵게** 끝{number + 1}" not in text  # the rest: plain, as the HTML says
    assert f"항목 {number + 1} 굵게 끝{number + 1}" in text and "항목 99 굵게 끝99" in text
    plain = text.split(f"항목 {number + 1} ")[1]
    assert "\n\n" not in plain  # a line an item, no empty lines where tags were


def test_plain_text_of_nested_lists_has_no_empty_lines(qapp, monkeypatch) -> None:
    monkeypatch.setattr(post_document, "MAX_PREVIEW_ELEMENTS", 20)
    html, _ = render_markdown("".join("  " * (n % 4) + f"* 항목 {n}\n" for n in range(60)))
    text = build_document(html, look()).qt.toPlainText()
    lines = text.split("\n")
    assert [line for line in lines if line.strip()] == [f"항목 {n}" for n in range(60)]
    assert len(lines) <= 61  # nothing between the items (the nested lists' ends left empty lines)


def gaps(markdown: str) -> dict[tuple[str, str], float]:
    """The space between each line of the laid-out post and the next, by their texts."""
    document = build_document(render_markdown(markdown)[0], look()).qt
    document.setTextWidth(600)
    layout = document.documentLayout()
    rows = []
    block = document.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        rows.append((block.text(), rect.top(), rect.bottom()))
        block = block.next()
    return {(a[0], b[0]): round(b[1] - a[2], 1) for a, b in pairwise(rows)}


@pytest.mark.parametrize("count", [3, 2 * LIST_CHUNK + 5], ids=["short list", "list laid out in pieces"])
def test_the_space_below_a_list_comes_after_its_last_line(qapp, count) -> None:
    """Qt puts a list's space below on its last item's own line: when that item ends with a
    list of its own, the space showed above the inner list and not after the whole."""
    items = "".join(f"* 항목 {n}\n  * 하위 {n}\n" for n in range(count))
    nested = gaps(items + "\n문단.\n")
    flat = gaps("* 가\n* 나\n\n문단.\n")
    last = count - 1
    assert nested[(f"항목 {last}", f"하위 {last}")] == nested[("항목 0", "하위 0")]  # as in every item
    assert nested[(f"하위 {last}", "문단.")] == flat[("나", "문단.")] > nested[("항목 0", "하위 0")]

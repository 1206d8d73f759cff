"""kramdown's block rules, checked on the block tree itself (each expectation is what kramdown 2.4
with GFM input makes of the same text)."""

from __future__ import annotations

import re

from viewer.core.attribute_lists import parse_attribute_list
from viewer.core.kramdown_blocks import Block, KramdownBlockParser
from viewer.core.render import render_markdown


def parse(text: str) -> tuple[Block, KramdownBlockParser]:
    parser = KramdownBlockParser(lambda *_: None, lambda *_: None)
    return parser.parse(text), parser


def shape(block: Block) -> list[object]:
    """Block types and texts, nested, without blank lines and end-of-block markers."""
    shown: list[object] = []
    for child in block.children:
        if child.type in ("blank", "eob"):
            continue
        shown.append((child.type, child.text) if not child.children else (child.type, shape(child)))
    return shown


def test_display_math_stands_alone_between_block_boundaries() -> None:
    root, _ = parse("앞 문단\n\n$$\na_1 | b_2 \\\\\n  c_3\n$$\n\n$$x$$\n뒤 문단\n")
    assert shape(root) == [
        ("p", "앞 문단"),
        ("math", "a_1 | b_2 \\\\\n  c_3"),  # no table, '\\' kept
        ("p", "$$x$$\n뒤 문단"),  # a paragraph follows: inline math, not a block
    ]


def test_escaped_dollars_are_no_display_math() -> None:
    root, _ = parse("\\$$x$$\n")
    assert shape(root) == [("p", "$$x$$")]  # kramdown drops the backslash and reads a paragraph


def test_html_closing_mid_line_leaves_the_rest_of_the_line_to_the_blocks() -> None:
    root, _ = parse("<div>상자</div>* 항목\n  * 하위\n")
    assert [child.type for child in root.children] == ["html", "ul"]
    assert root.children[0].text == "<div>상자</div>"


def test_a_closing_tag_that_closes_nothing_is_text_and_the_element_runs_on() -> None:
    root, _ = parse("<div>\n<p>문단\n</div>\n\n* 항목\n")
    (html,) = root.children
    assert html.type == "html"
    assert "&lt;/div&gt;" in html.text and "* 항목" in html.text
    assert html.text.endswith("</p></div>")  # closed where the text ends


def test_a_tag_whose_name_is_not_ascii_reads_as_text() -> None:
    root, _ = parse("* 가\n  <사진>\n* 나\n")
    first = root.children[0].children[0]
    assert [child.type for child in first.children] == ["p", "html"]
    assert first.children[1].text.startswith("&lt;사진&gt;")


def test_markdown_inside_html_when_the_element_asks_for_it() -> None:
    root, _ = parse('<div class="상자" markdown="1">\n* 가\n  * 나\n</div>\n문단\n')
    element = root.children[0]
    assert (element.type, element.text, element.attrs) == ("html_element", "div", {"class": "상자"})
    assert shape(element) == [("ul", [("li", [("p", "가\n"), ("ul", [("li", [("p", "나")])])])])]
    assert shape(root)[1:] == [("p", "문단")]


def test_attribute_list_before_a_block_and_definitions_it_refers_to() -> None:
    root, _ = parse('{:ref: .a title="t"}\n\n{:ref .b}\n문단\n\n끝\n{: .x}\n{: #z}\n')
    first, last = (child for child in root.children if child.type == "p")
    assert parse_attribute_list(first.ial).attributes == {"class": "a b", "title": "t"}
    assert parse_attribute_list(last.ial).attributes == {"class": "x", "id": "z"}


def test_braces_that_are_not_attribute_lists_stay_text() -> None:
    root, _ = parse("## 제목 {address}\n## 제목 {#my-id}\n## 제목 {#한글}\n{char} 한 줄\n")
    headers = [child for child in root.children if child.type == "header"]
    assert [(h.text, h.attrs.get("id")) for h in headers] == [
        ("제목 {address}", None),
        ("제목", "my-id"),
        ("제목", "한글"),
    ]
    assert shape(root)[-1] == ("p", "{char} 한 줄")


def test_only_known_extensions_are_extensions() -> None:
    root, _ = parse("{::foo}\nx\n{:/foo}\n\n{::comment}\n숨김\n{:/comment}\n보임\n\n{:/}\n")
    assert shape(root) == [
        ("p", "{::foo}\nx\n{:/foo}"),
        ("comment", "숨김"),
        ("p", "보임"),
        ("p", "{:/}"),
    ]


def test_a_table_needs_body_rows_and_pipes_outside_code() -> None:
    root, _ = parse("| 가 | 나 |\n|---|---|\n\n| `a|b` | 다 |\n| 라 | 마 |\n")
    assert [child.type for child in root.children if child.type != "blank"] == ["p", "table"]
    table = root.children[-1]
    assert (table.rows, table.head_rows) == ([["`a|b`", "다"], ["라", "마"]], 0)


def test_tabs_in_list_items_follow_kramdowns_tab_stops() -> None:
    # After '* ' the content column is 2: a tab-indented line is indented enough, a line of two
    # spaces and a tab is not a nested list (its tab is no list marker's space).
    nested, _ = parse("* 가\n\t* 나\n\t\t* 다\n")
    assert shape(nested) == [
        ("ul", [("li", [("p", "가\n"), ("ul", [("li", [("p", "나\n"), ("ul", [("li", [("p", "다")])])])])])])
    ]
    lazy, _ = parse("* 가\n  \t* 나\n")
    assert shape(lazy) == [("ul", [("li", [("p", "가\n\t* 나")])])]


def test_a_line_no_block_takes_is_text_outside_paragraphs() -> None:
    root, _ = parse("가\n\n \t- 나\n다\n")
    assert shape(root) == [("p", "가"), ("text", " \t- 나\n"), ("p", "다")]


def test_attribute_lists_reach_code_and_html_blocks() -> None:
    page, _ = render_markdown(
        '{: #코드 .예시}\n    print("가")\n\n<div class="상자">내용</div>\n{: title="제목"}\n'
    )
    assert '<pre class="code 예시">' in page  # "#코드" is no id: ids start with an ASCII letter
    assert '<div class="상자" title="제목">내용</div>' in page


def test_pipes_inside_span_html_make_no_table() -> None:
    # kramdown 2.4 (table.rb: the pipe check reads code spans and span HTML): '<span>$$a|b$$' and
    # '<<데이터>> |' (the tag <데이터> is never closed) are paragraphs; a pipe outside the element,
    # or an element inside a code span, still makes a table.
    for text in ("<span>$$a|b$$\n", "<<데이터>> |\n", "x <T> 공식|\n"):
        root, _ = parse(text)
        assert [child.type for child in root.children] == ["p"], text
    for text in ("a <b>굵게</b> | 나\n", "`<b>` | 다\n"):
        root, _ = parse(text)
        assert [child.type for child in root.children] == ["table"], text


def test_an_element_read_as_markdown_inside_raw_html_in_a_quote_ends_and_reads_on() -> None:
    # Found by the fuzzer (benchmarks/fuzz.py): the element's content ended mid-line, the rest
    # of the text became a text of its own, and the raw HTML around it read the old text again
    # from the new position, for ever. Expected output checked against kramdown 2.4.
    import signal

    def stuck(*_args: object) -> None:
        raise AssertionError("rendering did not end")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(20)
    try:
        html, _ = render_markdown(
            '@/details>\n> 인용문 안의 목록\n><detaiis markdown="1">\n'
            '<summary>펼치기</su[* 숨은 목록 *강\n<details markdown="1">문 안의 목 [노트].\n'
        )
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    quote = html[html.index("<blockquote>") : html.index("</blockquote>")]
    assert "<p>인용문 안의 목록</p>" in quote and "<detaiis" in quote
    assert html.index("</blockquote>") < html.index("<summary>펼치기&lt;/su[* 숨은 목록 *강")
    assert "<details>" in html and "<p>문 안의 목 [노트].</p>" in html


def test_past_the_block_budget_each_text_keeps_its_rest_in_its_place(monkeypatch) -> None:
    """A list or table that runs out of blocks ends at an item or a row; what is left of each
    text is shown as written where it stood, and the warning names the first such line."""
    monkeypatch.setattr(KramdownBlockParser, "MAX_BLOCKS", 10)
    text = (
        "# 제목\n\n* 가 **굵게**\n* 나\n  * 다 **굵게**\n  * 라\n* 마\n\n"
        "| 칸 | 값 |\n|---|---|\n| 1 | 2 |\n\n    들여쓴 *문단*\n\n[참고]: https://example.com/참고\n"
    )
    html, extension = render_markdown("[앞 글][참고]\n\n" + text)
    assert extension.warnings == [
        "Line 8 on: the post has more than 10 blocks (paragraphs, list items, table cells, HTML tags); "
        "the rest of it is shown as written, without formatting."
    ]
    outline = extension.outline[0].children
    assert [(node.text, [child.text for child in node.children]) for node in outline] == [
        ("가 굵게", []),
        ("나", ["다 굵게"]),
    ]
    assert "<strong>굵게</strong>" in html.split("라")[0]  # before the budget ran out: formatted
    unformatted = re.findall(r'<p class="unformatted">(.*?)</p>', html, re.S)
    assert unformatted == [
        "* 라",  # the rest of 나's nested list, in 나 (its lines as the item holds them)
        "* 마",  # the items after, as written after the list
        "| 칸 | 값 |<br />|---|---|<br />| 1 | 2 |",
        "    들여쓴 *문단*",  # its indent kept
        "[참고]: https://example.com/참고",
    ]
    # A definition past the cut still defines: the reference before it is a link.
    assert '<a href="https://example.com/참고">앞 글</a>' in html


def test_a_table_cut_by_the_block_budget_goes_on_as_written(monkeypatch) -> None:
    monkeypatch.setattr(KramdownBlockParser, "MAX_BLOCKS", 20)  # a row and its cells count
    rows = "".join(f"| R{r} | **이름{r}** |\n" for r in range(30))
    html, extension = render_markdown("| 칸 | 값 |\n|---|---|\n" + rows)
    shown = re.findall(r"<td>(R\d+)</td>", html)
    assert shown == [f"R{r}" for r in range(len(shown))] and 0 < len(shown) < 30
    (rest,) = re.findall(r'<p class="unformatted">(.*?)</p>', html, re.S)
    assert rest.split("<br />") == [f"| R{r} | **이름{r}** |" for r in range(len(shown), 30)]  # not a paragraph
    line = 3 + len(shown)  # the first row not shown in the table
    assert extension.warnings[0].startswith(f"Line {line} on:")


def test_an_items_text_ending_in_a_line_break_before_its_nested_list() -> None:
    """kramdown ends an item's text with a newline when a block follows it, so a closing '\\\\'
    is a line break: also when the text's last line was added to it later (a line starting with
    an autolink; found by the differential test, seed 29)."""
    for second in ("abc", "<me@example.com>"):
        html, _ = render_markdown(f"- x\n  {second}분석에서 \\\\\n  * y\n")
        assert "분석에서 <br" in html and "\\" not in html, second

"""kramdown's span rules, each on a fixture of our own.

Every expected HTML below is what kramdown 2.4 (GFM input, Jekyll's options: hard_wrap false,
auto_ids, smart quotes, mathjax) printed for the Markdown beside it, verbatim; the two pages are
compared tag by tag and text by text (attribute order, white space between tags and our item ids
aside). Where our page differs on purpose (formulas, task boxes) the test says so.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

from viewer.core.outline import walk
from viewer.core.render import render_markdown

_VOID = {"br", "img", "input", "hr"}


class _Tokens(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = sorted((k, v or "") for k, v in attrs if not (tag == "li" and k == "id"))
        self.tokens.append(("<", tag, *(f"{k}={v}" for k, v in kept)))

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.tokens.append((">", tag))

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text:
            self.tokens.append(("text", text))

    def handle_comment(self, data: str) -> None:
        self.tokens.append(("comment", data.strip()))


def tokens(page: str) -> list[tuple[str, ...]]:
    parser = _Tokens()
    parser.feed(page)
    parser.close()
    merged: list[tuple[str, ...]] = []
    for token in parser.tokens:  # text split by a tag-less boundary is one text
        if token[0] == "text" and merged and merged[-1][0] == "text":
            merged[-1] = ("text", f"{merged[-1][1]} {token[1]}")
        else:
            merged.append(token)
    return merged


def assert_as_kramdown(markdown: str, kramdown: str) -> None:
    page, _ = render_markdown(markdown)
    assert tokens(page) == tokens(kramdown)


# --- emphasis ----------------------------------------------------------------------------------------


def test_runs_of_four_asterisks() -> None:
    assert_as_kramdown(
        "****굵게**** 그리고 **** 네 개\n",
        "<p><strong>**굵게</strong>** 그리고 <em>**</em> 네 개</p>",
    )


def test_asterisks_and_underscores_inside_words_and_paths() -> None:
    assert_as_kramdown(
        "값은 a*b*c 이고 경로는 /usr/a_b_c/d_e, 이름은 snake_case_name\n",
        "<p>값은 a<em>b</em>c 이고 경로는 /usr/a_b_c/d_e, 이름은 snake_case_name</p>",
    )


def test_emphasis_next_to_hangul() -> None:
    # '*' emphasises inside a Korean word; '_' after a letter (Hangul too) is text.
    assert_as_kramdown(
        "한글*강조*한글 그리고 한글_밑줄_한글, 한글 _밑줄_ 한글\n",
        "<p>한글<em>강조</em>한글 그리고 한글_밑줄_한글, 한글 <em>밑줄</em> 한글</p>",
    )


def test_unclosed_strong_falls_back_to_emphasis() -> None:
    assert_as_kramdown("**열림 *닫힘* 끝\n", "<p><em>*열림 *닫힘</em> 끝</p>")
    assert_as_kramdown("**굵게* 끝\n", "<p><em>*굵게</em> 끝</p>")


# --- raw HTML and text that looks like a tag ---------------------------------------------------------


def test_text_that_looks_like_a_tag_shows_as_kramdown_writes_it() -> None:
    # kramdown writes '<여러분의 IP="">…</여러분의>'; a browser reads no tag there (a tag name starts
    # with an ASCII letter) and shows the text; a closing tag nothing opened is text.
    page, ext = render_markdown("* 접속: <여러분의 IP>:<원하는 port> 형식, 줄바꿈 </br> 끝\n")
    assert ext.outline[0].text == '접속: <여러분의 IP="">:<원하는 port=""> 형식, 줄바꿈 </br> 끝'
    assert "&lt;/br&gt;" in page


def test_inline_html_keeps_markdown_inside_span_elements_only() -> None:
    assert_as_kramdown(
        "<span>**굵게**</span> <kbd>**그대로**</kbd> <b>'인용'</b> List<Address> 목록\n",
        "<p><span><strong>굵게</strong></span> <kbd>**그대로**</kbd> <b>‘인용’</b> "
        "List&lt;Address&gt; 목록</p>",
    )


# --- links, autolinks, e-mail ------------------------------------------------------------------------


def test_bare_email_is_text_and_autolinks_are_clean() -> None:
    markdown = "# 메일 me@example.com\n\n* 또는 <me@example.com> 으로\n"
    assert_as_kramdown(
        markdown,
        '<h1 id="메일-meexamplecom">메일 me@example.com</h1>\n'
        '<ul><li>또는 <a href="mailto:me@example.com">me@example.com</a> 으로</li></ul>',
    )
    _, ext = render_markdown(markdown)
    exported = json.dumps([node.to_dict() for node in ext.outline], ensure_ascii=False)
    assert "\x02" not in exported and "\x03" not in exported
    assert [link.url for link in ext.links] == ["mailto:me@example.com"]


def test_reference_links_with_code_nested_brackets_and_images() -> None:
    assert_as_kramdown(
        "[`설정`][] 와 [[버그 #1]][r] 그리고 ![그림][1]\n\n"
        "[`설정`]: http://config.example\n[r]: http://bug.example\n[1]: http://img.example/a.png\n",
        '<p><a href="http://config.example"><code>설정</code></a> 와 '
        '<a href="http://bug.example">[버그 #1]</a> 그리고 '
        '<img src="http://img.example/a.png" alt="그림" /></p>',
    )


def test_brackets_that_are_not_links_stay_text() -> None:
    assert_as_kramdown(
        "[[정의 없음]] 과 [링크](http://a.example) 와 [미정][없음]\n",
        '<p>[[정의 없음]] 과 <a href="http://a.example">링크</a> 와 [미정][없음]</p>',
    )


def test_inline_link_with_parentheses_and_title() -> None:
    assert_as_kramdown(
        '[위키](http://w.example/a_(b)) 와 [제목](http://t.example "설명")\n',
        '<p><a href="http://w.example/a_(b)">위키</a> 와 <a href="http://t.example" title="설명">제목</a></p>',
    )


# --- extensions and attribute lists ------------------------------------------------------------------


def test_inline_comment_extension_and_span_attribute_list() -> None:
    assert_as_kramdown(
        "또 {::comment}숨김{:/comment}끝 [링크](http://a.example){: .big}\n",
        '<p>또 <!-- 숨김 -->끝 <a href="http://a.example" class="big">링크</a></p>',
    )


def test_braces_that_are_not_attribute_lists_are_text() -> None:
    assert_as_kramdown(
        "| 열 | 값 |\n|---|---|\n| {char} | `x` |\n\n문장 끝 {: .no} 과 {중괄호}\n",
        "<table><thead><tr><th>열</th><th>값</th></tr></thead>"
        "<tbody><tr><td>{char}</td><td><code>x</code></td></tr></tbody></table>\n"
        "<p>문장 끝 {: .no} 과 {중괄호}</p>",
    )


# --- heading ids -------------------------------------------------------------------------------------


def test_heading_ids_with_line_breaks_and_inline_html() -> None:
    assert_as_kramdown(
        "# 제목<br/>둘째 `code` <b>굵은</b>\n\n## << 인용 >> -- 끝\n",
        '<h1 id="제목둘째-code-굵은">제목<br />둘째 <code>code</code> <b>굵은</b></h1>\n'
        '<h2 id="인용--끝">« 인용 » – 끝</h2>',
    )


# --- footnotes ---------------------------------------------------------------------------------------


def test_footnotes_are_numbered_in_the_order_they_are_referenced() -> None:
    page, ext = render_markdown(
        "본문[^later] 과 앞[^early] 다시[^later]\n\n[^early]: 앞의 주석\n[^later]: 뒤의 주석\n"
    )
    body, notes = page.split('<div class="footnote"', 1)
    assert tokens(body) == tokens(
        '<p>본문<sup id="fnref:later" role="doc-noteref"><a href="#fn:later" class="footnote" '
        'rel="footnote">1</a></sup> 과 앞<sup id="fnref:early" role="doc-noteref"><a href="#fn:early" '
        'class="footnote" rel="footnote">2</a></sup> 다시<sup id="fnref:later:1" role="doc-noteref">'
        '<a href="#fn:later" class="footnote" rel="footnote">1</a></sup></p>'
    )
    # kramdown's notes, with the class names the app's stylesheet knows (div.footnote for its
    # div.footnotes, a.footnote-backref for its a.reversefootnote)
    kramdown_notes = (
        '<div class="footnotes" role="doc-endnotes"><ol>'
        '<li id="fn:later" role="doc-endnote"><p>뒤의 주석\u00a0<a href="#fnref:later" '
        'class="reversefootnote" role="doc-backlink">&#8617;</a>\u00a0<a href="#fnref:later:1" '
        'class="reversefootnote" role="doc-backlink">&#8617;<sup>2</sup></a></p></li>'
        '<li id="fn:early" role="doc-endnote"><p>앞의 주석\u00a0<a href="#fnref:early" '
        'class="reversefootnote" role="doc-backlink">&#8617;</a></p></li></ol></div>'
    )
    ours = kramdown_notes.replace('"footnotes"', '"footnote"').replace("reversefootnote", "footnote-backref")
    assert tokens('<div class="footnote"' + notes) == tokens(ours)
    assert ext.links == ()  # markers and back-links are not links to list


def test_a_marker_without_a_note_is_text() -> None:
    assert_as_kramdown("없는 주석[^none] 과 [^한글]\n", "<p>없는 주석[^none] 과 [^한글]</p>")


# --- math --------------------------------------------------------------------------------------------


def test_inline_math_is_never_markdown() -> None:
    # kramdown writes '\(w_{i} * x_i \\ y\)'; we hold the same TeX in a formula element.
    page, ext = render_markdown("수식 $$w_{i} * x_i \\\\ y$$ 그리고 _a_\n\n* $$w_{i}$$ 는 가중치\n")
    assert '<span class="math inline">\\(w_{i} * x_i \\\\ y\\)</span> 그리고 <em>a</em>' in page
    assert ext.outline[0].text == "\\(w_{i}\\) 는 가중치"


def test_a_displayed_formula_that_is_an_items_text_is_its_outline_text() -> None:
    # kramdown writes '<li>\n\\[x_{i}\\]\n<ul>…' (no block around the formula): Jekyll's outline
    # reads the formula as the item's text; we hold it in a display formula element.
    page, ext = render_markdown("* 변수\n\t- $$x_{i}$$\n\t\t- 설명\n")
    assert '<div class="math display">\\[x_{i}\\]</div>' in page
    (item,) = ext.outline[0].children
    assert (item.text, [child.text for child in item.children]) == ("\\[x_{i}\\]", ["설명"])


# --- task lists and tables of contents ---------------------------------------------------------------


def test_task_list_items_keep_their_text_and_state() -> None:
    page, ext = render_markdown("- [ ] 할 일\n- [x] 한 일\n- 그냥 항목\n")
    assert [(node.text, node.checked) for node in ext.outline] == [
        ("할 일", False),
        ("한 일", True),
        ("그냥 항목", None),
    ]
    assert '<ul class="task-list">' in page and page.count('class="task-list-item"') == 2
    assert "☐" in page and "☑" in page  # a box the reader sees in place of kramdown's <input>
    assert "checked" not in ext.outline[2].to_dict() and ext.outline[1].to_dict()["checked"] is True


def test_text_after_a_task_box_reads_as_kramdown_reads_it() -> None:
    # kramdown puts the box (an <input>) into the item's text before reading its spans: a lone
    # backtick after it opens code, and an attribute list right after it is taken by the box.
    page, ext = render_markdown('- [x] ` ` 코드\n- [ ] "따옴표" 할 일\n- [x] {: .a} 글\n')
    assert [node.text for node in ext.outline] == ["코드", "“따옴표” 할 일", "글"]
    assert "<code> </code> 코드" in page


def test_ordered_table_of_contents() -> None:
    page, ext = render_markdown("1. TOC\n{:toc}\n\n## 하나\n### 둘\n## 셋\n")
    kramdown = (
        '<ol id="markdown-toc">'
        '<li><a href="#하나" id="markdown-toc-하나">하나</a><ol>'
        '<li><a href="#둘" id="markdown-toc-둘">둘</a></li></ol></li>'
        '<li><a href="#셋" id="markdown-toc-셋">셋</a></li></ol>'
    )
    # kramdown's TOC, with a class for the app's stylesheet
    assert tokens(page.split("<h2")[0]) == tokens(
        kramdown.replace('id="markdown-toc"', 'class="markdown-toc" id="markdown-toc"', 1)
    )
    assert [n.text for _, n in walk(ext.outline)] == ["하나", "둘", "셋"]


def test_only_the_first_toc_list_is_a_table_of_contents_and_none_without_headings() -> None:
    kramdown = (
        '<ul id="markdown-toc"><li><a href="#제목" id="markdown-toc-제목">제목</a></li></ul>\n'
        '<ul><li>둘째 목록</li></ul>\n<h2 id="제목">제목</h2>'
    )
    # kramdown's TOC, with a class for the app's stylesheet
    ours = kramdown.replace('id="markdown-toc"', 'class="markdown-toc" id="markdown-toc"', 1)
    assert_as_kramdown("* x\n{:toc}\n\n* 둘째 목록\n{:toc}\n\n## 제목\n", ours)
    assert_as_kramdown("* x\n{:toc}\n\n본문\n", "<p>본문</p>")


def test_toc_lists_a_header_with_an_empty_id_and_drops_its_own_notes() -> None:
    # kramdown 2.4: '# :' has GFM's empty id, left out of the header but listed as '#'; a note
    # referenced only inside the list the TOC replaces is never written out.
    assert_as_kramdown(
        "* [^1]\n{:toc}\n\n# :\n\n## 둘\n\n[^1]: 각주\n",
        '<ul class="markdown-toc" id="markdown-toc"><li><a href="#" id="markdown-toc-">:</a>'
        '<ul><li><a href="#둘" id="markdown-toc-둘">둘</a></li></ul></li></ul>\n'
        '<h1>:</h1>\n<h2 id="둘">둘</h2>',
    )


def test_a_task_box_alone_before_a_sub_list() -> None:
    # kramdown: '- [ ]' with a sub-list is a task (its text ends with the newline parse_list adds).
    page, ext = render_markdown("- [ ]\n  - 하위 항목\n")
    assert [(node.text, node.checked) for node in ext.outline] == [("", False)]
    assert [node.text for node in ext.outline[0].children] == ["하위 항목"]
    assert "[ ]" not in page


# --- our bare URLs (kramdown leaves them text) -------------------------------------------------------


def test_bare_urls_are_links_that_end_where_the_url_does() -> None:
    _, ext = render_markdown(
        "* 발표(https://www.slideshare.net/awskorea)를 참고\n"
        '* 속성 href="http://a.example">글</a> 과 https://b.example/a\\_b 끝.\n'
        "* `https://code.example` 는 코드\n"
    )
    assert [(link.url, link.written_as) for link in ext.links] == [
        ("https://www.slideshare.net/awskorea", "bare"),
        ("http://a.example", "bare"),
        ("https://b.example/a_b", "bare"),
    ]
    # the text around reads as kramdown reads it: the quote after the URL closes
    assert ext.outline[1].text == "속성 href=”http://a.example”>글</a> 과 https://b.example/a_b 끝."


# --- never stuck -------------------------------------------------------------------------------------


def test_text_made_of_nothing_but_markup_is_shown_whole_with_a_warning() -> None:
    text = "*가 [나 `다 " * 60_000
    page, ext = render_markdown(text + "\n\n끝 문단\n")
    assert any("more markup than can be shown" in warning for warning in ext.warnings)
    assert page.count("다") == 60_000 and "끝 문단" in page


def test_an_attribute_list_after_a_bare_url_is_text() -> None:
    # kramdown 2.4 reads the URL as text, so '{: .x}' after it is text too ('링크 www.a.example{: .x} 끝').
    page, _ = render_markdown("링크 www.a.example{: .x} 끝\n")
    assert '<a href="http://www.a.example">www.a.example</a>{: .x} 끝' in page


def test_toc_entries_keep_the_header_markup_but_not_its_links_or_notes() -> None:
    # kramdown 2.4 (converter/html.rb fix_for_toc_entry): '<strong>굵게</strong> 링크 <code>코드</code>'.
    page, _ = render_markdown("* x\n{:toc}\n\n## **굵게** [링크](http://a.example) `코드`[^1]\n\n[^1]: 주\n")
    toc = page.split("<h2")[0]
    assert '<a href="#굵게-링크-코드" id="markdown-toc-굵게-링크-코드"><strong>굵게</strong> 링크 <code>코드</code></a>' in toc


def test_a_header_inside_the_list_the_toc_replaces_is_not_listed() -> None:
    # kramdown 2.4 writes nothing for '   * x\n####\t정리\n{:toc}': the header is in the list's item.
    page, _ = render_markdown("   * x\n####\t정리\n{:toc}\n")
    assert page.strip() == ""


def test_a_bare_url_ends_where_a_formula_starts() -> None:
    # kramdown 2.4 reads 'www.example.com/a_b.$$\alpha_{i}$$' as text and a formula \(\alpha_{i}\).
    page, _ = render_markdown("주소 www.example.com/a_b.$$\\alpha_{i}$$ 끝\n")
    assert '<span class="math inline">\\(\\alpha_{i}\\)</span> 끝' in page


def test_a_link_written_as_html_stays_a_link_in_its_toc_entry() -> None:
    # kramdown 2.4 unwraps Markdown links only: '<a href="#발표" …><a href="http://example.com">발표</a></a>'.
    page, _ = render_markdown('* x\n{:toc}\n\n## <a href="http://example.com">발표</a>\n')
    toc = page.split("<h2")[0]
    assert '<a href="http://example.com">발표</a></a>' in toc


def test_text_after_a_toc_list_without_headers_stays() -> None:
    # kramdown 2.4: '{:toc}\n+ x\n\n \t본문' writes ' \t본문' (a line no paragraph starts with: a
    # space then a tab) and nothing for the TOC.
    page, _ = render_markdown("{:toc}\n+ x\n\n \t본문\n")
    assert page.strip() == "본문"


def test_a_bare_url_ends_before_an_asterisk() -> None:
    # kramdown 2.4: 'https://github.com/owner/repo_name<em>서버 정리</em>' (the address is text to it).
    page, ext = render_markdown("https://github.com/owner/repo_name*서버 정리*\n")
    assert "<em>서버 정리</em>" in page
    assert [link.url for link in ext.links] == ["https://github.com/owner/repo_name"]


def test_a_bare_url_ends_before_a_strikethrough() -> None:
    # kramdown 2.4: 'www.example.com/a_b.<del>메모</del>'; a single '~' stays in the address.
    page, ext = render_markdown("www.example.com/a_b.~~메모~~ https://a.example/~user/x\n")
    assert "<del>메모</del>" in page
    assert [link.url for link in ext.links] == ["http://www.example.com/a_b", "https://a.example/~user/x"]

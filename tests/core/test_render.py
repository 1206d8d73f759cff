"""Rendering details a reader sees: links, Liquid, attribute lists, the table of contents, code."""

from __future__ import annotations

import re
from pathlib import Path

from viewer.core.document import load_post
from viewer.core.links import distinct_links
from viewer.core.outline import walk
from viewer.core.render import render_markdown, render_post


def test_bare_urls_become_links_and_are_classified() -> None:
    html, ext = render_markdown(
        "발표 자료\nhttps://www.youtube.com/awskorea\nhttps://www.slideshare.net/awskorea\n"
    )
    assert '<a href="https://www.youtube.com/awskorea">' in html
    kinds = {link.url: (link.kind, link.written_as) for link in ext.links}
    assert kinds["https://www.youtube.com/awskorea"] == ("youtube-channel", "bare")
    assert kinds["https://www.slideshare.net/awskorea"] == ("slideshare-profile", "bare")


def test_distinct_links_count_a_markdown_link_and_a_bare_url_together() -> None:
    _, ext = render_markdown(
        "# 요약\n[슬라이드](https://www.slideshare.net/awskorea)에 공유\nhttps://www.slideshare.net/awskorea/\n"
        "* 영상 https://youtu.be/abc123\n"
    )
    entries = distinct_links(ext.links)
    assert [(e.kind, e.count, e.text) for e in entries] == [
        ("slideshare-profile", 2, "슬라이드"),
        ("youtube-video", 1, "https://youtu.be/abc123"),
    ]
    assert entries[0].section == ("요약",)
    assert entries[0].anchors == ("요약",)  # outside a list item: the heading's id
    assert entries[1].anchors == ("li-1",)


def test_links_of_every_written_form_but_not_images() -> None:
    text = (
        '[ref][r] <https://auto.example> <a href="https://html.example">html</a>\n'
        "![image](https://img.example/x.png)\n\n"
        '<iframe src="https://www.youtube.com/embed/vid1"></iframe>\n\n[r]: https://ref.example\n'
    )
    _, ext = render_markdown(text)
    found = {(link.url, link.written_as) for link in ext.links}
    assert found == {
        ("https://ref.example", "reference"),
        ("https://auto.example", "autolink"),
        ("https://html.example", "html"),
        ("https://www.youtube.com/embed/vid1", "iframe"),
    }


def test_attribute_lists_are_applied_never_shown() -> None:
    html, _ = render_markdown('문단\n{: .note}\n\n[링크](https://a.example){:target="_blank"}\n')
    assert '<p class="note">' in html
    assert 'target="_blank"' in html
    assert "{:" not in html


def test_generated_toc_is_shown_but_not_in_the_outline() -> None:
    html, ext = render_markdown("* TOC\n{:toc}\n\n## 하나\n## 둘\n")
    assert 'id="markdown-toc"' in html and 'href="#하나"' in html
    assert [n.text for _, n in walk(ext.outline)] == ["하나", "둘"]


def test_code_tokens_carry_classes_that_the_light_and_dark_code_styles_colour() -> None:
    from viewer.core.code_style import code_css

    html, _ = render_markdown("```python\ndef f():\n    return 1\n```\n")
    code = html.split("<code>")[1].split("</code>")[0]
    assert "style=" not in code  # no colours baked in: a theme switch can recolour the code
    keyword = re.search(r'<span class="([\w-]+)">def</span>', code)
    assert keyword is not None
    light, dark = code_css(False, "#ffffff"), code_css(True, "#1e1f22")
    rule = re.compile(rf"^span\.{keyword.group(1)} {{ color: (#\w+)", re.M)
    light_colour, dark_colour = rule.search(light), rule.search(dark)
    assert light_colour and dark_colour and light_colour.group(1) != dark_colour.group(1)


def test_liquid_site_variables_post_url_include_and_comment(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("baseurl: /blog\nurl: https://me.example\n", encoding="utf-8")
    posts = tmp_path / "_posts"
    posts.mkdir()
    (posts / "2020-01-01-first.md").write_text("---\ntitle: 첫 글\n---\n본문\n", encoding="utf-8")
    second = posts / "2020-02-01-second.md"
    second.write_text(
        "---\ntitle: 둘째\n---\n"
        "![그림]({{ site.baseurl }}/img/a.png) {{ site.url }}\n\n"
        "[이전 글]({% post_url 2020-01-01-first %})\n\n"
        "{% include ad.html %}\n"
        "{% comment %}\n* 숨김\n{% endcomment %}\n"
        "* 마지막 항목\n",
        encoding="utf-8",
    )
    rendered = render_post(load_post(second))
    assert 'src="/blog/img/a.png"' in rendered.html
    assert "https://me.example" in rendered.html
    assert '<a href="2020-01-01-first.md">이전 글</a>' in rendered.html
    assert "ad.html" in rendered.html and "숨김" not in rendered.html
    post_links = [link for link in rendered.links if link.kind == "post"]
    assert [link.url for link in post_links] == ["2020-01-01-first.md"]
    # Liquid keeps lines where they were: the item still points at its own line.
    (item,) = [n for _, n in walk(rendered.outline)]
    assert rendered.post.source.split("\n")[item.line - 1] == "* 마지막 항목"


def test_highlight_and_raw_blocks(write_post) -> None:
    post = write_post(
        "---\ntitle: t\n---\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n\n"
        "* 항목 {% raw %}{{ 그대로 }}{% endraw %}\n"
    )
    rendered = render_post(load_post(post))
    assert '<figure class="highlight"><pre class="code"><code>' in rendered.html
    assert '<span class="hl-' in rendered.html.split("<code>")[1]  # highlighted as Ruby
    assert [n.text for n in rendered.outline] == ["항목 {{ 그대로 }}"]  # raw Liquid shown as written


def test_raw_inside_highlight_with_tags_over_several_lines(write_post) -> None:
    # Liquid sets {% raw %} aside before it reads blocks: the code keeps its Liquid-looking text
    # and its quotes, and the lines after the block keep their numbers.
    post = write_post(
        "---\ntitle: t\n---\n{%\n  highlight\n  ruby\n%}\n{% raw\n%}\n"
        'puts "{{ name }}" {% endhighlight %}\n{%\n  endraw\n%}\n{%\n  endhighlight\n%}\n\n* 다음 항목\n'
    )
    rendered = render_post(load_post(post))
    code = rendered.html.split("<code>")[1].split("</code>")[0]
    assert "{{" in code and "endhighlight" in code and "name" in code and "“" not in code
    (item,) = rendered.outline
    assert rendered.post.source.split("\n")[item.line - 1] == "* 다음 항목"


def test_heading_ids_follow_kramdown() -> None:
    _, ext = render_markdown("# AWS Re:Invent 2020 요약\n## Q & A\n## `a--b` -- c\n")
    assert ext.heading_ids == ("aws-reinvent-2020-요약", "q--a", "a--b--c")


def test_an_escaped_ampersand_in_a_link_is_one_ampersand() -> None:
    html, ext = render_markdown("[티켓](https://bugs.example/issues?set_filter=1&amp;status_id=5)\n")
    assert ext.links[0].url == "https://bugs.example/issues?set_filter=1&status_id=5"
    assert 'href="https://bugs.example/issues?set_filter=1&amp;status_id=5"' in html  # escaped once


def test_code_spans_follow_kramdown() -> None:
    # The whole run of backticks opens and the same run closes; an unclosed run stays text, and a
    # lone backtick between spaces is text (checked against kramdown).
    html, _ = render_markdown("A ``x ` y`` and `a<b` ```no close ` here\n")
    assert html == "<p>A <code>x ` y</code> and <code>a&lt;b</code> ```no close ` here</p>"


def test_jekyll_date_filters(write_post) -> None:
    post = write_post(
        "---\ntitle: t\ndate: 2024-03-09 14:30:00 +0900\n---\n"
        "* {{ page.date | date_to_string }}\n"
        "* {{ page.date | date_to_long_string }}\n"
        '* {{ page.date | date: "%Y년 %m월 %d일" }}\n'
        "* {{ page.date | date_to_xmlschema }}\n"
    )
    items = [node.text for node in render_post(load_post(post)).outline]
    assert items == ["09 Mar 2024", "09 March 2024", "2024년 03월 09일", "2024-03-09T14:30:00+09:00"]


def test_html_blocks_with_any_tag_stand_without_a_paragraph() -> None:
    # kramdown (checked with kramdown 2.4) writes '<note>\n한국어 메모\n</note>' bare, and a '<T>'
    # in a quote too: an HTML block is never inside a <p>, whatever its tag.
    html, _ = render_markdown("<note>\n한국어 메모\n</note>\n\n> <T>인용\n")
    assert "<p>" not in html
    assert "<note>\n한국어 메모\n</note>" in html


def test_a_backslash_ending_an_item_before_its_sub_list() -> None:
    # kramdown: '* 첫 줄\\\\' + sub-list → '첫 줄<br />'; '* 서버\\' + sub-list → '서버' (GFM drops a
    # line break ending the text, and the backslash with it).
    html, ext = render_markdown("* 첫 줄\\\\\n  * 하위\n* 서버\\\n  * 하위2\n")
    assert re.search(r"첫 줄<br\s*/?>\s*<ul>", html)
    assert re.search(r"서버\s*<ul>", html)
    assert [node.text for _, node in walk(ext.outline)] == ["첫 줄", "하위", "서버", "하위2"]


def test_a_note_ending_with_an_html_block_has_its_back_link_in_a_paragraph_of_its_own() -> None:
    # kramdown 2.4: '<T>정리\n</T>' then '<p><a href="#fnref:3" …>↩</a></p>' (converter/html.rb
    # footnote_content appends to the last paragraph only when the note ends with one).
    html, _ = render_markdown("본문[^3]\n\n[^3]:\n    <T>정리\n")
    assert re.search(r"<T>정리\s*</T>\s*<p><a [^>]*footnote-backref", html)


def test_an_attribute_list_goes_into_a_tag_shown_as_text() -> None:
    # kramdown 2.4: '{: .cls #i}' + '<여러분의 IP>' → '<여러분의 IP="" class="cls" id="i">', which a
    # browser shows as text (a tag name must start with an ASCII letter).
    html, _ = render_markdown("{: .cls #i}\n<여러분의 IP>\n")
    assert '&lt;여러분의 IP="" class="cls" id="i"&gt;' in html


def test_an_item_reads_on_into_an_html_block_of_an_inline_tag() -> None:
    # kramdown 2.4 writes '<li>x\n<x y=""> 한국어\n</x>': the page (and outline_html.py) reads the
    # item as 'x 한국어'; a <div> is a block and ends the item's text.
    _, ext = render_markdown("- x\n  <x y> 한국어\n- 가\n  <div>나</div>\n")
    assert [node.text for node in ext.outline] == ["x 한국어", "가"]


def test_a_backslash_ending_a_line_in_a_footnote_stays() -> None:
    # kramdown 2.4: '<p>발표\\\n끝 …' in the note: GFM's backslash line break is made in the document's
    # tree only (kramdown-parser-gfm update_elements); kramdown's own '\\\\' break still is one.
    html, _ = render_markdown("a[^1] b[^2]\n\n[^1]: 발표\\\n    끝\n\n[^2]: 주\\\\\n    끝\n")
    assert "발표\\\n끝" in html
    assert re.search(r"주<br\s*/?>\n끝", html)


def test_an_item_reading_into_html_takes_br_as_a_space_and_stops_at_a_block_tag() -> None:
    # kramdown 2.4's page, read by outline_html.py: '학습 자료 …' and '<여러분의 IP=""> `'.
    _, ext = render_markdown("- 학습\n  <x y>자료<br/>…\n* <여러분의 IP> `<div>`\n")
    assert [node.text for node in ext.outline] == ["학습 자료 …", '<여러분의 IP=""> `']


def test_a_toc_reference_before_html_writes_nothing_into_the_tag() -> None:
    # kramdown 2.4: '{:toc}\n<T>' → '<T>' (only a list becomes the table of contents).
    html, _ = render_markdown("{:toc}\n<T>\n")
    assert html.startswith("<T>\n")


def test_reading_an_item_into_html_leaves_the_page_as_it_was() -> None:
    # kramdown 2.4: '<li>가 <strong>나</strong>\n<T> 다\n</T></li>'; the outline reads '가 나 다'.
    html, ext = render_markdown("- 가 **나**\n  <T> 다\n")
    assert "<strong>나</strong>\n<T> 다\n</T>" in html
    assert [node.text for node in ext.outline] == ["가 나 다"]


def test_an_items_text_goes_on_after_a_comment_standing_as_a_block() -> None:
    # kramdown 2.4 writes '<li>\n<!-- 메모 -->\n   \t가\n</li>' (the tab line is text, no paragraph);
    # its page (outline_html.py) reads the item as '가'.
    _, ext = render_markdown("- x\n     * <!-- 메모 -->\n\t \t가\n")
    assert [node.text for node in ext.outline[0].children] == ["가"]


def test_an_item_opening_with_a_comment_reads_its_paragraph() -> None:
    # kramdown 2.4: '<li>\n<!-- 메모 -->\n<p>본문</p>\n</li>', read as '본문'.
    _, ext = render_markdown("- <!-- 메모 --> 본문\n")
    assert [node.text for node in ext.outline] == ["본문"]


def test_a_bare_address_reads_character_references_in_its_text() -> None:
    # kramdown (which leaves the address as text) shows 'www.example.com/a_b.개…'.
    html, _ = render_markdown("x\nwww.example.com/a_b.&#44060;…\n")
    assert ">www.example.com/a_b.개…</a>" in html and "&amp;#" not in html
    # A name kramdown's table does not know (HTML 5's &Tab;) stays as written, as in kramdown's text.
    html, _ = render_markdown("x www.example.com/a&Tab;b y\n")
    assert ">www.example.com/a&amp;Tab;b</a>" in html


def test_a_task_item_with_only_a_code_block_shows_its_box_before_the_block() -> None:
    # kramdown: <li class="task-list-item"><input … checked="checked" /> <pre><code>…
    html, _ = render_markdown("- [x]\n  ~~~\n  코드\n  ~~~\n")
    item = html[html.index("<li") : html.index("</li>")]
    assert "<p>" not in item  # the code block is not put inside a paragraph
    assert item.index("task-box") < item.index("<pre")


def test_a_note_whose_last_lines_define_a_link_has_its_back_link_in_a_paragraph_of_its_own() -> None:
    # kramdown (converter/html.rb footnote_content): the note's last element is the blank line
    # before the definition, not a paragraph, so the back-link gets a paragraph of its own.
    html, _ = render_markdown("본문[^1]\n\n[^1]: 노트\n\n    [r]: https://example.com/\n")
    note = html[html.index('<li id="fn:1"') : html.index("</li>")]
    assert "<p>노트</p>" in note and note.index("<p>노트</p>") < note.index("footnote-backref")
    assert not re.search(r"<p>노트\W*<a", note)


def test_a_task_items_box_goes_into_its_text_written_as_raw_html() -> None:
    # kramdown: <li class="task-list-item"><p><input … /><b>한국어</b></p>
    html, _ = render_markdown("* 처음\n\n* [ ] {::nomarkdown}<b>한국어</b>{:/}\n")
    item = html[html.index('class="task-list-item"') : html.index("</li>", html.index('class="task-list-item"'))]
    assert re.search(r"<p><span class=\"task-box\">☐ </span><b>한국어</b></p>", item)

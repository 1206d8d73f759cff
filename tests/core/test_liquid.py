"""Liquid as Jekyll runs it before kramdown: Liquid's tokens and its rules for blocks."""

from __future__ import annotations

from viewer.core.liquid import LiquidContext, render_liquid

PLAIN = LiquidContext()


def test_an_end_tag_with_arguments_closes_its_block() -> None:
    # Liquid reads only the end tag's name: '{% endhighlight java %}' ends the block, and the
    # list after it stays a list instead of becoming code.
    text = "{% highlight java %}\nint 값 = 1;\n{% endhighlight java %}\n* 항목\n"
    out = render_liquid(text, PLAIN)
    # Jekyll's Markdown converter puts a line end before and after the figure.
    assert out.startswith('\n<figure class="highlight"><pre><code>int 값 = 1;</code></pre></figure>\n')
    assert out.endswith("\n* 항목\n")


def test_highlight_inside_highlight_keeps_its_code_once() -> None:
    # Jekyll would escape the inner block's HTML into the outer code, five times larger per
    # level; here each level adds only its code.
    levels = 40
    text = "{% highlight ruby %}\n" * levels + "puts 1\n" + "{% endhighlight %}\n" * levels
    out = render_liquid(text, PLAIN)
    assert out.count("<figure") == 1 and "&lt;figure" not in out
    assert "puts 1" in out and len(out) < 2 * len(text)


def test_blocks_nest_by_liquids_rules() -> None:
    text = "{% comment %}\n{% comment %}안{% endcomment %}\n* 숨은 항목\n{% endcomment %}\n* 보이는 항목\n"
    assert render_liquid(text, PLAIN) == "\n\n\n\n* 보이는 항목\n"


def test_raw_keeps_liquid_as_written_and_runs_to_the_end_when_never_closed() -> None:
    assert (
        render_liquid("{% raw %}{{ 그대로 }} {% if %}{% endraw %} 뒤\n", PLAIN)
        == "{{ 그대로 }} {% if %} 뒤\n"
    )
    text = "{% raw %}\n" + "{% raw %}{{ x }}\n" * 3
    assert render_liquid(text, PLAIN) == "\n" + "{% raw %}{{ x }}\n" * 3


def test_tags_and_outputs_never_closed_are_text() -> None:
    # Liquid's tokenizer: '{{' without '}' and '{%' without '%}' are no tags.
    assert render_liquid("{{ 열린 채로\n{% 태그도\n", PLAIN) == "{{ 열린 채로\n{% 태그도\n"
    assert render_liquid("{{" * 1000, PLAIN) == "{{" * 1000


def test_an_output_ends_at_its_first_brace_pair() -> None:
    page = LiquidContext(page={"title": "제목"})
    assert render_liquid("{{ page.title }}}", page) == "제목}"


def test_highlight_with_line_numbers_shows_them_beside_the_code() -> None:
    out = render_liquid("{% highlight ruby linenos %}\ndef 인사\n  puts 1\nend\n{% endhighlight %}\n", PLAIN)
    assert '<pre class="lineno">1\n2\n3\n</pre>' in out
    assert out.index("lineno") < out.index("def 인사")


def test_page_url_id_and_date_as_jekyll_makes_them_for_a_post(tmp_path) -> None:
    post = tmp_path / "2021-01-05-회고-(정리).md"
    page = {"date": "2021-01-05 10:00:00 +0900", "categories": ["Study", "AWS"]}
    out = render_liquid(
        "{{ page.url }}\n{{ page.id }}\n{{ page.date }}\n", LiquidContext(page=page, post_path=post)
    )
    url = "/study/aws/2021/01/05/%ED%9A%8C%EA%B3%A0-(%EC%A0%95%EB%A6%AC).html"
    assert out.split("\n")[:3] == [url, "/study/aws/2021/01/05/회고-(정리)", "2021-01-05 10:00:00 +0900"]
    pretty = render_liquid(
        "{{ page.url }}", LiquidContext(page={**page, "permalink": "pretty"}, post_path=post)
    )
    assert pretty == "/study/aws/2021/01/05/%ED%9A%8C%EA%B3%A0-(%EC%A0%95%EB%A6%AC)/"

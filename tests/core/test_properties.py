"""Properties of rendering over generated Markdown and front matter (hypothesis)."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.core.document import parse_post
from viewer.core.outline import walk
from viewer.core.render import render_markdown

WORDS = st.sampled_from(
    ["클라우드", "데이터", "검증", "ML", "SageMaker", "note", "a", "x_y", "2021년", "-", "1."]
)
URLS = st.sampled_from(
    [
        "https://www.youtube.com/awskorea",
        "https://www.slideshare.net/awskorea",
        "https://github.com/a/b",
        "https://example.com/x?y=1",
    ]
)


@st.composite
def inline(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["word", "word", "link", "bare", "code", "em", "strong", "odd"]))
        word = draw(WORDS)
        if kind == "link":
            parts.append(f"[{word}]({draw(URLS)})")
        elif kind == "bare":
            parts.append(draw(URLS))
        elif kind == "code":
            parts.append(f"`{word}`")
        elif kind == "em":
            parts.append(f"*{word}*")
        elif kind == "strong":
            parts.append(f"**{word}**")
        elif kind == "odd":
            parts.append(
                draw(st.sampled_from(["[", "]", "*", "`", "<", ">", "&", "{:", "#", "|", "\\", "~~"]))
            )
        else:
            parts.append(word)
    return " ".join(parts)


@st.composite
def markdown(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(
            st.sampled_from(["item", "item", "item", "heading", "text", "blank", "quote", "fence", "table"])
        )
        indent = " " * draw(st.integers(0, 9))
        if kind == "item":
            marker = draw(st.sampled_from(["*", "+", "-", "1.", "10."]))
            lines.append(f"{indent}{marker} {draw(inline())}")
        elif kind == "heading":
            lines.append(f"{'#' * draw(st.integers(1, 6))} {draw(inline())}")
        elif kind == "text":
            lines.append(f"{indent}{draw(inline())}")
        elif kind == "quote":
            lines.append(f"{'>' * draw(st.integers(1, 3))} {draw(inline())}")
        elif kind == "fence":
            lines += [f"{indent}```", f"{indent}{draw(inline())}", f"{indent}```"]
        elif kind == "table":
            lines += [f"| {draw(WORDS)} | {draw(WORDS)} |", "|---|---|", f"| {draw(inline())} | x |"]
        else:
            lines.append("")
    return "\n".join(lines) + "\n"


_BLOCK_OR_BREAK = re.compile(r"</?(p|li|ul|ol|h[1-6]|pre|blockquote|div|table|tr|td|th|hr|br)\b[^>]*>")


def visible_text(page: str) -> str:
    """Text as a reader sees it: blocks and line breaks separate words, inline tags do not."""
    text = re.sub(r"<[^>]+>", "", _BLOCK_OR_BREAK.sub(" ", page))
    return " ".join(html.unescape(text).split())


@settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "150")),
    deadline=None,
    derandomize=not os.environ.get("PROPERTY_EXAMPLES"),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(markdown())
def test_rendering_never_raises_and_the_outline_is_in_the_page(text: str) -> None:
    page, extension = render_markdown(text)
    shown = visible_text(page)
    nodes = [node for _, node in walk(extension.outline)]
    for node in nodes:
        assert node.text in shown, (node.text, shown)
    ids = [node.id for node in nodes]
    assert len(ids) == len(set(ids))
    for link in extension.links:
        assert link.url in text


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["title", "date", "categories", "tags", "category", "layout", "x"]),
        st.one_of(st.text(max_size=20), st.integers(), st.lists(st.text(max_size=8), max_size=3), st.none()),
        max_size=5,
    ),
    st.text(max_size=200),
)
def test_any_front_matter_loads(data: dict, body: str) -> None:
    import yaml

    front = yaml.safe_dump(data, allow_unicode=True)
    post = parse_post(Path("2021-01-15-generated.md"), f"---\n{front}---\n{body}")
    assert isinstance(post.metadata.title, str) and post.metadata.title
    assert all(isinstance(c, str) for c in post.metadata.categories + post.metadata.tags)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_renders(text: str) -> None:
    page, _ = render_markdown(text)
    assert isinstance(page, str)

"""The outline follows Jekyll: fixtures of our own, with the outline real Jekyll built for each
(tests/fixtures/structure/expected/, written by ../shared/tools/jekyll_oracle.py)."""

from __future__ import annotations

import json
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.core.outline_compare import expected_heading_ids, expected_rows, our_rows
from viewer.core.document import load_post
from viewer.core.outline import walk
from viewer.core.render import render_markdown, render_post

STRUCTURE = FIXTURES / "structure"
CASES = sorted(STRUCTURE.glob("*.md"))


@pytest.mark.parametrize("post_path", CASES, ids=[p.stem[11:] for p in CASES])
def test_outline_matches_jekyll(post_path: Path) -> None:
    expected = json.loads((STRUCTURE / "expected" / f"{post_path.name}.json").read_text("utf-8"))
    rendered = render_post(load_post(post_path))
    assert our_rows(rendered.outline) == expected_rows(expected["outline"])
    heading_ids = [n.id for _, n in walk(rendered.outline) if n.kind == "heading"]
    assert heading_ids == expected_heading_ids(expected["outline"])


def test_every_node_points_at_its_source_line() -> None:
    post = load_post(STRUCTURE / "2020-01-03-ordered.md")
    rendered = render_post(post)
    lines = post.source.split("\n")
    nodes = [n for _, n in walk(rendered.outline)]
    assert len(nodes) == 9
    for node in nodes:
        assert node.text.split()[0] in lines[node.line - 1], (node.text, node.line)


def test_two_space_nesting_gives_a_four_level_tree() -> None:
    _, ext = render_markdown("* 가\n  + 나\n    - 다\n      - 라\n")
    depth = 0
    node = ext.outline[0]
    while node.children:
        node, depth = node.children[0], depth + 1
    assert (depth, node.text, node.level) == (3, "라", 4)


def test_outline_ids_are_unique_and_present_in_the_html() -> None:
    html, ext = render_markdown("## 같은 제목\n* 하나\n## 같은 제목\n* 둘\n  * 셋\n")
    ids = [n.id for _, n in walk(ext.outline)]
    assert len(ids) == len(set(ids)) == 5
    assert ids[0] == "같은-제목" and ids[2] == "같은-제목-1"
    for node_id in ids:
        assert f'id="{node_id}"' in html


class _VisibleText(HTMLParser):
    """The words a reader sees in a page (what is hidden, scripts and styles, left out)."""

    _BLOCKS = frozenset(
        "p div li ul ol pre blockquote table tr td th h1 h2 h3 h4 h5 h6 dl dt dd hr br".split()
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(" " if tag in self._BLOCKS else "")
        self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" " if tag in self._BLOCKS else "")
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_words(page: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(page)
    return unicodedata.normalize("NFC", "".join(parser.parts)).translate(_TYPOGRAPHY).split()


_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "..."})
PAGES = sorted(p for p in CASES if (STRUCTURE / "expected" / f"{p.name}.html").exists())


@pytest.mark.parametrize("post_path", PAGES, ids=[p.stem[11:] for p in PAGES])
def test_visible_text_matches_kramdown(post_path: Path) -> None:
    """Fixtures whose expected page came from kramdown (kramdown_expected.py): the reader sees
    the same words, in the same order."""
    expected = (STRUCTURE / "expected" / f"{post_path.name}.html").read_text("utf-8")
    assert visible_words(render_post(load_post(post_path)).html) == visible_words(expected)

"""The outline follows Jekyll: fixtures of our own, with the outline real Jekyll built for each
(tests/fixtures/structure/expected/, written by ../shared/tools/jekyll_oracle.py)."""

from __future__ import annotations

import json
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

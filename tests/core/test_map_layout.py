"""The mind map's layout and its SVG, without Qt."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from viewer.core.map_layout import EstimatedMetrics, MindMap, wrap
from viewer.core.map_svg import map_svg, post_map_svg
from viewer.core.outline import OutlineNode, walk
from viewer.core.render import render_markdown

SVG = "{http://www.w3.org/2000/svg}"
METRICS = EstimatedMetrics()

POST = """# 요약

## 관측성
* 로그, 메트릭, 트레이스를 하나로 모으는 수집 파이프라인을 새로 만들었고 저장 비용은 35% 줄었다
  + OpenTelemetry 수집기
    - 꼬리 기반 샘플링 `x < y & z`
  + 대시보드
* 알림
## 플랫폼
* 템플릿: https://example.com/a/very/long/path/that/cannot/break/at/any/space/because/it/has/none
## 마무리
"""


def outline(text: str = POST) -> tuple[OutlineNode, ...]:
    return render_markdown(text)[1].outline


def overlapping(boxes: list[tuple[float, float, float, float]]) -> list[tuple[int, int]]:
    found = []
    for i, (x1, y1, w1, h1) in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            x2, y2, w2, h2 = boxes[j]
            if x1 < x2 + w2 and x2 < x1 + w1 and y1 < y2 + h2 and y2 < y1 + h1:
                found.append((i, j))
    return found


def test_wrapping_keeps_every_word_and_each_line_within_the_width() -> None:
    text = "로그, 메트릭, 트레이스를 하나로 모으는 수집 파이프라인을 새로 만들었고 저장 비용은 35% 줄었다"
    lines = wrap(text, "item", METRICS, 150)
    assert len(lines) > 1
    assert all(METRICS.width(line, "item") <= 150 for line in lines)
    assert " ".join(lines) == text


def test_a_word_too_long_for_a_line_is_broken_inside_it() -> None:
    url = "https://example.com/" + "x" * 60
    lines = wrap(url, "item", METRICS, 150)
    assert "".join(lines) == url and all(METRICS.width(line, "item") <= 150 for line in lines)


def test_a_very_long_label_ends_in_an_ellipsis() -> None:
    lines = wrap("가나다라 " * 200, "item", METRICS, 150, max_lines=3)
    assert len(lines) == 3 and lines[-1].endswith("…")


def test_a_lone_top_heading_is_the_centre_with_the_title_under_it() -> None:
    mind_map = MindMap(outline(), "관측성과 플랫폼 정리", METRICS)
    mind_map.expand_all()
    layout = mind_map.layout()
    centre = layout.nodes[0]
    assert (centre.text, centre.depth, centre.caption) == ("요약", 0, ("관측성과 플랫폼 정리",))
    assert [node.text for node in layout.nodes if node.depth == 1] == ["관측성", "플랫폼", "마무리"]
    assert len(layout.nodes) == sum(1 for _ in walk(outline()))
    # Each branch has its own colour and all of its nodes share it.
    branch_of = {node.text: node.branch for node in layout.nodes}
    assert (
        branch_of["관측성"] == branch_of["알림"] == branch_of["OpenTelemetry 수집기"] != branch_of["플랫폼"]
    )


def test_without_a_lone_top_node_the_title_is_the_centre() -> None:
    tree = outline("* 하나\n  + 둘\n* 셋\n")
    layout = MindMap(tree, "제목", METRICS).layout()
    assert (layout.nodes[0].id, layout.nodes[0].text) == ("", "제목")
    assert [node.text for node in layout.nodes[1:]] == ["하나", "둘", "셋"]


def test_boxes_never_overlap_and_children_stand_beyond_their_parent() -> None:
    many = "\n".join(
        f"## 절 {a}\n"
        + "\n".join(
            f"* 항목 {a}-{b} 긴 설명이 붙은 항목\n  + 하위 {a}-{b}-1\n  + 하위 {a}-{b}-2" for b in range(4)
        )
        for a in range(7)
    )
    for side in ("balanced", "right"):
        mind_map = MindMap(outline(many), "제목", METRICS, side)
        mind_map.expand_all()
        layout = mind_map.layout()
        assert overlapping([(n.x, n.y, n.width, n.height) for n in layout.nodes]) == []
        by_id = layout.by_id()
        for node in layout.nodes[1:]:
            parent = by_id[node.parent]
            if node.side > 0:
                assert node.x > parent.x + parent.width
            else:
                assert node.x + node.width < parent.x
        sides = {node.side for node in layout.nodes if node.depth == 1}
        assert sides == ({1, -1} if side == "balanced" else {1})


def test_folding_hides_a_branch_and_unfolding_shows_it_again() -> None:
    mind_map = MindMap(outline(), "제목", METRICS)
    mind_map.expand_all()
    everything = len(mind_map.layout().nodes)
    observability = next(node.id for _, node in walk(outline()) if node.text == "관측성")
    mind_map.toggle(observability)
    layout = mind_map.layout()
    assert len(layout.nodes) == everything - 5
    assert layout.by_id()[observability].folded
    sampling = next(node.id for _, node in walk(outline()) if node.text.startswith("꼬리"))
    assert mind_map.shown_ancestor(sampling) == observability
    mind_map.reveal(sampling)
    assert len(mind_map.layout().nodes) == everything


def test_levels_and_the_sensible_first_level() -> None:
    mind_map = MindMap(outline(), "제목", METRICS)
    mind_map.fold_to_level(1)
    assert {node.depth for node in mind_map.layout().nodes} == {0, 1}
    mind_map.fold_to_level(2)
    assert {node.depth for node in mind_map.layout().nodes} == {0, 1, 2}
    assert mind_map.sensible_level(most=5) == 1  # three branches, then five more nodes
    assert mind_map.sensible_level(most=100) == mind_map.depth


def test_a_branch_keeps_its_side_while_the_reader_folds() -> None:
    text = "## 큰 절\n" + "\n".join(f"* 항목 {n}" for n in range(30)) + "\n## 작은 절 하나\n## 작은 절 둘\n"
    tree = outline("# 제목\n" + text)
    mind_map = MindMap(tree, "제목", METRICS)
    mind_map.expand_all()
    sides = {n.text: n.side for n in mind_map.layout().nodes if n.depth == 1}
    big = next(node.id for _, node in walk(tree) if node.text == "큰 절")
    mind_map.toggle(big)
    assert {n.text: n.side for n in mind_map.layout().nodes if n.depth == 1} == sides


@pytest.mark.parametrize("side", ["balanced", "right"])
def test_the_svg_parses_and_has_one_label_per_outline_node(side: str) -> None:
    tree = outline()
    svg = ET.fromstring(post_map_svg(tree, "관측성 & 플랫폼 <정리>", side=side))
    assert svg.tag == f"{SVG}svg"
    assert svg.find(f"{SVG}title").text == "관측성 & 플랫폼 <정리>"
    groups = svg.findall(f".//{SVG}g[@data-node]")
    assert sorted(g.get("data-node") for g in groups) == sorted(node.id for _, node in walk(tree))
    for group in groups:
        labels = group.findall(f"{SVG}text[@class='label']")
        assert len(labels) == 1
    texts = {
        " ".join(" ".join(t.itertext()).split()) for t in svg.iter(f"{SVG}text") if t.get("class") == "label"
    }
    assert "꼬리 기반 샘플링 x < y & z" in texts  # escaped in the file, the same text when read


def test_the_svg_drops_characters_xml_cannot_hold() -> None:
    tree = (OutlineNode("item", 1, "제어\x01문자\x0b", "li-1", 1), OutlineNode("item", 1, "둘", "li-2", 2))
    svg = ET.fromstring(post_map_svg(tree, "제목\x08"))
    assert "".join(svg.find(f".//{SVG}g[@data-node='li-1']/{SVG}text").itertext()) == "제어문자"
    assert svg.find(f"{SVG}title").text == "제목"


def test_the_svg_of_a_folded_map_marks_the_folded_nodes() -> None:
    mind_map = MindMap(outline(), "제목", METRICS)
    mind_map.fold_to_level(1)
    svg = ET.fromstring(map_svg(mind_map.layout(), METRICS, "제목"))
    folded = svg.findall(f".//{SVG}g[@data-node]/{SVG}circle[@class='folded']")
    assert len(folded) == 2  # 관측성 and 플랫폼 have bullets; 마무리 has none

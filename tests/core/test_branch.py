"""The HTML of one branch, for a focus on it: exactly the branch's nodes, and valid lists."""

from __future__ import annotations

import re

from viewer.core.branch import branch_html
from viewer.core.outline import OutlineNode, walk
from viewer.core.render import render_markdown
from viewer.core.search import text_blocks

POST = """# 밋업 정리
소개 문단입니다.

## 관측성
* 로그와 메트릭
  + 수집 파이프라인
    - 샘플링 전환
  + 대시보드
* 발표 영상: https://www.youtube.com/watch?v=abc
## 플랫폼 엔지니어링
* 골든 패스
  1. 저장소 생성
  2. CI 연결
     - 보안 검사 포함
  3. 스테이징 배포

플랫폼 절의 맺음 문단입니다.

## 마무리
다음 모임은 6월입니다.
"""


def rendered() -> tuple[str, tuple[OutlineNode, ...]]:
    html, extension = render_markdown(POST)
    return html, extension.outline


def ids_in(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def node(outline: tuple[OutlineNode, ...], text: str) -> OutlineNode:
    return next(n for _, n in walk(outline) if n.text == text)


def test_every_branch_holds_exactly_its_own_nodes() -> None:
    html, outline = rendered()
    for _, branch in walk(outline):
        expected = {n.id for _, n in walk((branch,))}
        assert ids_in(branch_html(html, outline, branch.id)) == expected, branch.text


def test_a_heading_written_right_after_a_bullet_starts_its_own_branch() -> None:
    # kramdown puts "## 플랫폼 엔지니어링" inside the bullet before it; the outline does not.
    html, outline = rendered()
    video = node(outline, "발표 영상: https://www.youtube.com/watch?v=abc")
    assert (
        f'id="{node(outline, "플랫폼 엔지니어링").id}"' in html.split(f'id="{video.id}"')[1].split("</li>")[0]
    )
    section = branch_html(html, outline, node(outline, "플랫폼 엔지니어링").id)
    texts = [block.text for block in text_blocks(section)]
    assert texts[0] == "플랫폼 엔지니어링"
    assert "플랫폼 절의 맺음 문단입니다." in texts  # the section's text after its list
    assert "다음 모임은 6월입니다." not in texts and "발표 영상" not in " ".join(texts)
    assert section.count("<ul") == section.count("</ul>") and section.count("<li") == section.count("</li>")


def test_an_item_keeps_its_list_kind_and_number() -> None:
    html, outline = rendered()
    item = branch_html(html, outline, node(outline, "CI 연결").id)
    assert item.startswith('<ol start="2"><li')
    assert [block.text for block in text_blocks(item)] == ["CI 연결", "보안 검사 포함"]
    assert item.endswith("</ol>")


def test_an_unknown_node_gives_the_whole_post() -> None:
    html, outline = rendered()
    assert branch_html(html, outline, "no-such-id") == html

"""Copy as Markdown: the text a branch of the tree was written as."""

from __future__ import annotations

from viewer.core.branch_source import branch_source
from viewer.core.document import load_post
from viewer.core.outline import walk
from viewer.core.render import render_post

POST = """---
title: 가지 복사
---
# 밋업 정리
소개 문단입니다.

## 관측성
* 로그, 메트릭, 트레이스를 하나로
  + 수집 파이프라인 통합
    - OpenTelemetry 수집기
      이어지는 줄
    - 샘플링 전환
  + 대시보드 정리
* 발표 영상: https://www.youtube.com/watch?v=abc

관측성 절의 맺음 문단.

### 세부
* 세부 항목

## 플랫폼
1. 저장소 생성
2. CI 연결
   - 보안 검사
"""


def branch(write_post, text: str) -> str:
    post = load_post(write_post(POST))
    rendered = render_post(post)
    node = next(node for _, node in walk(rendered.outline) if node.text == text)
    return branch_source(post, rendered.outline, node.id)


def test_an_item_with_its_sub_items_dedented(write_post) -> None:
    assert branch(write_post, "수집 파이프라인 통합") == (
        "+ 수집 파이프라인 통합\n  - OpenTelemetry 수집기\n    이어지는 줄\n  - 샘플링 전환\n"
    )


def test_the_last_item_of_a_list_stops_before_the_paragraph_after_it(write_post) -> None:
    assert branch(write_post, "발표 영상: https://www.youtube.com/watch?v=abc") == (
        "* 발표 영상: https://www.youtube.com/watch?v=abc\n"
    )


def test_a_heading_with_its_whole_section_and_sub_sections(write_post) -> None:
    text = branch(write_post, "관측성")
    assert text.startswith("## 관측성\n* 로그, 메트릭, 트레이스를 하나로\n")
    assert "관측성 절의 맺음 문단.\n\n### 세부\n* 세부 항목\n" in text
    assert text.endswith("* 세부 항목\n")  # not the next section
    assert "플랫폼" not in text


def test_an_ordered_item_and_the_last_branch_of_the_post(write_post) -> None:
    assert branch(write_post, "CI 연결") == "2. CI 연결\n   - 보안 검사\n"
    assert branch(write_post, "플랫폼") == "## 플랫폼\n1. 저장소 생성\n2. CI 연결\n   - 보안 검사\n"


def test_an_unknown_node_gives_nothing(write_post) -> None:
    post = load_post(write_post(POST))
    assert branch_source(post, render_post(post).outline, "no-such-id") == ""

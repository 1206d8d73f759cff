"""`note-viewer map`: the outline as a mind map, SVG without Qt, PNG through Qt's offscreen platform."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

SVG = "{http://www.w3.org/2000/svg}"
POST = """---
title: "지도 명령 시험"
---
## 관측성
* 로그와 메트릭
  + 수집 파이프라인
    - 샘플링 전환 `a < b & c`
* 알림 규칙
## 플랫폼
1. 저장소 생성
2. CI 연결
## 마무리
"""


def run(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "viewer", *map(str, args)], capture_output=True, timeout=60)


def count_nodes(nodes: list[dict]) -> int:
    return sum(1 + count_nodes(node["children"]) for node in nodes)


@pytest.fixture
def post(write_post) -> Path:
    return write_post(POST, "2024-05-01-map.md")


def test_svg_has_one_label_per_outline_node_and_parses(post: Path) -> None:
    result = run("map", "--format", "svg", post)
    assert result.returncode == 0, result.stderr
    svg = ET.fromstring(result.stdout)
    outline = json.loads(run("outline", "--json", post).stdout)["outline"]
    labels = svg.findall(f".//{SVG}g[@data-node]/{SVG}text[@class='label']")
    assert len(labels) == count_nodes(outline) == 9
    assert svg.find(f"{SVG}title").text == "지도 명령 시험"


def test_the_seed_post_gives_one_label_per_node() -> None:
    seed = os.environ.get("NOTE_VIEWER_SEED")
    if not seed:
        pytest.skip("NOTE_VIEWER_SEED is not set")
    svg = ET.fromstring(run("map", seed).stdout)
    outline = json.loads(run("outline", "--json", seed).stdout)["outline"]
    assert len(svg.findall(f".//{SVG}g[@data-node]/{SVG}text")) == count_nodes(outline)


def test_svg_is_written_without_qt(post: Path) -> None:
    code = (
        "import sys\nfrom viewer.cli import main\n"
        f"main(['map', '-o', {str(post.with_suffix('.svg'))!r}, {str(post)!r}])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr
    assert ET.parse(post.with_suffix(".svg")).getroot().tag == f"{SVG}svg"


def test_png_is_drawn_to_a_file(post: Path, tmp_path: Path) -> None:
    target = tmp_path / "map.png"
    env = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "viewer",
            "map",
            "--format",
            "png",
            "--level",
            "1",
            str(post),
            "-o",
            str(target),
        ],
        capture_output=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 1000


def test_a_map_never_overwrites_the_post_and_bad_input_is_one_line(post: Path, tmp_path: Path) -> None:
    result = run("map", post, "-o", post)
    assert result.returncode == 1 and b"overwrite" in result.stderr
    assert post.read_text(encoding="utf-8") == POST
    missing = run("map", tmp_path / "missing.md")
    assert missing.returncode == 1 and missing.stderr.count(b"\n") == 1

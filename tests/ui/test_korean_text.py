"""Korean text laid out well: a Hangul face at the weight asked for (never a bold face for ordinary
text), and lines that break between words, not between any two syllables (CSS's word-break:
keep-all, which Qt's text layout does for Hangul)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QTextBlock, QTextLayout

from tests.ui.conftest import open_and_wait
from viewer.ui.page_style import HANGUL_FAMILIES, default_family, with_hangul_face

HANGUL = re.compile(r"[가-힣]")


def faces(text: str, font: QFont) -> list[tuple[str, int]]:
    """(family, weight) of each run of glyphs `text` is drawn with in `font`."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [(run.rawFont().familyName(), run.rawFont().weight()) for run in layout.glyphRuns()]


def block_faces(block: QTextBlock) -> list[tuple[str, int]]:
    return [(run.rawFont().familyName(), run.rawFont().weight()) for run in block.layout().glyphRuns()]


@pytest.fixture
def hangul_face(qapp) -> str:
    """The Hangul face the window uses (the test is skipped on a machine without one)."""
    if not set(HANGUL_FAMILIES) & set(QFontDatabase.families()):
        pytest.skip("no Hangul face installed")
    return default_family()


def test_the_windows_korean_is_set_in_a_hangul_face_at_the_weight_asked_for(hangul_face: str) -> None:
    latin_ui = QFont("DejaVu Sans", 10)  # a Latin face, as the system's UI font often is
    font = with_hangul_face(latin_ui)
    assert font.families() == ["DejaVu Sans", hangul_face]
    runs = faces("파일열기", font)
    assert runs and all(family == hangul_face and weight < 600 for family, weight in runs), runs
    font.setBold(True)
    bold = faces("파일열기", font)
    assert bold and all(weight >= 600 for _, weight in bold), bold


def test_the_posts_korean_is_regular_and_only_its_headings_are_bold(
    qtbot, window, tmp_path: Path, hangul_face: str
) -> None:
    post = tmp_path / "2024-06-01-글.md"
    post.write_text("## 제목입니다\n\n보통글자는굵지않습니다\n\n**강조만굵습니다**\n", encoding="utf-8")
    open_and_wait(qtbot, window, post)
    heading = window.preview.document().begin()
    plain, strong = heading.next(), heading.next().next()
    assert (heading.text(), plain.text(), strong.text()) == (
        "제목입니다",
        "보통글자는굵지않습니다",
        "강조만굵습니다",
    )
    assert all(family == hangul_face and weight < 600 for family, weight in block_faces(plain)), block_faces(
        plain
    )
    assert all(weight >= 600 for _, weight in block_faces(heading) + block_faces(strong))


def test_korean_lines_break_between_words_not_syllables(qtbot, window, tmp_path: Path) -> None:
    sentence = "클라우드 비용을 줄이는 방법을 이야기하기로 했습니다"
    post = tmp_path / "2024-06-02-긴-문단.md"
    post.write_text(" ".join([sentence] * 12) + "\n", encoding="utf-8")
    open_and_wait(qtbot, window, post)
    window.resize(700, 800)
    qtbot.waitUntil(lambda: window.preview.document().begin().layout().lineCount() > 3)
    block = window.preview.document().begin()
    layout, text = block.layout(), block.text()
    ends = [layout.lineAt(n).textStart() + layout.lineAt(n).textLength() for n in range(layout.lineCount())]
    assert len(ends) > 3
    for end in ends[:-1]:
        # Each line ends after a space: no word is cut between two syllables.
        assert text[end - 1] == " " and HANGUL.match(text[end]), (text[end - 8 : end], text[end : end + 8])

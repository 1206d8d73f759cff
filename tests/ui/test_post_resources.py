"""What a post makes the window load: its site's images, and nothing that could crash, freeze or
exhaust it. The hostile cases run the real window in a child process under a memory limit and a
time limit: before the rules, `/dev/zero` aborted the app (std::bad_alloc, exit 134) and a named
pipe froze it for good."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QTextDocument

from tests.conftest import ROOT
from viewer.core.resources_policy import place_for
from viewer.ui.post_document import DocumentLook, build_document

MEMORY_LIMIT = 1536 * 1024 * 1024
TIME_LIMIT_S = 90

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="devices and named pipes are POSIX")


def png(width: int, height: int, colour: bytes = b"\x30\x80\xd0") -> bytes:
    """A real PNG; one that declares more pixels than it holds when it is huge."""
    rows = b"".join(b"\x00" + colour * width for _ in range(height)) if width * height <= 4_000_000 else b""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_window(*args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True,
        timeout=TIME_LIMIT_S, preexec_fn=limit_memory, check=False,
    )  # fmt: skip


def seen(post: Path, query: str = "") -> dict[str, object]:
    """What the real window shows for `post` (tests/ui/window_probe.py)."""
    done = run_window("-m", "tests.ui.window_probe", str(post), *([query] if query else []))
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "블로그"
    (root / "_posts").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "_config.yml").write_text("title: 블로그\nbaseurl: /blog\n", encoding="utf-8")
    (root / "assets" / "diagram.png").write_bytes(png(320, 120))
    return root


def test_a_post_naming_dev_zero_no_longer_aborts_the_app(site: Path) -> None:
    post = site / "_posts" / "2021-01-15-zero.md"
    post.write_text("---\ntitle: 영\n---\n\n# 제목\n\n* 항목 ![영](/dev/zero)\n", encoding="utf-8")
    done = run_window("-m", "viewer", "--smoke-test", str(post))
    assert done.returncode == 0, done.stderr[-2000:]  # was 134: std::bad_alloc
    assert "outline and post shown" in done.stderr


def test_hostile_resources_are_refused_and_the_post_is_shown(site: Path) -> None:
    os.mkfifo(site / "assets" / "pipe.png")
    os.mkfifo(site / "assets" / "style.css")
    (site / "assets" / "bomb.png").write_bytes(png(100_000, 100_000))  # 60 bytes, 40 GB decoded
    (site / "assets" / "nested.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" '
        f'height="10"><image xlink:href="{site / "assets" / "pipe.png"}" width="10" height="10"/></svg>',
        encoding="utf-8",
    )
    (site.parent / "secret.png").write_bytes(png(10, 10))  # beside the site, not in it
    post = site / "_posts" / "2021-01-15-hostile.md"
    post.write_text(
        "---\ntitle: 적대적인 글\n---\n\n# 그림들\n\n"
        "* 영 ![영 장치](/dev/zero)\n"
        "* 파이프 ![파이프 그림](/assets/pipe.png)\n"
        "* 폭탄 ![폭탄 그림](/assets/bomb.png)\n"
        "* 중첩 ![중첩 그림](/assets/nested.svg)\n"
        "* 밖 ![밖 그림](../../secret.png)\n"
        "* 웹 ![웹 그림](https://example.com/a.png)\n"
        "* 좋은 ![좋은 그림](/assets/diagram.png)\n\n"
        '<p style="background-image:url(/dev/zero)">배경 문단</p>\n\n'
        f'<div style="background-image:url({site / "assets" / "pipe.png"})">파이프 배경</div>\n\n'
        f"<style>@import url({site / 'assets' / 'style.css'});</style>\n\n"
        f'<link rel="stylesheet" href="{site / "assets" / "style.css"}">\n\n'
        "끝 문단은 보인다\n",
        encoding="utf-8",
    )
    shown = seen(post)
    text = str(shown["text"])
    assert shown["shown"] and text.startswith("그림들")
    assert "영 [영 장치 — outside the site, not loaded]" in text
    assert "파이프 [파이프 그림 — not a regular file]" in text
    assert "폭탄 [폭탄 그림 — too large to show (100,000 × 100,000 pixels)]" in text
    assert "중첩 [중첩 그림 — an SVG image, not shown]" in text
    assert "밖 [밖 그림 — outside the site, not loaded]" in text
    assert "웹 [웹 그림 — an image from example.com, not loaded]" in text
    assert "좋은 \ufffc" in text  # the good image is shown
    assert "배경 문단" in text and "파이프 배경" in text and text.rstrip().endswith("끝 문단은 보인다")
    assert "6 images not shown: /dev/zero (outside the site, not loaded)" in str(shown["warnings"])


def test_images_from_the_sites_root_are_shown_as_on_the_blog(site: Path) -> None:
    (site / "_posts" / "그림.png").write_bytes(png(40, 40))
    post = site / "_posts" / "2021-01-15-images.md"
    post.write_text(
        "---\ntitle: 그림\n---\n\n# 그림\n\n"
        "* 뿌리 ![뿌리](/assets/diagram.png)\n"
        "* 기준 ![기준]({{ site.baseurl }}/assets/diagram.png)\n"
        "* 옆 ![옆](그림.png)\n"
        "* 없는 ![없는 그림](/assets/none.png)\n",
        encoding="utf-8",
    )
    shown = seen(post)
    lines = str(shown["text"]).splitlines()
    assert lines[1:] == ["뿌리 \ufffc", "기준 \ufffc", "옆 \ufffc", "없는 [없는 그림]"]  # alt text, no broken icon
    assert [width for _, width in shown["images"]] == [320, 320, 40]  # type: ignore[union-attr]
    assert "1 image not shown: /assets/none.png (not found)" in str(shown["warnings"])


def test_a_wide_image_is_fitted_to_the_column(qapp, site: Path) -> None:
    (site / "assets" / "wide.png").write_bytes(png(3000, 300))
    place = place_for(site / "_posts" / "2021-01-15-a.md", site, {"baseurl": "/blog"})
    document = build_document('<p>넓은 <img src="/assets/wide.png" alt="넓은"></p>', DocumentLook(font=QFont()), lambda: place)
    for column in (500, 900):
        document.qt.setTextWidth(column)
        document.qt.size()  # laid out
        layout = document.qt.begin().layout()
        line = layout.lineForTextPosition(document.qt.toPlainText().index("\ufffc"))
        drawn = line.naturalTextWidth()
        assert column - 2 * 18 - 5 < drawn <= column - 2 * 18  # fills the column (inside its margins)
    image = document.qt.resource(QTextDocument.ResourceType.ImageResource, "note-viewer-image:0")
    assert image.width() <= 2400  # decoded no larger than any column needs


def test_an_image_in_a_nested_item_stays_within_its_item(qtbot, window, site: Path) -> None:
    from tests.ui.conftest import open_and_wait

    (site / "assets" / "wide.png").write_bytes(png(3000, 300))
    post = site / "_posts" / "2021-01-15-nested.md"
    post.write_text("# 제목\n\n* 바깥\n  * 안쪽\n    * 깊은 곳 ![넓은 그림](/assets/wide.png)\n", encoding="utf-8")
    open_and_wait(qtbot, window, post)
    view = window.preview
    for width in (1000, 700):
        window.resize(width + 500, 800)
        qtbot.waitUntil(lambda: not view._fit_timer.isActive())
        document = view.document()
        position = document.toPlainText().index("\ufffc")
        block = document.findBlock(position)
        document.documentLayout().blockBoundingRect(block)  # laid out
        line = block.layout().lineForTextPosition(position - block.position())
        assert line.width() - 2 < line.naturalTextWidth() <= line.width()  # as wide as the item allows
        assert view.horizontalScrollBar().maximum() == 0  # nothing sticks out


def test_a_two_million_character_word_is_laid_out_without_freezing(tmp_path: Path) -> None:
    # Qt lays out one unbroken word in quadratic time: 1 MB took 16 s, 2 MB over a minute of a
    # frozen window (issue 18, item 4). The view now lays it out in about a second.
    word = "가나다라마바사아자차" * 200_000
    post = tmp_path / "2021-01-15-long-word.md"
    post.write_text(f"# 긴 낱말\n\n* 앞 항목\n* {word}\n* 뒤 항목 끝\n", encoding="utf-8")
    shown = seen(post, "사아자차가나다")  # a match across the places the view may break the word
    assert shown["height"] > 10_000  # the word wraps over many lines
    assert shown["search"] == f"1 / {word.count('사아자차가나다')}"
    copied = str(shown["copied"])
    assert word in copied and "\u200b" not in copied  # nothing lost, nothing added
    assert copied.rstrip().endswith("뒤 항목 끝")


CLOSE_DURING_RENDER = """
import sys, time
from PySide6.QtCore import QTimer
from viewer.ui import app, main_window

opened = main_window.MainWindow.open_path

def open_then_close(self, path):
    opened(self, path)
    def close():
        print(f"closing {time.monotonic()} rendering={self.reading.busy()}", file=sys.stderr, flush=True)
        self.close()
    QTimer.singleShot(300, close)  # the huge post is still being read

main_window.MainWindow.open_path = open_then_close
sys.exit(app.run([__import__("pathlib").Path(sys.argv[1])]))
"""


def test_closing_the_window_during_a_long_render_leaves_at_once(tmp_path: Path) -> None:
    import time

    post = tmp_path / "2021-01-15-huge.md"
    # 6.5 MB: a second and more of rendering whatever the machine (the block budget bounds it).
    post.write_text("".join("  " * (n % 6) + f"* 항목 {n} 클라우드 데이터\n" for n in range(150000)), encoding="utf-8")
    done = run_window("-c", CLOSE_DURING_RENDER, str(post))
    ended = time.monotonic()
    closing = [line for line in done.stderr.splitlines() if line.startswith("closing ")]
    assert closing and closing[0].endswith("rendering=True"), done.stderr[-2000:]
    assert done.returncode == 0
    assert ended - float(closing[0].split()[1]) < 3.0  # was 5 s of waiting, then the render's end


def test_a_copy_of_the_document_names_nothing_to_load(qapp, site: Path) -> None:
    # Printing works on a copy of the document, a plain QTextDocument, which loads whatever
    # its formats name: the post's CSS url(), @import and background attributes are disarmed.
    from PySide6.QtGui import QImage, QPainter

    html = (
        '<style>@import url(/dev/zero); @import "/dev/zero"; p { background-image: URL(/dev/zero) }</style>'
        '<p style="background-image:url(/dev/zero)">배경 문단</p>'
        '<table background="/dev/zero"><tr><td background="/dev/zero">칸</td></tr></table>'
        '<p><img src="/assets/diagram.png" alt="그림"> 뒤 <code>url(그대로)</code> @import 글</p>'
    )
    place = place_for(site / "_posts" / "2021-01-15-a.md", site, {"baseurl": "/blog"})
    document = build_document(html, DocumentLook(font=QFont()), lambda: place)
    assert "url(그대로) @import 글" in document.qt.toPlainText()  # the post's text is untouched
    asked: list[str] = []

    class Recording(QTextDocument):
        def loadResource(self, kind, name):  # type: ignore[no-untyped-def]
            asked.append(name.toString())
            return None

    copy = document.qt.clone()
    recording = Recording()
    recording.setHtml(copy.toHtml())  # what an export to HTML, or its print, would read
    for shown in (copy, recording):
        shown.setTextWidth(600)
        picture = QImage(600, int(shown.size().height()) + 1, QImage.Format.Format_ARGB32)
        painter = QPainter(picture)
        shown.drawContents(painter)
        painter.end()
    assert "/dev/zero" not in " ".join(asked)
    assert set(asked) == {"note-viewer-image:0"}  # only the image that was read, by its own name


def test_the_folder_the_reader_opened_may_hold_the_images(qtbot, window, tmp_path: Path) -> None:
    from tests.ui.conftest import open_and_wait

    notes = tmp_path / "노트"
    (notes / "글").mkdir(parents=True)
    (notes / "그림").mkdir()
    (notes / "그림" / "도식.png").write_bytes(png(64, 32))
    post = notes / "글" / "2021-01-15-notes.md"
    post.write_text("# 노트\n\n* 도식 ![도식](../그림/도식.png)\n", encoding="utf-8")
    open_and_wait(qtbot, window, post)  # the post alone: only its own folder
    assert "[도식 — outside the post's folder, not loaded]" in window.preview.toPlainText()
    window.open_folder(notes)  # the reader opens the whole folder…
    qtbot.waitUntil(lambda: not window.library.updating, timeout=20000)
    open_and_wait(qtbot, window, post)  # …and reads the post in it
    assert "도식 \ufffc" in window.preview.toPlainText()


def test_a_pdf_of_a_hostile_post_is_written_with_its_formula(site: Path, tmp_path: Path) -> None:
    # Paper is laid out by the same rules as the window: the @import of a pipe blocked the PDF
    # export for good, and formulas were printed as TeX.
    from pypdf import PdfReader

    os.mkfifo(site / "assets" / "style.css")
    post = site / "_posts" / "2021-01-15-paper.md"
    post.write_text(
        f"---\ntitle: 종이\n---\n\n# 수식\n\n<style>@import url({site / 'assets' / 'style.css'});</style>\n\n"
        "$$\n\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}\n$$\n\n* 영 ![영 장치](/dev/zero)\n* 그림 ![그림](/assets/diagram.png)\n",
        encoding="utf-8",
    )
    done = run_window("-m", "viewer", "pdf", str(post), "-o", str(tmp_path / "paper.pdf"))
    assert done.returncode == 0, done.stderr[-2000:]
    pages = PdfReader(tmp_path / "paper.pdf").pages
    images = sum(
        page["/Resources"]["/XObject"][name].get_object()["/Subtype"] == "/Image"
        for page in pages for name in page["/Resources"].get("/XObject", {})
    )  # fmt: skip
    text = "".join("".join(page.extract_text().split()) for page in pages)
    assert images == 2  # the formula and the site's image
    assert "sum_" not in text  # typeset, not printed as TeX
    assert "outsidethesite,notloaded" in text  # the refused image's alt text says why

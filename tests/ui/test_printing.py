"""The post on paper and in PDF: title and date on top, the post, its images, page numbers;
from the window (File ▸ Print…, File ▸ Export ▸ Post as PDF…) and `note-viewer pdf`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog

from tests.ui.conftest import open_and_wait

MEETUP = "_posts/2024-03-09-cloud-native-meetup.md"
LONG_POST = "---\ntitle: 긴 목록 노트\ndate: 2024-05-01 09:00:00 +0900\n---\n# 긴 목록\n" + "".join(
    f"* 항목 {n}번: 관측성과 플랫폼 이야기\n  * 하위 항목 {n}\n" for n in range(150)
)


def pdf_text(path: Path) -> list[str]:
    """Each page's text with the spacing left out: what pypdf reads back from Qt's font subsets
    puts odd characters and breaks between the words."""
    return ["".join(ch for ch in page.extract_text() if ch.isprintable() and not ch.isspace())
            for page in PdfReader(path).pages]  # fmt: skip


def bare(text: str) -> str:
    return "".join(text.split())


def image_count(path: Path) -> int:
    count = 0
    for page in PdfReader(path).pages:
        objects = page["/Resources"].get("/XObject", {})
        count += sum(objects[name].get_object()["/Subtype"] == "/Image" for name in objects)
    return count


def run_pdf(*args: str | Path) -> subprocess.CompletedProcess[str]:
    # No display at all: the command lays the post out on Qt's offscreen platform by itself.
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run(
        [sys.executable, "-m", "viewer", "pdf", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_note_viewer_pdf_writes_title_date_the_post_and_page_numbers(samples, tmp_path) -> None:
    post = tmp_path / "2024-05-01-long.md"
    post.write_text(LONG_POST, encoding="utf-8")
    result = run_pdf(post, "-o", tmp_path / "out.pdf")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(tmp_path / "out.pdf")
    assert reader.metadata.title == "긴 목록 노트"
    pages = pdf_text(tmp_path / "out.pdf")
    assert len(pages) >= 3
    assert pages[0].startswith(bare("긴 목록 노트 2024-05-01 09:00:00 +0900"))  # title and date on top
    assert bare("항목 149번: 관측성과 플랫폼 이야기") in pages[-1]
    for number, text in enumerate(pages, start=1):
        assert text.endswith(str(number)), text[-80:]  # the page number at the foot


def test_note_viewer_pdf_never_writes_over_the_post(samples) -> None:
    post = samples / MEETUP
    before = post.read_bytes()
    result = run_pdf(post, "-o", post)
    assert result.returncode == 1 and "that is the post" in result.stderr
    assert post.read_bytes() == before


def test_note_viewer_pdf_says_what_is_wrong_with_a_post(tmp_path) -> None:
    result = run_pdf(tmp_path / "missing.md", "-o", tmp_path / "out.pdf")
    assert result.returncode == 1 and "missing.md" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out.pdf").exists()


def test_the_pdf_has_the_posts_images(tmp_path) -> None:
    site = tmp_path / "blog"
    (site / "_posts").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "_config.yml").write_text("title: 블로그\n", encoding="utf-8")
    for path, colour in ((site / "_posts" / "diagram.png", "#2a7ae2"), (site / "assets" / "logo.png", "#e62117")):
        image = QImage(120, 60, QImage.Format.Format_RGB32)
        image.fill(QColor(colour))
        assert image.save(str(path))
    post = site / "_posts" / "2024-05-01-images.md"
    post.write_text(
        "---\ntitle: 그림이 있는 글\n---\n* 구성도 ![구성도](diagram.png)\n* 로고 ![로고](/assets/logo.png)\n"
        "* 웹 그림 ![웹](https://example.com/x.png)\n",
        encoding="utf-8",
    )
    result = run_pdf(post, "-o", tmp_path / "out.pdf")
    assert result.returncode == 0, result.stderr
    assert image_count(tmp_path / "out.pdf") == 2  # beside the post and from the site's root, not the web


def test_export_pdf_from_the_window(qtbot, window, samples, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_and_wait(qtbot, window, samples / MEETUP)
    target = tmp_path / "exports" / "meetup.pdf"
    target.parent.mkdir()
    offered: list[str] = []

    def save_dialog(_parent, _title, start, _filter):
        offered.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    window.commands["file.export.post-pdf"].trigger()
    assert Path(offered[0]).name == "2024-03-09-cloud-native-meetup.pdf"
    text = "".join(pdf_text(target))
    assert bare("클라우드 네이티브 밋업 2024 정리 - 1부") in text and bare("나머지 지표는 드릴다운으로 이동") in text
    assert str(target) in window.statusBar().currentMessage()


def test_print_shows_a_preview_of_the_post(qtbot, window, samples, tmp_path, monkeypatch) -> None:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    open_and_wait(qtbot, window, samples / MEETUP)
    shown: list[str] = []

    def preview(dialog: QPrintPreviewDialog) -> int:
        # What the preview draws, sent to a PDF file instead of the screen.
        shown.append(dialog.windowTitle())
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        dialog.paintRequested.emit(printer)
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", preview)
    window.commands["file.print"].trigger()
    assert shown == ["Print — 클라우드 네이티브 밋업 2024 정리 - 1부"]
    pages = pdf_text(tmp_path / "printed.pdf")
    assert bare("2024-03-09 14:30:00 +0900") in pages[0] and "OpenTelemetry" in pages[0]
    assert pages[0].endswith("1")

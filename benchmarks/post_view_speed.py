"""What the post view costs: laying out very long unbroken words on the GUI thread (issue 18,
item 4), and typesetting formulas in the worker (issue 12).

QT_QPA_PLATFORM=offscreen python benchmarks/post_view_speed.py [--quick]

Long words: Qt lays out a paragraph of one word in time quadratic in its length; the view
breaks such runs invisibly (post_document.break_long_runs). Each size is timed as Qt gets it
("as is", the old behaviour) and as the view lays it out, with the growth exponent between
sizes. Formulas: a post of inline and display formulas, its build time cold (first formula
imports the typesetter) and warm, and the time per formula; with NOTE_VIEWER_CORPUS, the real
posts with the most formulas.
"""

from __future__ import annotations

import math
import os
import re
import sys
import time
from pathlib import Path

from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QApplication

from viewer.ui.post_document import DocumentLook, break_long_runs, build_document

COLUMN = 700
LOOK = DocumentLook()


def layout_seconds(html_text: str) -> float:
    document = QTextDocument()
    document.setHtml(html_text)
    started = time.perf_counter()
    document.setTextWidth(COLUMN)
    document.size()  # the whole layout, as the view does it on the GUI thread
    return time.perf_counter() - started


def long_words(sizes: list[int], old_up_to: int) -> None:
    print(f"{'word':>26} {'chars':>9} {'as is (s)':>10} {'exp':>5} {'view (s)':>9} {'exp':>5}")
    for name, char in (("latin", "a"), ("Korean, no spaces", "가")):
        previous: tuple[int, float | None, float] | None = None
        for size in sizes:
            html_text = f"<p>앞 문단</p><p>{char * size}</p><p>뒤 문단</p>"
            before = layout_seconds(html_text) if size <= old_up_to else None
            after = layout_seconds(break_long_runs(html_text))
            growth_before = growth_after = ""
            if previous is not None:
                ratio = math.log(size / previous[0])
                if before is not None and previous[1] is not None:
                    growth_before = f"{math.log(before / previous[1]) / ratio:.2f}"
                growth_after = f"{math.log(after / previous[2]) / ratio:.2f}"
            shown_before = f"{before:.2f}" if before is not None else "-"
            row = f"{name:>26} {size:>9,} {shown_before:>10} {growth_before:>5}"
            print(f"{row} {after:>9.2f} {growth_after:>5}")
            previous = (size, before, after)


def formulas() -> None:
    tex = [f"w_{{{n}}}" for n in range(20)]
    tex += [rf"\frac{{1}}{{n}}\sum_{{k=1}}^{{n}} x_k^{{{n}}}" for n in range(20)]
    shown = "".join(f'<p>가중치 <span class="math inline">\\({t}\\)</span> 를 곱한다.</p>' for t in tex)
    shown += "".join(f'<div class="math display">\\[{t} = y_{{{n}}}\\]</div>' for n, t in enumerate(tex[:10]))
    count = len(tex) + 10
    for label in ("cold (first post with math)", "warm (cached TeX)"):
        seconds = build_seconds(shown)
        print(f"{count} formulas, {label}: {seconds:.2f} s ({seconds / count * 1000:.1f} ms a formula)")
    from viewer.ui import math_images

    math_images.typeset.cache_clear()
    seconds = build_seconds(shown)
    print(f"{count} formulas, typeset again: {seconds:.2f} s ({seconds / count * 1000:.1f} ms a formula)")


def corpus_formulas(corpus: Path) -> None:
    """Real posts with many formulas, as Jekyll wrote them (\\(…\\), \\[…\\]) put into the
    renderer's math elements; each typeset cold."""
    from viewer.ui import math_images

    def count(page: Path) -> int:
        return page.read_text(encoding="utf-8").count("\\(")

    for page in sorted(corpus.glob("*/expected/*.html"), key=count, reverse=True)[:5]:
        text = re.sub(r"\\\[(.*?)\\\]", as_display, page.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"\\\((.*?)\\\)", as_inline, text, flags=re.S)
        math_images.typeset.cache_clear()
        started = time.perf_counter()
        document = build_document(text, LOOK)
        seconds = time.perf_counter() - started
        print(f"{page.name}: {document.formulas} formulas shown in {seconds:.2f} s", *document.warnings[:1])


def as_display(match: re.Match[str]) -> str:
    return f'<div class="math display">\\[{match.group(1)}\\]</div>'


def as_inline(match: re.Match[str]) -> str:
    return f'<span class="math inline">\\({match.group(1)}\\)</span>'


def build_seconds(html_text: str) -> float:
    started = time.perf_counter()
    build_document(html_text, LOOK)
    return time.perf_counter() - started


def main() -> None:
    QApplication.instance() or QApplication(sys.argv[:1])
    quick = "--quick" in sys.argv
    sizes = [62_500, 125_000, 250_000] if quick else [125_000, 250_000, 500_000, 1_000_000, 2_000_000]
    global LOOK
    font = QFont()
    font.setPixelSize(16)
    LOOK = DocumentLook("", font, "#202124", "#5f6368", 2.0)
    long_words(sizes, old_up_to=250_000 if quick else 1_000_000)
    formulas()
    corpus = os.environ.get("NOTE_VIEWER_CORPUS")
    if corpus:
        corpus_formulas(Path(corpus))


if __name__ == "__main__":
    main()

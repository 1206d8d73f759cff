"""Formulas typeset as images for the post view (QTextBrowser has no MathJax).

`ziamath` turns LaTeX into SVG in pure Python (latex2mathml for the parsing, its own STIX Two
Math font for the glyphs), with no TeX installation and no browser engine; Qt's SVG renderer
rasterises the result at the text's size, colour and device pixel ratio. Typesetting (~15 ms a
formula) is cached by TeX; rasterising (~1 ms) by TeX, size and colour. Both run in the render
worker, never on the GUI thread.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

#: The size formulas are typeset at; their metrics are kept relative to it.
REFERENCE_SIZE = 40.0
#: STIX Two Math is small beside the sans-serif text around it (its x-height is 0.47 em against
#: about 0.54 em for Noto Sans CJK): formulas are scaled up to meet the text's x-height, as
#: MathJax does.
MATH_SCALE = 1.12
#: A formula longer than this is shown as TeX (typesetting grows with it; nobody writes one).
MAX_TEX_LENGTH = 4000
#: No formula image wider or taller than this many device pixels.
MAX_IMAGE_SIDE = 8000
#: Characters that STIX Two Math has no glyph for: Hangul, kana, CJK ideographs.
_CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")

_LOCK = threading.Lock()  # ziamath keeps its configuration in module globals


class MathError(Exception):
    """A formula that cannot be typeset; the message says why."""


@dataclass(frozen=True)
class Formula:
    """A typeset formula: its SVG, and its box in units of REFERENCE_SIZE (the SVG's own units)."""

    svg: bytes
    width: float
    #: Height above the baseline.
    ascent: float
    #: Depth below the baseline.
    descent: float


@dataclass(frozen=True)
class FormulaImage:
    """A formula rasterised for one place in the document."""

    image: QImage
    #: Logical (device-independent) pixels.
    width: float
    height: float
    #: Align the image to the middle (Qt's AlignMiddle), not to the baseline (AlignBaseline).
    middle: bool


@lru_cache(maxsize=4096)
def typeset(tex: str, display: bool) -> Formula:
    """The formula for `tex` (without its delimiters); raises MathError when it cannot be made."""
    if len(tex) > MAX_TEX_LENGTH:
        raise MathError(f"longer than {MAX_TEX_LENGTH:,} characters")
    if _CJK.search(tex):
        raise MathError("it holds Korean or other CJK text, which the formula font has no letters for")
    from ziamath.config import config
    from ziamath.zmath import Latex

    with _LOCK:
        config.svg2 = False  # Qt's SVG renderer draws no <symbol>s
        try:
            svg = Latex(tex, size=REFERENCE_SIZE, inline=not display, margin=0).svg()
        except RecursionError:
            raise MathError("nested too deeply") from None
        except Exception as exc:  # latex2mathml and ziamath raise many kinds for bad TeX
            raise MathError(_reason(exc)) from None
    box = re.search(r'viewBox="([-\d.e]+) ([-\d.e]+) ([-\d.e]+) ([-\d.e]+)"', svg)
    if box is None:
        raise MathError("the typesetter gave no size")
    _x, top, width, height = (float(value) for value in box.groups())
    if width <= 0 or height <= 0:
        raise MathError("the formula is empty")
    return Formula(svg.encode("utf-8"), width, -top, height + top)


def rasterise(formula: Formula, em_px: float, colour: str, device_pixel_ratio: float,
              text_descent: float = 0.0, x_height: float = 0.0) -> FormulaImage:  # fmt: skip
    """`formula` as an image for text of `em_px` pixels, whose font has the given descent and
    x-height (0 for a display formula, which stands alone).

    Qt places an inline image by its vertical alignment: AlignBaseline puts its bottom edge at
    the font's descent below the baseline, AlignMiddle puts (height - x-height / 2) / 2 of it
    below the baseline. The image is padded so that either way the formula's own baseline lands
    on the text's: below, for a formula no deeper than the text's descent; else in the middle
    arrangement, below or above."""
    scale = em_px * MATH_SCALE / REFERENCE_SIZE
    ascent, descent, width = formula.ascent * scale, formula.descent * scale, formula.width * scale
    middle = descent > text_descent
    if not middle:
        pad_top, pad_bottom = 0.0, text_descent - descent
    elif ascent - descent - x_height / 2 >= 0:
        pad_top, pad_bottom = 0.0, ascent - descent - x_height / 2
    else:
        pad_top, pad_bottom = descent - ascent + x_height / 2, 0.0
    height = pad_top + ascent + descent + pad_bottom
    ratio = device_pixel_ratio
    pixels = QSize(
        min(MAX_IMAGE_SIDE, math.ceil(width * ratio)), min(MAX_IMAGE_SIDE, math.ceil(height * ratio))
    )
    image = QImage(pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    renderer = QSvgRenderer(QByteArray(formula.svg))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(ratio, ratio)
    painter.translate(0, pad_top)
    renderer.render(painter, QRectF(0, 0, width, ascent + descent))
    # The glyphs are drawn black; take their shape in the text's colour.
    painter.resetTransform()
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), QColor(colour))
    painter.end()
    image.setDevicePixelRatio(ratio)
    # The logical size is the unrounded one: the padding is exact, the pixels a little larger.
    return FormulaImage(image, width, height, middle)


def _reason(exc: Exception) -> str:
    """Words for the reader: latex2mathml and ziamath raise assertions and lookup errors for bad TeX."""
    detail = str(exc).strip().splitlines()[0][:80] if str(exc).strip() else ""
    return "the typesetter could not read it" + (f" ({detail})" if detail else "")

"""How the post's page is set: font, size, line height and the readable column (View ▸ Font,
View ▸ Readable Line Width). One frozen value the settings keep and the post view applies."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetricsF

#: Good Hangul text faces, the first installed one is the default: Noto Sans KR / Noto Sans CJK KR
#: (Linux, and anyone who installed them), Apple SD Gothic Neo (macOS), Malgun Gothic (Windows).
HANGUL_FAMILIES = ("Noto Sans KR", "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic")
#: The default body size in points, and the range offered.
DEFAULT_SIZE = 12.0
SIZES = (8.0, 32.0)
#: Line height in percent of the font size: Hangul wants more room than Latin text.
DEFAULT_LINE_HEIGHT = 170
LINE_HEIGHTS = (110, 250)
#: The column's measure in em (one Hangul syllable is an em wide). Korean prose spends about a
#: tenth of its line on spaces: 46 em hold about 40 syllables of it (Noto Sans CJK KR, 12 pt:
#: 37–42), or 80–90 Latin letters.
DEFAULT_MEASURE = 46
MEASURES = (25, 90)


@dataclass(frozen=True)
class PageStyle:
    """How the post's page is set (see the module's comment)."""

    #: The font family; "" for the platform's Hangul face (`default_family()`).
    family: str = ""
    #: Body size in points (zoom adds to it).
    size: float = DEFAULT_SIZE
    #: Line height of body text, percent.
    line_height: int = DEFAULT_LINE_HEIGHT
    #: Keep the text to a centred column `measure` em wide (else the view's full width).
    readable_width: bool = True
    measure: int = DEFAULT_MEASURE

    def clamped(self) -> PageStyle:
        """The same style with every number within its range (settings files can hold anything)."""
        return PageStyle(
            self.family,
            min(max(self.size, SIZES[0]), SIZES[1]),
            min(max(self.line_height, LINE_HEIGHTS[0]), LINE_HEIGHTS[1]),
            self.readable_width,
            min(max(self.measure, MEASURES[0]), MEASURES[1]),
        )

    def font(self, zoom: int = 0) -> QFont:
        """The body font, `zoom` points larger or smaller."""
        font = QFont(self.family or default_family())
        font.setPointSizeF(max(4.0, self.size + zoom))
        return font


_default_family: str | None = None


def default_family() -> str:
    """The first good Hangul face installed; the application font's family when there is none."""
    global _default_family
    if _default_family is None:
        installed = set(QFontDatabase.families())
        _default_family = next((f for f in HANGUL_FAMILIES if f in installed), QFont().family())
    return _default_family


def with_hangul_face(font: QFont) -> QFont:
    """`font` with the first good Hangul face installed as its second family: Korean in the
    window's lists, menus and dialogs is set in it, at the weight asked for, instead of whatever
    face the system's fallback finds first (a Japanese or Chinese cut, a serif face)."""
    family = default_family()
    if family == font.family() or family not in HANGUL_FAMILIES:
        return font
    hangul = QFont(font)
    hangul.setFamilies([font.family(), family])
    return hangul


def column_width(font: QFont, measure: int) -> int:
    """Pixels for `measure` em (Hangul syllables) in `font`."""
    return round(QFontMetricsF(font).horizontalAdvance("가") * measure)


def natural_line(font: QFont) -> float:
    """The font's own line height per pixel of its size (Qt's line heights are multiples of it)."""
    pixels = QFontInfo(font).pixelSize() or 16
    return QFontMetricsF(font).height() / pixels

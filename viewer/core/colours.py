"""Colour arithmetic for themes: mixing two colours and keeping text readable (WCAG 2 contrast).
Pure Python on "#rrggbb" strings, so the stylesheets of the window and of the exported page can
share it."""

from __future__ import annotations

#: WCAG 2 AA for body text.
READABLE = 4.5


def _channels(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in (red, green, blue))


def mix(colour: str, other: str, amount: float) -> str:
    """`colour` moved `amount` (0–1) of the way towards `other`."""
    a, b = _channels(colour), _channels(other)
    return _hex(*(x + (y - x) * amount for x, y in zip(a, b, strict=True)))


def luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def is_dark(colour: str) -> bool:
    return luminance(colour) < 0.18


def contrast(colour: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(colour), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable_on(colour: str, background: str, ratio: float = READABLE) -> str:
    """`colour`, or the nearest mix of it towards black or white (whichever the background
    contrasts with) that reaches `ratio` against `background`: keeps a hue while making it legible
    on any palette, a high-contrast one included."""
    if contrast(colour, background) >= ratio:
        return colour
    target = "#000000" if not is_dark(background) else "#ffffff"
    low, high = 0.0, 1.0
    for _ in range(20):  # bisect the least change that is enough
        middle = (low + high) / 2
        if contrast(mix(colour, target, middle), background) >= ratio:
            high = middle
        else:
            low = middle
    return mix(colour, target, high)

"""The mind map's colours, light and dark: one hue per branch, tints of it for the boxes. The
scene and the SVG writer both take them from here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

#: Distinct at a glance and readable under dark text when tinted (orange, blue, green, purple,
#: amber, teal, pink, indigo); branches past the eighth take them again.
BRANCH_HUES = ("#e8590c", "#1c7ed6", "#2f9e44", "#ae3ec9", "#e67700", "#0c8599", "#d6336c", "#4c6ef5")
#: The search's highlight, as in the post.
MATCH = "#f9d65c"


@lru_cache(maxsize=1024)
def mix(colour: str, other: str, amount: float) -> str:
    """`colour` with `amount` (0–1) of `other` mixed in, as #rrggbb."""
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


@dataclass(frozen=True)
class MapColours:
    dark: bool
    background: str
    text: str
    muted: str
    root_fill: str
    root_text: str

    def hue(self, branch: int) -> str:
        hue = BRANCH_HUES[branch % len(BRANCH_HUES)] if branch >= 0 else self.text
        return mix(hue, "#ffffff", 0.25) if self.dark else hue

    def fill(self, branch: int, depth: int, heading: bool) -> str:
        """A branch's head is tinted most, deeper headings less, bullets least."""
        strength = 0.3 if depth <= 1 else 0.16 if heading else 0.07
        if self.dark:
            strength += 0.08
        return mix(self.background, self.hue(branch), strength)

    def stroke(self, branch: int, depth: int) -> str:
        return self.hue(branch) if depth <= 1 else mix(self.hue(branch), self.background, 0.35)

    @staticmethod
    def edge_width(depth: int) -> float:
        """The curve into a node of `depth`: thick near the centre, thin at the leaves."""
        return max(1.2, 3.6 - 0.7 * (depth - 1))


LIGHT = MapColours(False, "#ffffff", "#1f2328", "#6b7280", "#2b2f36", "#ffffff")
DARK = MapColours(True, "#1e1f22", "#e3e5e8", "#9aa0a6", "#e3e5e8", "#1e1f22")


def map_colours(dark: bool) -> MapColours:
    return DARK if dark else LIGHT

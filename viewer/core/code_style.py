"""Colours for highlighted code. `render.highlight_code` marks tokens with classes (not inline
colours), so a theme can recolour code without rendering the post again: the window's stylesheet
and the exported page each add the rules from here for their background."""

from __future__ import annotations

import re
from functools import lru_cache

from viewer.core.colours import readable_on

#: Prefix of the token classes (`hl-k` for a keyword): keeps them apart from the post's own classes.
CLASS_PREFIX = "hl-"
#: Pygments styles for light and dark backgrounds: chosen for contrast on a plain background.
LIGHT_STYLE = "default"
DARK_STYLE = "github-dark"

_RULE = re.compile(r"^(?P<selector>\.[\w-]+) \{ (?P<body>[^}]*) \}")
_COLOUR = re.compile(r"(?<![-\w])color: (#[0-9A-Fa-f]{3,6})")


@lru_cache(maxsize=8)
def code_css(dark: bool, background: str) -> str:
    """CSS rules for the token classes on `background`, one per line. Colours that would be hard
    to read on it are darkened or lightened just enough (a high-contrast palette, say)."""
    from pygments.formatters import HtmlFormatter

    formatter = HtmlFormatter(style=DARK_STYLE if dark else LIGHT_STYLE, classprefix=CLASS_PREFIX)
    rules = []
    for line in formatter.get_token_style_defs(""):  # type: ignore[no-untyped-call]
        match = _RULE.match(line)
        if match is None or "Whitespace" in line:  # whitespace tokens are spaces: no colour to read
            continue
        body = _COLOUR.sub(lambda m: f"color: {readable_on(m.group(1), background)}", match["body"])
        # Borders and backgrounds of error tokens are for web pages; the colour says it.
        body = "; ".join(p for p in body.split("; ") if p.startswith(("color", "font")))
        if body:  # on spans only: Qt tries a rule with an element name on that element alone
            rules.append(f"span{match['selector']} {{ {body} }}")
    return "\n".join(rules)

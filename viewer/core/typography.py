"""kramdown's typographic symbols and smart quotes (kramdown 2.4, parser/kramdown/
typographic_symbol.rb and smart_quotes.rb), as Jekyll configures them: -- and --- become dashes,
... an ellipsis, << and >> guillemets, straight quotes curly ones. The span parser
(`kramdown_spans`) applies them where kramdown's own scanner does.
"""

from __future__ import annotations

import re

LDQUO, RDQUO, LSQUO, RSQUO = "\u201c", "\u201d", "\u2018", "\u2019"
_QUOTES = {"ldquo": LDQUO, "rdquo": RDQUO, "lsquo": LSQUO, "rsquo": RSQUO}
# (quote kind, the straight quote) → curly quote: kramdown's SQ_SUBSTS.
_BY_QUOTE = {
    ("rquote", '"'): RDQUO,
    ("rquote", "'"): RSQUO,
    ("lquote", '"'): LDQUO,
    ("lquote", "'"): LSQUO,
}

#: kramdown's TYPOGRAPHIC_SYMS: what each is written as (with '\<<' and '\>>' as plain brackets).
SYMBOLS = {"---": "\u2014", "--": "\u2013", "...": "\u2026", "\\<<": "<<", "\\>>": ">>",
           "<< ": "\u00ab\u00a0", " >>": "\u00a0\u00bb", "<<": "\u00ab", ">>": "\u00bb"}  # fmt: skip
SYMBOL = re.compile(r"---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>")

# Ruby's \w, \s and \d are ASCII; its \b knows Unicode letters (Python's does too).
_W, _S = "[a-zA-Z0-9_]", r"[ \t\n\r\f\v]"
_PUNCT = r"""[!"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"""
_CLOSE = r"""[^ \\\t\r\n\[{(-]"""
# kramdown's SQ_RULES, tried in order where a quote starts (or one character before it):
# (pattern, what each part becomes). A group number is kept as text; "lquote1" is an opening
# quote of the kind in group 1; a name is that quote.
_RULES: list[tuple[re.Pattern[str], tuple[int | str, ...]]] = [
    (re.compile(r"""("|')(?=[_*]{1,2}[^ \t\n\r\f\v])"""), ("lquote1",)),
    (re.compile(rf"""("|')(?={_PUNCT}(?!\.\.)\B)"""), ("rquote1",)),
    (re.compile(rf"""({_S}?)"'(?={_W})"""), (1, "ldquo", "lsquo")),
    (re.compile(rf"""({_S}?)'"(?={_W})"""), (1, "lsquo", "ldquo")),
    (re.compile(rf"""({_S}?)'(?=[0-9][0-9]s)"""), (1, "rsquo")),
    (re.compile(rf"""({_S})('|")(?={_W})"""), (1, "lquote2")),
    (re.compile(rf"""({_CLOSE})('|")"""), (1, "rquote2")),
    (re.compile(rf"""("|')(?={_S}|s\b|$)""", re.MULTILINE), ("rquote1",)),
    (re.compile(r"""(.?)'""", re.DOTALL), (1, "lsquo")),
    (re.compile(r"""(.?)\"""", re.DOTALL), (1, "ldquo")),
]


def smart_quote(text: str, pos: int) -> tuple[list[tuple[bool, str]], int]:
    """kramdown's parse_smart_quotes at `pos` (a quote, or the character before one): the parts
    it makes, each (is a curly quote, text), and where it stops."""
    for rule, substitutions in _RULES:
        match = rule.match(text, pos)
        if match is None:
            continue
        parts: list[tuple[bool, str]] = []
        for part in substitutions:
            if isinstance(part, int):
                parts.append((False, match.group(part)))
            elif part in _QUOTES:
                parts.append((True, _QUOTES[part]))
            else:
                parts.append((True, _BY_QUOTE[(part[:-1], match.group(int(part[-1])))]))
        return parts, match.end()
    raise AssertionError("the last two rules match any quote")

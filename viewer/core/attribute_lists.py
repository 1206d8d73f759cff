"""kramdown's attribute lists (lib/kramdown/parser/kramdown/extensions.rb): `{: .class #id key="v"}`
written after (or before) a block or right after a span, and `{:name: …}` definitions that other
lists refer to by name. Nothing else in braces is an attribute list."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ALD_ID_NAME = r"\w[\w-]*"
# Ruby's `\w` and `\s` are ASCII; in a character class Ruby reads `\2` as the octal escape \x02.
_KEY_VALUE = rf"({ALD_ID_NAME})=(\"|')((?:\\\}}|\\\2|[^}}\x02])*?)\2"
_ID = r"#([A-Za-z][\w:-]*)"
_CLASS = r"\.([^\s.#]+)"
_ID_OR_CLASS = re.compile(rf"{_ID}|{_CLASS}", re.A)
_ANY = re.compile(rf"(?:\A|\s)(?:{_KEY_VALUE}|({ALD_ID_NAME})|((?:{_ID}|{_CLASS})+))(?=\s|\Z)", re.A)
#: How deep definitions may refer to definitions (kramdown itself recurses without end).
_MAX_REFERENCE_DEPTH = 8


@dataclass
class AttributeList:
    attributes: dict[str, str] = field(default_factory=dict)
    #: Names referred to: attribute list definitions, or kramdown's own `toc`.
    refs: list[str] = field(default_factory=list)


def parse_attribute_list(text: str, into: AttributeList | None = None) -> AttributeList:
    """kramdown's parse_attribute_list: classes add up, other keys are replaced."""
    result = into if into is not None else AttributeList()
    for key, quote, value, ref, id_and_class, _id, _class in _ANY.findall(text):
        if ref:
            result.refs.append(ref)
        elif id_and_class:
            for ident, cls in _ID_OR_CLASS.findall(id_and_class):
                if cls:
                    result.attributes["class"] = f"{result.attributes.get('class', '')} {cls}".lstrip()
                else:
                    result.attributes["id"] = ident
        elif key:
            result.attributes[key] = re.sub(rf"\\([}}{re.escape(quote)}])", r"\1", value)
    return result


def expand_references(text: str, definitions: dict[str, str], depth: int = 0) -> str:
    """`text` with the definitions it refers to written before it (kramdown applies the
    referred definitions first, then the list's own attributes)."""
    if depth >= _MAX_REFERENCE_DEPTH:
        return text
    expanded = [
        expand_references(definitions[ref], definitions, depth + 1)
        for ref in parse_attribute_list(text).refs
        if ref in definitions
    ]
    return " ".join([*expanded, text]) if expanded else text

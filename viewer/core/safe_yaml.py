"""YAML from files we do not control (a post's front matter, a site's _config.yml): safe types
only, dates left as written, and a bound on how far aliases may expand.

Aliases are shared, not copied, so a 'billion laughs' document of a few hundred bytes loads
quickly and explodes only when something walks it (a merge key `<<: *a` copies at once): 511
bytes with 50 aliases took 32 s and 2.5 GB. Counting aliases does not bound that; counting what
they expand to does. While the document is composed, each node's size written out in full is
known (one for the node, plus its text, plus its children's sizes, an alias adding the size of
the node it names), so a document whose aliases would add more than `MAX_REPEATED` is refused
before anything is built from it, in the time it takes to read it.
"""

from __future__ import annotations

from typing import Any

import yaml

#: How much aliases may add to a document, counted in characters of the document written out
#: without them (every value counts at least one). Real front matter and site settings repeat
#: a few lines at most.
MAX_REPEATED = 100_000


class _ExpansionError(yaml.YAMLError):
    """The aliases of a document would expand it past `MAX_REPEATED` (or without end)."""


class _BoundedSafeLoader(yaml.SafeLoader):
    """Safe YAML that counts what its aliases expand to and refuses too much."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._repeated = 0
        #: The size written out in full of each node that has an anchor, by the node's identity.
        self._sizes: dict[int, int] = {}
        self._size = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            node = super().compose_node(parent, index)
            size = self._sizes.get(id(node))
            if size is None:  # an alias inside the node it names: it expands without end
                raise _ExpansionError("an alias refers to the value that contains it")
            self._repeated += size
            self._size += size
            if self._repeated > MAX_REPEATED:
                raise _ExpansionError(f"aliases expand past {MAX_REPEATED} characters")
            return node
        anchor = self.peek_event().anchor  # type: ignore[no-untyped-call]
        start = self._size
        node = super().compose_node(parent, index)  # composes the children through this method
        self._size += 1 + (len(node.value) if isinstance(node, yaml.ScalarNode) else 0)
        if anchor is not None:
            self._sizes[id(node)] = self._size - start
        return node


# Dates stay strings so that their time zone is kept as written; we parse them ourselves.
_BoundedSafeLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# libyaml's loader, when PyYAML has it, is several times faster: a library of thousands of
# posts is mostly front matter to read. It cannot count, so it only reads YAML that has no
# alias ('*' is how YAML writes one).
_FastSafeLoader: Any = getattr(yaml, "CSafeLoader", None)
if _FastSafeLoader is not None:
    _FastSafeLoader = type("_FastSafeLoader", (_FastSafeLoader,), {})
    _FastSafeLoader.yaml_implicit_resolvers = _BoundedSafeLoader.yaml_implicit_resolvers


def load_mapping(text: str) -> tuple[dict[str, Any], str | None]:
    """The 'key: value' mapping that `text` holds, and None; or {} and what is wrong with the
    text, worded to follow its name ("is not valid YAML (line 3, column 7: …)"). Line numbers
    count from the first line of `text`."""
    if not text.strip():
        return {}, None
    fast = _FastSafeLoader is not None and "*" not in text
    try:
        data = yaml.load(text, Loader=_FastSafeLoader if fast else _BoundedSafeLoader)
    except _ExpansionError:
        return {}, f"expands to more than {MAX_REPEATED:,} characters through its aliases"
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        return {}, f"is not valid YAML ({where}{exc.problem or exc})"
    except yaml.YAMLError as exc:
        return {}, f"is not valid YAML ({exc})"
    except RecursionError:
        return {}, "is nested too deeply"
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, "is not a set of 'key: value' lines"
    return {str(key): value for key, value in data.items()}, None

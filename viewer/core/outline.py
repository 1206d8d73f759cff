"""The outline of a post: its headings and list items as a tree."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OutlineNode:
    """A heading or a list item of the post, with the nodes under it."""

    kind: str  # "heading" | "item"
    #: Heading level 1-6, or the depth of the list an item is in (1 = top-level list).
    level: int
    #: The first paragraph as plain text.
    text: str
    #: The element id in the rendered HTML: scroll target of this node.
    id: str
    #: 1-based line in the post file, 0 when unknown.
    line: int
    children: tuple[OutlineNode, ...] = ()
    #: For a task list item ('- [ ]', '- [x]'): whether its box is checked; None otherwise.
    checked: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "level": self.level,
            "text": self.text,
            "id": self.id,
            "line": self.line,
        }
        if self.checked is not None:
            data["checked"] = self.checked
        data["children"] = [child.to_dict() for child in self.children]
        return data


def walk(nodes: tuple[OutlineNode, ...], depth: int = 0) -> Iterator[tuple[int, OutlineNode]]:
    """Every node with its depth in the tree, in document order."""
    for node in nodes:
        yield depth, node
        yield from walk(node.children, depth + 1)


def find_path(nodes: tuple[OutlineNode, ...], node_id: str) -> tuple[OutlineNode, ...]:
    """The nodes from the top of the tree down to the node with `node_id`; empty if absent."""
    for node in nodes:
        if node.id == node_id:
            return (node,)
        below = find_path(node.children, node_id)
        if below:
            return (node, *below)
    return ()


def prune(
    nodes: tuple[OutlineNode, ...], keep: Callable[[OutlineNode], bool], limit: int | None = None
) -> tuple[tuple[OutlineNode, ...], int]:
    """The nodes `keep` accepts, with their ancestors: the tree a search leaves standing.

    Returns the tree and how many nodes `keep` accepted in all; with `limit`, the tree holds
    only the first `limit` of them (and their ancestors).
    """
    accepted = 0

    def visit(level: tuple[OutlineNode, ...]) -> tuple[OutlineNode, ...]:
        nonlocal accepted
        kept = []
        for node in level:
            wanted = keep(node)
            if wanted:
                accepted += 1
            shown = wanted and (limit is None or accepted <= limit)
            children = visit(node.children)
            if children or shown:
                kept.append(
                    OutlineNode(node.kind, node.level, node.text, node.id, node.line, children, node.checked)
                )
        return tuple(kept)

    tree = visit(nodes)
    return tree, accepted

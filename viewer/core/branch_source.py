"""The Markdown a branch of the outline was written as: a heading with its section, or a list
item with its sub-items, cut from the post's own text (what a reader copies to reuse it)."""

from __future__ import annotations

from viewer.core.document import Post
from viewer.core.outline import OutlineNode, walk


def branch_source(post: Post, outline: tuple[OutlineNode, ...], node_id: str) -> str:
    """The source lines of the node `node_id` and everything under it, without the indent the
    node had (a deep bullet comes out as a top-level list); "" when the node is not there.
    Nodes whose line is unknown come out as a Markdown list of the branch's texts."""
    nodes = list(walk(outline))
    place = next((number for number, (_, node) in enumerate(nodes) if node.id == node_id), None)
    if place is None:
        return ""
    depth, node = nodes[place]
    if node.line <= 0:
        return _outline_markdown(node)
    lines = post.source.split("\n")
    # The branch ends where the next node outside it starts.
    end = next(
        (
            other.line - 1
            for other_depth, other in nodes[place + 1 :]
            if other_depth <= depth and other.line > node.line
        ),
        len(lines),
    )
    branch = lines[node.line - 1 : end]
    if node.kind == "item":
        branch = _item_lines(branch)
    while branch and not branch[-1].strip():
        branch.pop()
    indent = len(branch[0]) - len(branch[0].lstrip(" ")) if branch else 0
    return "\n".join(_dedent(line, indent) for line in branch) + "\n" if branch else ""


def _item_lines(lines: list[str]) -> list[str]:
    """A list item's lines: after a blank line, a line indented no deeper than the item's marker
    is no longer part of it (kramdown: the content is indented at least to the marker's text);
    a line straight after text continues the paragraph even unindented (a lazy line)."""
    marker_indent = len(lines[0]) - len(lines[0].lstrip(" "))
    kept = [lines[0]]
    for line in lines[1:]:
        after_blank = not kept[-1].strip()
        if line.strip() and after_blank and len(line) - len(line.lstrip(" ")) <= marker_indent:
            break
        kept.append(line)
    return kept


def _dedent(line: str, indent: int) -> str:
    spaces = len(line) - len(line.lstrip(" "))
    return line[min(spaces, indent) :]


def _outline_markdown(node: OutlineNode, depth: int = 0) -> str:
    marker = "#" * max(node.level, 1) + " " if node.kind == "heading" else "  " * depth + "- "
    below = "".join(_outline_markdown(child, depth + (node.kind == "item")) for child in node.children)
    return f"{marker}{node.text}\n{below}"

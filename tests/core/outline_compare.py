"""Compare our outline with one Jekyll produced, the way ../shared/tools/compare_outline.py does."""

from __future__ import annotations

import unicodedata
from typing import Any

from viewer.core.outline import OutlineNode, walk

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "--",
        "\u2014": "---",
        "\u2026": "...",
        "\u00a0": " ",
        "\u00ab": "<<",
        "\u00bb": ">>",
    }
)

Row = tuple[int, str, str]


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY)
    return " ".join(text.split())[:60]


def expected_rows(nodes: list[dict[str, Any]], depth: int = 0) -> list[Row]:
    rows: list[Row] = []
    for node in nodes:
        rows.append((depth, node["kind"], norm(node["text"])))
        rows += expected_rows(node.get("children", []), depth + 1)
    return rows


def our_rows(outline: tuple[OutlineNode, ...]) -> list[Row]:
    return [(depth, node.kind, norm(node.text)) for depth, node in walk(outline)]


def expected_heading_ids(nodes: list[dict[str, Any]]) -> list[str]:
    ids: list[str] = []
    for node in nodes:
        if node["kind"] == "heading":
            ids.append(node.get("id", ""))
        ids += expected_heading_ids(node.get("children", []))
    return ids

"""Where the reader was in each post, kept between sessions.

A place is the path through the outline to the node the reader was at: each step's id and text.
Not a line or a pixel offset, which any edit above would move. Item ids are numbered in reading
order (an item added above renumbers the rest), so a step is found again by its text among the
children of the step before it, the id settling a tie; when a step's text changed, the place
found is the deepest step that still matches.

Kept in one small JSON file in the user's state folder, the most recent posts only, never in
the posts. A broken or foreign file is ignored and written anew.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from viewer.core.outline import OutlineNode, find_path

#: Posts remembered; the least recently read are forgotten first.
MAX_POSTS = 500
#: A step's text is kept to this many characters (and compared so).
MAX_STEP_TEXT = 200
FILE_NAME = "reading-places.json"
_VERSION = 1


@dataclass(frozen=True)
class OutlinePlace:
    #: (id, text) of each node from the top of the outline down to the reader's node.
    steps: tuple[tuple[str, str], ...]


def place_of(outline: tuple[OutlineNode, ...], node_id: str) -> OutlinePlace | None:
    """The place of the node `node_id`; None when it is not in the outline."""
    path = find_path(outline, node_id)
    if not path:
        return None
    return OutlinePlace(tuple((node.id, node.text[:MAX_STEP_TEXT]) for node in path))


def find_place(outline: tuple[OutlineNode, ...], place: OutlinePlace) -> str:
    """The id of the node at `place` in `outline` (as edited since), or of the deepest step
    that still matches; "" when not even the first step does."""
    found, level = "", outline
    for step_id, step_text in place.steps:
        same_text = [node for node in level if node.text[:MAX_STEP_TEXT] == step_text]
        if not same_text:
            break
        chosen = next((node for node in same_text if node.id == step_id), same_text[0])
        found, level = chosen.id, chosen.children
    return found


class PlaceStore:
    """The places of recently read posts, by the post's resolved path."""

    def __init__(self, file: Path | None = None, limit: int = MAX_POSTS) -> None:
        if file is None:
            from viewer.core.user_folders import state_folder

            file = state_folder() / FILE_NAME
        self.file = file
        self.limit = limit
        self._places: dict[str, dict[str, Any]] | None = None  # read at first use
        self._dirty = False

    def _loaded(self) -> dict[str, dict[str, Any]]:
        if self._places is None:
            self._places = _read(self.file)
        return self._places

    def recall(self, post: Path) -> OutlinePlace | None:
        entry = self._loaded().get(str(post))
        if entry is None:
            return None
        return OutlinePlace(tuple((str(step[0]), str(step[1])) for step in entry["at"]))

    def remember(self, post: Path, place: OutlinePlace | None) -> None:
        """Keep `place` for the post (None: the reader is at its top, nothing to keep)."""
        places = self._loaded()
        key = str(post)
        if place is None:
            self._dirty |= places.pop(key, None) is not None
            return
        places.pop(key, None)  # to the end: the most recent last
        places[key] = {"at": [list(step) for step in place.steps], "read": int(time.time())}
        for old in list(places)[: max(0, len(places) - self.limit)]:
            del places[old]
        self._dirty = True

    def save(self) -> None:
        """Write the file if anything changed (atomically: a crash leaves the old one)."""
        if not self._dirty or self._places is None:
            return
        import json  # here, as in _read: the module is loaded before the first paint, json needn't be

        data = {"version": _VERSION, "places": self._places}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            partial = self.file.with_name(self.file.name + ".tmp")
            partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(partial, self.file)
        except OSError:
            return  # a place not kept is no reason to bother the reader; tried again next time
        self._dirty = False


def _read(file: Path) -> dict[str, dict[str, Any]]:
    """The places in the file; none when it is missing, broken or not ours."""
    import json

    data: Any = None
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(file.read_text(encoding="utf-8"))
    if (
        not isinstance(data, dict)
        or data.get("version") != _VERSION
        or not isinstance(data.get("places"), dict)
    ):
        return {}
    places: dict[str, dict[str, Any]] = {}
    for key, entry in data["places"].items():
        steps = entry.get("at") if isinstance(entry, dict) else None
        if (
            isinstance(steps, list)
            and steps
            and all(
                isinstance(step, list) and len(step) == 2 and all(isinstance(part, str) for part in step)
                for step in steps
            )
        ):
            places[str(key)] = {"at": steps, "read": entry.get("read", 0)}
    return places

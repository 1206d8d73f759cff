"""Back and forward over the reader's jumps, like a browser's: places visited in the posts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Places kept each way; the oldest go first.
MAX_PLACES = 100


@dataclass(frozen=True)
class Place:
    """A post and the node the reader was at in it ("" for its top)."""

    path: Path
    node: str = ""


class History:
    def __init__(self, limit: int = MAX_PLACES) -> None:
        self.limit = limit
        self._back: list[Place] = []
        self._forward: list[Place] = []

    def leave(self, here: Place) -> None:
        """The reader jumps away from `here`: Back returns to it; what was ahead is dropped."""
        if not self._back or self._back[-1] != here:
            self._back.append(here)
            del self._back[: -self.limit]
        self._forward.clear()

    def back(self, here: Place) -> Place | None:
        """The place to go back to (None: none); `here` becomes the first place ahead."""
        return self._step(self._back, self._forward, here)

    def forward(self, here: Place) -> Place | None:
        return self._step(self._forward, self._back, here)

    def _step(self, source: list[Place], target: list[Place], here: Place) -> Place | None:
        while source and source[-1] == here:  # a place equal to here is no step
            source.pop()
        if not source:
            return None
        target.append(here)
        del target[: -self.limit]
        return source.pop()

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)

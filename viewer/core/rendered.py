"""What rendering a post yields: its HTML, outline and links from one pass.

Apart from render.py so that a rendered post kept in the render cache can be read back without
loading Markdown (see render_cache.py)."""

from __future__ import annotations

from dataclasses import dataclass

from viewer.core.document import Post
from viewer.core.links import Link
from viewer.core.outline import OutlineNode


@dataclass(frozen=True)
class RenderedPost:
    """A post rendered once: its HTML, outline and links, from the same pass."""

    post: Post
    #: The post body as HTML (no <html>/<body> wrapper).
    html: str
    outline: tuple[OutlineNode, ...]
    #: Every link occurrence in document order.
    links: tuple[Link, ...]
    heading_ids: tuple[str, ...]
    #: Problems met while rendering; the post's own load warnings are in `post.warnings`.
    warnings: tuple[str, ...] = ()

    @property
    def all_warnings(self) -> tuple[str, ...]:
        return self.post.warnings + self.warnings

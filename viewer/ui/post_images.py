"""Where an image of a post is on disk: Jekyll sites write `/assets/a.png` (from the site's root,
after its baseurl) or a path relative to the post. Remote images are not fetched."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from viewer.core.site import find_site


def local_image(source: str, post: Path) -> Path | None:
    """The file an `<img src>` of the post at `post` names, if it is there."""
    parts = urlsplit(source)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # a web address (or file:, data:): not ours to read
    path = unquote(parts.path)
    site = find_site(post)
    root = site.root if site is not None else post.parent
    if path.startswith("/"):
        baseurl = site.baseurl if site is not None else ""
        if baseurl and path.startswith(baseurl + "/"):
            path = path[len(baseurl) :]
        candidates = [root / path.lstrip("/")]
    else:
        candidates = [post.parent / path, root / path]
    return next((c for c in candidates if c.is_file()), None)

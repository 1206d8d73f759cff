"""The Jekyll site around a post: its _config.yml and its other posts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from viewer.core import POST_SUFFIXES, is_file


@dataclass(frozen=True)
class Site:
    """The Jekyll site a post belongs to: its folder and its _config.yml settings."""

    root: Path
    config: dict[str, Any] = field(default_factory=dict)
    #: Why the site's settings could not be read, for the posts shown with them.
    warnings: tuple[str, ...] = ()

    @property
    def baseurl(self) -> str:
        return str(self.config.get("baseurl") or "").rstrip("/")

    @property
    def url(self) -> str:
        return str(self.config.get("url") or "").rstrip("/")

    def find_post(self, name: str) -> Path | None:
        """The file that `{% post_url name %}` refers to ('2018-01-01-slug' or 'folder/2018-01-01-slug')."""
        return _post_index(self.root).get(name.strip().rsplit("/", 1)[-1])


def find_site(post_path: Path) -> Site | None:
    """The nearest folder above the post holding a _config.yml (at most four levels up)."""
    config = site_config_file(post_path)
    if config is None:
        return None
    try:
        changed = config.stat().st_mtime_ns
    except OSError:
        changed = 0
    settings, warnings = _read_config(config, changed)
    return Site(config.parent, settings, warnings)


def site_config_file(post_path: Path) -> Path | None:
    """The _config.yml of the Jekyll site around the post: the nearest one above it, at most
    four levels up."""
    folder = post_path.resolve().parent
    for candidate in [folder, *list(folder.parents)[:4]]:
        config = candidate / "_config.yml"
        if is_file(config):
            return config
    return None


def categories_from_path(post_path: Path) -> tuple[str, ...]:
    """Jekyll files a post in `<site>/a/b/_posts/` under the categories a and b, before those
    of its front matter."""
    if "_posts" not in post_path.parts[:-1]:
        return ()
    site = find_site(post_path)
    if site is None:
        return ()
    parts, root = post_path.resolve().parts, site.root.parts
    if parts[: len(root)] != root or "_posts" not in parts[len(root) : -1]:
        return ()
    return parts[len(root) : parts.index("_posts", len(root))]


@lru_cache(maxsize=16)
def _read_config(path: Path, _changed: int) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The site's settings and what went wrong reading them; cached by modification time, as a
    library's posts all ask for the same site."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return {}, (f"The site settings file {path} cannot be read ({exc.strerror or exc}); it was ignored.",)
    from viewer.core.safe_yaml import load_mapping  # YAML loads only when a site is read

    config, problem = load_mapping(text)
    if problem:
        return {}, (f"The site settings file {path} {problem}; it was ignored.",)
    return config, ()


@lru_cache(maxsize=8)
def _post_index(root: Path) -> dict[str, Path]:
    index: dict[str, Path] = {}
    pattern = re.compile(r"^\d{2,4}-\d{1,2}-\d{1,2}-")
    try:
        candidates = [p for p in root.rglob("*") if p.suffix.lower() in POST_SUFFIXES]
    except OSError:
        return index
    for path in candidates:
        if pattern.match(path.name) and "_site" not in path.parts:
            index.setdefault(path.stem, path)
    return index


def find_post_in_folder(folder: Path, name: str) -> Path | None:
    """The post file named `name` (without its extension) in `folder`, if there is one."""
    stem = name.strip().rsplit("/", 1)[-1]
    for suffix in sorted(POST_SUFFIXES):
        candidate = folder / f"{stem}{suffix}"
        if candidate.is_file():
            return candidate
    return None

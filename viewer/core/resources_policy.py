"""What a post may make the viewer load: images from its own site or folder, and nothing else.

A post is untrusted input. Qt, left to itself, opens any path an `<img>`, a CSS `url()` or an
`@import` names, on whichever thread lays the document out: `/dev/zero` exhausts memory, a named
pipe blocks for ever. So the preview loads nothing itself; this module decides which image a
post may show and reads it under rules, and the UI registers what it read with the document:

- only images (CSS from a post is never followed);
- only regular files, checked before they are opened (opening some devices has effects) and
  again on the open file; never devices, pipes or sockets;
- only below the post's Jekyll site, or its folder when it has no site, or a folder the user
  allowed, after symbolic links are resolved;
- at most `MAX_IMAGE_BYTES` read, and at most `MAX_IMAGE_PIXELS` decoded (a tiny PNG can
  declare 100,000 × 100,000 pixels);
- nothing from the web: a remote image shows its alt text and says it was not loaded.

Paths are read as the blog reads them: `/assets/x.png` from the site's root (after its
`baseurl`, which Liquid's `{{ site.baseurl }}` has already put in), `x.png` from the post's
folder, and the site's own absolute URL as a path of the site.
"""

from __future__ import annotations

import base64
import binascii
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

#: An image file larger than this is not read (a camera's photo is a few MB).
MAX_IMAGE_BYTES = 20 * 1024 * 1024
#: An image that declares more pixels than this is not decoded (40 MP: 160 MB as RGBA).
MAX_IMAGE_PIXELS = 40_000_000

SourceKind = Literal["file", "data", "remote", "refused", "missing"]


class ResourceRefused(Exception):
    """A resource that may not be loaded; the message says why, in words for the reader."""


@dataclass(frozen=True)
class ResourcePlace:
    """Where the resources of one post may come from."""

    #: The post file.
    post: Path
    #: The Jekyll site the post belongs to (None: a post on its own).
    site_root: Path | None = None
    #: The site's `baseurl` ("/blog", or "").
    baseurl: str = ""
    #: The site's `url` ("https://me.github.io", or "").
    site_url: str = ""
    #: Other folders the user allowed images from.
    allowed: tuple[Path, ...] = ()

    @property
    def roots(self) -> tuple[Path, ...]:
        """The folders an image must lie in, symbolic links resolved."""
        own = self.site_root if self.site_root is not None else self.post.parent
        return tuple(Path(os.path.realpath(folder)) for folder in (own, *self.allowed))


@dataclass(frozen=True)
class ImageSource:
    """Where an image named in a post comes from, or why it is not loaded."""

    kind: SourceKind
    #: The file to read ("file"), the URL as written otherwise.
    target: str
    #: Why it is not shown ("remote", "refused", "missing"), in words for the reader.
    reason: str = ""


def place_for(post: Path, site_root: Path | None, config: dict[str, object] | None = None,
              allowed: Sequence[Path] = ()) -> ResourcePlace:  # fmt: skip
    """The place of a post of the site at `site_root` with the given `_config.yml` settings."""
    config = config or {}
    baseurl = str(config.get("baseurl") or "").strip().rstrip("/")
    site_url = str(config.get("url") or "").strip().rstrip("/")
    return ResourcePlace(Path(post), site_root, baseurl, site_url, tuple(Path(a) for a in allowed))


def locate_image(src: str, place: ResourcePlace) -> ImageSource:
    """Where the image a post names as `src` comes from, by the rules in the module's text."""
    src = src.strip()
    if not src:
        return ImageSource("missing", src, "no address")
    if src.lower().startswith("data:"):
        return ImageSource("data", src)
    parts = urlsplit(src)
    scheme = parts.scheme.lower()
    own_site = _own_site_path(src, place)
    if own_site is not None:
        return _first_file(src, [own_site], place)
    if scheme in ("http", "https") or src.startswith("//"):
        host = parts.netloc or "the web"
        return ImageSource("remote", src, f"an image from {host}, not loaded")
    if scheme == "file":
        return _first_file(src, [Path(unquote(parts.path))], place)
    if scheme and not (len(scheme) == 1 and src[1:2] == ":"):  # not a drive letter (C:\…)
        return ImageSource("refused", src, f"a {scheme}: address, not loaded")
    path = unquote(parts.path if scheme == "" else src)
    if not path:
        return ImageSource("missing", src, "no file named")
    return _first_file(src, _candidates(path, place), place)


def read_image_file(path: Path, max_bytes: int = MAX_IMAGE_BYTES) -> bytes:
    """The bytes of a regular file, at most `max_bytes`; raises ResourceRefused otherwise.
    Never opens a device, pipe or socket, and never blocks on one."""
    try:
        before = os.stat(path)
    except OSError as exc:
        raise ResourceRefused(f"cannot be read ({exc.strerror or exc})") from None
    _check_regular(before, max_bytes)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)  # a pipe never blocks the open
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise ResourceRefused(f"cannot be read ({exc.strerror or exc})") from None
    try:
        opened = os.fstat(descriptor)
        _check_regular(opened, max_bytes)  # replaced by something else since the check above
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(descriptor, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise ResourceRefused(f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(descriptor)
    if total > max_bytes:
        raise ResourceRefused(f"larger than {max_bytes // (1024 * 1024)} MB")
    return b"".join(chunks)


def decode_data_url(src: str, max_bytes: int = MAX_IMAGE_BYTES) -> bytes:
    """The bytes of a `data:` URL; raises ResourceRefused for a broken or oversized one."""
    header, comma, payload = src.partition(",")
    if not comma:
        raise ResourceRefused("a broken data: address")
    if len(payload) > max_bytes * 4 // 3 + 4:
        raise ResourceRefused(f"larger than {max_bytes // (1024 * 1024)} MB")
    if header.lower().endswith(";base64"):
        try:
            return base64.b64decode(payload, validate=False)
        except (binascii.Error, ValueError):
            raise ResourceRefused("a broken data: address") from None
    return unquote(payload).encode("latin-1", errors="replace")


#: Raster formats by their first bytes. Nothing else is handed to an image decoder: an SVG may
#: name other files in turn (Qt's SVG reader blocks on a named pipe an `<image>` names).
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
    (b"\x00\x00\x01\x00", "ico"),
)


def raster_format(data: bytes) -> str:
    """The raster format of image bytes ("png", "jpeg", "gif", "bmp", "ico", "webp"); raises
    ResourceRefused for anything else."""
    for signature, name in _SIGNATURES:
        if data.startswith(signature):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or data.startswith(b"\x1f\x8b"):
        raise ResourceRefused("an SVG image, not shown")
    raise ResourceRefused("not an image")


def check_pixels(width: int, height: int, max_pixels: int = MAX_IMAGE_PIXELS) -> str:
    """Why an image of this declared size is not decoded ("" when it may be)."""
    if width <= 0 or height <= 0:
        return "an image of unknown size"
    if width * height > max_pixels:
        return f"too large to show ({width:,} × {height:,} pixels)"
    return ""


# --- helpers -------------------------------------------------------------------------------------


def _own_site_path(src: str, place: ResourcePlace) -> Path | None:
    """A path under the site for the site's own absolute URL (`{{ site.url }}/assets/x.png`)."""
    if place.site_root is None or not place.site_url:
        return None
    for prefix in (place.site_url + place.baseurl, place.site_url):
        if src.startswith(prefix + "/"):
            rest = unquote(urlsplit(src[len(prefix):]).path)  # fmt: skip
            return place.site_root / rest.lstrip("/")
    return None


def _candidates(path: str, place: ResourcePlace) -> list[Path]:
    """The files a path written in a post can mean, most likely first."""
    folder = place.post.parent
    if path.startswith("/"):
        candidates = []
        if place.site_root is not None:
            site_path = path
            if place.baseurl and (path == place.baseurl or path.startswith(place.baseurl + "/")):
                site_path = path[len(place.baseurl):]  # fmt: skip
            candidates.append(place.site_root / site_path.lstrip("/"))
        else:
            candidates.append(folder / path.lstrip("/"))
        candidates.append(Path(path))  # a file system path that happens to lie in the site
        return candidates
    candidates = [folder / path]
    if place.site_root is not None:
        candidates.append(place.site_root / path)
    return candidates


def _first_file(src: str, candidates: list[Path], place: ResourcePlace) -> ImageSource:
    roots = place.roots
    outside = False
    for candidate in candidates:
        try:
            real = Path(os.path.realpath(candidate))
            exists = os.path.lexists(candidate) and os.path.exists(real)
        except (OSError, ValueError):  # a name with a NUL byte, or too long
            continue
        if not exists:
            continue
        if not any(real == root or real.is_relative_to(root) for root in roots):
            outside = True
            continue
        return ImageSource("file", str(real))
    if outside:
        where = "site" if place.site_root is not None else "post's folder"
        return ImageSource("refused", src, f"outside the {where}, not loaded")
    return ImageSource("missing", src, "not found")


def _check_regular(info: os.stat_result, max_bytes: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise ResourceRefused("a folder, not an image")
    if not stat.S_ISREG(info.st_mode):
        raise ResourceRefused("not a regular file")
    if info.st_size > max_bytes:
        raise ResourceRefused(f"larger than {max_bytes // (1024 * 1024)} MB")

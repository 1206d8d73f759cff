"""What a URL points at (YouTube, SlideShare, GitHub, ...) and the form used to tell duplicates apart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit, urlunsplit

#: Kinds in the order the link list shows them: the talks and decks a summary cites come first.
KIND_ORDER = (
    "slideshare-deck",
    "slideshare-profile",
    "youtube-video",
    "youtube-playlist",
    "youtube-channel",
    "github",
    "other",
    "post",
    "email",
    "anchor",
)

_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|mc_[ce]id|igshid|si|feature|ref_src)$", re.I)
_YOUTUBE_HOSTS = {"youtube.com", "m.youtube.com", "music.youtube.com", "youtube-nocookie.com"}
_YOUTUBE_RESERVED = {
    "watch",
    "embed",
    "shorts",
    "live",
    "playlist",
    "channel",
    "c",
    "user",
    "results",
    "feed",
    "about",
    "premium",
    "kids",
    "gaming",
    "t",
    "hashtag",
    "account",
    "redirect",
    "v",
    "attribution_link",
}
_SLIDESHARE_RESERVED = {
    "slideshow",
    "search",
    "login",
    "signup",
    "category",
    "featured",
    "upload",
    "features",
    "about",
    "explore",
    "popular",
    "latest",
    "mobile",
    "api",
}


@dataclass(frozen=True)
class Link:
    """One occurrence of a link in a post."""

    url: str
    text: str
    kind: str
    #: Heading texts from the top of the post down to the section the link is in.
    section: tuple[str, ...]
    #: Element id to scroll to: the list item or heading the link sits in.
    anchor: str
    #: How it was written: markdown, reference, autolink, bare, html, iframe, post_url.
    written_as: str


def classify_url(url: str) -> str:
    """The kind of a URL, e.g. 'youtube-video' or 'slideshare-profile'."""
    if url.startswith("#"):
        return "anchor"
    parts = _split(url)
    if parts is None:
        return "other"
    scheme = parts.scheme.lower()
    if scheme == "mailto":
        return "email"
    if scheme not in ("http", "https", ""):
        return "other"
    if not parts.netloc:
        return "post" if re.search(r"\.(md|markdown|mkdn?|txt)$", parts.path, re.I) else "other"
    host = _bare_host(parts.netloc)
    segments = [s for s in parts.path.split("/") if s]
    if host == "youtu.be":
        return "youtube-video" if segments else "youtube-channel"
    if host in _YOUTUBE_HOSTS:
        return _youtube_kind(segments, dict(parse_qsl(parts.query)))
    if host == "slideshare.net" or host.endswith(".slideshare.net"):
        if not segments or segments[0].lower() in _SLIDESHARE_RESERVED - {"slideshow"}:
            return "other"
        if segments[0].lower() == "slideshow" or len(segments) >= 2:
            return "slideshare-deck"
        return "slideshare-profile"
    if host in ("github.com", "gist.github.com") or host.endswith(".github.io"):
        return "github"
    return "other"


def _split(url: str) -> SplitResult | None:
    try:
        return urlsplit(url)
    except ValueError:  # 'http://[not an address]/' and the like, as written in real posts
        return None


def _youtube_kind(segments: list[str], query: dict[str, str]) -> str:
    head = segments[0].lower() if segments else ""
    if head in ("watch", "embed", "shorts", "live", "v") and (query.get("v") or len(segments) > 1):
        return "youtube-video"
    if head == "playlist" or (head == "watch" and "list" in query):
        return "youtube-playlist"
    if head.startswith("@") or head in ("channel", "c", "user"):
        return "youtube-channel"
    if head and head not in _YOUTUBE_RESERVED:
        return "youtube-channel"  # youtube.com/awskorea: a legacy channel name
    return "other"


def _bare_host(netloc: str) -> str:
    host = netloc.rsplit("@", 1)[-1].split(":", 1)[0].lower()
    return host[4:] if host.startswith("www.") else host


_DEFAULT_PORTS = {"http": 80, "https": 443}


def _port(parts: SplitResult) -> int | None:
    try:
        return parts.port
    except ValueError:  # 'http://host:port/' as written in a template
        return None


def normalize_url(url: str) -> str:
    """A key under which the same target written differently is counted once.

    Scheme and host case, 'www.', default ports, a trailing slash, tracking parameters and the
    youtu.be short form do not make a link different. The URL that is opened is never this key.
    """
    url = url.strip()
    parts = _split(url)
    if parts is None or parts.scheme.lower() not in ("http", "https"):
        return url
    host = _bare_host(parts.netloc)
    port = _port(parts)
    if port is not None and port != _DEFAULT_PORTS[parts.scheme.lower()]:
        host = f"{host}:{port}"  # localhost:3000 and localhost:8080 are different places
    path = parts.path.rstrip("/")
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMS.match(k)
    ]
    if host == "youtu.be" and path:
        query = [("v", path.strip("/")), *query]
        host, path = "youtube.com", "/watch"
    if host in _YOUTUBE_HOSTS - {"youtube.com"}:
        host = "youtube.com"
    return urlunsplit(("https", host, path, urlencode(sorted(query)), parts.fragment))


@dataclass(frozen=True)
class LinkEntry:
    """A distinct link target with every place it occurs."""

    url: str
    kind: str
    text: str
    section: tuple[str, ...]
    count: int
    anchors: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "kind": self.kind,
            "text": self.text,
            "section": list(self.section),
            "count": self.count,
            "ids": list(self.anchors),
        }


def distinct_links(links: tuple[Link, ...]) -> tuple[LinkEntry, ...]:
    """Links grouped by normalised URL, references (SlideShare, YouTube) first, then document order."""
    groups: dict[str, list[Link]] = {}
    for link in links:
        if link.kind == "anchor":
            continue
        groups.setdefault(normalize_url(link.url), []).append(link)
    entries = []
    for occurrences in groups.values():
        first = occurrences[0]
        # The link text a reader wrote beats a bare URL repeated as its own text.
        text = next((o.text for o in occurrences if o.text and o.text != o.url), first.text or first.url)
        entries.append(
            LinkEntry(
                first.url,
                first.kind,
                text,
                first.section,
                len(occurrences),
                tuple(dict.fromkeys(o.anchor for o in occurrences)),
            )
        )
    order = {kind: index for index, kind in enumerate(KIND_ORDER)}
    return tuple(sorted(entries, key=lambda e: order.get(e.kind, len(order))))

"""Links inside raw HTML (<a href>, <iframe src>, <video src>, …) that a post writes as HTML."""

from __future__ import annotations

from html.parser import HTMLParser

# Embedded talks, recordings and videos: what a summary's reader comes back for.
_EMBEDS = frozenset(["iframe", "video", "audio", "source", "embed", "script"])


def raw_html_links(raw: str) -> list[tuple[str, str, str]]:
    """(url, text, how it was written: "html", "iframe" or "embed") for each link in `raw`."""
    parser = _RawLinkParser()
    parser.feed(raw)
    parser.close()
    return parser.found


class _RawLinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []
        self._open: list[list[str]] = []  # [url, text] of <a> elements being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self._open.append([values["href"] or "", ""])
        elif tag in _EMBEDS and values.get("src"):
            kind = "iframe" if tag == "iframe" else "embed"
            self.found.append((values["src"] or "", values.get("title") or "", kind))

    def handle_data(self, data: str) -> None:
        for entry in self._open:
            entry[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            url, text = self._open.pop()
            self.found.append((url, " ".join(text.split()), "html"))

    def close(self) -> None:
        super().close()
        for url, text in self._open:
            self.found.append((url, " ".join(text.split()), "html"))

"""Link recall over the real-post corpus, against an independent scan of each post's source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import corpus_folder
from viewer.core.document import load_post
from viewer.core.links import normalize_url
from viewer.core.render import render_post

CORPUS = corpus_folder()
pytestmark = pytest.mark.skipif(CORPUS is None, reason="NOTE_VIEWER_CORPUS is not set")

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1[ \t]*$", re.M | re.S)
_LIQUID_CODE = re.compile(r"\{%-?\s*highlight.*?\{%-?\s*endhighlight\s*-?%\}", re.S)
_INDENTED_CODE = re.compile(r"(?:^\n)((?:(?: {4}|\t).*\n)+)", re.M)
_INLINE_CODE = re.compile(r"(`+).+?\1", re.S)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_POSTER = re.compile(r"""\bposter=["'][^"']*["']""")  # a video's still image
_LIQUID_VALUE = re.compile(r"\{\{.*?\}\}")  # Jekyll renders unknown values as nothing
_LINK_TEXT = re.compile(r"\[[^\]\n]*\](?=\()")  # [text](url): only the url is a target
_ESCAPE = re.compile(r"\\([\\_*\[\]()#+.!-])")
# Parentheses inside a URL only when balanced: (computing) in a Wikipedia address, not the ')'
# that closes a Markdown link.
_URL = re.compile(r"""https?://(?:[^\s<>"'`()\[\]]|\([^\s<>"'`()]*\))+""")


_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*<?(\S+?)>?(?:[ \t].*)?$", re.M)


def scanned_urls(source: str) -> set[str]:
    """Web addresses a reader sees in a post's source: not in code, comments or images, and
    reference definitions only where the post uses them."""
    for pattern in (_FENCE, _LIQUID_CODE, _COMMENT, _IMAGE, _IMG_TAG, _POSTER, _INDENTED_CODE, _INLINE_CODE):
        source = pattern.sub(" ", source)
    source = _LIQUID_VALUE.sub("", source)
    source = _ESCAPE.sub(r"\1", source)
    definitions = {m.group(1).lower(): m.group(2) for m in _DEFINITION.finditer(source)}
    source = _DEFINITION.sub(" ", source)
    used = {label.lower() for label in re.findall(r"\[([^\]\n]+)\]", source)}
    source = _LINK_TEXT.sub("[]", source)
    source = source.replace("&amp;", "&")
    urls = {url for label, url in definitions.items() if label in used and url.startswith("http")}
    for match in _URL.finditer(source):
        urls.add(re.split(r"\{\{|&gt;|&lt;|&quot;", match.group(0))[0])
    return {normalize_url(url.rstrip(".,;:!?*_")) for url in urls}


def test_links_recall_over_the_corpus() -> None:
    assert CORPUS is not None
    posts = sorted(p for p in CORPUS.glob("*/*") if p.suffix in (".md", ".markdown"))
    assert posts
    wanted = found = 0
    missing: list[tuple[str, str]] = []
    for post_path in posts:
        post = load_post(post_path)
        expected = scanned_urls(post.body)
        if not expected:
            continue
        rendered = render_post(post)
        reported = {normalize_url(link.url) for link in rendered.links}
        wanted += len(expected)
        hits = expected & reported
        found += len(hits)
        missing += [(Path(post_path).name, url) for url in sorted(expected - hits)]
    recall = found / wanted
    print(f"link recall: {found}/{wanted} = {recall:.4f}")
    assert recall >= 0.99, (recall, len(missing), missing[:40])

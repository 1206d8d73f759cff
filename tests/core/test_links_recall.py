"""Link recall over the real-post corpus, against an independent scan of each post's source.

The scan counts the web addresses a reader can follow: link targets as kramdown reads them, and
bare addresses where the app links them on purpose (GitHub's rule: at the start of a line, after
white space or after one of `*_~(`), never text inside code, comments or images."""

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

# kramdown GFM's fence: the opening line holds at most one word after the fence
# (```docker run x``` at the start of a line is a code span, not a block).
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*[^\s]*[ \t]*\n.*?^ {0,3}\1[`~]*[ \t]*$", re.M | re.S)
_LIQUID_CODE = re.compile(r"\{%-?\s*highlight.*?\{%-?\s*endhighlight\s*-?%\}", re.S)
_HTML_CODE = re.compile(r"<(pre|code)\b[^>]*>.*?</\1\s*>", re.S | re.I)  # raw HTML: shown as text
_INDENTED_CODE = re.compile(r"(?:^\n)((?:(?: {4}|\t).*\n)+)", re.M)
_INLINE_CODE = re.compile(r"(`+).+?\1", re.S)
# Images, inline and by reference: what they name is shown, not followed.
_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]\n]*\])?")
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_POSTER = re.compile(r"""\bposter=["'][^"']*["']""")  # a video's still image
_LIQUID_VALUE = re.compile(r"\{\{.*?\}\}")  # Jekyll renders unknown values as nothing
_LINK_TEXT = re.compile(r"\[[^\]\n]*\](?=\()")  # [text](url): only the url is a target
_ESCAPE = re.compile(r"\\([\\_*\[\]()#+.!-])")
# kramdown's link definition (parser/kramdown/link.rb): a title only in quotes, otherwise the
# rest of the line is the address, as on the built page.
_DEFINITION = re.compile(
    r"^ {0,3}\[([^\n\]]+)\]:[ \t]*(?:<(.*?)>|([^\n]*?\S[^\n]*?))"
    r"""(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?(["'])(.+?)\4)?[ \t]*?$""",
    re.M,
)
# [text](target "title"): the target as written, parentheses inside only when balanced.
_INLINE_TARGET = re.compile(
    r"""\]\([ \t]*(?:<([^>\n]*)>|((?:[^\s()]|\([^\s()]*\))*))(?:[ \t]+(["']).*?\3)?[ \t]*\)"""
)
# A bare address: where GitHub links one, with a host that can exist (a placeholder such as
# 172.17.0.x has no one-letter top-level domain).
_URL = re.compile(r"""(?<![^\s*_~(<"'])https?://(?=[^\W_])(?:[^\s<>"'`()\[\]]|\([^\s<>"'`()]*\))+""")
_PLACEHOLDER_HOST = re.compile(r"\.[^.\d]$")
_WEB = re.compile(r"https?://")


def scanned_urls(source: str) -> set[str]:
    """Web addresses a reader can follow in a post's source: not in code, comments or images,
    and reference definitions only where the post uses them."""
    for pattern in (
        _FENCE,
        _LIQUID_CODE,
        _HTML_CODE,
        _COMMENT,
        _IMAGE,
        _IMG_TAG,
        _POSTER,
        _INDENTED_CODE,
        _INLINE_CODE,
    ):
        source = pattern.sub(" ", source)
    source = _LIQUID_VALUE.sub("", source)
    source = _ESCAPE.sub(r"\1", source)
    source = source.replace("&amp;", "&")  # the address the browser follows
    definitions = {
        m.group(1).lower(): m.group(2) or m.group(3)
        for m in _DEFINITION.finditer(source)
        if not re.search(r"[ \t]+[\"']", m.group(3) or "")
    }
    source = _DEFINITION.sub(" ", source)
    used = {label.lower() for label in re.findall(r"\[([^\]\n]+)\]", source)}
    urls = {url for label, url in definitions.items() if label in used and _WEB.match(url)}
    source = _LINK_TEXT.sub("[]", source)
    for match in _INLINE_TARGET.finditer(source):
        target = match.group(1) or match.group(2) or ""
        if _WEB.match(target):
            urls.add(target)
    source = _INLINE_TARGET.sub("] ", source)
    for match in _URL.finditer(source):
        url = match.group(0).rstrip(".,;:!?*_~")
        host = url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0]
        if not _PLACEHOLDER_HOST.search(host):
            urls.add(url)
    return {normalize_url(url) for url in urls}


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

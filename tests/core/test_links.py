from __future__ import annotations

import pytest

from viewer.core.links import classify_url, normalize_url


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.youtube.com/watch?v=abc", "youtube-video"),
        ("https://youtu.be/abc", "youtube-video"),
        ("https://www.youtube.com/embed/abc", "youtube-video"),
        ("https://youtube.com/shorts/abc", "youtube-video"),
        ("https://www.youtube.com/live/abc", "youtube-video"),
        ("//www.youtube.com/embed/abc", "youtube-video"),
        ("https://www.youtube.com/@awskorea", "youtube-channel"),
        ("https://www.youtube.com/c/AWSKorea", "youtube-channel"),
        ("https://www.youtube.com/channel/UC123", "youtube-channel"),
        ("https://www.youtube.com/user/awskorea", "youtube-channel"),
        ("https://www.youtube.com/awskorea", "youtube-channel"),
        ("https://www.youtube.com/playlist?list=PL1", "youtube-playlist"),
        ("https://www.slideshare.net/awskorea", "slideshare-profile"),
        ("https://kr.slideshare.net/awskorea/some-deck-123", "slideshare-deck"),
        ("https://www.slideshare.net/slideshow/some-deck/123", "slideshare-deck"),
        ("https://github.com/jekyll/jekyll", "github"),
        ("https://example.com/", "other"),
        ("mailto:me@example.com", "email"),
        ("#혁신가", "anchor"),
        ("2020-01-01-first.md", "post"),
        ("javascript:alert(1)", "other"),
    ],
)
def test_classify(url: str, kind: str) -> None:
    assert classify_url(url) == kind


def test_normalisation_ignores_spelling_differences_but_not_targets() -> None:
    same = [
        "https://www.slideshare.net/awskorea",
        "http://slideshare.net/awskorea/",
        "https://WWW.SlideShare.net/awskorea?utm_source=x",
    ]
    assert len({normalize_url(u) for u in same}) == 1
    assert normalize_url("https://youtu.be/abc") == normalize_url("https://www.youtube.com/watch?v=abc")
    assert normalize_url("https://a.example/x") != normalize_url("https://a.example/y")
    assert normalize_url("http://example.com:80/a") == normalize_url("https://example.com:443/a")
    assert normalize_url("http://example.com/a") == normalize_url("https://example.com/a")


def test_different_ports_are_different_places() -> None:
    # Two local servers of a tutorial are two entries in the link list.
    assert normalize_url("http://localhost:3000/") != normalize_url("http://localhost:8080/")
    assert normalize_url("http://localhost:3000/") != normalize_url("http://localhost/")
    assert normalize_url("http://example.com:port/") == "https://example.com"  # a template, not fatal


def test_malformed_addresses_are_kept_not_fatal() -> None:
    url = "http://[자신의 github 사용자명].github.io"
    assert classify_url(url) == "other"
    assert normalize_url(url) == url

"""What a post may make the viewer load (no Qt here: the rules alone)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from viewer.core.resources_policy import (
    ResourceRefused,
    check_pixels,
    decode_data_url,
    locate_image,
    place_for,
    read_image_file,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "blog"
    (root / "_posts").mkdir(parents=True)
    (root / "assets" / "img").mkdir(parents=True)
    (root / "_config.yml").write_text("baseurl: /blog\nurl: https://me.github.io\n", encoding="utf-8")
    (root / "assets" / "img" / "구조도.png").write_bytes(PNG)
    (root / "_posts" / "옆.png").write_bytes(PNG)
    (root / "_posts" / "2021-01-15-글.md").write_text("# 글\n", encoding="utf-8")
    return root


def place(site: Path, **kwargs: object):
    config = {"baseurl": "/blog", "url": "https://me.github.io"}
    return place_for(site / "_posts" / "2021-01-15-글.md", site, config, **kwargs)  # type: ignore[arg-type]


def located(src: str, where) -> tuple[str, str]:
    found = locate_image(src, where)
    return found.kind, found.target if found.kind == "file" else found.reason


def test_paths_are_read_as_the_blog_reads_them(site: Path) -> None:
    image = str(site / "assets" / "img" / "구조도.png")
    where = place(site)
    assert located("/assets/img/구조도.png", where) == ("file", image)
    assert located("/blog/assets/img/구조도.png", where) == ("file", image)  # {{ site.baseurl }}/assets/…
    assert located("/blog/assets/img/%EA%B5%AC%EC%A1%B0%EB%8F%84.png?v=2", where) == ("file", image)
    assert located("https://me.github.io/blog/assets/img/구조도.png", where) == ("file", image)
    assert located("../assets/img/구조도.png", where) == ("file", image)
    assert located("assets/img/구조도.png", where) == ("file", image)  # the site's root as a fallback
    assert located("옆.png", where) == ("file", str(site / "_posts" / "옆.png"))
    assert located(f"file://{image}", where) == ("file", image)


def test_a_post_without_a_site_reads_from_its_folder(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.png").write_bytes(PNG)
    where = place_for(tmp_path / "노트.md", None)
    assert located("/assets/a.png", where) == ("file", str(tmp_path / "assets" / "a.png"))
    assert located("assets/a.png", where) == ("file", str(tmp_path / "assets" / "a.png"))


def test_nothing_outside_the_site_is_loaded(site: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)
    (site / "assets" / "link.png").symlink_to(secret)
    where = place(site)
    for src in ("/dev/zero", "../../secret.png", "/assets/link.png", f"file://{secret}", str(secret)):
        kind, reason = located(src, where)
        assert (kind, reason) == ("refused", "outside the site, not loaded"), src
    # …unless the user allowed the folder it is in.
    assert located(str(secret), place(site, allowed=[tmp_path])) == ("file", str(secret))


def test_web_and_other_addresses_are_not_loaded(site: Path) -> None:
    where = place(site)
    assert located("https://example.com/a.png", where) == ("remote", "an image from example.com, not loaded")
    assert located("//cdn.example.com/a.png", where) == ("remote", "an image from cdn.example.com, not loaded")
    assert located("javascript:alert(1)", where) == ("refused", "a javascript: address, not loaded")
    assert located("/assets/없는.png", where) == ("missing", "not found")
    assert located("", where) == ("missing", "no address")
    assert located("/assets/a\x00b.png", where) == ("missing", "not found")
    assert locate_image("data:image/png;base64,AAAA", where).kind == "data"


def run_with_timeout(job, seconds: float = 5.0):
    """Run `job` in a thread; fail (instead of hanging the test run) if it blocks."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(job())
        except Exception as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, "blocked"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_devices_and_pipes_are_never_read(site: Path) -> None:
    pipe = site / "assets" / "pipe.png"
    os.mkfifo(pipe)
    assert located("/assets/pipe.png", place(site)) == ("file", str(pipe))  # it is in the site…
    refused = run_with_timeout(lambda: read_image_file(pipe))
    assert isinstance(refused, ResourceRefused) and str(refused) == "not a regular file"  # …but not read
    refused = run_with_timeout(lambda: read_image_file(Path("/dev/zero")))
    assert isinstance(refused, ResourceRefused) and str(refused) == "not a regular file"
    with pytest.raises(ResourceRefused, match="a folder"):
        read_image_file(site / "assets")


def test_reading_is_capped(site: Path) -> None:
    image = site / "assets" / "img" / "구조도.png"
    assert read_image_file(image) == PNG
    with pytest.raises(ResourceRefused, match="larger than"):
        read_image_file(image, max_bytes=10)
    with pytest.raises(ResourceRefused, match="cannot be read"):
        read_image_file(site / "assets" / "none.png")


def test_data_urls_and_declared_sizes() -> None:
    assert decode_data_url("data:image/png;base64,iVBORw0KGgo=") == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ResourceRefused, match="broken"):
        decode_data_url("data:image/png;base64")
    with pytest.raises(ResourceRefused, match="larger than"):
        decode_data_url("data:image/png;base64," + "A" * 4000, max_bytes=1000)
    assert check_pixels(1920, 1080) == ""
    assert check_pixels(100_000, 100_000) == "too large to show (100,000 × 100,000 pixels)"
    assert check_pixels(0, 10) == "an image of unknown size"


def test_only_raster_images_go_to_a_decoder() -> None:
    from viewer.core.resources_policy import raster_format

    assert raster_format(PNG) == "png"
    assert raster_format(b"\xff\xd8\xff\xe0" + b"\x00" * 20) == "jpeg"
    assert raster_format(b"GIF89a" + b"\x00" * 20) == "gif"
    assert raster_format(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "webp"
    for svg in (b'<svg xmlns="http://www.w3.org/2000/svg"><image href="/dev/zero"/></svg>',
                b'\xef\xbb\xbf<?xml version="1.0"?><svg/>', b"\x1f\x8b\x08\x00"):
        with pytest.raises(ResourceRefused, match="SVG"):
            raster_format(svg)
    with pytest.raises(ResourceRefused, match="not an image"):
        raster_format(b"#!/bin/sh\nrm -rf /\n")

"""The render cache: a post read again comes back as it was rendered, without Markdown; any change
to what it was rendered from renders it again; a damaged or foreign entry is ignored."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import viewer.core.render
from viewer.core import render_cache
from viewer.core.render_cache import rendered_post
from viewer.core.sealed_files import sealed

POST = "---\ntitle: 캐시 글\n---\n## 세션\n* 클라우드 **비용** 절감\n  * [발표 자료](https://www.slideshare.net/a/b)\n"


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The posts rendered (not taken from the cache), in order."""
    rendered: list[Path] = []
    real = viewer.core.render.render_post

    def counting(post, *args, **kwargs):  # type: ignore[no-untyped-def]
        rendered.append(post.path)
        return real(post, *args, **kwargs)

    monkeypatch.setattr(viewer.core.render, "render_post", counting)
    return rendered


def touch_later(path: Path) -> None:
    """A new modification time, as an editor's save gives (file systems may keep coarse times)."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))


def test_a_post_read_again_comes_from_the_cache_as_it_was_rendered(write_post, tmp_path, renders) -> None:
    post = write_post(POST)
    first = rendered_post(post, tmp_path / "cache")
    again = rendered_post(post, tmp_path / "cache")
    assert renders == [post.resolve()]
    assert again == first
    assert [node.text for node in again.outline[0].children] == ["클라우드 비용 절감"]
    assert again.links[0].kind == "slideshare-deck"


def test_an_edited_post_is_rendered_again(write_post, tmp_path, renders) -> None:
    post = write_post(POST)
    rendered_post(post, tmp_path / "cache")
    post.write_text(POST.replace("절감", "절약"), encoding="utf-8")
    touch_later(post)
    assert "절약" in rendered_post(post, tmp_path / "cache").html
    assert len(renders) == 2


def test_a_changed_site_setting_renders_the_post_again(tmp_path, renders) -> None:
    (tmp_path / "site" / "_posts").mkdir(parents=True)
    config = tmp_path / "site" / "_config.yml"
    config.write_text("baseurl: /old\n", encoding="utf-8")
    post = tmp_path / "site" / "_posts" / "2024-01-01-a.md"
    post.write_text("---\ntitle: 글\n---\n[홈]({{ site.baseurl }}/about)\n", encoding="utf-8")
    assert "/old/about" in rendered_post(post, tmp_path / "cache").html
    config.write_text("baseurl: /new\n", encoding="utf-8")
    touch_later(config)
    assert "/new/about" in rendered_post(post, tmp_path / "cache").html


def test_a_post_that_points_at_other_posts_is_not_kept(write_post, tmp_path, renders) -> None:
    post = write_post("---\ntitle: 글\n---\n[앞 글]({% post_url 2020-01-01-before %})\n")
    rendered_post(post, tmp_path / "cache")
    rendered_post(post, tmp_path / "cache")  # the other post may have appeared meanwhile
    assert len(renders) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-40] + bytes(b ^ 0x5A for b in data[-40:]),  # bytes changed
        lambda data: b"",
        lambda data: b"not an entry at all",
    ],
)
def test_a_damaged_entry_is_ignored_and_written_again(write_post, tmp_path, renders, damage) -> None:
    post = write_post(POST)
    folder = tmp_path / "cache"
    first = rendered_post(post, folder)
    (entry,) = folder.iterdir()
    entry.write_bytes(damage(entry.read_bytes()))
    assert rendered_post(post, folder) == first
    assert rendered_post(post, folder) == first
    assert len(renders) == 2  # rendered again once, then read from the rewritten entry



@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_in_place_of_an_entry_does_not_hold_the_post_back(write_post, tmp_path, renders) -> None:
    post = write_post(POST)
    folder = tmp_path / "cache"
    first = rendered_post(post, folder)
    (entry,) = folder.iterdir()
    entry.unlink()
    os.mkfifo(entry)  # reading it as a file would wait for a writer for ever
    assert rendered_post(post, folder) == first
    assert len(renders) == 2

class _Runs:
    """Unpickled, it runs code: writes the file `witness`."""

    def __init__(self, witness: Path) -> None:
        self.witness = witness

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, (f"open({str(self.witness)!r}, 'w').write('ran')",))


def test_an_entry_holding_anything_but_a_rendered_post_runs_no_code(write_post, tmp_path) -> None:
    post = write_post(POST)
    folder = tmp_path / "cache"
    witness = tmp_path / "witness"
    key = render_cache.post_key(post.resolve())
    assert key is not None
    payload = pickle.dumps((key, _Runs(witness)))
    rendered_post(post, folder)
    (entry,) = folder.iterdir()
    entry.write_bytes(sealed(render_cache._MAGIC, payload))  # a well-formed entry someone else wrote
    assert render_cache.load(post.resolve(), key, folder) is None
    assert not witness.exists()
    assert rendered_post(post, folder).post.title == "캐시 글"


def test_the_cache_folder_is_kept_under_its_bound(tmp_path, write_post) -> None:
    folder = tmp_path / "cache"
    for number in range(6):
        rendered_post(write_post(POST * (number + 1), f"2024-01-0{number + 1}-a.md"), folder)
    sizes = sorted(entry.stat().st_size for entry in folder.iterdir())
    render_cache.trim(folder, max_bytes=sum(sizes[:3]))
    assert sum(entry.stat().st_size for entry in folder.iterdir()) <= sum(sizes[:3])
    assert len(list(folder.iterdir())) < 6


def test_a_post_read_from_the_cache_needs_neither_markdown_nor_yaml(write_post) -> None:
    post = write_post(POST)
    check = (
        "import sys; from viewer.core.render_cache import rendered_post; "
        f"rendered = rendered_post({str(post)!r}); "
        "print(rendered.post.title, 'markdown' in sys.modules, 'yaml' in sys.modules)"
    )
    first = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    again = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert first.stdout.split() == ["캐시", "글", "True", "True"]  # rendered the first time
    assert again.stdout.split() == ["캐시", "글", "False", "False"]


FIRST_OPEN = """
import sys
from pathlib import Path
from viewer.core import render_cache
from viewer.core.document import PostError

path = Path(sys.argv[1])
render_cache.read_early(path)
try:
    rendered = render_cache.finished_early(path, wait=30) or render_cache.rendered_post(path)
except PostError as error:
    print("error:", error)
    raise SystemExit(0)
print("markdown here:", "markdown" in sys.modules)
print("html:", rendered.html)
print("outline:", [node.text for node in rendered.outline])
print("links:", [link.url for link in rendered.links])
"""


def open_first_time(path: Path) -> str:
    """What the window's start takes from the early reading of `path`, in a process of its own
    (as the app starts: no other thread), with the test's empty cache folder."""
    done = subprocess.run(
        [sys.executable, "-c", FIRST_OPEN, str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2, reason="forks on Linux only"
)
def test_a_post_opened_for_the_first_time_is_rendered_beside_the_window_as_it_would_be_in_it(
    write_post,
) -> None:
    from viewer.core.document import load_post
    from viewer.core.render import render_post

    path = write_post(POST)
    shown = open_first_time(path)
    # Rendered in another process: the window's interpreter never loaded Markdown.
    assert "markdown here: False" in shown
    rendered = render_post(load_post(path))
    assert f"html: {rendered.html}\n" in shown
    assert f"outline: {[node.text for node in rendered.outline]}" in shown
    assert "https://www.slideshare.net/a/b" in shown
    # ... and kept: the next start reads it from the cache.
    assert list(render_cache.cache_folder().glob("*.rendered"))


def test_a_post_that_cannot_be_read_says_why_at_the_first_open(write_post) -> None:
    shown = open_first_time(write_post(b"\x00\x01binary\xff" * 100))
    assert shown.startswith("error:")
    assert "binary" in shown.lower() or "text" in shown.lower()


def test_a_rendering_that_sent_nothing_whole_is_done_again(write_post) -> None:
    reading, writing = os.pipe()
    os.write(writing, b"note-viewer rendered post\ncut short")
    os.close(writing)
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    assert render_cache._result_of_child(child.pid, reading) is None
    assert child.poll() is not None  # waited for: no process left behind

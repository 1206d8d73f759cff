"""Rendered posts kept between sessions: a post opened before shows without Markdown or YAML.

Each post's `RenderedPost` is kept in the user's cache folder, one file per post, under a key of
everything its rendering read: the post file (path, size, modification time), its site's
_config.yml (likewise), and the renderer (the app's version and the files of its code and of
the libraries it renders with). A post that points at other posts (`{% post_url %}`,
`{% link %}`) depends on files outside that key and is rendered every time.

An entry is written whole to a temporary file and renamed into place. One that cannot be read
back (cut short, damaged, of another format or key) is ignored and written again. Entries hold
only the core's frozen dataclasses, dates and paths, and reading one never runs code: the
unpickler refuses every other class. The folder is bounded: past `MAX_BYTES` the entries used
longest ago are deleted.
"""

from __future__ import annotations

import _pickle  # pickle's C half, all that reading an entry needs (pickle.py: 2.5 ms more to load)
import contextlib
import importlib.util
import io
import os
import re
import sys
import threading
import time
import zlib
from functools import cache
from pathlib import Path
from typing import Any

from viewer.core import user_folders
from viewer.core.rendered import RenderedPost
from viewer.core.sealed_files import read_sealed, sealed, unsealed, write_sealed
from viewer.core.site import site_config_file

#: Changes whenever what an entry holds changes shape.
FORMAT = 1
#: The cache folder's bound, and the largest entry kept (a post of several MB renders to more).
MAX_BYTES = 64 * 1024 * 1024
MAX_ENTRY_BYTES = 16 * 1024 * 1024
_MAGIC = b"note-viewer rendered post\n"
_SUFFIX = ".rendered"
# Liquid that reads other files than the post and the site's settings.
_OTHER_FILES = re.compile(r"\{%-?\s*(?:post_url|link)\b")
#: What an entry may hold besides plain data: (module, name).
_ALLOWED_CLASSES = frozenset(
    [("viewer.core.rendered", "RenderedPost"), ("viewer.core.document", "Post"),
     ("viewer.core.document", "PostMetadata"), ("viewer.core.outline", "OutlineNode"),
     ("viewer.core.links", "Link"), ("datetime", "datetime"), ("datetime", "date"),
     ("datetime", "time"), ("datetime", "timedelta"), ("datetime", "timezone"),
     ("pathlib", "PosixPath"), ("pathlib", "WindowsPath"), ("pathlib", "PurePosixPath"),
     ("pathlib", "PureWindowsPath")]
)  # fmt: skip

Key = tuple[Any, ...]


def cache_folder() -> Path:
    return user_folders.cache_folder() / "rendered"


def rendered_post(path: Path, folder: Path | None = None) -> RenderedPost:
    """The post at `path` rendered: from the cache when it holds this version of it, else
    rendered (and kept). Raises `PostError` as `load_post` does."""
    path = Path(path).resolve()
    early = _early.pop(path, None) if folder is None else None
    if early is not None:
        return early.result()
    folder = folder or cache_folder()
    key = post_key(path)
    if key is not None:
        cached = load(path, key, folder)
        if cached is not None:
            return cached
    from viewer.core.document import load_post
    from viewer.core.render import render_post

    rendered = render_post(load_post(path))
    # Kept only if the files did not change while they were read (the key was taken first).
    if key is not None and post_key(path) == key and not _OTHER_FILES.search(rendered.post.source):
        store(path, key, rendered, folder)
    return rendered


class Early:
    """A post read on a thread of its own from the start of the program, before the window
    exists: its first paint need not wait for the reading (or rendering) after it.

    A post that is not in the cache is rendered, where it can be, in a process forked for it
    (`_cached_or_child`): on a thread, rendering would share the interpreter with the window
    being made; in a child it runs on another core (the seed post: 60-80 ms of imports and
    rendering). The thread then only waits for the child's result, which comes as a cache
    entry does; whatever goes wrong there, the post is read again here."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._done = threading.Event()
        self._rendered: RenderedPost | None = None
        self._error: BaseException | None = None
        found = _cached_or_child(path) if _may_fork() else None
        if isinstance(found, RenderedPost):
            self._rendered = found
            self._done.set()
            return
        threading.Thread(target=self._read, args=(found,), name="read the post early", daemon=True).start()

    def _read(self, child: tuple[int, int] | None) -> None:
        try:
            rendered = _result_of_child(*child) if child is not None else None
            self._rendered = rendered or rendered_post(self.path, cache_folder())
        except BaseException as error:  # handed on to whoever takes the result
            self._error = error
        finally:
            self._done.set()

    def wait(self, seconds: float) -> bool:
        """Whether the reading is over (waiting up to `seconds` for it)."""
        return self._done.wait(seconds)

    def result(self) -> RenderedPost:
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._rendered is not None
        return self._rendered


def _may_fork() -> bool:
    # Linux only: macOS's system libraries are not safe in a forked child, Windows cannot fork.
    # Never with other threads running (a lock one of them holds would stay held in the child),
    # and not on one core, where a child only adds the fork.
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return False
    return len(os.sched_getaffinity(0)) > 1  # the cores this process may use (taskset, cgroups)


def _cached_or_child(path: Path) -> RenderedPost | tuple[int, int] | None:
    """The post at `path` from the cache; else a process forked to render it, keep it and write
    it to a pipe: (its pid, the pipe's reading end); None when the thread is to read it (the
    post cannot be read, and it says what is wrong; or no child could be made)."""
    try:
        key = post_key(path)
        if key is None:
            return None
        cached = load(path, key, cache_folder())
        if cached is not None:
            return cached
        reading, writing = os.pipe()
    except Exception:  # anything unforeseen: the thread reads the post as without a child
        return None
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        os.close(reading)
        os.close(writing)
        return None
    if pid != 0:
        os.close(writing)
        return pid, reading
    # The child: nothing it does may reach the parent's code (os._exit skips its atexit
    # handlers and buffered output), and any failure only leaves the pipe empty.
    try:
        os.close(reading)
        _end_with(parent)
        rendered = rendered_post(path, cache_folder())
        import pickle

        payload = pickle.dumps((key, rendered), protocol=pickle.HIGHEST_PROTOCOL)
        with open(writing, "wb") as pipe:
            pipe.write(sealed(_MAGIC, payload))
    except BaseException:
        os._exit(1)
    os._exit(0)


def _end_with(parent: int) -> None:
    """In the child: be killed when the app ends, however it ends (a long post renders for
    seconds, which nobody would wait for), and hold none of its terminal or pipes, which
    whoever reads the app's output would otherwise wait on."""
    import signal

    from viewer.core.processes import end_with

    end_with(parent)
    nowhere = os.open(os.devnull, os.O_RDWR)
    for standard in (0, 1, 2):
        os.dup2(nowhere, standard)
    os.close(nowhere)
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl+C ends it with the app, quietly


def _result_of_child(pid: int, reading: int) -> RenderedPost | None:
    """The post the child renders, or None if it failed or what it sent is not whole."""
    try:
        with open(reading, "rb") as pipe:
            data = pipe.read()
    finally:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    payload = unsealed(_MAGIC, data)
    found = _unpickled(payload) if payload is not None else None
    return found[1] if found is not None and isinstance(found[1], RenderedPost) else None


#: Posts being read early, by resolved path; `rendered_post` takes each one once.
_early: dict[Path, Early] = {}


def read_early(path: Path) -> Early:
    """Start reading the post at `path` now, on its own thread; the next `rendered_post` of
    that path (with the default folder) takes the result instead of reading it again."""
    path = Path(path).resolve()
    early = _early[path] = Early(path)
    return early


def finished_early(path: Path, wait: float = 0.0) -> RenderedPost | None:
    """The post at `path` if it was read early and that reading is over, or ends within `wait`
    seconds, and went well (it is taken then); None otherwise (a reading still going on is
    left for `rendered_post`)."""
    path = Path(path).resolve()
    early = _early.get(path)
    if early is None or not early.wait(wait):
        return None
    del _early[path]
    try:
        return early.result()
    except Exception:  # reading it again says what went wrong, where the user sees it
        return None


def post_key(path: Path) -> Key | None:
    """What the post's rendering depends on; None when the post cannot be read."""
    try:
        info = path.stat()
        config = site_config_file(path)
        config_info = config.stat() if config is not None else None
    except OSError:
        return None
    site = None
    if config is not None and config_info is not None:
        site = (os.fsencode(config), config_info.st_size, config_info.st_mtime_ns)
    return (FORMAT, renderer_fingerprint(), os.fsencode(path), info.st_size, info.st_mtime_ns, site)


def load(path: Path, key: Key, folder: Path) -> RenderedPost | None:
    """The kept rendering of `path` if its key is `key`; None when there is none or it is unusable."""
    entry = _entry_file(path, folder)
    payload = read_sealed(entry, _MAGIC, MAX_ENTRY_BYTES)
    found = _unpickled(payload) if payload is not None else None
    if found is None or found[0] != key or not isinstance(found[1], RenderedPost):
        return None
    with contextlib.suppress(OSError):  # used now: kept longer when the folder is trimmed
        os.utime(entry)
    return found[1]


def store(path: Path, key: Key, rendered: RenderedPost, folder: Path) -> None:
    """Keep `rendered` under `key`; a cache that cannot be written is only slower."""
    import pickle  # writing: never on the way to a cached post's first paint

    payload = pickle.dumps((key, rendered), protocol=pickle.HIGHEST_PROTOCOL)
    if len(payload) > MAX_ENTRY_BYTES:
        return
    if write_sealed(_entry_file(path, folder), _MAGIC, payload):
        trim(folder)


def trim(folder: Path, max_bytes: int = MAX_BYTES) -> None:
    """Delete the entries used longest ago until the folder holds at most `max_bytes`."""
    entries = []
    for entry in folder.glob(f"*{_SUFFIX}"):
        with contextlib.suppress(OSError):
            info = entry.stat()
            entries.append((info.st_mtime_ns, info.st_size, entry))
    total = sum(size for _, size, _ in entries)
    for _, size, entry in sorted(entries, key=lambda e: e[0]):
        if total <= max_bytes:
            break
        with contextlib.suppress(OSError):
            entry.unlink()
            total -= size


@cache
def renderer_fingerprint() -> str:
    """Changes when what renders changes: the app's version, its files (or, frozen, the
    executable), those of the libraries it renders with, and the local time zone."""
    from viewer import __version__

    files = [Path(sys.executable)] if getattr(sys, "frozen", False) else []
    files += sorted(Path(__file__).parent.glob("*.py"))
    for library in ("markdown", "pymdownx", "pygments", "yaml"):
        spec = importlib.util.find_spec(library)
        if spec is not None and spec.origin:
            files.append(Path(spec.origin))
    # Dates without a time zone are the machine's local time.
    parts = [__version__, str(FORMAT), str(time.timezone), str(time.altzone)]
    for file in files:
        try:
            info = file.stat()
        except OSError:
            continue
        parts.append(f"{file.name}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts)  # as it is, a part of every key: no digest to compute (or import)


def _entry_file(path: Path, folder: Path) -> Path:
    # Two checksums name the file: two paths may share a name (the key, which holds the path,
    # tells them apart), and hashlib's OpenSSL takes 4 ms to load before the first paint.
    name = os.fsencode(path)
    return folder / f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}{_SUFFIX}"


def _unpickled(payload: bytes) -> tuple[Key, Any] | None:
    """The (key, value) an entry's payload holds, or None if it is not ours."""
    try:
        found = _DataOnly(io.BytesIO(payload)).load()
    except Exception:  # any damage the checksum missed: unpickling can fail in many ways
        return None
    if not (isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], tuple)):
        return None
    return found[0], found[1]


class _DataOnly(_pickle.Unpickler):
    """Reads only the classes an entry is made of: an entry someone else wrote runs no code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED_CLASSES:
            raise _pickle.UnpicklingError(f"{module}.{name} is not part of a rendered post")
        return super().find_class(module, name)

"""PySide6's start without compiling shiboken's own Python each time.

shiboken6 carries its signature support (13 modules, 120 KB of Python: the parser of its
signature texts, the .pyi generator, the feature switch) as source inside its library, and
compiles it from that source at every start: 15 ms before the window's first paint, in any
program that imports PySide6. Python keeps a .pyc for every module it loads from a file; for
these no file exists. So their bytecode is kept the same way: beside this package's own .pyc
files (in its `__pycache__`, or under PYTHONPYCACHEPREFIX), or in the cache folder when the
package's folder cannot be written (a system-wide install); an app bundle ships it. Nothing is
written when Python is told not to write bytecode (PYTHONDONTWRITEBYTECODE, -B).

A kept file is used only whole (viewer.core.sealed_files): a damaged one, or a pipe or device
at its place, is passed by and written again. Each module's bytecode is used only for the very
source and compiler flags it was compiled from (another shiboken's, say, is compiled again).
"""

from __future__ import annotations
import __future__

import _thread
import builtins
import marshal
import sys
import zlib
from collections.abc import Iterator
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

from viewer.core.sealed_files import read_sealed, write_sealed

#: The names shiboken compiles its support modules under ("shibokensupport/signature/parser.py").
SUPPORT_PREFIX = "shibokensupport/"
FILE_NAME = f"shibokensupport.{sys.implementation.cache_tag}.marshal"
#: What the file is, for which Python's bytecode (see viewer.core.sealed_files).
_TAG = MAGIC_NUMBER + b"note-viewer shiboken bytecode 2\n"
#: Far more than the 150 KB the bytecode takes: anything larger is not ours.
MAX_BYTES = 16 * 1024 * 1024
_FUTURE_FLAGS = 0
for _feature in __future__.all_feature_names:
    _FUTURE_FLAGS |= getattr(__future__, _feature).compiler_flag

#: Kept bytecode: each module's file name -> (the checksum of its source, its compiler flags, its code).
Kept = dict[str, tuple[int, int, CodeType]]

_swapping = _thread.allocate_lock()


def import_pyside(folders: list[Path] | None = None) -> ModuleType:
    """`import PySide6`, with shiboken's support modules' bytecode taken from the first of
    `folders` (by default `bytecode_folders()`) that keeps it, and kept in the first that can
    be written when any was compiled now."""
    with _swapping:
        if "shiboken6" in sys.modules:  # its start is over: nothing is compiled any more
            import PySide6

            return PySide6
        places = [folder / FILE_NAME for folder in (bytecode_folders() if folders is None else folders)]
        kept = _KeptFiles(places)
        used: Kept = {}
        compiled: Kept = {}
        compile_source = builtins.compile

        def compile_kept(
            source: Any, filename: Any, mode: str, flags: int = 0, dont_inherit: bool = False,
            optimize: int = -1, **kwargs: Any,
        ) -> Any:  # fmt: skip
            if not dont_inherit:  # what the caller's own `from __future__` imports ask, as compile does
                flags |= sys._getframe(1).f_code.co_flags & _FUTURE_FLAGS
            # Exactly shiboken's call (its importer's `compile(f.read(), filename, "exec")`).
            ours = mode == "exec" and optimize == -1 and not kwargs and isinstance(source, bytes)
            if not (ours and isinstance(filename, str) and filename.startswith(SUPPORT_PREFIX)):
                return compile_source(source, filename, mode, flags, True, optimize, **kwargs)
            checksum = zlib.crc32(source)
            code = kept.code(filename, checksum, flags)
            if code is not None:
                used[filename] = (checksum, flags, code)
                return code
            code = compile_source(source, filename, mode, flags, True)
            compiled[filename] = (checksum, flags, code)
            return code

        builtins.compile = compile_kept  # only while shiboken starts
        try:
            import PySide6
        finally:
            builtins.compile = compile_source
    if compiled and not sys.dont_write_bytecode:
        # What this start used, and nothing else: bytecode of an older shiboken goes.
        any(keep({**used, **compiled}, place) for place in places)
    return PySide6


def bytecode_folders() -> list[Path]:
    """Where the bytecode is looked for, in this order: beside this package's .pyc files (where
    Python puts them), then the cache folder."""
    from viewer.core.user_folders import cache_folder

    package = Path(__file__).resolve().parent
    # With PYTHONPYCACHEPREFIX, Python's .pyc files go to a tree of their own.
    prefix = sys.pycache_prefix
    beside = Path(prefix, *package.parts[1:]) if prefix else package / "__pycache__"
    return [beside, cache_folder()]


def read_kept(path: Path) -> Kept:
    """The bytecode kept at `path`; empty when there is none, or it is damaged, foreign, of
    another Python, or not a regular file."""
    payload = read_sealed(path, _TAG, MAX_BYTES)
    if payload is None:
        return {}
    try:
        kept = marshal.loads(payload)
    except Exception:  # whole, yet not ours: it is written again
        return {}
    if not isinstance(kept, dict):
        return {}
    return {
        name: entry
        for name, entry in kept.items()
        if isinstance(name, str) and isinstance(entry, tuple) and len(entry) == 3
        and isinstance(entry[0], int) and isinstance(entry[1], int) and isinstance(entry[2], CodeType)
    }  # fmt: skip


def keep(kept: Kept, path: Path) -> bool:
    """Write `kept` to `path` whole; False when it cannot be written there, which only means
    compiling again next time."""
    return write_sealed(path, _TAG, marshal.dumps(kept))


class _KeptFiles:
    """The kept files of `places`, each read when the ones before it do not have a module's
    bytecode (usually only the first is read)."""

    def __init__(self, places: list[Path]) -> None:
        self._unread = iter(places)
        self._read: list[Kept] = []

    def code(self, filename: str, checksum: int, flags: int) -> CodeType | None:
        for kept in self._files():
            entry = kept.get(filename)
            if entry is not None and entry[:2] == (checksum, flags):
                return entry[2]
        return None

    def _files(self) -> Iterator[Kept]:
        yield from self._read
        for place in self._unread:
            self._read.append(read_kept(place))
            yield self._read[-1]


"""PySide6's start without compiling shiboken's own Python each time.

shiboken6 carries its signature support (about 300 KB of Python: the parser of its signature
texts, the .pyi generator, the feature switch) as source inside its library, and compiles it
from that source at every start: 13 modules, 15 ms before the window's first paint, in any
program that imports PySide6. Python keeps a .pyc for every module it loads from a file; for
these no file exists. So their bytecode is kept here the same way: beside this package's own
.pyc files (in its `__pycache__`), or in the cache folder when the package's folder cannot be
written (a system-wide install, a read-only app bundle).

Each module's bytecode is kept with a checksum of the source it was compiled from, and used only
for that same source: another shiboken, or a damaged or foreign file, is compiled again and the
file rewritten. The file says which Python wrote it (its bytecode's magic number).
"""

from __future__ import annotations

import builtins
import contextlib
import marshal
import os
import sys
import zlib
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

#: The names shiboken compiles its support modules under ("shibokensupport/signature/parser.py").
SUPPORT_PREFIX = "shibokensupport/"
FILE_NAME = f"shibokensupport.{sys.implementation.cache_tag}.marshal"

#: Kept bytecode: each module's file name -> (the checksum of its source, its code).
Kept = dict[str, tuple[int, CodeType]]


def import_pyside(folder: Path | None = None) -> ModuleType:
    """`import PySide6`, with shiboken's support modules' bytecode taken from `folder` (by default
    `bytecode_folder()`) where it was kept, and kept there when it was compiled now."""
    if "shiboken6" in sys.modules:  # its start is over: nothing is compiled any more
        import PySide6

        return PySide6
    folder = folder if folder is not None else bytecode_folder()
    kept = read_kept(folder / FILE_NAME)
    compiled: Kept = {}
    compile_source = builtins.compile

    def compile_kept(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
        # Exactly shiboken's call (its importer's `compile(f.read(), filename, "exec")`).
        if args or kwargs or mode != "exec" or not isinstance(source, bytes) or not isinstance(filename, str):
            return compile_source(source, filename, mode, *args, **kwargs)
        if not filename.startswith(SUPPORT_PREFIX):
            return compile_source(source, filename, mode)
        checksum = zlib.crc32(source)
        found = kept.get(filename)
        if found is not None and found[0] == checksum:
            return found[1]
        code = compile_source(source, filename, mode)
        compiled[filename] = (checksum, code)
        return code

    builtins.compile = compile_kept  # only while shiboken starts
    try:
        import PySide6
    finally:
        builtins.compile = compile_source
    if compiled:
        keep({**kept, **compiled}, folder / FILE_NAME)
    return PySide6


def bytecode_folder() -> Path:
    """This package's `__pycache__` when the file is there (an app bundle ships it) or can be
    written there; else the cache folder."""
    package_cache = Path(__file__).resolve().parent / "__pycache__"
    writable = package_cache if package_cache.is_dir() else package_cache.parent
    if (package_cache / FILE_NAME).is_file() or os.access(writable, os.W_OK):
        return package_cache
    from viewer.core.user_folders import cache_folder

    return cache_folder()


def read_kept(path: Path) -> Kept:
    """The bytecode kept at `path`; empty when there is none, or it is damaged, foreign or of
    another Python."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    if not data.startswith(MAGIC_NUMBER):
        return {}
    try:
        kept = marshal.loads(data[len(MAGIC_NUMBER) :])
    except (ValueError, EOFError, TypeError):
        return {}
    if not isinstance(kept, dict):
        return {}
    return {
        name: entry
        for name, entry in kept.items()
        if isinstance(name, str) and isinstance(entry, tuple) and len(entry) == 2
        and isinstance(entry[0], int) and isinstance(entry[1], CodeType)
    }  # fmt: skip


def keep(kept: Kept, path: Path) -> None:
    """Write `kept` to `path` whole (a temporary file renamed into place); a folder that cannot
    be written only means compiling again next time."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(MAGIC_NUMBER + marshal.dumps(kept))
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()

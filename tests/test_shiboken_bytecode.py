"""PySide6 started from the bytecode kept of shiboken's support modules: the same Qt, with its
argument errors that name the supported signatures (written by those modules), and nothing
compiled again while the kept bytecode fits; anything else is compiled and kept again, and no
file at that place stops or stalls the start.

Each start runs in a process of its own: shiboken starts once per process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.shiboken_bytecode import FILE_NAME, keep, read_kept

START = """
import builtins, json, sys
from pathlib import Path

compiled = []
compile_source = builtins.compile

def counting(source, filename, mode, *args, **kwargs):
    if isinstance(filename, str) and filename.startswith("shibokensupport/"):
        compiled.append(filename)
    return compile_source(source, filename, mode, *args, **kwargs)

builtins.compile = counting
from viewer.shiboken_bytecode import import_pyside

import_pyside([Path(folder) for folder in sys.argv[1:]])
from PySide6.QtCore import QObject

try:
    QObject().setObjectName(1)
except TypeError as error:
    message = str(error)
print(json.dumps({"compiled": compiled, "error": message}))
"""


def start(*folders: Path, **env: str) -> dict[str, object]:
    """Start PySide6 in a new process with bytecode kept in `folders`: what it compiled of
    shiboken's support, and Qt's message for a call with a wrong argument."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
    if "PYTHONDONTWRITEBYTECODE" not in env:
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(
        [sys.executable, "-c", START, *map(str, folders)],
        capture_output=True, text=True, env=environment, timeout=60, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.splitlines()[-1])


def says_the_signature(result: dict[str, object]) -> bool:
    message = str(result["error"])
    return "Supported signatures" in message and "setObjectName(name: str" in message


def test_a_second_start_compiles_nothing_of_shibokens_support_and_qt_still_names_signatures(tmp_path: Path) -> None:
    first = start(tmp_path)
    assert first["compiled"], "the first start compiles shiboken's support"
    assert (tmp_path / FILE_NAME).is_file()
    kept = (tmp_path / FILE_NAME).read_bytes()

    second = start(tmp_path)
    assert second["compiled"] == []
    assert says_the_signature(first) and says_the_signature(second)
    assert (tmp_path / FILE_NAME).read_bytes() == kept  # used as it is, not written again


@pytest.mark.parametrize("damage", ["cut short", "a byte changed"])
def test_a_damaged_file_is_not_run_but_compiled_again_and_replaced(tmp_path: Path, damage: str) -> None:
    start(tmp_path)
    modules = read_kept(tmp_path / FILE_NAME).keys()
    data = bytearray((tmp_path / FILE_NAME).read_bytes())
    if damage == "cut short":
        del data[len(data) // 2 :]
    else:  # inside some module's bytecode: run as it is, it could crash the interpreter
        data[len(data) * 2 // 3] ^= 0x55
    (tmp_path / FILE_NAME).write_bytes(bytes(data))

    result = start(tmp_path)
    assert sorted(result["compiled"]) == sorted(modules)  # type: ignore[arg-type]
    assert says_the_signature(result)
    assert read_kept(tmp_path / FILE_NAME).keys() == modules
    assert start(tmp_path)["compiled"] == []


def test_bytecode_kept_of_other_source_is_not_used(tmp_path: Path) -> None:
    """Another shiboken's support (here: a kept checksum that no longer fits one module's
    source): that module alone is compiled again."""
    start(tmp_path)
    kept = read_kept(tmp_path / FILE_NAME)
    changed = sorted(kept)[0]
    checksum, flags, code = kept[changed]
    keep({**kept, changed: (checksum ^ 1, flags, code)}, tmp_path / FILE_NAME)

    result = start(tmp_path)
    assert result["compiled"] == [changed]
    assert says_the_signature(result)
    assert read_kept(tmp_path / FILE_NAME)[changed][0] == checksum


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_at_the_files_place_does_not_hold_the_start(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / FILE_NAME)  # a plain open() would wait for a writer for ever
    result = start(tmp_path)  # within the timeout
    assert result["compiled"] and says_the_signature(result)


def test_where_the_first_place_cannot_be_written_the_next_one_keeps_it(tmp_path: Path) -> None:
    package_cache, cache_folder = tmp_path / "package", tmp_path / "cache"
    (package_cache / FILE_NAME).mkdir(parents=True)  # no file can be written there

    first = start(package_cache, cache_folder)
    assert first["compiled"] and says_the_signature(first)
    assert (cache_folder / FILE_NAME).is_file()
    assert start(package_cache, cache_folder)["compiled"] == []


def test_nothing_is_written_when_python_is_told_not_to_write_bytecode(tmp_path: Path) -> None:
    folder = tmp_path / "kept"
    for _ in range(2):
        result = start(folder, PYTHONDONTWRITEBYTECODE="1")
        assert result["compiled"] and says_the_signature(result)
    assert not folder.exists()

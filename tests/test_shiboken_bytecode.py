"""PySide6 started from the bytecode kept of shiboken's support modules: the same Qt, with its
argument errors that name the supported signatures (written by those modules), and nothing
compiled again while the kept bytecode fits; anything else is compiled and kept again.

Each start runs in a process of its own: shiboken starts once per process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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

import_pyside(Path(sys.argv[1]))
from PySide6.QtCore import QObject

try:
    QObject().setObjectName(1)
except TypeError as error:
    message = str(error)
print(json.dumps({"compiled": compiled, "error": message}))
"""


def start(folder: Path) -> dict[str, object]:
    """Start PySide6 in a new process with bytecode kept in `folder`: what it compiled of
    shiboken's support, and Qt's message for a call with a wrong argument."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", START, str(folder)], capture_output=True, text=True, env=env, timeout=120, check=True
    )
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


def test_a_damaged_file_is_compiled_again_and_replaced(tmp_path: Path) -> None:
    start(tmp_path)
    modules = read_kept(tmp_path / FILE_NAME).keys()
    good = (tmp_path / FILE_NAME).read_bytes()
    (tmp_path / FILE_NAME).write_bytes(good[: len(good) // 2])

    result = start(tmp_path)
    assert result["compiled"] and says_the_signature(result)
    assert read_kept(tmp_path / FILE_NAME).keys() == modules
    assert start(tmp_path)["compiled"] == []


def test_bytecode_kept_of_other_source_is_not_used(tmp_path: Path) -> None:
    """Another shiboken's support (here: a kept checksum that no longer fits one module's
    source): that module alone is compiled again."""
    start(tmp_path)
    kept = read_kept(tmp_path / FILE_NAME)
    changed = sorted(kept)[0]
    checksum, code = kept[changed]
    keep({**kept, changed: (checksum ^ 1, code)}, tmp_path / FILE_NAME)

    result = start(tmp_path)
    assert result["compiled"] == [changed]
    assert says_the_signature(result)
    assert read_kept(tmp_path / FILE_NAME)[changed][0] == checksum


def test_a_folder_that_cannot_be_written_only_means_compiling_each_time(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "a file"
    not_a_folder.write_text("the user's file")

    for _ in range(2):
        result = start(not_a_folder)
        assert result["compiled"] and says_the_signature(result)
    assert not_a_folder.read_text() == "the user's file"


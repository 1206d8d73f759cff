"""Finds the files of the repository's resources/ folder wherever the app runs from: a checkout
(or an editable install of one), an installed wheel, or a PyInstaller bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


@cache
def resources_folder() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"  # the spec's `datas`
    installed = _HERE / "resource_files"  # pyproject.toml maps resources/ onto this package
    if installed.is_dir():
        return installed
    return _HERE.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_folder().joinpath(*parts)

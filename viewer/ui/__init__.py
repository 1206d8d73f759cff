"""PySide6 widgets and models: thin views over the core's immutable data."""

import sys

import PySide6

APP_NAME = "Note Viewer"


def _mark_earlier_modules_as_without_pyside() -> None:
    """PySide6 reads the source of a module the first time an import names it after PySide6 is
    loaded, to see whether it uses PySide6 (for `from __feature__ import …`, which this app does
    not use): pathlib, typing, os… were read again so, 12 ms of the window's start. The modules
    loaded before PySide6 go in its table as what its reading finds (PySide6 unused, no
    feature) unread; where the table is not found, it reads them as before."""
    feature = sys.modules.get(f"{PySide6.__name__}.support.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if isinstance(table, dict):
        for name in list(sys.modules):
            table.setdefault(name, -1)


_mark_earlier_modules_as_without_pyside()

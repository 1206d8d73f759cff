"""PySide6 widgets and models: thin views over the core's immutable data."""

import sys

from viewer.shiboken_bytecode import import_pyside

PySide6 = import_pyside()

APP_NAME = "Note Viewer"


def _spare_pyside_its_source_reading() -> None:
    """PySide6 reads the source of a module the first time an import names it after PySide6 is
    loaded, to see whether it uses PySide6 (for `from __feature__ import …`, which this app does
    not use): with `inspect.getsource`, 0.2-0.5 ms a module, 70 of them before the first paint
    (pathlib, typing, os…, the app's own). The modules loaded before PySide6 go in its table as
    what its reading finds (PySide6 unused, no feature) unread; the others are read as files,
    the same question asked of the same text. Where PySide6's table or reader is not found,
    it reads them as before."""
    feature = sys.modules.get(f"{PySide6.__name__}.support.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if isinstance(table, dict):
        for name in list(sys.modules):
            table.setdefault(name, -1)
    read_source = getattr(feature, "_mod_uses_pyside", None)
    if callable(read_source):

        def uses_pyside(module: object) -> bool:
            file = getattr(module, "__file__", None)
            if isinstance(file, str) and file.endswith(".py"):
                try:
                    with open(file, "rb") as source:
                        return b"PySide6" in source.read()
                except OSError:
                    pass
            return bool(read_source(module))

        feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]


_spare_pyside_its_source_reading()

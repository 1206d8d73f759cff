"""Where an export dialog starts: the folder of the last export, else the user's Documents."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def start_folder(last_export: str) -> Path:
    if last_export and Path(last_export).is_dir():
        return Path(last_export)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()

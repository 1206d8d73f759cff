# A run-time hook of the frozen app, run before PyInstaller's own for PySide6 (which imports
# PySide6): shiboken starts from the bytecode of its support modules the build ships
# (viewer/shiboken_bytecode.py), not compiling them from source.
from viewer.shiboken_bytecode import import_pyside

import_pyside()

"""The wheel's one build step beyond pyproject.toml: the window's translations compiled from
resources/translations/*.ts into the .qm files Qt loads (packaging/translations.py, with the
lrelease PySide6 ships, a build requirement)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def _translations():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("translations", HERE / "packaging" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        translations = _translations()
        if self.editable_mode:  # an editable install reads resources/ itself
            translations.build(translations.SOURCES)
        else:
            translations.build(Path(self.build_lib) / "viewer" / "resource_files" / "translations")


setup(cmdclass={"build_py": BuildWithTranslations})

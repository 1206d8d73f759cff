"""The packaged app can take Korean typing: Qt's ibus input-method plugin (which ibus and fcitx5
both answer) and the compose plugin are in the bundle with every library they link. Skipped
when there is no build in dist/."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.packaging.test_frozen_app import APP

PLUGINS = APP.parent / "_internal" / "PySide6" / "Qt" / "plugins" / "platforminputcontexts"
pytestmark = pytest.mark.skipif(
    not APP.exists() or not sys.platform.startswith("linux"), reason="no Linux build in dist/"
)


@pytest.mark.parametrize(
    "plugin", ["libibusplatforminputcontextplugin.so", "libcomposeplatforminputcontextplugin.so"]
)
def test_input_method_plugin_is_bundled_with_its_libraries(plugin: str) -> None:
    path = PLUGINS / plugin
    assert path.is_file()
    if not shutil.which("ldd"):
        pytest.skip("ldd is not installed")
    linked = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=True).stdout
    assert "not found" not in linked
    # Qt's libraries come from the bundle, not from the system.
    assert all(str(APP.parent) in line for line in linked.splitlines() if "libQt6" in line)

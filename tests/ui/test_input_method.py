"""The input-method plugin chosen before Qt starts: fcitx5 users get Korean through the ibus
plugin, the only one PySide6 ships (fcitx5 speaks ibus's protocol too)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from viewer.ui.input_method import choose_input_method

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ibus and fcitx are Linux's")


@pytest.fixture
def plugins(tmp_path: Path) -> Path:
    """Qt's plugins as PySide6's wheels have them: ibus and compose input methods, no fcitx."""
    for name in ("platforminputcontexts/libibusplatforminputcontextplugin.so",
                 "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
                 "platforms/libqxcb.so"):  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).touch()
    return tmp_path


def chosen(environment: dict[str, str], plugins: Path) -> str | None:
    environ = dict(environment)
    choose_input_method(environ, [plugins])
    return environ.get("QT_IM_MODULE")


def test_fcitx_asked_for_gets_ibus_when_there_is_no_fcitx_plugin(plugins: Path) -> None:
    assert chosen({"QT_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx"}, plugins) == "ibus"
    assert chosen({"QT_IM_MODULE": "fcitx5"}, plugins) == "ibus"
    (plugins / "platforminputcontexts" / "libfcitx5platforminputcontextplugin.so").touch()
    assert chosen({"QT_IM_MODULE": "fcitx"}, plugins) == "fcitx"  # a Qt that has it keeps it


def test_an_input_method_named_for_x_alone_gets_ibus(plugins: Path) -> None:
    assert chosen({"XMODIFIERS": "@im=fcitx"}, plugins) == "ibus"
    assert chosen({"XMODIFIERS": "@im=ibus"}, plugins) == "ibus"
    assert chosen({}, plugins) is None  # no input method: Qt's compose, as before


def test_the_users_choice_and_wayland_are_left_alone(plugins: Path) -> None:
    assert chosen({"QT_IM_MODULE": "ibus"}, plugins) == "ibus"
    assert chosen({"QT_IM_MODULE": "compose", "XMODIFIERS": "@im=fcitx"}, plugins) == "compose"
    (plugins / "platforms" / "libqwayland.so").touch()
    # Qt's Wayland platform talks to the input method itself (text-input) …
    assert chosen({"XMODIFIERS": "@im=fcitx", "WAYLAND_DISPLAY": "wayland-0"}, plugins) is None
    # … but not when the app runs on X (XWayland), as the packaged app does.
    wayland_on_x = {"XMODIFIERS": "@im=fcitx", "WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}
    assert chosen(wayland_on_x, plugins) == "ibus"

"""Build the installable app: `python packaging/build.py`.

Runs PyInstaller on packaging/note-viewer.spec into dist/note-viewer/ (a one-folder app), checks
that every kept Qt binary still finds the Qt libraries it links, and on Linux packs
dist/note-viewer-<version>-linux-x86_64.tar.xz with the app, the .desktop file, the icons and
install.sh / uninstall.sh (into ~/.local).
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = ROOT / "dist"
sys.path.insert(0, str(ROOT))

from viewer import __version__  # noqa: E402

INSTALL_SH = """#!/bin/sh
# Install Note Viewer for this user: the app in ~/.local/lib/note-viewer, a command in
# ~/.local/bin, the menu entry and the icon. Run ./uninstall.sh to remove it again.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
mkdir -p "$prefix/lib" "$prefix/bin" "$prefix/share/applications"
rm -rf "$prefix/lib/note-viewer"
cp -R "$here/note-viewer" "$prefix/lib/note-viewer"
ln -sf "$prefix/lib/note-viewer/note-viewer" "$prefix/bin/note-viewer"
for size in 16 24 32 48 64 128 256 512; do
  dir="$prefix/share/icons/hicolor/${size}x${size}/apps"
  mkdir -p "$dir"
  cp "$here/icons/note-viewer-$size.png" "$dir/note-viewer.png"
done
mkdir -p "$prefix/share/icons/hicolor/scalable/apps"
cp "$here/icons/note-viewer.svg" "$prefix/share/icons/hicolor/scalable/apps/note-viewer.svg"
sed "s|^Exec=note-viewer|Exec=$prefix/bin/note-viewer|" "$here/note-viewer.desktop" \\
  > "$prefix/share/applications/note-viewer.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q "$prefix/share/icons/hicolor" || true
echo "Installed Note Viewer $(\"$prefix/bin/note-viewer\" --version 2>/dev/null | cut -d' ' -f2) into $prefix"
"""

UNINSTALL_SH = """#!/bin/sh
# Remove what install.sh put into ~/.local (or $PREFIX). Your posts are never touched.
set -eu
prefix=${PREFIX:-$HOME/.local}
rm -rf "$prefix/lib/note-viewer"
rm -f "$prefix/bin/note-viewer" "$prefix/share/applications/note-viewer.desktop"
rm -f "$prefix"/share/icons/hicolor/*/apps/note-viewer.png
rm -f "$prefix/share/icons/hicolor/scalable/apps/note-viewer.svg"
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/share/applications" || true
echo "Removed Note Viewer from $prefix"
"""


def run_pyinstaller() -> Path:
    # PyInstaller's cache of processed binaries goes in the build folder, not the user's ~/.cache.
    config = os.environ.get("PYINSTALLER_CONFIG_DIR") or str(ROOT / "build" / "pyinstaller-config")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
            str(HERE / "note-viewer.spec"),
        ],
        check=True,
        env={**os.environ, "PYINSTALLER_CONFIG_DIR": config},
    )
    return DIST / "note-viewer"


def missing_qt_links(app: Path) -> list[str]:
    """Qt/PySide libraries that a kept binary links but the bundle no longer has."""
    if not sys.platform.startswith("linux") or not shutil.which("ldd"):
        return []
    internal = app / "_internal"
    search = [str(p) for p in {f.parent for f in internal.rglob("*.so*")}]
    env = {"LD_LIBRARY_PATH": ":".join(search), "PATH": "/usr/bin:/bin"}
    problems = []
    for binary in sorted(internal.rglob("*.so*")):
        result = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, env=env)
        for line in result.stdout.splitlines():
            if "not found" in line and any(k in line for k in ("Qt6", "pyside", "shiboken")):
                problems.append(f"{binary.relative_to(app)}: {line.strip()}")
    return problems


def pack_tarball(app: Path) -> Path:
    machine = platform.machine() or "x86_64"
    stage = DIST / f"note-viewer-{__version__}"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    shutil.copytree(app, stage / "note-viewer", symlinks=True)
    shutil.copytree(ROOT / "resources" / "icons", stage / "icons")
    shutil.copy2(ROOT / "resources" / "note-viewer.desktop", stage / "note-viewer.desktop")
    for name, text in (("install.sh", INSTALL_SH), ("uninstall.sh", UNINSTALL_SH)):
        script = stage / name
        script.write_text(text, encoding="utf-8")
        script.chmod(0o755)
    tarball = DIST / f"note-viewer-{__version__}-linux-{machine}.tar.xz"
    with tarfile.open(tarball, "w:xz", preset=6) as archive:
        archive.add(stage, arcname=stage.name)
    shutil.rmtree(stage)
    return tarball


def main() -> None:
    app = run_pyinstaller()
    problems = missing_qt_links(app)
    if problems:
        raise SystemExit("kept binaries miss Qt libraries:\n" + "\n".join(problems))
    print(f"app: {app}")
    if sys.platform.startswith("linux"):
        print(f"tarball: {pack_tarball(app)}")


if __name__ == "__main__":
    main()

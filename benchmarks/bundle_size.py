"""Size of the packaged app: on disk, as the release tarball, and what is largest in it.

python packaging/build.py && python benchmarks/bundle_size.py
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dist" / "note-viewer"


def main() -> None:
    if not APP.is_dir():
        raise SystemExit("no build: run python packaging/build.py first")
    files = [p for p in APP.rglob("*") if p.is_file() and not p.is_symlink()]
    total = sum(p.stat().st_size for p in files)
    print(f"on disk: {total / 2**20:.1f} MB in {len(files)} files ({APP})")
    for tarball in sorted((ROOT / "dist").glob("note-viewer-*.tar.*")):
        print(f"tarball: {tarball.stat().st_size / 2**20:.1f} MB ({tarball.name})")
    print("largest:")
    for path in sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:12]:
        print(f"  {path.stat().st_size / 2**20:6.1f} MB  {path.relative_to(APP)}")


if __name__ == "__main__":
    main()

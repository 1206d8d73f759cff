"""The window's translations: `resources/translations/*.ts` (kept in the repository, edited with
Qt Linguist or by hand) and the `.qm` files Qt loads, which the builds make with Qt's lrelease.

    python packaging/translations.py update     # the .ts files from the strings in viewer/
    python packaging/translations.py build DIR  # DIR/*.qm (the builds: setup.py, the spec)

`update` runs lupdate over viewer/: new strings arrive untranslated, translations of strings
still in the code are kept, those of strings gone are dropped. note_viewer_en.ts holds only
plural forms ("%n post(s)" → "1 post", "2 posts"), as Qt recommends for an English source.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "resources" / "translations"
#: language → lupdate options for its .ts file.
LANGUAGES = {"ko": [], "en": ["-pluralonly"]}


def qt_tool(name: str) -> Path:
    """A Qt tool PySide6 ships (lrelease, lupdate): next to its package, as pyside6-<name> runs it."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        raise SystemExit(f"{name}: PySide6 is not installed")
    return Path(spec.origin).parent / (f"{name}.exe" if sys.platform == "win32" else name)


def build(target: Path) -> list[Path]:
    """Compile every .ts of resources/translations into `target`; returns the .qm files."""
    target.mkdir(parents=True, exist_ok=True)
    made = []
    for source in sorted(SOURCES.glob("*.ts")):
        compiled = target / source.with_suffix(".qm").name
        subprocess.run([str(qt_tool("lrelease")), "-silent", str(source), "-qm", str(compiled)], check=True)
        made.append(compiled)
    return made


def update() -> None:
    for language, options in LANGUAGES.items():
        ts = SOURCES / f"note_viewer_{language}.ts"
        subprocess.run(
            [
                str(qt_tool("lupdate")),
                *options,
                "-silent",
                "-locations",
                "none",
                "-no-obsolete",
                "-target-language",
                language,
                "-extensions",
                "py",
                str(ROOT / "viewer" / "ui"),
                "-ts",
                str(ts),
            ],
            check=True,
        )
        # lupdate reads our "#:" attribute notes as comments for translators, given to whichever
        # string comes next: they would only mislead.
        text = ts.read_text(encoding="utf-8")
        ts.write_text(re.sub(r"\n *<extracomment>.*?</extracomment>", "", text, flags=re.S), encoding="utf-8")


def main(argv: list[str]) -> None:
    if argv[:1] == ["update"]:
        update()
    elif argv[:1] == ["build"] and len(argv) == 2:
        for path in build(Path(argv[1])):
            print(path)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])

"""The window's translations: every string the code marks has its Korean (and its English plural
forms), the language follows the system or the reader's choice, plural forms are right in both
languages, and the builds carry the files."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from tests.conftest import ROOT
from tests.ui.conftest import open_and_wait
from viewer.ui.settings import Settings
from viewer.ui.translation import chosen_language, install_translations, remove_translations

TRANSLATIONS = ROOT / "resources" / "translations"
KOREAN_SITE = Path(__file__).resolve().parent.parent / "fixtures" / "korean_site"


def marked_strings() -> dict[tuple[str, str], bool]:
    """(context, source) → plural, for every literal the code hands to Qt's translation: `self.tr`
    in a class (its context), `Texts.tr` (the class's), `translate(context, …)` and
    `QT_TRANSLATE_NOOP(context, …)`."""
    found: dict[tuple[str, str], bool] = {}

    def literal(node: ast.expr) -> str | None:
        return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None

    def visit(node: ast.AST, context: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Call):
                function = child.func
                name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
                arguments = child.args
                if name == "tr" and isinstance(function, ast.Attribute) and arguments:
                    # self.tr(…) in a class: its context; SomeTexts.tr(…): that class's name.
                    owner = function.value
                    where = owner.id if isinstance(owner, ast.Name) and owner.id != "self" else context
                    source = literal(arguments[0])
                    if source is not None:
                        found[(where, source)] = len(arguments) >= 3
                elif name in ("translate", "QT_TRANSLATE_NOOP") and len(arguments) >= 2:
                    where, source = literal(arguments[0]), literal(arguments[1])
                    if where is not None and source is not None:
                        found[(where, source)] = len(arguments) >= 4
            visit(child, context)

    for path in sorted((ROOT / "viewer" / "ui").glob("*.py")):
        visit(ast.parse(path.read_text(encoding="utf-8")), "")
    return found


def catalogue(language: str) -> dict[tuple[str, str], list[str] | str | None]:
    """(context, source) → the finished translation (its plural forms as a list); None when it
    is not finished."""
    root = ET.parse(TRANSLATIONS / f"note_viewer_{language}.ts").getroot()
    messages: dict[tuple[str, str], list[str] | str | None] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            done = translation.get("type") not in ("unfinished", "obsolete", "vanished")
            if message.get("numerus") == "yes":
                value: list[str] | str | None = [form.text or "" for form in translation.iter("numerusform")]
            else:
                value = translation.text or ""
            messages[(name, message.findtext("source") or "")] = value if done and value else None
    return messages


def placeholders(text: str) -> list[str]:
    """What must come through a translation unchanged: {name} fields, %n and %Ln, %v and %m."""
    return sorted(set(re.findall(r"\{\w*\}|%L?n|%[vm]", text)))


def test_every_marked_string_has_a_korean_translation_that_keeps_its_placeholders() -> None:
    korean, marked = catalogue("ko"), marked_strings()
    assert len(marked) > 250
    missing = [key for key in marked if key not in korean]
    assert missing == [], "not in note_viewer_ko.ts (python packaging/translations.py update): " + repr(
        missing
    )
    unfinished = [key for key in marked if korean[key] is None]
    assert unfinished == []
    for (context, source), plural in marked.items():
        translation = korean[(context, source)]
        assert isinstance(translation, list) == plural, (context, source)
        for text in translation if isinstance(translation, list) else [translation]:
            assert isinstance(text, str) and text.strip(), (context, source)
            assert placeholders(text) == placeholders(source), (context, source, text)
            assert (
                re.search(r"[가-힣]", text)
                or source in {"GitHub", "%Ln word(s)"}
                or not re.search(r"[A-Za-z]{3,}", source)
            ), (context, source, text)
            if "<" not in source and re.search(
                r"&[^&\s]", source
            ):  # a menu's key (HTML has &nbsp;): Korean writes it "(&F)"
                assert re.search(r"\(&([^&\s{]|\{n\})\)", text), (context, source, text)
    # Nothing the code no longer says is kept.
    assert sorted(set(korean) - set(marked)) == []


def test_english_says_one_and_many_apart() -> None:
    english, marked = catalogue("en"), marked_strings()
    plurals = [key for key, plural in marked.items() if plural]
    assert plurals and sorted(english) == sorted(plurals)
    for key in plurals:
        forms = english[key]
        assert isinstance(forms, list) and len(forms) == 2, key
        assert not any(re.search(r"\(e?s\)", form) for form in forms), (
            key,
            forms,
        )  # "post(s)" → "post", "posts"


@pytest.mark.parametrize(
    ("choice", "system", "shown"),
    [
        ("system", ["ko-KR", "ko"], "ko"),
        ("system", ["ko_KR"], "ko"),
        ("system", ["fr-FR", "ko-KR"], "ko"),  # the first language the window speaks
        ("system", ["de-DE", "de"], "en"),  # English is the default
        ("system", ["en-US", "ko-KR"], "en"),
        ("system", [], "en"),
        ("ko", ["en-US"], "ko"),  # the reader's choice wins
        ("en", ["ko-KR"], "en"),
    ],
)
def test_the_language_follows_the_reader_then_the_system(choice: str, system: list[str], shown: str) -> None:
    assert chosen_language(choice, system) == shown


def test_plural_forms_in_english_and_korean(qapp, translations: Path, english: list[object]) -> None:
    def posts(count: int) -> str:
        return QCoreApplication.translate("PostsPanel", "%Ln post(s)", "", count)

    assert (posts(1), posts(2), posts(12345)) == ("1 post", "2 posts", "12,345 posts")
    remove_translations(qapp, english)  # type: ignore[arg-type]
    korean = install_translations(qapp, "ko", translations)
    try:
        assert (posts(1), posts(2), posts(12345)) == ("글 1개", "글 2개", "글 12,345개")
    finally:
        remove_translations(qapp, korean)
        english[:] = install_translations(qapp, "en", translations)


def test_the_post_counts_say_one_and_many(qtbot, window) -> None:
    open_and_wait(qtbot, window, KOREAN_SITE / "_posts" / "2024-04-01-첫-모임.md")
    counts = window.header.counts.text()
    assert counts.startswith("1 heading · 2 items · ") and counts.endswith(" · 1 min read")


def test_view_language_is_remembered_for_the_next_start(qtbot, window, settings: Settings) -> None:
    assert window.commands["view.language-system"].isChecked()
    window.commands["view.language-ko"].trigger()
    assert settings.language == "ko" and window.commands["view.language-ko"].isChecked()
    assert "starts again" in window.statusBar().currentMessage()
    assert not window.commands["view.language-en"].isChecked()
    assert window.commands["view.language-ko"].text() == "한국어"  # each language in its own words
    note = window.commands["view.language-note"]
    assert not note.isEnabled() and "starts again" in note.text()


def test_a_language_setting_from_elsewhere_reads_as_the_systems(tmp_path: Path) -> None:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    store.setValue("preferences/language", "klingon")
    assert Settings(store).language == "system"


def test_the_frozen_app_keeps_qts_korean_and_carries_ours() -> None:
    spec = (ROOT / "packaging" / "note-viewer.spec").read_text(encoding="utf-8")
    keep = re.search(r'KEEP_TRANSLATION = re\.compile\(r"(.+)"\)', spec)
    assert keep is not None
    assert re.search(keep.group(1), "PySide6/Qt/translations/qtbase_ko.qm")
    assert '(str(TRANSLATIONS), "resources/translations")' in spec
    qt_korean = Path(__import__("PySide6").__file__).parent / "Qt" / "translations" / "qtbase_ko.qm"
    assert qt_korean.is_file()

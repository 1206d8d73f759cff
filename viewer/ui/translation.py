"""The window's language: English or Korean, as the system asks or as the reader chose in View ▸
Language (from the next start).

Every string the window shows goes through Qt's translation: `self.tr(…)` in a class, or
`translate("Context", …)` (below) elsewhere, with a context per class or module.
`resources/translations/note_viewer_ko.ts` holds the Korean; `note_viewer_en.ts` only English's
plural forms (the source says "%n post(s)"; English has two forms, Korean one). The build turns
both into .qm files with `pyside6-lrelease` (packaging/translations.py). Qt's own dialogs (the
file dialog, message boxes, the print dialog) take their words from Qt's `qtbase_ko.qm`.

The command line stays English: it is for scripts (its output is data, its errors are read by
logs and `grep`), and the headless commands never load Qt, whose translations these are.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from viewer.resources import resource_path

#: The languages the window speaks, by the code of their .qm files.
LANGUAGES = ("en", "ko")
#: View ▸ Language: what each choice is called, each language in its own words (a reader who
#: cannot read the language the window is in still finds their own).
LANGUAGE_NAMES = {"en": "English", "ko": "한국어"}
DEFAULT = "en"

translate = QCoreApplication.translate


class Texts:
    """The translation context of code outside a QObject, for plural forms: lupdate reads "%n"
    messages only from a `tr()` call, so a module declares `class PostDocumentTexts(Texts)` and
    writes `PostDocumentTexts.tr("%n item(s)", "", count)` (the context is the class's name)."""

    @classmethod
    def tr(cls, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate(cls.__name__, text, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for translation in `context` where it is declared (a table); the code that
    shows it translates it with `translate(context, text)`. (Qt's own returns `object` to mypy.)"""
    return text


def chosen_language(choice: str, ui_languages: Sequence[str]) -> str:
    """The language to show: the reader's `choice` ("en", "ko"), or for "system" the first of the
    system's `ui_languages` ("ko-KR", "en-US", … in order of preference) the window speaks,
    else English."""
    if choice in LANGUAGES:
        return choice
    for tag in ui_languages:
        code = tag.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT


def translations_folder() -> Path:
    return resource_path("translations")


def install_translations(
    application: QCoreApplication, language: str, folder: Path | None = None
) -> list[QTranslator]:
    """Load the window's translation for `language` and Qt's own, and make `language` the
    default locale (dates and numbers in Qt's dialogs follow it). Returns the translators
    installed (to remove them again); a missing file leaves its strings in English."""
    installed = []
    sources = [(f"note_viewer_{language}", folder or translations_folder())]
    if language != "en":
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        sources.append((f"qtbase_{language}", Path(qt_folder)))
    for name, where in sources:
        translator = QTranslator(application)
        if translator.load(name, str(where)) and application.installTranslator(translator):
            installed.append(translator)
    QLocale.setDefault(QLocale(language))
    return installed


def start_in_language(application: QCoreApplication, choice: str) -> list[QTranslator]:
    """At start: the window's language from the reader's choice (View ▸ Language) or the
    system's, installed. Returns the translators."""
    return install_translations(application, chosen_language(choice, QLocale.system().uiLanguages()))


def remove_translations(application: QCoreApplication, translators: Sequence[QTranslator]) -> None:
    for translator in translators:
        application.removeTranslator(translator)
    QLocale.setDefault(QLocale.system())

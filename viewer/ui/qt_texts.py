"""Words of Qt's own dialogs that Qt's Korean (qtbase_ko.qm) leaves in English, supplied by our
translation: Qt asks every installed translator until one knows a string, so these fill the gaps
without replacing what Qt translates itself. Found by tests/ui/test_korean_interface.py, which
walks the file and print dialogs in Korean."""

from __future__ import annotations

from viewer.ui.translation import QT_TRANSLATE_NOOP

QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Page &Set:"),
)

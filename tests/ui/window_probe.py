"""Open a post in the real window, offscreen, and print what the reader sees as JSON.

Run as a program by the tests that must survive what a post makes the window load (a process
that may abort or hang under a memory and time limit cannot be a pytest-qt test):
`python -m tests.ui.window_probe POST [QUERY]`. Exit 0 with the JSON once the post is shown,
3 if nothing is shown in time.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def main() -> int:
    from viewer.ui.main_window import MainWindow
    from viewer.ui.settings import Settings

    app = QApplication(sys.argv[:1])
    window = MainWindow(Settings())
    window.resize(1000, 700)
    window.show()
    post = Path(sys.argv[1])
    query = sys.argv[2] if len(sys.argv) > 2 else ""

    def report() -> None:
        if query:
            window.search.set_query(query)
        print(
            json.dumps(
                {
                    "shown": window.reading.rendered is not None,
                    "text": window.preview.toPlainText(),
                    "warnings": window.warnings.label.text() if window.warnings.isVisibleTo(window) else "",
                    "search": window.search.status.text(),
                    "images": _image_sizes(window),
                    # The whole post laid out, as the scroll bar needs it (on the GUI thread).
                    "height": window.preview.document().size().height(),
                    "copied": _copied(window),
                },
                ensure_ascii=False,
            )
        )
        window.close()
        app.exit(0)

    window.post_shown.connect(lambda: QTimer.singleShot(50, report))
    QTimer.singleShot(60_000, lambda: app.exit(3))
    QTimer.singleShot(0, lambda: window.open_path(post))
    return app.exec()


def _copied(window) -> str:  # type: ignore[no-untyped-def]
    """What the clipboard gets when the reader selects all of the post and copies it."""
    window.preview.selectAll()
    text = window.preview.createMimeDataFromSelection().text()
    window.preview.textCursor().clearSelection()
    return str(text)


def _image_sizes(window) -> list[list[float]]:  # type: ignore[no-untyped-def]
    """The size each image of the post is drawn at (its name and logical width × height)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    document = window.preview.document()
    document.size()  # lay it out
    found = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fmt = iterator.fragment().charFormat()
            if fmt.isImageFormat():
                image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(fmt.toImageFormat().name()))
                found.append([fmt.toImageFormat().name(), image.width() if image is not None else -1])
            iterator += 1
        block = block.next()
    return found


if __name__ == "__main__":
    sys.exit(main())

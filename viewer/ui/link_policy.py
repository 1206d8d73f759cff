"""What a clicked link may do, and doing it: `#id` goes there in the post, another post opens in
the viewer, web and mail links go to the system, and nothing else is launched blindly."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import unquote

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from viewer.core.links import classify_url
from viewer.ui import APP_NAME

if TYPE_CHECKING:
    from viewer.ui.reading import Reading

#: Handed to the system (the browser, the mail program) without asking.
SAFE_SCHEMES = ("http", "https", "mailto")
#: What a mail link may fill in (RFC 6068 header fields and the body). Mail programs also take
#: `attach=`/`attachment=` (a file from this computer, sent away): that and anything else goes.
MAIL_FIELDS = frozenset({"to", "cc", "bcc", "subject", "body", "in-reply-to", "keywords"})


@dataclass(frozen=True)
class LinkAction:
    """What following a link does: go to an element id in the post, open a post file, hand the
    URL to the system, refuse a local file, or ask before handing over anything else."""

    kind: Literal["go-to", "open-post", "system", "refuse", "ask"]
    target: str
    #: Something the reader should know about what was done (a mail link's attachment dropped).
    note: str = ""


def link_action(text: str, current_post: Path | None) -> LinkAction:
    """The policy for a link written `text` in (or listed for) the post at `current_post`."""
    if text.startswith("#"):
        return LinkAction("go-to", QUrl.fromPercentEncoding(text[1:].encode()))
    if classify_url(text) == "post" and current_post is not None:
        path = QUrl.fromPercentEncoding(QUrl(text).path().encode())
        target = (current_post.parent / path).resolve()
        if target.is_file():
            return LinkAction("open-post", str(target))
    url = QUrl(text)
    if url.scheme().lower() == "mailto":
        return _mail_action(text)
    if url.scheme().lower() in SAFE_SCHEMES:
        return LinkAction("system", text)
    if url.isLocalFile() or url.isRelative():
        return LinkAction("refuse", text)
    return LinkAction("ask", text)


def _mail_action(text: str) -> LinkAction:
    """A mail link with only the fields a mail link may fill in."""
    address, question, query = text.partition("?")
    if not question:
        return LinkAction("system", text)
    kept: list[str] = []
    dropped: list[str] = []
    for field in query.split("&"):
        name = unquote(field.split("=", 1)[0]).strip().lower()
        (kept if name in MAIL_FIELDS else dropped).append(field)
    if not dropped:
        return LinkAction("system", text)
    names = ", ".join(sorted({unquote(f.split("=", 1)[0]) for f in dropped}))
    target = address + ("?" + "&".join(kept) if kept else "")
    return LinkAction("system", target, f"Left out of the mail link: {names} (it could attach a local file).")


class LinkPolicy:
    """Follows links from the post and the link list for the reading state."""

    def __init__(self, reading: Reading, parent: QWidget) -> None:
        self.reading = reading
        self.parent = parent

    def follow(self, text: str) -> None:
        action = link_action(text, self.reading.path)
        if action.kind == "go-to":
            self.reading.go_to(action.target)
        elif action.kind == "open-post":
            self.reading.open(Path(action.target))
        elif action.kind == "system":
            if action.note and isinstance(self.parent, QMainWindow):
                self.parent.statusBar().showMessage(action.note, 8000)
            QDesktopServices.openUrl(QUrl(action.target))
        elif action.kind == "refuse":
            QMessageBox.information(
                self.parent,
                APP_NAME,
                f"This link points to a local file, which Note Viewer does not open:\n{text}",
            )
        elif self._ask(text):
            QDesktopServices.openUrl(QUrl(text))

    def follow_url(self, url: QUrl) -> None:
        self.follow(url.toString())

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(
            self.parent,
            APP_NAME,
            f"This link is not a web address:\n{text}\n\nHand it to the system anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

"""A post laid out on a worker thread is handed to the GUI thread without a deadlock."""

from __future__ import annotations

import threading

from PySide6.QtGui import QTextDocument

from tests.ui.conftest import run_alone
from viewer.ui.to_gui_thread import move_to_gui_thread


def test_a_document_made_on_a_worker_thread_is_the_gui_threads(qapp) -> None:
    made: dict[str, QTextDocument] = {}

    def lay_out() -> None:
        document = QTextDocument()
        document.setHtml("<ul><li>클라우드 <b>관측성</b></li></ul>")
        move_to_gui_thread(document)
        made["document"] = document

    worker = threading.Thread(target=lay_out)
    worker.start()
    worker.join()
    document = made["document"]
    assert document.thread() is qapp.thread()
    assert document.toPlainText() == "클라우드 관측성"


# The GUI thread deletes objects that receive signals of Python objects (a window's panels do);
# a worker thread meanwhile hands documents over. With PySide6's own moveToThread, which keeps
# the interpreter lock while it waits for Qt's, the two threads each held what the other
# waited for: this hung within a second, as a CI run did.
_HAND_OVER_WHILE_DELETING = """
import os, sys, threading, time
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication
from tests.ui.conftest import run_alone
from viewer.ui.to_gui_thread import move_to_gui_thread

app = QApplication([])
handed = []

def lay_out():
    while True:
        document = QTextDocument()
        move_to_gui_thread(document)
        handed.append(document)
        if len(handed) > 50:
            handed.clear()

threading.Thread(target=lay_out, daemon=True).start()

class Sender(QObject):
    ping = Signal()

senders = []
end = time.monotonic() + 3

def delete_receivers():
    for _ in range(300):
        receiver, sender = QObject(), Sender()
        sender.ping.connect(receiver.deleteLater)
        senders.append(sender)
        receiver.deleteLater()
    del senders[:-1000]
    if time.monotonic() < end:
        QTimer.singleShot(0, delete_receivers)
    else:
        print("done", flush=True)
        os._exit(0)

QTimer.singleShot(0, delete_receivers)
app.exec()
"""


def test_handing_documents_over_while_the_gui_thread_deletes_objects_never_hangs() -> None:
    result = run_alone(_HAND_OVER_WHILE_DELETING, hang="the worker and the GUI thread waited for each other for good")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "done\n"

"""Processes the app starts for its own work: a post rendered while the window is made, and
the library index's pool."""

from __future__ import annotations

import os
import sys

#: PR_SET_PDEATHSIG, <linux/prctl.h>
_SET_PARENT_DEATH_SIGNAL = 1


def end_with(parent: int) -> None:
    """Be killed when the process `parent` ends, however it ends: killed, it would leave this
    one working on for nobody (Linux; elsewhere nothing is asked). The signal comes when the
    thread that started this process ends, which in this app outlives its processes."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    ctypes.CDLL(None, use_errno=True).prctl(_SET_PARENT_DEATH_SIGNAL, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it ended before the signal was asked for
        os._exit(1)

"""Entry point of the frozen app (PyInstaller runs this file as __main__)."""

import multiprocessing
import sys

from viewer.cli import main

if __name__ == "__main__":
    # The library index reads large folders in a pool of processes: in the frozen app each of
    # them is this executable again, which this call turns into a pool worker.
    multiprocessing.freeze_support()
    sys.exit(main())

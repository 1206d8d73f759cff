"""Entry point of the frozen app (PyInstaller runs this file as __main__)."""

import sys

from viewer.cli import main

sys.exit(main())

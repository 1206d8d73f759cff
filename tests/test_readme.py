"""The README's commands run as pasted."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_the_run_command_has_no_placeholder() -> None:
    # Pasted as written, `note-viewer [POST-OR-FOLDER]` opened a file literally named so.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.DOTALL)
    run = next(block for block in blocks if "note-viewer" in block)
    assert "pip install" in run
    assert not re.search(r"\[[A-Z-]+\]|<[a-z-]+>", run), run

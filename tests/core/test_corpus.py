"""The real-post corpus against real Jekyll's output (skipped unless NOTE_VIEWER_CORPUS is set)."""

from __future__ import annotations

import difflib
import json

import pytest

from tests.conftest import corpus_folder
from tests.core.outline_compare import expected_heading_ids, expected_rows, our_rows
from viewer.core.document import load_post
from viewer.core.outline import walk
from viewer.core.render import render_post

CORPUS = corpus_folder()
pytestmark = pytest.mark.skipif(CORPUS is None, reason="NOTE_VIEWER_CORPUS is not set")


def test_outline_agrees_with_jekyll_on_the_corpus() -> None:
    assert CORPUS is not None
    expected_files = sorted(CORPUS.glob("*/expected/*.json")) + sorted(CORPUS.glob("expected/*.json"))
    assert expected_files, f"no expected outlines under {CORPUS}"
    exact = matched = expected_total = produced = ids_same = ids_total = 0
    differing = []
    for expected_file in expected_files:
        post_path = expected_file.parent.parent / expected_file.name[: -len(".json")]
        expected = json.loads(expected_file.read_text(encoding="utf-8"))["outline"]
        rendered = render_post(load_post(post_path))
        want, got = expected_rows(expected), our_rows(rendered.outline)
        matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
        matched += sum(block.size for block in matcher.get_matching_blocks())
        expected_total += len(want)
        produced += len(got)
        exact += want == got
        if want != got:
            differing.append(post_path.name)
        want_ids = expected_heading_ids(expected)
        got_ids = [n.id for _, n in walk(rendered.outline) if n.kind == "heading"]
        ids_total += len(want_ids)
        if len(want_ids) == len(got_ids):
            ids_same += sum(a == b for a, b in zip(want_ids, got_ids, strict=True))
    agreement = 2 * matched / (expected_total + produced)
    assert agreement >= 0.99, differing
    assert exact / len(expected_files) >= 0.90, differing
    assert ids_same / ids_total >= 0.99

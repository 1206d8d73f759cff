"""Search positions mapped to what the view shows (formulas as images, invisible breaks)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from viewer.core.search import Matcher
from viewer.core.searchable_text import SearchableText

OBJECT = "\ufffc"
BREAK = "\u200b"


def test_a_formula_is_searched_as_its_tex_and_shown_as_one_image() -> None:
    shown = f"가중치 {OBJECT} 를 곱한다"
    text = SearchableText(shown, [(4, 1, "w_{i}")])
    assert text.text == "가중치 w_{i} 를 곱한다"
    spans = [text.to_shown(s.start, s.end) for s in Matcher("w_{i}").find_all(text.text)]
    assert [shown[a:b] for a, b in spans] == [OBJECT]
    # Part of the TeX selects the whole image; text after it keeps its place.
    span = Matcher("_{i} 를").find_all(text.text)[0]
    assert shown[slice(*text.to_shown(span.start, span.end))] == f"{OBJECT} 를"
    span = Matcher("곱한다").find_all(text.text)[0]
    assert shown[slice(*text.to_shown(span.start, span.end))] == "곱한다"


def test_inserted_breaks_are_invisible_to_search() -> None:
    shown = f"가나다{BREAK}라마바{BREAK}사아"
    text = SearchableText(shown, [(m.start(), 1, "") for m in re.finditer(BREAK, shown)])
    assert text.text == "가나다라마바사아"
    span = Matcher("다라마바사").find_all(text.text)[0]
    assert shown[slice(*text.to_shown(span.start, span.end))].replace(BREAK, "") == "다라마바사"


@given(st.lists(st.sampled_from(["가", "a", " ", BREAK, OBJECT]), max_size=40), st.data())
def test_every_match_maps_onto_the_same_text_on_screen(chars: list[str], data: st.DataObject) -> None:
    shown = "".join(chars)
    replacements = [(i, 1, "" if c == BREAK else "\\alpha") for i, c in enumerate(shown) if c in (BREAK, OBJECT)]
    text = SearchableText(shown, replacements)
    assert BREAK not in text.text and OBJECT not in text.text
    start = data.draw(st.integers(0, len(text.text)))
    end = data.draw(st.integers(start, len(text.text)))
    a, b = text.to_shown(start, end)
    assert 0 <= a <= b <= len(shown)
    # The shown span, read back as search sees it, contains the searched one.
    back = "".join("" if c == BREAK else "\\alpha" if c == OBJECT else c for c in shown[a:b])
    assert text.text[start:end] in back

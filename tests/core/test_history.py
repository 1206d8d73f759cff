"""Back and forward over places, as in a browser."""

from __future__ import annotations

from pathlib import Path

from viewer.core.history import History, Place

A, B, C = (Place(Path(f"{name}.md"), "li-1") for name in "abc")


def test_back_and_forward_retrace_the_jumps() -> None:
    history = History()
    history.leave(A)  # A → B
    history.leave(B)  # B → C
    assert history.back(C) == B
    assert history.back(B) == A
    assert not history.can_go_back and history.back(A) is None
    assert history.forward(A) == B
    assert history.forward(B) == C
    assert not history.can_go_forward


def test_a_new_jump_drops_the_places_ahead() -> None:
    history = History()
    history.leave(A)
    assert history.back(B) == A
    history.leave(A)  # from A somewhere else: B is no longer ahead
    assert not history.can_go_forward


def test_the_history_is_bounded() -> None:
    history = History(limit=3)
    for number in range(10):
        history.leave(Place(Path(f"{number}.md")))
    here = Place(Path("here.md"))
    back = []
    while (place := history.back(here)) is not None:
        back.append(place.path.name)
        here = place
    assert back == ["9.md", "8.md", "7.md"]

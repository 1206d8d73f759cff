"""Where the reader was in a post: found again after edits, kept in a small bounded file."""

from __future__ import annotations

import json
from pathlib import Path

from viewer.core.outline import OutlineNode, walk
from viewer.core.reading_places import FILE_NAME, OutlinePlace, PlaceStore, find_place, place_of
from viewer.core.render import render_markdown
from viewer.core.user_folders import state_folder

POST = """## 관측성
* 로그와 메트릭
  + 수집 파이프라인
    - 샘플링 전환
* 질의응답
  + 팀마다 다르면?
## 마무리
* 다음 모임
"""


def outline(text: str) -> tuple[OutlineNode, ...]:
    return render_markdown(text)[1].outline


def id_of(tree: tuple[OutlineNode, ...], text: str) -> str:
    return next(node.id for _, node in walk(tree) if node.text == text)


def test_a_place_is_found_again_after_bullets_were_added_above_it() -> None:
    before = outline(POST)
    place = place_of(before, id_of(before, "팀마다 다르면?"))
    after = outline(POST.replace("* 로그와 메트릭", "* 새 항목 하나\n* 새 항목 둘\n* 로그와 메트릭"))
    assert id_of(after, "팀마다 다르면?") != id_of(before, "팀마다 다르면?")
    assert find_place(after, place) == id_of(after, "팀마다 다르면?")


def test_when_the_node_itself_changed_its_parent_is_found() -> None:
    before = outline(POST)
    place = place_of(before, id_of(before, "샘플링 전환"))
    after = outline(POST.replace("샘플링 전환", "샘플링을 꼬리 기반으로 전환"))
    assert find_place(after, place) == id_of(after, "수집 파이프라인")
    assert find_place(outline("## 다른 글\n"), place) == ""


def test_of_siblings_with_the_same_text_the_one_with_the_same_id_wins() -> None:
    tree = outline("* 메모\n* 메모\n* 메모\n")
    second = [node.id for node in tree][1]
    assert find_place(tree, place_of(tree, second)) == second


def test_the_store_keeps_places_between_sessions_in_the_state_folder(tmp_path: Path) -> None:
    tree = outline(POST)
    post = tmp_path / "post.md"
    store = PlaceStore()
    store.remember(post, place_of(tree, id_of(tree, "다음 모임")))
    store.save()
    assert (state_folder() / FILE_NAME).is_file()
    again = PlaceStore()
    assert find_place(tree, again.recall(post)) == id_of(tree, "다음 모임")
    again.remember(post, None)  # back at the top: nothing to keep
    again.save()
    assert PlaceStore().recall(post) is None


def test_the_store_is_bounded_the_oldest_going_first(tmp_path: Path) -> None:
    store = PlaceStore(tmp_path / "places.json", limit=3)
    place = OutlinePlace((("li-1", "메모"),))
    for number in range(5):
        store.remember(tmp_path / f"{number}.md", place)
    store.save()
    kept = json.loads((tmp_path / "places.json").read_text(encoding="utf-8"))["places"]
    assert sorted(kept) == [str(tmp_path / f"{n}.md") for n in (2, 3, 4)]


def test_a_broken_file_is_ignored_and_written_anew(tmp_path: Path) -> None:
    file = tmp_path / "places.json"
    for broken in ("{not json", '{"version": 1, "places": {"a": {"at": [[1, 2]]}}}', "[]", "\x00\x01"):
        file.write_text(broken, encoding="utf-8")
        store = PlaceStore(file)
        assert store.recall(Path("a")) is None
        store.remember(Path("b.md"), OutlinePlace((("li-1", "메모"),)))
        store.save()
        assert PlaceStore(file).recall(Path("b.md")) == OutlinePlace((("li-1", "메모"),))

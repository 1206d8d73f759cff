"""The headless commands, run as a user runs them: a separate process, stdout and stderr."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

MEETUP = SAMPLES / "_posts" / "2024-03-09-cloud-native-meetup.md"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "viewer", *map(str, args)], capture_output=True, text=True, timeout=60
    )


def test_outline_json_shape() -> None:
    result = run("outline", "--json", MEETUP)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "클라우드 네이티브 밋업 2024 정리 - 1부"
    assert data["date"] == "2024-03-09 14:30:00 +0900"
    assert data["categories"] == ["Cloud", "Meetup"]
    top = data["outline"][0]
    assert (top["kind"], top["level"], top["text"]) == ("heading", 1, "클라우드 네이티브 밋업 2024")
    assert set(top) == {"kind", "level", "text", "id", "line", "children"}
    section = top["children"][0]
    assert section["id"] == "관측성"
    deepest = section["children"][0]["children"][1]["children"][0]["children"][0]
    assert deepest["text"] == "나머지 지표는 드릴다운으로 이동"


def test_outline_text_is_an_indented_tree() -> None:
    result = run("outline", MEETUP)
    lines = result.stdout.splitlines()
    assert "  ## 관측성" in lines
    assert "          - 나머지 지표는 드릴다운으로 이동" in lines


def test_links_json_puts_references_first_with_counts() -> None:
    result = run("links", "--json", MEETUP)
    links = json.loads(result.stdout)["links"]
    first = links[0]
    assert (first["url"], first["kind"], first["count"]) == (
        "https://www.slideshare.net/cnmeetup-kr",
        "slideshare-profile",
        3,
    )
    kinds = [link["kind"] for link in links]
    assert kinds == ["slideshare-profile", "youtube-video", "youtube-channel", "post"]


@pytest.mark.parametrize("fmt", ["csv", "markdown"])
def test_links_other_formats(fmt: str) -> None:
    result = run("links", "--format", fmt, MEETUP)
    assert result.returncode == 0
    assert "https://www.slideshare.net/cnmeetup-kr" in result.stdout
    if fmt == "csv":
        assert result.stdout.splitlines()[0] == "url,kind,text,section,count"
    else:
        assert result.stdout.startswith("- [밋업 발표 자료 모음](https://www.slideshare.net/cnmeetup-kr)")


def test_html_is_a_standalone_page() -> None:
    result = run("html", MEETUP)
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert '<h2 id="관측성">관측성</h2>' in result.stdout


def test_the_standalone_page_colours_its_code_itself() -> None:
    # Code carries token classes, not colours: the page's own stylesheet must colour each one.
    result = run("html", SAMPLES / "_posts" / "2023-11-20-pycon-notes.md")
    page = result.stdout
    used = set(re.findall(r'<span class="(hl-[\w-]+)"', page))
    assert {"hl-k", "hl-s2"} <= used  # `def`, "Hello…" in the post's Python
    styled = set(re.findall(r"^span\.(hl-[\w-]+) \{ [^}]*color", page, re.M))
    assert used <= styled | {"hl-w", "hl-n", "hl-p"}  # spaces, plain names and punctuation: text colour


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: d / "missing.md", "no such file"),
        (lambda d: d, "is a folder"),
        (lambda d: (d / "bin.md").write_bytes(bytes(range(256)) * 50) and d / "bin.md", "binary"),
    ],
)
def test_errors_are_one_line_without_traceback(tmp_path: Path, setup, message: str) -> None:
    path = setup(tmp_path)
    for command in ("outline", "links", "html"):
        result = run(command, path)
        assert result.returncode == 1
        assert result.stderr.startswith(f"note-viewer: {path}: ") and message in result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_warnings_go_to_stderr_and_the_outline_still_prints(tmp_path: Path) -> None:
    post = tmp_path / "broken.md"
    post.write_text("---\ntitle: [oops\n---\n* 항목\n", encoding="utf-8")
    result = run("outline", "--json", post)
    assert result.returncode == 0
    assert "warning" in result.stderr and "not valid YAML" in result.stderr
    assert json.loads(result.stdout)["outline"][0]["text"] == "항목"


def test_headless_commands_never_import_qt() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from viewer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['outline', '--json', {str(MEETUP)!r}])\n"
        f"    main(['links', '--json', {str(MEETUP)!r}])\n"
        f"    main(['html', {str(MEETUP)!r}])\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr


def test_find_reports_matches_with_their_outline_path() -> None:
    result = run("find", "--json", MEETUP, "드릴다운")
    data = json.loads(result.stdout)
    assert data["query"] == "드릴다운" and data["count"] == 1
    match = data["matches"][0]
    assert match["text"] == "드릴다운"
    assert match["path"] == [
        "클라우드 네이티브 밋업 2024",
        "관측성",
        "로그, 메트릭, 트레이스를 하나로",
        "대시보드 정리",
        "서비스별 골든 시그널(지연, 트래픽, 오류, 포화도)만 첫 화면에",
        "나머지 지표는 드릴다운으로 이동",
    ]


def test_find_output_grows_with_the_matches_not_with_the_heading_they_are_under(tmp_path: Path) -> None:
    # A 40 KB heading of 'a a a …': every match used to carry the whole heading twice (as its
    # outline path and as its id), 1.6 GB of JSON for the query 'a'.
    post = tmp_path / "long-heading.md"
    post.write_text("# " + "a " * 20_000 + "\n\n* 항목 a\n", encoding="utf-8")
    result = run("find", "--json", post, "a")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["count"] == 20_001
    assert len(result.stdout.encode()) < 500 * data["count"]
    assert data["matches"][-1]["path"][-1] == "항목 a"
    text = run("find", post, "a").stdout
    assert text.startswith("20001 matches for 'a'\n") and len(text.encode()) < 500 * 20_001


def test_find_with_an_invalid_regex_is_a_one_line_error() -> None:
    result = run("find", "--regex", MEETUP, "(")
    assert result.returncode == 1 and "Invalid regular expression" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not os.environ.get("NOTE_VIEWER_SEED"), reason="NOTE_VIEWER_SEED is not set")
def test_find_counts_on_the_seed_post() -> None:
    import unicodedata

    seed = os.environ["NOTE_VIEWER_SEED"]
    expected = {
        "클라우드": 3,
        "검증": 1,
        "ml": 13,
        "SageMaker": 2,
        "데이터": 10,
        unicodedata.normalize("NFD", "클라우드"): 3,
    }
    for query, count in expected.items():
        assert json.loads(run("find", "--json", seed, query).stdout)["count"] == count, query
    links = json.loads(run("links", "--json", seed).stdout)["links"]
    assert (links[0]["kind"], links[0]["count"]) == ("slideshare-profile", 2)
    assert links[1]["kind"] == "youtube-channel"


def test_counts_of_one_are_singular(tmp_path: Path) -> None:
    blog = tmp_path / "blog"
    blog.mkdir()
    (blog / "2024-01-01-one.md").write_text(
        "---\ntitle: 하나\n---\n* 쿠버네티스 입문 정리\n", encoding="utf-8"
    )
    (blog / "2024-01-02-two.md").write_text("---\ntitle: 둘\n---\n* 도커 정리\n", encoding="utf-8")
    found = run("search", blog, "쿠버네티스")
    assert found.returncode == 0, found.stderr
    assert found.stdout.splitlines()[0] == "1 post matches '쿠버네티스'"
    assert run("search", blog, "정리").stdout.splitlines()[0] == "2 posts match '정리'"
    assert run("find", blog / "2024-01-02-two.md", "도커").stdout.splitlines()[0] == "1 match for '도커'"


@pytest.mark.parametrize("command", ["outline", "html", "find"])
def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path, command: str) -> None:
    # `note-viewer outline POST | head`: head reads a line and goes away.
    post = tmp_path / "2024-01-01-long.md"
    post.write_text("".join(f"* 항목 {n}\n" for n in range(20_000)), encoding="utf-8")
    args = [command, post, "항목"] if command == "find" else [command, post]
    # Unbuffered output (PYTHONUNBUFFERED) would lose the rest of one large write silently.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    with subprocess.Popen(
        [sys.executable, "-m", "viewer", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(100)
        process.stdout.close()
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=60) == 141  # as a shell reports a tool stopped by SIGPIPE
    assert stderr == ""


def run_window(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "viewer", *map(str, args), "--smoke-test"],
        capture_output=True,
        text=True,
        timeout=90,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


@pytest.mark.gui
def test_qt_options_are_taken_by_qt_not_opened_as_files(tmp_path: Path) -> None:
    stylesheet = tmp_path / "style.qss"
    stylesheet.write_text("QWidget { font-size: 12pt; }", encoding="utf-8")
    result = run_window(
        "-style", "fusion", "-platform", "offscreen", MEETUP, "-reverse", "-stylesheet", stylesheet
    )
    assert result.returncode == 0, result.stderr
    assert f"smoke test: post: {MEETUP}" in result.stderr


@pytest.mark.gui
def test_several_files_open_the_first_and_list_the_others_in_open_recent(tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from viewer.ui.settings import Settings, settings_file

    posts = []
    for day in (1, 2, 3):
        posts.append(tmp_path / f"2024-01-0{day}-글{day}.md")
        posts[-1].write_text(f"# 제목 {day}\n* 항목\n", encoding="utf-8")
    result = run_window(*posts)
    assert result.returncode == 0, result.stderr
    assert f"smoke test: post: {posts[0]}" in result.stderr
    assert "status bar: 2 more files were given; File ▸ Open Recent lists them." in result.stderr
    recent = Settings(QSettings(str(settings_file()), QSettings.Format.IniFormat)).recent_paths
    assert recent[:3] == [str(post) for post in posts]


def test_the_help_names_every_command_and_each_explains_itself() -> None:
    listed = run("--help")
    assert listed.returncode == 0
    commands = [line.split()[0] for line in listed.stdout.split("commands", 1)[1].splitlines()[1:] if line.strip()]
    assert set(commands) == {"outline", "links", "html", "find", "index", "search", "map", "pdf"}
    for command in commands:
        own = run(command, "--help")
        assert own.returncode == 0 and f"note-viewer {command}" in own.stdout, command


def test_index_progress_in_a_log_is_one_line_a_step(tmp_path) -> None:
    folder = tmp_path / "blog" / "_posts"
    folder.mkdir(parents=True)
    for day in range(1, 6):
        (folder / f"2024-01-0{day}-글.md").write_text(f"# 제목 {day}\n* 항목\n", encoding="utf-8")
    result = run("index", tmp_path / "blog")  # stderr is a pipe here, as in a log
    assert result.returncode == 0, result.stderr
    assert "\r" not in result.stderr
    assert "reading new or changed posts: 5/5\n" in result.stderr


def test_commands_run_with_their_output_closed(tmp_path: Path) -> None:
    # `note-viewer index DIR >&-` from a script or a scheduled job: the index is made, nothing
    # is printed where nothing can be, and no traceback says otherwise.
    cache = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    closed = ["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "viewer"]
    for command in (["index", str(SAMPLES)], ["outline", str(MEETUP)]):
        result = subprocess.run([*closed, *command], capture_output=True, text=True, timeout=60, env=cache)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    found = subprocess.run(
        [sys.executable, "-m", "viewer", "search", "--json", str(SAMPLES), "클라우드"],
        capture_output=True, text=True, timeout=60, env=cache,
    )  # fmt: skip
    assert json.loads(found.stdout)[0]["count"] > 0  # the index made with the output closed

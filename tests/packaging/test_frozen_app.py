"""The PyInstaller build (dist/, made by `python packaging/build.py`; CI builds it first).
Skipped when there is no build."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES
from viewer import __version__

APP = ROOT / "dist" / "note-viewer" / "note-viewer"
TARBALLS = sorted((ROOT / "dist").glob(f"note-viewer-{__version__}-linux-*.tar.*"))
pytestmark = pytest.mark.skipif(not APP.exists(), reason="no build in dist/ (python packaging/build.py)")
POST = SAMPLES / "_posts" / "2024-03-09-cloud-native-meetup.md"


def run(command: list[str | Path], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, timeout=120, env={**os.environ, **env}
    )


def test_frozen_outline_is_the_source_runs() -> None:
    frozen = run([APP, "outline", "--json", POST])
    source = run([sys.executable, "-m", "viewer", "outline", "--json", POST])
    assert frozen.returncode == 0 and frozen.stdout == source.stdout


def test_frozen_version() -> None:
    assert run([APP, "--version"]).stdout.strip() == f"note-viewer {__version__}"


def test_frozen_window_opens_and_closes_cleanly(tmp_path: Path) -> None:
    result = run([APP, "--smoke-test", POST], QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "outline and post shown" in result.stderr


def test_frozen_window_speaks_the_systems_language(tmp_path: Path) -> None:
    for language, menus, files in (
        ("ko", "파일(&F) 편집(&E) 보기(&V)", "note_viewer_ko.qm qtbase_ko.qm"),  # Qt's dialogs too
        ("en", "&File &Edit &View", "note_viewer_en.qm"),
    ):
        result = run(
            [APP, "--smoke-test", POST],
            QT_QPA_PLATFORM="offscreen",
            XDG_CONFIG_HOME=str(tmp_path),
            LANGUAGE=language,
            LANG=f"{language}_KR.UTF-8" if language == "ko" else "C.UTF-8",
            LC_ALL="",
        )
        assert result.returncode == 0, result.stderr
        assert f"smoke test: menus: {menus}" in result.stderr
        assert f"smoke test: translations: {files}\n" in result.stderr


def files_in(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def test_desktop_file_is_valid() -> None:
    if not shutil.which("desktop-file-validate"):
        pytest.skip("desktop-file-validate is not installed")
    result = run(["desktop-file-validate", ROOT / "resources" / "note-viewer.desktop"])
    assert result.returncode == 0, result.stdout + result.stderr


def test_tarball_installs_with_menu_entry_and_icon_and_opens_posts(tmp_path: Path) -> None:
    assert TARBALLS, "no tarball in dist/"
    with tarfile.open(TARBALLS[-1]) as archive:
        archive.extractall(tmp_path / "unpacked", filter="tar")
    [folder] = list((tmp_path / "unpacked").iterdir())
    prefix = tmp_path / "home" / ".local"
    installed = run(["sh", folder / "install.sh"], PREFIX=str(prefix))
    assert installed.returncode == 0, installed.stderr
    entry = (prefix / "share" / "applications" / "note-viewer.desktop").read_text(encoding="utf-8")
    assert f"Exec={prefix}/bin/note-viewer %F" in entry and "MimeType=text/markdown;text/x-markdown;" in entry
    assert (prefix / "share" / "icons" / "hicolor" / "256x256" / "apps" / "note-viewer.png").is_file()
    app_files = files_in(prefix / "lib" / "note-viewer")
    opened = run(
        [prefix / "bin" / "note-viewer", "--smoke-test", POST],
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    assert opened.returncode == 0, opened.stderr
    # It reads what it ships (shiboken's support bytecode among it) and writes nothing there.
    assert files_in(prefix / "lib" / "note-viewer") == app_files
    removed = run(["sh", folder / "uninstall.sh"], PREFIX=str(prefix))
    assert removed.returncode == 0 and not (prefix / "bin" / "note-viewer").exists()


def test_frozen_window_typesets_formulas(tmp_path: Path) -> None:
    # A formula that cannot be typeset for want of the typesetter or its fonts in the bundle
    # would fail the post (the render worker's error), and the smoke test with it.
    post = tmp_path / "2021-01-15-math.md"
    post.write_text(
        "# 수식\n\n* 항목\n\n<div class=\"math display\">\\[\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}\\]</div>\n",
        encoding="utf-8",
    )
    result = run([APP, "--smoke-test", post], QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    assert result.returncode == 0, result.stderr


def test_frozen_pdf_command(tmp_path: Path) -> None:
    # QPdfWriter, fonts and layout in the bundle, without a display.
    result = run([APP, "pdf", POST, "-o", tmp_path / "post.pdf"])
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "post.pdf").read_bytes().startswith(b"%PDF")


def test_frozen_second_app_hands_its_file_to_the_first(tmp_path: Path) -> None:
    # QtNetwork's local socket in the bundle: the second app is answered by the first and leaves.
    runtime = Path(tempfile.mkdtemp(prefix="nv-"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(runtime)}
    first = subprocess.Popen([str(APP), str(POST)], env=env, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not list(runtime.glob("note-viewer-*")) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert list(runtime.glob("note-viewer-*")), "the first app did not start listening"
        second = subprocess.run(
            [str(APP), str(SAMPLES / "_posts" / "2023-11-20-pycon-notes.md")],
            env=env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert second.returncode == 0, second.stderr
        assert first.poll() is None  # the first one still runs, with the file
    finally:
        first.terminate()
        first.wait(30)
        shutil.rmtree(runtime, ignore_errors=True)


def test_frozen_index_of_a_large_folder_renders_in_worker_processes(tmp_path: Path) -> None:
    # 320 posts: enough for the index to render their outlines in a pool of processes, each of
    # them the frozen executable again (the launcher, not a window, must take them up; a worker
    # started as a window would print Qt's and argparse's complaints and the pool would break).
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: the index renders without a pool")
    posts = tmp_path / "site" / "_posts"
    posts.mkdir(parents=True)
    for n in range(320):
        (posts / f"2024-01-{n % 28 + 1:02d}-post-{n}.md").write_text(
            f"---\ntitle: 글 {n}\n---\n\n# 제목 {n}\n\n* 클라우드 항목 {n}\n  * 데이터 하위 {n}\n", encoding="utf-8"
        )
    folders = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    indexed = run([APP, "index", posts.parent], **folders)
    assert indexed.returncode == 0, indexed.stderr
    said = [line for line in indexed.stderr.replace("\r", "\n").splitlines() if line.strip()]
    progress = ("reading new or changed posts:", "rendering posts for their outline paths:")
    assert all(line.startswith(progress) for line in said[:-1]), said  # nothing from a worker
    assert said[-1].startswith("320 added"), said
    found = run([APP, "search", "--json", posts.parent, "하위"], **folders)
    [answer] = json.loads(found.stdout)
    assert answer["count"] == 320
    assert all(hit["path_in_outline"][-1].startswith("데이터 하위") for hit in answer["results"])


def test_frozen_app_takes_multiprocessings_arguments_only_in_its_own_form(tmp_path: Path) -> None:
    # A pool worker's flag with made-up values: a clear refusal, no traceback, no window.
    refused = run([APP, "--multiprocessing-fork", "pipe_handle=0"], QT_QPA_PLATFORM="offscreen")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert "--multiprocessing-fork is for the processes the library index starts" in refused.stderr
    # The resource tracker's command line as words to search for: a search, not a tracker.
    tracker = "from multiprocessing.resource_tracker import main;main(0)"
    folders = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    found = run([APP, "search", "--json", SAMPLES, "--", "-c", tracker], **folders)
    assert found.returncode == 0, found.stderr
    assert [answer["query"] for answer in json.loads(found.stdout)] == ["-c", tracker]

"""Command line: `note-viewer [PATH]` opens the window; subcommands print to stdout without Qt."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from viewer import __version__

if TYPE_CHECKING:
    from viewer.core.render import RenderedPost

# argparse is imported by what parses options: the window's usual start (paths only) needs none.
SUBCOMMANDS = ("outline", "links", "html", "find", "index", "search", "map")
COMMANDS_HELP = """commands (without a window; `note-viewer COMMAND --help` for each):
  outline POST           the post's headings and bullets (text, JSON, OPML, Markdown)
  links POST             the links it cites (JSON, CSV, Markdown)
  html POST              the post as a standalone HTML page
  find POST QUERY        where QUERY is in the post, with its outline path
  index DIR              build or update the search index of a folder or Jekyll site
  search DIR QUERY…      search a folder's posts, with each match's outline path
  map POST               the post's mind map as SVG or PNG
  pdf POST -o FILE       the post as a PDF"""
LIBRARY_COMMANDS = ("index", "search")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "pdf":
        return _run_pdf(args[1:])
    if not (args and args[0] in SUBCOMMANDS):
        return _run_window(args)
    if sys.stdout is None:  # started with its output closed (`>&-`): what it prints goes nowhere
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - open for the whole run
    try:
        if args[0] in LIBRARY_COMMANDS:
            status = _run_library(args)
        elif args[0] == "map":
            status = _run_map(args[1:])
        else:
            status = _run_headless(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped reading (`note-viewer outline POST | head`): stop quietly, as Unix
        # tools do, with the status a shell gives one stopped by SIGPIPE; stdout goes nowhere
        # so that Python's own flush at exit does not complain again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + 13
    except KeyboardInterrupt:
        # Ctrl+C on a long command (the index of a large folder): it stops, without a traceback,
        # with the status a shell gives a program stopped so.
        return 128 + 2
    return status


def _run_headless(args: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="note-viewer")
    sub = parser.add_subparsers(dest="command", required=True)
    outline = sub.add_parser("outline", help="print the post's outline")
    outline.add_argument("--json", action="store_true")
    outline.add_argument("--format", choices=("text", "json", "opml", "markdown"), default=None)
    outline.add_argument("post", type=Path)
    links = sub.add_parser("links", help="print the links the post references")
    links.add_argument("--json", action="store_true")
    links.add_argument("--format", choices=("json", "csv", "markdown"), default=None)
    links.add_argument("post", type=Path)
    page = sub.add_parser("html", help="print the post as a standalone HTML page")
    page.add_argument("post", type=Path)
    debug = "--debug" in args  # show tracebacks of internal errors
    find = sub.add_parser("find", help="search the post's rendered text")
    find.add_argument("--json", action="store_true")
    find.add_argument("--match-case", action="store_true")
    find.add_argument("--whole-word", action="store_true")
    find.add_argument("--regex", action="store_true")
    find.add_argument("post", type=Path)
    find.add_argument("query")
    options = parser.parse_args([a for a in args if a != "--debug"])
    rendered = _render(options.post, debug)
    if isinstance(rendered, int):
        return rendered
    from viewer.core import export

    if options.command == "find":
        from viewer.core.search import Matcher, SearchError, SearchOptions, find_in_post

        try:
            search_options = SearchOptions(options.match_case, options.whole_word, options.regex)
            matcher = Matcher(options.query, search_options)
        except SearchError as exc:
            print(f"note-viewer: {exc}", file=sys.stderr)
            return 1
        text = export.matches_as(options.query, find_in_post(rendered, matcher), as_json=options.json)
    elif options.command == "html":
        text = export.EXPORTS["post-html"].make(rendered)
    else:  # outline, links
        fmt = "json" if options.json else options.format or "text"
        text = export.EXPORTS[f"{options.command}-{fmt}"].make(rendered)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _render(path: Path, debug: bool) -> RenderedPost | int:
    """The rendered post, its warnings on stderr; or the exit status after saying what went wrong."""
    from viewer.core.document import PostError, load_post
    from viewer.core.render import render_post

    try:
        rendered = render_post(load_post(path))
    except PostError as exc:
        print(f"note-viewer: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug must still not greet the user with a traceback
        if debug:
            raise
        print(f"note-viewer: internal error while reading {path}: {exc}", file=sys.stderr)
        return 2
    for warning in rendered.all_warnings:
        print(f"note-viewer: warning: {warning}", file=sys.stderr)
    return rendered


def _run_map(args: list[str]) -> int:
    """`note-viewer map`: the outline as a mind map. SVG is written without Qt (labels measured by
    an estimate that errs wide); PNG needs text drawn, which Qt does on its offscreen platform
    (no display needed), measured and painted as in the window."""
    import argparse

    from viewer.core.map_layout import SIDES

    parser = argparse.ArgumentParser(
        prog="note-viewer map", description="draw the post's outline as a mind map"
    )
    parser.add_argument("--format", choices=("svg", "png"), default="svg")
    parser.add_argument(
        "--side", choices=SIDES, default="balanced", help="branches on both sides, or right only"
    )
    parser.add_argument(
        "--level", type=int, default=None, help="levels shown below the centre (default: all)"
    )
    parser.add_argument("-o", "--output", type=Path, help="the file to write (default: standard output)")
    parser.add_argument("post", type=Path)
    debug = "--debug" in args
    options = parser.parse_args([a for a in args if a != "--debug"])
    if options.format == "png" and options.output is None and sys.stdout.isatty():
        print("note-viewer: a PNG is not for the terminal: give -o FILE or redirect", file=sys.stderr)
        return 1
    if options.output is not None and options.output.resolve() == options.post.resolve():
        print("note-viewer: the map would overwrite the post: choose another file", file=sys.stderr)
        return 1
    rendered = _render(options.post, debug)
    if isinstance(rendered, int):
        return rendered
    title = rendered.post.metadata.title
    if options.format == "svg":
        from viewer.core.map_svg import post_map_svg

        data = post_map_svg(rendered.outline, title, side=options.side, level=options.level).encode()
    else:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a drawing to a file: no window, no display
        from viewer.ui.map_scene import post_map_png

        data = post_map_png(rendered.outline, title, side=options.side, level=options.level)
    try:
        if options.output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            options.output.write_bytes(data)
    except OSError as exc:
        print(f"note-viewer: could not write {options.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


def _run_library(args: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="note-viewer")
    sub = parser.add_subparsers(dest="command", required=True)
    index = sub.add_parser("index", help="build or update the search index of a folder or Jekyll site")
    index.add_argument("folder", type=Path)
    search = sub.add_parser("search", help="search every post of a folder")
    search.add_argument("--json", action="store_true")
    search.add_argument("--limit", type=int, default=20, help="results shown per query (count is not capped)")
    search.add_argument("folder", type=Path)
    search.add_argument("queries", nargs="+")
    options = parser.parse_args(args)
    if not options.folder.is_dir():
        print(f"note-viewer: {options.folder}: not a folder", file=sys.stderr)
        return 1
    from viewer.core.index import MATCH_END, MATCH_START, LibraryIndex

    # Progress rewrites one line on a terminal; a log gets the last count of each step.
    live = sys.stderr.isatty()

    def progress(what: str) -> Callable[[int, int], None]:
        def say(done: int, total: int) -> None:
            if live or done == total:
                start = "\r" if live else ""
                print(f"{start}{what} {done}/{total}", end="\n" if done == total else "", file=sys.stderr)

        return say

    library = LibraryIndex(options.folder)
    try:
        update = library.update(progress("reading new or changed posts:"))
        if options.command == "index":
            # Then the outline paths of what the update left unrendered (a search renders the
            # results it shows itself).
            library.store_outlines(progress("rendering posts for their outline paths:"))
            print(
                f"{update.added} added, {update.changed} changed, {update.removed} removed, "
                f"{update.unchanged} unchanged",
                file=sys.stderr,
            )
            return 0
        answers = []
        for query in options.queries:
            count, hits = library.search(query, options.limit, render_missing=True)
            results = [
                {
                    "path": str(hit.path),
                    "title": hit.title,
                    "date": hit.date,
                    "snippet": hit.snippet.replace(MATCH_START, "[").replace(MATCH_END, "]"),
                    "path_in_outline": list(hit.outline_path),
                }
                for hit in hits
            ]
            answers.append({"query": query, "count": count, "results": results})
    finally:
        library.close()
    if options.json:
        import json  # here: the window's start does without it

        print(json.dumps(answers, ensure_ascii=False, indent=1))
    else:
        for answer in answers:
            posts = "post matches" if answer["count"] == 1 else "posts match"
            print(f"{answer['count']} {posts} {answer['query']!r}")
            for result in answer["results"]:
                print(f"  {result['date'][:10]:<10}  {result['title']}  {result['snippet']}")
    return 0


def _quiet_interrupt_until_the_window_can_close() -> None:
    """Ctrl+C before the window handles it (viewer/ui/termination.py, after its first paint) ends
    the app at once and quietly, as the system ends a program: Python's KeyboardInterrupt would
    land anywhere in the start, in Qt's binding's own set-up too, and print a traceback or worse.
    An interrupt the app was started to ignore (in the background of a script) stays ignored."""
    import _signal  # type: ignore[import-not-found]  # `signal` builds its enums on import: 2 ms

    if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
        _signal.signal(_signal.SIGINT, _signal.SIG_DFL)


def _read_first_post_early(args: list[str]) -> None:
    """Start reading (or rendering) the post the window will open on a thread of its own,
    while Qt loads: the first argument that names a post file, unless it follows an option
    of Qt's, which take values ('-stylesheet FILE'). A guess: if Qt's parse disagrees, nothing is lost.

    From here to the window's first paint the cyclic garbage collector waits (app.run turns it
    on again): the start makes objects that live on, whose collections took 8 ms of it."""
    from viewer.core import POST_SUFFIXES, is_file

    try:
        for before, arg in zip(["", *args], args, strict=False):
            if arg.startswith("-") or (before.startswith("-") and not before.startswith("--")):
                continue
            path = Path(arg)
            if path.suffix.lower() in POST_SUFFIXES and is_file(path):
                from viewer.core.render_cache import read_early

                read_early(path)
            return
    finally:
        gc.disable()  # after the fork: a child rendering a long post collects as usual


def _run_pdf(args: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="note-viewer pdf",
        description="Write the post as a PDF: its title and date, the post as the window shows it, "
        "its images and page numbers. Laid out by Qt on its offscreen platform: no window or display "
        "is needed.",
    )
    parser.add_argument("post", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True, help="the PDF file to write")
    options = parser.parse_args(args)
    from viewer.ui.printing import pdf_command

    return pdf_command(options.post, options.output)


def _run_window(args: list[str]) -> int:
    _quiet_interrupt_until_the_window_can_close()
    if not any(arg.startswith("-") for arg in args):
        # Paths only, the usual start (a file manager, a shell): no options to read, and the
        # window starts without argparse (it loads shutil and locale: 3 ms, 1.5 ms more to import).
        _read_first_post_early(args)
        from viewer.ui.app import qt_application, run

        return run([Path(arg) for arg in qt_application([sys.argv[0], *args])])
    import argparse

    parser = argparse.ArgumentParser(
        prog="note-viewer",
        description="A viewer for Jekyll Markdown posts. Qt's options (-style fusion, -reverse, …) work too.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=COMMANDS_HELP,
    )
    parser.add_argument("--version", action="version", version=f"note-viewer {__version__}")
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="a post, a folder or a Jekyll site; of several, the first opens, the others go to Open Recent",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the post, check that the outline and the post are shown, and exit (0 = fine)",
    )
    if {"-h", "--help", "--version"} & set(args):
        parser.parse_known_args(args)  # prints and exits, without starting Qt (no display needed)
    _read_first_post_early(args)
    from viewer.ui.app import qt_application, run

    # Qt takes the options it knows out of the command line (with their values: '-style fusion'
    # must not open a file named 'fusion'); the rest is ours.
    options = parser.parse_args(qt_application([sys.argv[0], *args]))
    return run(options.paths, smoke_test=options.smoke_test)

"""How the time to open a post grows with what it contains (issue 18): every construct at n, 2n, 4n, 8n.

    python benchmarks/scaling.py [--timeout T] [--only NAME[,NAME...]] [--scale F] [--markdown FILE]

For each construct, posts of four sizes are opened in a fresh child process (memory capped, killed
after T seconds per stage, default 20): "core" is load_post + render_post (front matter, Liquid,
Markdown, outline, links), "preview" is the Qt document the window shows (the preview's own
`build_document` when it has one, else a QTextDocument fed the HTML) laid out at a window's width,
offscreen, and "window" is the user's path: the post opened in the app's window (already open,
offscreen, settings and cache in the post's temporary folder) until it has painted the post.
Prints per construct and stage the time at each size, the growth exponent (slope of log
time against log size, over the sizes that took 10 ms or more), and the time at the 8 MB post limit
(measured, or extrapolated from the largest size measured). A size that did not finish shows
"> T s" and larger sizes are not tried. The issue's target: exponent <= 1.3 and <= 2 s at 8 MB, or
a warning that the post was shown degraded (the "warn" column counts the post's warnings).
For the two YAML alias bombs and nested {% highlight %}, n counts nesting levels, not bytes: their
growth is exponential, and "at 8 MB" does not apply (their target is a bound in milliseconds).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import select
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIMIT = 8 * 1024 * 1024  # the post size limit (viewer.core.document.MAX_POST_BYTES)
MEMORY = 4 << 30  # address space of each child; a bomb that needs more fails instead of swapping
WIDTH = 760  # the preview's text width in pixels


@dataclass(frozen=True)
class Construct:
    name: str
    #: n -> (post body, extra front matter, _config.yml or None)
    make: Callable[[int], tuple[str, str, str | None]]
    base: int
    #: n counts nesting levels (exponential constructs), not bytes
    levels: bool = False


def _body(text: str) -> tuple[str, str, str | None]:
    return text, "", None


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode()))


def _alias_bomb(levels: int, fan: int = 6) -> str:
    lines = ["l0: &l0 [" + ", ".join(['"lol"'] * fan) + "]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * fan) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def _deep_list(size: int) -> str:
    # One list nested as deep as the size allows (line i is indented 2i spaces): ~sqrt(size) levels.
    lines, total = [], 0
    for i in range(max(1, int(math.sqrt(size)))):
        line = "  " * i + "* 깊이\n"
        total += len(line.encode())
        if total > size and lines:
            break
        lines.append(line)
    return "".join(lines)


def _real_post(size: int) -> str:
    rng = random.Random(7)
    words = [
        "클라우드",
        "데이터",
        "분석",
        "보안",
        "모델",
        "발표",
        "정리",
        "talk",
        "slide",
        "Jekyll",
        "**강조**",
        "`code`",
        "[링크](https://example.com/a_b)",
        "https://www.youtube.com/watch?v=x1",
        "_기울임_",
    ]
    out: list[str] = []
    total = section = 0
    while total < size:
        section += 1
        block = [f"## 세션 {section}", ""]
        for _ in range(rng.randint(4, 10)):
            depth = rng.randint(0, 3)
            block.append(
                "  " * depth
                + "*+-"[depth % 3]
                + " "
                + " ".join(rng.choice(words) for _ in range(rng.randint(4, 14)))
            )
        block += [
            "",
            "| 항목 | 값 |",
            "|---|---|",
            "| a | `b` |",
            "",
            "```python",
            "x = 1",
            "```",
            "",
            "> 인용 *문장*",
            "",
        ]
        text = "\n".join(block) + "\n"
        out.append(text)
        total += len(text.encode())
    return "".join(out)


CONSTRUCTS = [
    # issue 18 item 2: tiny files that explode
    Construct(
        "nested {% highlight %}",
        lambda n: _body("{% highlight python %}\n" * n + "x\n" + "{% endhighlight %}\n" * n),
        2,
        levels=True,
    ),
    Construct(
        "YAML alias bomb (front matter)",
        lambda n: (f"# 제목\n{{{{ page.l{n - 1} }}}}\n", _alias_bomb(n), None),
        1,
        levels=True,
    ),
    Construct(
        "YAML alias bomb (_config.yml)",
        lambda n: (
            f'# 제목\n[a]({{{{ "/a" | relative_url }}}}) {{{{ site.l{n - 1} }}}}\n',
            "",
            _alias_bomb(n),
        ),
        1,
        levels=True,
    ),
    # item 3: super-linear input
    Construct("{{ x n", lambda n: _body(_repeat("{{", n)), 16 << 10),
    Construct("backslashes", lambda n: _body(_repeat("\\", n)), 32 << 10),
    Construct("<div> lines", lambda n: _body(_repeat("<div>\n", n)), 8 << 10),
    Construct(
        "<div markdown='1'> with items", lambda n: _body(_repeat("<div markdown='1'>\n* 항목\n", n)), 16 << 10
    ),
    Construct("{% raw %} lines", lambda n: _body(_repeat("{% raw %}\n", n)), 32 << 10),
    Construct("'www.a.b ' on one line", lambda n: _body(_repeat("www.a.b ", n)), 128 << 10),
    Construct("URLs on one line", lambda n: _body(_repeat("https://example.com/a_b ", n)), 256 << 10),
    Construct("~~a x n", lambda n: _body(_repeat("~~a", n)), 128 << 10),
    Construct("{: .a} lines", lambda n: _body(_repeat("{: .a}\n", n)), 256 << 10),
    # item 4: one long unbroken word (the preview's layout)
    Construct("long word (Latin)", lambda n: _body(_repeat("a", n)), 128 << 10),
    Construct("long word (Korean)", lambda n: _body(_repeat("가", n)), 192 << 10),
    # what held, and what real posts are made of
    Construct("deep list nesting", lambda n: _body(_deep_list(n)), 64 << 10),
    Construct("many [", lambda n: _body(_repeat("[", n)), 1 << 20),
    Construct("many `", lambda n: _body(_repeat("`", n)), 1 << 20),
    Construct("many *", lambda n: _body(_repeat("*", n)), 1 << 20),
    # a table's pipe check reads span HTML (an element never closed takes the rest of the text)
    Construct("'| <a> ' on one line", lambda n: _body(_repeat("| <a> ", n)), 64 << 10),
    Construct("table rows with <b>", lambda n: _body(_repeat("| <b>가</b> | 나 |\n", n)), 128 << 10),
    Construct("many list items", lambda n: _body(_repeat("* 항목 item\n", n)), 128 << 10),
    Construct("many links", lambda n: _body(_repeat("[링크](https://example.com/a_b) ", n)), 256 << 10),
    Construct(
        "long lines (15 KB each)",
        lambda n: _body(_repeat("데이터 분석 data model " * 700 + "\n", n)),
        1 << 20,
    ),
    Construct("a real post (mix)", lambda n: _body(_real_post(n)), 1 << 20),
]


# --- the child: one post, timed -------------------------------------------------------------------------
STAGES = ["core", "preview", "window"]


def child(name: str, n: int, stages: list[str]) -> None:
    construct = next(c for c in CONSTRUCTS if c.name == name)
    body, front, config = construct.make(n)
    with tempfile.TemporaryDirectory() as folder:
        for kind in ("CONFIG", "CACHE", "DATA"):  # the window's settings and cache: not the user's
            os.environ[f"XDG_{kind}_HOME"] = str(Path(folder) / "home" / kind.lower())
        site = Path(folder) / "site"
        site.mkdir()
        if config is not None:
            (site / "_config.yml").write_text(config, encoding="utf-8")
        (site / "_posts").mkdir()
        path = site / "_posts" / "2021-01-15-scaling.md"
        path.write_text(
            f"---\ntitle: 규모\ndate: 2021-01-15 10:00:00 +0900\n{front}---\n{body}", encoding="utf-8"
        )
        report({"bytes": path.stat().st_size})
        from viewer.core.document import load_post
        from viewer.core.render import render_post

        report({"begin": "core"})
        started = time.perf_counter()
        post = load_post(path)
        rendered = render_post(post)
        report(
            {
                "stage": "core",
                "seconds": time.perf_counter() - started,
                "warnings": len(post.warnings) + len(getattr(rendered, "warnings", ())),
            }
        )
        if "preview" in stages:
            seconds, warnings = _preview(rendered.html)
            report({"stage": "preview", "seconds": seconds, "warnings": warnings})
        if "window" in stages:
            seconds, warnings = _window(path)
            report({"stage": "window", "seconds": seconds, "warnings": warnings})
            os._exit(0)  # the window's library threads (the post's site is listed) need not end


def _window(path: Path) -> tuple[float, int]:
    """Open `path` in the app's window, already shown, and time it until the post is painted."""
    from PySide6.QtCore import QEventLoop, QSettings
    from PySide6.QtWidgets import QApplication

    from viewer.ui.first_paint import after_next_paint
    from viewer.ui.main_window import MainWindow
    from viewer.ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    settings = Settings(QSettings(str(path.parent.parent / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    loop = QEventLoop()
    window.post_shown.connect(lambda: after_next_paint(window, loop.quit))
    report({"begin": "window"})
    started = time.perf_counter()
    window.open_path(path)
    loop.exec()
    return time.perf_counter() - started, int(window.warnings.isVisible())


def _preview(html: str) -> tuple[float, int]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841 (fonts and widgets need it)
    build: Callable[[str], tuple[QTextDocument, str]] | None = None
    try:  # the window's own way of building the document (it may cut or degrade a huge post)
        from PySide6.QtGui import QPalette

        from viewer.ui.post_document import DocumentLook, build_document, post_stylesheet

        look = DocumentLook(post_stylesheet(QPalette()))

        def build(text: str) -> tuple[QTextDocument, str]:
            built = build_document(text, look)
            return built.qt, getattr(built, "note", "") or "\n".join(getattr(built, "warnings", ()))

    except ImportError:
        pass
    report({"begin": "preview"})
    started = time.perf_counter()
    if build is not None:
        document, note = build(html)
    else:
        document, note = QTextDocument(), ""
        document.setHtml(html)
    document.setTextWidth(WIDTH)
    document.size()  # lays out the whole document
    return time.perf_counter() - started, int(bool(note))


def report(record: dict[str, object]) -> None:
    print(json.dumps(record), flush=True)


# --- the parent: sizes, timeouts, exponents ---------------------------------------------------------------
def measure(construct: Construct, n: int, stages: list[str], timeout: float) -> tuple[int, dict[str, object]]:
    """Bytes of the post and, per stage, seconds (float), ('timeout',) or ('failed', why)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    process = subprocess.Popen(
        [sys.executable, __file__, "--child", construct.name, str(n), ",".join(stages)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=limit,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert process.stdout is not None
    results: dict[str, object] = {}
    size = 0
    deadline = time.monotonic() + 120  # writing the post and importing are not timed
    pending = list(stages)
    current = ""
    while pending:
        ready, _, _ = select.select([process.stdout], [], [], max(deadline - time.monotonic(), 0))
        if not ready:
            for stage in pending:
                results[stage] = ("timeout",) if stage == current else ("not run",)
            break
        line = process.stdout.readline()
        if not line:
            process.wait()
            why = (process.stderr.read() if process.stderr else "").strip().splitlines()
            for stage in pending:
                results[stage] = ("failed", why[-1] if why else f"exit {process.returncode}")
            break
        record = json.loads(line)
        if "bytes" in record:
            size = int(record["bytes"])
        elif "begin" in record:
            current = str(record["begin"])
            deadline = time.monotonic() + timeout
        else:
            stage = str(record["stage"])
            results[stage] = (float(record["seconds"]), int(record["warnings"]))
            pending.remove(stage)
            deadline = time.monotonic() + 120
    process.kill()
    process.wait()
    return size, results


def _seconds(result: object) -> float:
    return result[0] if isinstance(result, tuple) and isinstance(result[0], float) else math.inf


def exponent(points: list[tuple[int, float]]) -> float | None:
    if len(points) < 2:
        return None
    xs = [math.log(s) for s, _ in points]
    ys = [math.log(max(t, 1e-6)) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    denominator = sum((x - mx) ** 2 for x in xs)
    return (
        sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / denominator if denominator else None
    )


def run(constructs: list[Construct], timeout: float, scale: float) -> list[list[str]]:
    rows = []
    for construct in constructs:
        base = construct.base if construct.levels else max(1, int(construct.base * scale))
        if not construct.levels:
            # Start small enough for two sizes to finish: halve n while it already takes a tenth
            # of the timeout (a quadratic construct then still shows its slope).
            for _ in range(5):
                _, first = measure(construct, base, STAGES, timeout)
                if (
                    all(
                        isinstance(r, tuple) and isinstance(r[0], float) and r[0] < timeout / 10
                        for r in first.values()
                    )
                    or base < 2048
                ):
                    break
                base //= 2
        if not construct.levels:
            base = min(base, (LIMIT - 4096) // 8)  # 8n and the front matter stay within the limit
        sizes = [base * k for k in (1, 2, 4, 8)]
        stages = STAGES
        cells: dict[str, list[str]] = {s: [] for s in stages}
        points: dict[str, list[tuple[int, float]]] = {s: [] for s in stages}
        gave_up: dict[str, tuple[int, float] | None] = {s: None for s in stages}
        warned: dict[str, int] = {s: 0 for s in stages}
        for n in sizes:
            # The later stages need the core's work: once the core gives up, none runs.
            live = [s for s in stages if gave_up[s] is None and gave_up["core"] is None]
            results: dict[str, object] = {}
            size = 0
            if live:
                size, results = measure(construct, n, live, timeout)
                if all(
                    isinstance(r, tuple) and isinstance(r[0], float) and r[0] < 2 for r in results.values()
                ):
                    _, again = measure(construct, n, live, timeout)  # short times are noisy: best of two
                    results = {s: min(r, again.get(s, r), key=_seconds) for s, r in results.items()}
            for s in stages:
                result = results.get(s)
                if s not in live or result == ("not run",):
                    cells[s].append(f"> {timeout:g} s" if gave_up[s] is not None else "-")
                elif isinstance(result, tuple) and isinstance(result[0], float):
                    points[s].append((n if construct.levels else size, result[0]))
                    warned[s] += int(result[1])
                    cells[s].append(f"{result[0]:.3g} s")
                else:
                    timed_out = result == ("timeout",)
                    why = str(result[1]) if isinstance(result, tuple) and len(result) > 1 else "?"
                    cells[s].append(
                        f"> {timeout:g} s"
                        if timed_out
                        else "failed: " + ("out of memory" if "Memory" in why else why[:40])
                    )
                    gave_up[s] = (n if construct.levels else size or n, timeout)
            if not live:
                continue
            print(
                f"  {construct.name} n={n} ({size:,} bytes): "
                + ", ".join(f"{s} {cells[s][-1]}" for s in stages),
                file=sys.stderr,
                flush=True,
            )
        # The limit itself, measured (a slope read off small sizes says little about 8 MB: fixed
        # costs flatten it, a budget that runs out bends it).
        at_limit: dict[str, object] = {}
        if not construct.levels and gave_up["core"] is None and sizes[-1] < (LIMIT - 4096) * 0.9:
            live = [s for s in stages if gave_up[s] is None]
            size, at_limit = measure(construct, LIMIT - 4096, live, timeout)
            for s in stages:
                result = at_limit.get(s)
                if isinstance(result, tuple) and isinstance(result[0], float):
                    warned[s] += int(result[1])
            print(
                f"  {construct.name} at the limit ({size:,} bytes): "
                + ", ".join(f"{s} {_cell(at_limit.get(s), timeout)}" for s in stages),
                file=sys.stderr,
                flush=True,
            )
        for s in stages:
            rows.append(
                [
                    construct.name,
                    s,
                    f"{sizes[0]:,} levels" if construct.levels else _bytes(sizes[0]),
                    *cells[s],
                    *summarise(construct, points[s], gave_up[s], timeout, at_limit.get(s)),
                    str(warned[s]),
                ]
            )
            rows[-1].append(_verdict(construct, rows[-1]))
    return rows


def _cell(result: object, timeout: float) -> str:
    if isinstance(result, tuple) and isinstance(result[0], float):
        return f"{result[0]:.3g} s"
    if result == ("timeout",):
        return f"> {timeout:g} s"
    why = str(result[1]) if isinstance(result, tuple) and len(result) > 1 else str(result)
    return "-" if result is None else f"failed: {'out of memory' if 'Memory' in why else why[:40]}"


def summarise(
    construct: Construct,
    points: list[tuple[int, float]],
    gave_up: tuple[int, float] | None,
    timeout: float,
    at_limit: object = None,
) -> tuple[str, str]:
    """The growth (exponent in size over n..8n, or factor per nesting level) and the time at the
    8 MB limit: measured when it was (`at_limit`), else extrapolated from the largest size. A
    size that timed out makes both lower bounds ("> ...")."""
    usable = [(n, t) for n, t in points if t >= 0.01]
    bound = ">" if gave_up is not None else ""
    if construct.levels:
        pair = [usable[-1], gave_up] if gave_up is not None and usable else usable[-2:]
        if len(pair) < 2 or pair[0][0] == pair[1][0]:
            return (f"{bound}?", "n/a (levels)")
        (n1, t1), (n2, t2) = pair
        return (f"{bound}x{(t2 / t1) ** (1 / (n2 - n1)):.2g}/level", "n/a (levels)")
    slope = exponent(usable if len(usable) >= 2 else points)
    if gave_up is not None and points:
        low = exponent([points[-1], gave_up])
        slope = max(slope or 0.0, low or 0.0)
    growth = "?" if slope is None else f"{bound}{slope:.2f}"
    if at_limit is not None:
        return growth, _cell(at_limit, timeout) + " (measured)"
    if not points:
        return growth, f"> {timeout:g} s"
    last_size, last_time = points[-1]
    if last_size >= LIMIT * 0.95 and not bound:
        return growth, f"{last_time:.3g} s"
    return growth, f"{bound}{last_time * (LIMIT / last_size) ** max(slope or 1.0, 1.0):.3g} s"


def _verdict(construct: Construct, row: list[str]) -> str:
    growth, at_limit, warned = row[-3], row[-2], row[-1] != "0"
    bounded = growth.startswith(">")
    if "-" in row[3:7]:
        return "core did not finish"
    if construct.levels:
        times = [c for c in row[3:7]]
        fast = all(c.endswith(" s") and not c.startswith(">") and float(c.split()[0]) <= 0.1 for c in times)
        factor = float(growth.lstrip(">x").split("/")[0]) if "x" in growth else 0.0
        return "ok (ms)" if fast else ("EXPONENTIAL" if bounded or factor > 1.5 else "slow")
    try:
        seconds = float(at_limit.lstrip("> ").split()[0])
    except ValueError:
        seconds = math.inf
    fast = seconds <= 2 and not bounded
    if growth == "?":
        return "one size only" + ("" if fast else ", > 2 s at 8 MB")
    linear = not bounded and float(growth) <= 1.3
    if fast and linear:
        return "ok"
    problems = [p for p, bad in (("super-linear", not linear), ("> 2 s at 8 MB", not fast)) if bad]
    return ", ".join(problems) + (" (warned: degraded)" if warned else "")


def _bytes(size: int) -> str:
    return f"{size / (1 << 20):g} MB" if size >= 1 << 20 else f"{size / 1024:g} KB"


HEADER = ["construct", "stage", "n", "n", "2n", "4n", "8n", "exponent", "at 8 MB", "warned", "verdict"]


def table(rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(r[i])) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    return "\n".join(
        "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) for row in [HEADER, *rows]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per stage and size")
    parser.add_argument("--only", help="comma-separated construct names (substrings)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the byte sizes (not levels)")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown to this file")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.child[2].split(","))
        return 0
    chosen = CONSTRUCTS
    if args.only:
        wanted = [w.strip() for w in args.only.split(",")]
        chosen = [c for c in CONSTRUCTS if any(w in c.name for w in wanted)]
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    rows = run(chosen, args.timeout, args.scale)
    # Other work on the machine slows every time alike; the exponents suffer least from it.
    note = (
        f"{len(chosen)} constructs in {time.perf_counter() - started:.0f} s; timeout {args.timeout:g} s per "
        f"stage; load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end "
        f"({os.cpu_count()} CPUs)"
    )
    print(table(rows, markdown=False) + "\n\n" + note)
    if args.markdown:
        args.markdown.write_text(table(rows, markdown=True) + "\n\n" + note + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

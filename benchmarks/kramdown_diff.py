"""Differential run against kramdown itself: N generated documents, divergences by class, coverage.

    python benchmarks/kramdown_diff.py [N] [--seed S] [--jobs J] [--markdown FILE]

Every document (tests/kramdown_diff/generator.py; N up to 100,000, default 2,000) is converted by
kramdown with Jekyll's settings (one Ruby process per worker, batches of 100) and by
`render_markdown`, and compared as tests/kramdown_diff/compare.py does. Each divergent document is
shrunk to minimal repros (lines, then words, while the difference persists) and counted under the
class of each repro. Prints the count of divergent documents, each class with its count and its most
frequent repros (smallest of each shape, with kramdown's HTML and ours), whether the test's
KNOWN_DIVERGENCES lists it, and how many documents exercised each construct. The report is
Markdown; --markdown also writes it to FILE. Results do not depend on --jobs.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.kramdown_diff.compare import DELIBERATE, Differ, Divergence  # noqa: E402
from tests.kramdown_diff.generator import CONSTRUCTS, constructs_in, document  # noqa: E402
from tests.kramdown_diff.kramdown_process import Kramdown, kramdown_missing  # noqa: E402
from tests.kramdown_diff.test_kramdown_diff import KNOWN_DIVERGENCES  # noqa: E402

BATCH = 100
VARIANTS = 3  # examples shown per class: its most frequent distinct shapes


@dataclass
class Example:
    count: int
    repro: str
    divergence: Divergence


@dataclass
class Findings:
    summary: str = ""
    divergent: int = 0
    #: class -> documents with a divergence of that class
    classes: Counter[str] = field(default_factory=Counter)
    #: class -> shape (aspects and constructs of the repro) -> its smallest example
    examples: dict[str, dict[tuple[object, ...], Example]] = field(default_factory=dict)
    coverage: Counter[str] = field(default_factory=Counter)


Explained = list[tuple[str, str, Divergence]]
_differ: Differ | None = None  # one per process, with its own kramdown


def _explain_batch(job: tuple[int, int, int]) -> tuple[Counter[str], list[Explained]]:
    """Coverage of documents first..last-1 and, per divergent document, its classes with repros."""
    global _differ
    if _differ is None:
        _differ = Differ(Kramdown().convert)
    seed, first, last = job
    texts = [document(seed, index) for index in range(first, last)]
    coverage: Counter[str] = Counter()
    for text in texts:
        coverage.update(constructs_in(text))
    explained = [
        _differ.explain(text)
        for text, divergence in zip(texts, _differ.check(texts), strict=True)
        if divergence is not None
    ]
    _differ.forget()
    return coverage, explained


def run(count: int, seed: int, jobs: int) -> Findings:
    found = Findings()
    started = time.perf_counter()
    batches = [(seed, first, min(first + BATCH, count)) for first in range(0, count, BATCH)]
    with multiprocessing.Pool(jobs) if jobs > 1 else contextlib.nullcontext() as pool:
        results = pool.imap(_explain_batch, batches) if pool else map(_explain_batch, batches)
        for (_, _, last), (coverage, explained) in zip(batches, results, strict=True):
            found.coverage.update(coverage)
            found.divergent += len(explained)
            for document_explained in explained:
                for name in {name for name, _, _ in _record(found, document_explained)}:
                    found.classes[name] += 1
            print(
                f"  {last}/{count} documents, {found.divergent} divergent, "
                f"{time.perf_counter() - started:.0f} s",
                file=sys.stderr,
                flush=True,
            )
    with Kramdown() as kramdown:
        version = kramdown.version
    seconds = time.perf_counter() - started
    found.summary = f"kramdown {version}, seed {seed}, {count} documents, {seconds:.0f} s"
    return found


def _record(
    found: Findings, explained: list[tuple[str, str, Divergence]]
) -> list[tuple[str, str, Divergence]]:
    for name, repro, divergence in explained:
        shape = (divergence.aspects, *constructs_in(repro))
        variants = found.examples.setdefault(name, {})
        known = variants.get(shape)
        if known is None:
            variants[shape] = Example(1, repro, divergence)
        else:
            known.count += 1
            if len(repro) < len(known.repro):
                known.repro, known.divergence = repro, divergence
    return explained


def report(count: int, seed: int, jobs: int) -> str:
    found = run(count, seed, jobs)
    fence = "```"
    share = 100 * found.divergent / max(count, 1)
    out = [
        f"# Divergences from kramdown\n\n{found.summary}: **{found.divergent} divergent documents "
        f"({share:.1f}%)** in {len(found.classes)} classes (a document counts once per class it shows).\n"
    ]
    descriptions = {name: text for name, text, _ in CONSTRUCTS}
    for name, number in found.classes.most_common():
        listed = "in KNOWN_DIVERGENCES" if name in KNOWN_DIVERGENCES else "NEW: not in KNOWN_DIVERGENCES"
        out.append(
            f"## {name}: {number} documents ({listed})\n\n"
            f"{KNOWN_DIVERGENCES.get(name) or descriptions.get(name, '')}\n"
        )
        variants = sorted(found.examples[name].values(), key=lambda e: (-e.count, len(e.repro)))
        for example in variants[:VARIANTS]:
            d = example.divergence
            differences = "\n".join(
                f"{aspect}: kramdown {a!r} / ours {b!r}"
                for aspect in d.aspects
                for a, b in [d.first_difference(aspect)]
            )
            ours = d.our_html.strip() or str(d.ours)
            out.append(
                f"Repro ({example.count} of {sum(e.count for e in variants)} repros of this class):\n\n"
                f"{fence}\n{example.repro}{fence}\n\n{fence}\n{differences}\n{fence}\n\n"
                f"kramdown:\n\n{fence}html\n{d.kramdown_html.strip()}\n{fence}\n\n"
                f"ours:\n\n{fence}html\n{ours}\n{fence}\n"
            )
    stale = sorted(set(KNOWN_DIVERGENCES) - set(found.classes))
    if stale:
        out.append(f"KNOWN_DIVERGENCES entries not seen in this run: {', '.join(stale)}\n")
    out.append("## Coverage (documents exercising each construct)\n")
    out += [f"- {name}: {found.coverage[name]} ({text})" for name, text, _ in CONSTRUCTS]
    out.append("\n## Deliberate differences (not counted)\n")
    out += [f"- {name}: {text}" for name, text in DELIBERATE.items()]
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=2000, help="documents (at most 100,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (each with its own kramdown)")
    parser.add_argument("--markdown", type=Path, help="also write the report as Markdown to this file")
    args = parser.parse_args()
    reason = kramdown_missing()
    if reason:
        print(f"cannot run: {reason}", file=sys.stderr)
        return 2
    count = max(1, min(args.count, 100_000))
    text = report(count, args.seed, max(1, args.jobs))
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

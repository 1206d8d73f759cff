"""kramdown itself (Ruby, GFM input, Jekyll's settings) as one long-lived process for many documents."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence

#: Jekyll's kramdown defaults (lib/jekyll/configuration.rb, "kramdown" => {...}) as Jekyll passes them
#: (string keys, string values: kramdown's Options.merge parses them), plus what Jekyll's KramdownParser
#: adds: the math engine (kramdown's default, mathjax) and the syntax highlighter, which is nil here
#: because we colour code with Pygments, not Rouge (the <pre> is compared by its text only).
JEKYLL_OPTIONS = {
    "auto_ids": True,
    "toc_levels": "1..6",
    "entity_output": "as_char",
    "smart_quotes": "lsquo,rsquo,ldquo,rdquo",
    "input": "GFM",
    "hard_wrap": False,
    "footnote_nr": 1,
    "show_warnings": False,
    "math_engine": "mathjax",
    "syntax_highlighter": None,
    "syntax_highlighter_opts": {"guess_lang": True},
}

# One request per line on stdin: a JSON array of Markdown texts; one reply line: the array of HTML
# (a conversion that raises gives "\0ERROR: message", which no HTML contains).
_SERVER = r"""
require "json"
require "kramdown"
require "kramdown-parser-gfm"
$stdin.set_encoding("UTF-8")
$stdout.set_encoding("UTF-8")
$stdout.sync = true
options = JSON.parse(ARGV[0])
$stdout.puts "ready #{Kramdown::VERSION}"
$stdin.each_line do |line|
  out = JSON.parse(line).map do |text|
    Kramdown::Document.new(text, options).to_html
  rescue StandardError => e
    "\0ERROR: #{e.class}: #{e.message}"
  end
  $stdout.puts JSON.generate(out)
end
"""


def kramdown_missing() -> str | None:
    """Why kramdown cannot run here, or None when it can."""
    ruby = shutil.which("ruby")
    if ruby is None:
        return "ruby is not installed (Debian: apt-get install ruby-kramdown ruby-kramdown-parser-gfm)"
    probe = subprocess.run(
        [ruby, "-e", 'require "kramdown"; require "kramdown-parser-gfm"; print Kramdown::VERSION'],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if probe.returncode != 0:
        return "kramdown or kramdown-parser-gfm is missing for Ruby (Debian: ruby-kramdown ruby-kramdown-parser-gfm)"
    return None


class Kramdown:
    """A Ruby process converting batches of documents; use as a context manager."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            ["ruby", "-e", _SERVER, json.dumps(JEKYLL_OPTIONS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        assert self._process.stdout is not None
        greeting = self._process.stdout.readline()
        if not greeting.startswith("ready"):
            self.close()
            raise RuntimeError(f"kramdown did not start: {greeting!r}")
        self.version = greeting.split()[1]

    def convert(self, texts: Sequence[str]) -> list[str]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps(list(texts)) + "\n")
        self._process.stdin.flush()
        reply = self._process.stdout.readline()
        if not reply:
            raise RuntimeError("kramdown exited")
        result: list[str] = json.loads(reply)
        return result

    def close(self) -> None:
        if self._process.stdin:
            self._process.stdin.close()
        self._process.wait(timeout=30)
        if self._process.stdout:
            self._process.stdout.close()

    def __enter__(self) -> Kramdown:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

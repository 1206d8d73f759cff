"""Coverage-guided fuzzing of load + render + find with atheris (libFuzzer for Python).

    .venv/bin/pip install atheris        # a benchmark tool, not a dependency of the app
    python benchmarks/fuzz.py -max_total_time=600 [--seeds DIR ...] [libFuzzer flags] [DIR|FILE ...]

Each input is a post file, written into a small Jekyll site of our own (`_config.yml`, `_posts/`)
in a temporary folder and read as the app reads it: `load_post` (size limit, decoding, front
matter, the site's settings), `render_post` (the one Markdown pass giving HTML, outline and links),
then `find_in_post` as `note-viewer find` runs it, with queries taken from the input: a word of
the rendered text (which must then be found: a check, not only a smoke test), a run of Hangul
syllables, its initial consonants (초성, ㅋㄹ when there is no Hangul) and the same syllables
still being composed by an input method. `PostError` (a post the app refuses with a message) is
the only exception allowed; any other exception is a crash. libFuzzer's own checks do the rest:
`-timeout=2` (an input taking over 2 s is a hang) and `-rss_limit_mb=1024` unless given.

The coverage is that of `viewer`, `markdown` and `yaml` (instrumented on import). The inputs it
finds go to `--corpus` (default /tmp/note-viewer-fuzz/corpus), crashes/hangs to
`/tmp/note-viewer-fuzz/artifacts/`. Built-in seed posts (Korean front matter, nested `*`/`+`/`-`
bullets, bare SlideShare/YouTube URLs, fences, tables, math, Liquid, IALs, HTML blocks,
footnotes) are written to a seed folder at start; `--seeds DIR` adds more (e.g. a folder of real
posts you are allowed to read; they are only read, never copied into the corpus by us).

libFuzzer flags pass through: `-max_total_time=N`, `-runs=N`, `-fork=1 -ignore_crashes=1
-ignore_timeouts=1 -ignore_ooms=1` (keep going past a finding), `-jobs=N` (each job writes its
own fuzz-N.log, where its cov/ft lines are; the CPU seconds printed here are still all of them).
Give files instead of folders to re-run inputs (a crash file, say). The script runs the fuzzer
as a child process and prints at the end: runs executed, CPU seconds (the child's and its own
children's), exec/s, the last `cov:`/`ft:`/corpus figures, and the crash/timeout/oom files found
in this run.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve()
WORK = Path(os.environ.get("NOTE_VIEWER_FUZZ_DIR", "/tmp/note-viewer-fuzz"))
DEFAULT_FLAGS = {"-timeout": "2", "-rss_limit_mb": "1024"}
POST_NAME = "2024-03-05-퍼즈-노트.md"

_SEED_TEXTS = {
    "nested-bullets.md": """---
layout: post
title: "클라우드 네이티브 컨퍼런스 정리"
date: 2024-03-05 10:00:00 +0900
categories: [회고, 컨퍼런스]
tags: 쿠버네티스 클라우드 DevOps
---

# 첫째 날

* 키노트: 클라우드 네이티브의 현재
  + 발표자료: https://www.slideshare.net/someone/cloud-native-2024
  + 영상: https://www.youtube.com/watch?v=dQw4w9WgXcQ
    - 컨테이너 오케스트레이션
      * 쿠버네티스 **스케줄러** 이야기
      * `kubectl get pods` 로 확인
    - 서비스 메시
* 두 번째 세션
  1. 관측 가능성
     - 로그, 메트릭, 트레이스
  2. 비용 최적화

## 둘째 날 {#day-two}

- 점심 이후
  - 발표 <https://youtu.be/abcdefghijk>
  - [슬라이드](https://www.slideshare.net/deck/slides "제목")
""",
    "code-table-math.md": """---
title: 알고리즘 공부 노트
date: '2023-11-20'
category: 공부
tags: [알고리즘, 파이썬]
---

코드 예제:

```python
def 피보나치(n):
    return n if n < 2 else 피보나치(n - 1) + 피보나치(n - 2)
```

{% highlight ruby linenos %}
puts "안녕하세요"
{% endhighlight %}

| 이름 | 시간 복잡도 |
|:-----|-----------:|
| 정렬 | $$O(n \\log n)$$ |
| 탐색 | `O(log n)` |

$$
\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}
$$

인라인 수식 $$a^2 + b^2 = c^2$$ 입니다.
{: .note #math-para}

    들여쓴 코드 블록
""",
    "html-footnotes.md": """---
title: "HTML과 각주"
date: 2022-01-15T09:30:00+09:00
tags:
  - 웹
  - 마크다운
---
* TOC
{:toc}

<div class="video">
<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560"></iframe>
</div>

본문에 각주가 있습니다[^1]. 두 번째 각주[^노트].

<details markdown="1">
<summary>펼치기</summary>

* 숨은 목록 *강조*
</details>

> 인용문 안의 목록
> - 하나
> - 둘

[^1]: 첫 번째 각주 내용.
[^노트]: 한글 이름의 각주, <a href="https://github.com/user/repo">저장소</a>.

*[HTML]: Hyper Text Markup Language
""",
    "liquid-ial.md": """---
title: Liquid 와 속성 목록
---
{% raw %}{{ 그대로 }}{% endraw %}
{{ page.title }} 은 {{ site.title }} 에 있습니다.
이전 글: [다른 글]({% post_url 2023-01-01-다른-글 %})
{% include 없는파일.html %}

### 정의 목록
용어
: 정의입니다

{::comment}
주석
{:/comment}

항목 -- 대시 --- "따옴표" 와 '작은따옴표' ...
{: .lead}

+ 더하기 목록
+ 두 번째
   + 세 칸 들여쓰기

***

1) 괄호 번호
2) 두 번째
""",
}
SEEDS = {name: text.encode() for name, text in _SEED_TEXTS.items()} | {
    "cp949-no-front-matter.md": "# 제목 없음\n\n* 한글 목록\n  * 하위 https://slideshare.net/a/b\n".encode(
        "cp949"
    ),
    "bom-crlf.md": "\ufeff---\r\ntitle: 윈도우\r\n---\r\n* 가\r\n  + 나\r\n".encode(),
}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        return _child(argv[1:])
    seeds: list[str] = []
    corpus = WORK / "corpus"
    passed: list[str] = []
    rest = iter(argv)
    for arg in rest:
        if arg == "--seeds":
            seeds.append(next(rest))
        elif arg == "--corpus":
            corpus = Path(next(rest))
        else:
            passed.append(arg)
    flags = [a for a in passed if a.startswith("-")]
    inputs = [a for a in passed if not a.startswith("-")]
    for name, value in DEFAULT_FLAGS.items():
        if not any(a.startswith(name + "=") for a in flags):
            flags.append(f"{name}={value}")
    artifacts = WORK / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    if not any(a.startswith("-artifact_prefix=") for a in flags):
        flags.append(f"-artifact_prefix={artifacts}/")
    if not inputs:  # fuzz: new inputs go to the first folder, the others are only read
        corpus.mkdir(parents=True, exist_ok=True)
        seed_dir = WORK / "seeds"
        _write_seeds(seed_dir)
        inputs = [str(corpus), str(seed_dir), *seeds]
    before = _findings(artifacts)
    log = WORK / f"fuzz-{time.strftime('%Y%m%d-%H%M%S')}.log"
    start = time.monotonic()
    child = [sys.executable, str(HERE), "--child", *flags, *inputs]
    print("running:", " ".join(child), f"(log: {log})", file=sys.stderr, flush=True)
    with (
        log.open("w") as out,
        subprocess.Popen(child, stderr=subprocess.PIPE, text=True, errors="replace") as p,
    ):
        assert p.stderr is not None
        for line in p.stderr:
            out.write(line)
            sys.stderr.write(line)
    wall = time.monotonic() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    _report(log.read_text(), usage.ru_utime + usage.ru_stime, wall, _findings(artifacts) - before, corpus)
    return p.returncode


def _write_seeds(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in SEEDS.items():
        (folder / name).write_bytes(data)


def _findings(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.split("-")[0] in ("crash", "timeout", "oom", "leak")}


# libFuzzer's status lines: '#4096\tpulse  cov: 1234 ft: 5678 corp: 90/12Kb ... exec/s: 120 rss: 150Mb'
# and, with -fork, '#4096: cov: 1234 ft: 5678 corp: 90 exec/s: 120 oom/timeout/crash: 0/0/1 time: 60s'.
_STATUS = re.compile(r"^#(\d+)\D.*?cov: (\d+) ft: (\d+) corp: (\d+)")
_DONE = re.compile(r"^Done (\d+) runs in (\d+) second")


def _report(log: str, cpu: float, wall: float, found: set[str], corpus: Path) -> None:
    runs = cov = ft = corp = 0
    for line in log.splitlines():
        if status := _STATUS.match(line):
            runs, cov, ft, corp = (int(g) for g in status.groups())
        elif done := _DONE.match(line):
            runs = int(done.group(1))
    # In fork mode the '#N' lines count the runs of all jobs; 'Done' only appears without it.
    files = sum(1 for p in corpus.iterdir()) if corpus.is_dir() else 0
    print(
        f"\nfuzz figures: {runs} runs in {wall:.0f} s wall, {cpu:.0f} CPU s "
        f"({runs / cpu if cpu else 0:.0f} runs per CPU s); cov: {cov} ft: {ft} corpus: {corp} "
        f"({files} files in {corpus}); new findings: {len(found)}",
        file=sys.stderr,
    )
    for name in sorted(found):
        print(f"  {WORK / 'artifacts' / name}", file=sys.stderr)


def _child(args: list[str]) -> int:
    import atheris
    import charset_normalizer  # noqa: F401  (not ours: imported before instrumentation)

    with atheris.instrument_imports(include=["viewer", "markdown", "yaml"]):
        from viewer.core.document import PostError, load_post
        from viewer.core.render import render_post
        from viewer.core.search import Matcher, SearchOptions, find_in_post, text_blocks

    site = Path(tempfile.mkdtemp(prefix="note-viewer-fuzz-"))
    (site / "_posts").mkdir()
    (site / "_config.yml").write_text("title: 퍼즈 블로그\nbaseurl: /blog\nurl: https://example.org\n")
    (site / "_posts" / "2023-01-01-다른-글.md").write_text("---\ntitle: 다른 글\n---\n* 하나\n")
    post = site / "_posts" / POST_NAME
    hangul = re.compile("[\uac00-\ud7a3]{1,4}")
    word = re.compile(r"\w+")

    def one_input(data: bytes) -> None:
        post.write_bytes(data)
        try:
            rendered = render_post(load_post(post))
        except PostError:
            return  # refused with a message for the user: that is the app's answer
        # The words a reader sees (NFC, as an input method types them), whole ones for 'whole word'.
        blocks = [unicodedata.normalize("NFC", block.text) for block in text_blocks(rendered.html)]
        words = [w for text in blocks for w in word.findall(text) if 2 <= len(w) <= 12]
        options = SearchOptions(match_case=bool(len(data) & 1), whole_word=bool(len(data) & 2))
        if words:
            query = words[len(data) % len(words)]
            if not find_in_post(rendered, Matcher(query, options)):
                raise AssertionError(f"{query!r} is in the rendered text but find does not find it")
            find_in_post(rendered, Matcher(re.escape(query), SearchOptions(regex=True)))
        syllables = hangul.search(rendered.post.source)
        korean = syllables.group() if syllables else "클라"
        initials = "".join("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"[(ord(c) - 0xAC00) // 588] for c in korean)
        find_in_post(rendered, Matcher(korean, options))
        find_in_post(rendered, Matcher(initials))
        find_in_post(rendered, Matcher(korean[:-1], composing=korean[-1]))

    # Warm up (lazy imports: Pygments lexers, charset_normalizer) so the first unit is not timed
    # with them, and check the target on the seeds.
    for data in SEEDS.values():
        one_input(data)
    atheris.Setup([_self_command(), *args], one_input)
    atheris.Fuzz()
    return 0


def _self_command() -> str:
    """argv[0] for libFuzzer: -fork and -jobs start it again as a program, so it must be one."""
    script = WORK / "run-child.sh"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{HERE}" --child "$@"\n')
    script.chmod(0o755)
    return str(script)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Pygments' regex lexers, each state's rules tried as one regular expression.

A `RegexLexer` tries a state's rules one by one at each position, in Python: about 35 failed
`match` calls a token for Python code, which made highlighting most of a code-heavy post's render
time. Joined as `rule1|rule2|…`, the same rules are tried in the same order inside the regex
engine, which takes the first alternative that matches, just as the lexer's loop does; the
engine also skips at once an alternative whose first character cannot match. The tokens are the
same; tests compare them with Pygments' own on real and random input.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from pygments.lexer import ExtendedRegexLexer, LexerContext, RegexLexer
from pygments.token import Error, Text, Whitespace, _TokenType

# The flags a group can carry for itself; rules joined must agree on the others (ASCII, …).
_SCOPED_LETTERS = {re.IGNORECASE: "i", re.MULTILINE: "m", re.DOTALL: "s", re.VERBOSE: "x"}
_SCOPED = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE
_LEADING_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
# A rule this long (a long word list, Unicode identifiers) or with a class this wide (`¡-\U0010ffff`)
# costs milliseconds to compile, and would be compiled again in every state joined with it:
# it is tried alone, as Pygments compiled it.
_LONGEST_JOINED = 2000
_WIDEST_RANGE = 2000
# A class: `[`, `^`, a `]` that is a character when first, then items up to its `]`.
_CLASS_ITEMS = re.compile(r"\[\^?(?P<items>\]?(?:\\.|[^\\\]])*)\]?", re.DOTALL)
_CLASS_CHAR = r"\\U[0-9a-fA-F]{8}|\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\\.|[^\\]"
_CLASS_RANGE = re.compile(rf"(?P<first>{_CLASS_CHAR})-(?P<last>{_CLASS_CHAR})", re.DOTALL)
_ESCAPED = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "b": "\b"}
# A verbose group inside a pattern that is not: its comments are not known to the scanner.
_SCOPED_VERBOSE = re.compile(r"\(\?[aiLmsu]*x")
# Group numbers inside a rule would change once rules are joined.
_NUMBERED_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")

Rule = tuple[Callable[..., Any], Any, Any]  # (pattern.match, token type or callback, new state)
#: One match tried at a position: a run of rules joined, with the rule each marker group ends,
#: or a rule alone.
Attempt = tuple[Callable[[str, int, int], "re.Match[str] | None"], dict[int, Rule] | None, Rule | None]


def join_rules() -> None:
    """Have every regex lexer try each state's rules joined, from now on in this process.

    It replaces the loops of `RegexLexer` and `ExtendedRegexLexer` (Ruby, …) on the classes
    themselves, as many lexers (the C family, Vim, YAML, …) call them from a loop of their own.
    Lexers with a loop that calls neither work as they did."""
    RegexLexer.get_tokens_unprocessed = _tokens  # type: ignore[method-assign,assignment]
    ExtendedRegexLexer.get_tokens_unprocessed = _extended_tokens  # type: ignore[method-assign,assignment]


def _attempts_of(lexer: RegexLexer) -> _StateAttempts:
    # A lexer's rules are compiled once for its class (RegexLexerMeta), or for its options by a
    # few lexers (Inform 7, Nemerle): they are joined once for each such table.
    rules: dict[str, Sequence[Rule]] = lexer._tokens  # type: ignore[attr-defined]
    known = _ATTEMPTS.get(id(rules))
    if known is None or known.rules is not rules:
        known = _ATTEMPTS[id(rules)] = _StateAttempts(rules)
    return known


class _StateAttempts:
    """A rule table's states as attempts. A state is joined once it has lexed 2,000 tokens in
    this process. Joining Python's main state costs about 7 ms to compile and saves about 4 µs a
    token: code shorter than that does not pay for it (the first open of a post with a few
    snippets is not made slower), and longer code soon repays it."""

    def __init__(self, rules: dict[str, Sequence[Rule]]) -> None:
        self.rules = rules  # kept, so that its id is not reused while it is a key below
        self.tokens_lexed: collections.Counter[str] = collections.Counter()
        self.joined: dict[str, tuple[Attempt, ...]] = {}
        self.alone: dict[str, tuple[Attempt, ...]] = {}

    def attempts(self, state: str) -> tuple[tuple[Attempt, ...], bool]:
        """The state's attempts for its next token, and whether they are joined for good."""
        joined = self.joined.get(state)
        if joined is not None:
            return joined, True
        self.tokens_lexed[state] += 1
        if self.tokens_lexed[state] >= _TOKENS_BEFORE_JOINING:
            self.joined[state] = _attempts(self.rules[state])
            return self.joined[state], True
        alone = self.alone.get(state)
        if alone is None:
            alone = self.alone[state] = tuple((rule[0], None, rule) for rule in self.rules[state])
        return alone, False


_TOKENS_BEFORE_JOINING = 2000

#: id of a lexer's rule table → its states as attempts.
_ATTEMPTS: dict[int, _StateAttempts] = {}


def _attempts(rules: Sequence[Rule]) -> tuple[Attempt, ...]:
    """A state's rules as the fewest attempts: each run of rules that can be joined is one."""
    attempts: list[Attempt] = []
    run: list[tuple[Rule, str]] = []
    run_flags = 0
    for rule in rules:
        pattern = getattr(rule[0], "__self__", None)
        alternative = _alternative(pattern) if isinstance(pattern, re.Pattern) else None
        flags = pattern.flags & ~_SCOPED if isinstance(pattern, re.Pattern) else 0
        if alternative is None or flags != run_flags:
            attempts.extend(_joined(run, run_flags))
            run, run_flags = [], flags
        if alternative is None:
            attempts.append((rule[0], None, rule))
        else:
            run.append((rule, alternative))
    attempts.extend(_joined(run, run_flags))
    return tuple(attempts)


def _joined(run: Sequence[tuple[Rule, str]], flags: int) -> list[Attempt]:
    alone: list[Attempt] = [(rule[0], None, rule) for rule, _ in run]
    if len(run) < 2:
        return alone
    # An empty group after each rule says which one matched (`lastindex`): it is the last group
    # to close, as the rules' own groups are made non-capturing.
    alternatives = [f"(?:{alternative})(?P<rule{number}>)" for number, (_, alternative) in enumerate(run)]
    try:
        joined = re.compile("|".join(alternatives), flags)
    except (re.error, RecursionError, OverflowError):
        return alone
    markers = {joined.groupindex[f"rule{number}"]: rule for number, (rule, _) in enumerate(run)}
    return [(joined.match, markers, None)]


def _alternative(pattern: re.Pattern[str]) -> str | None:
    """`pattern`'s source as an alternative of a joined pattern, its own flags scoped to it; None
    for a pattern whose meaning could change, or that costs more to compile again than joining
    it would save."""
    source = pattern.pattern
    if not isinstance(source, str) or pattern.groupindex or _NUMBERED_REFERENCE.search(source):
        return None
    leading = _LEADING_FLAGS.match(source)
    if leading:  # global flags must start a whole pattern: the scoped group below carries them
        source = source[leading.end() :]
    verbose = bool(pattern.flags & re.VERBOSE)
    if len(source) > _LONGEST_JOINED or (not verbose and _SCOPED_VERBOSE.search(source)):
        return None
    scanned = _without_captures(source, verbose)
    if scanned is None:
        return None
    if verbose:
        scanned += "\n"  # ends a trailing comment before the closing parenthesis
    scoped = "".join(letter for flag, letter in _SCOPED_LETTERS.items() if pattern.flags & flag)
    return f"(?{scoped}:{scanned})" if scoped else scanned


def _without_captures(source: str, verbose: bool) -> str | None:
    """`source` with its capturing groups made non-capturing, as the engine skips an alternative
    by its first character only when it does not start with a group (the rule's own pattern is
    matched again for callbacks that read its groups). None when a character class has a range
    wider than `_WIDEST_RANGE`."""
    out: list[str] = []
    position, end = 0, len(source)
    while position < end:
        char = source[position]
        if char == "\\":
            piece = source[position : position + 2]
        elif char == "[":
            opened = _CLASS_ITEMS.match(source, position)
            assert opened is not None  # it matches anything up to the class's end, if any
            if _widest_range(opened.group("items")) > _WIDEST_RANGE:
                return None
            piece = opened.group()
        elif source.startswith("(?#", position) or (verbose and char == "#"):
            comment_end = source.find(")" if char == "(" else "\n", position)
            piece = source[position : comment_end + 1 if comment_end >= 0 else end]
        elif char == "(" and not source.startswith("?", position + 1):
            out.append("(?:")
            position += 1
            continue
        else:
            piece = char
        out.append(piece)
        position += len(piece)
    return "".join(out)


def _widest_range(items: str) -> int:
    """How many characters the widest `a-z` range in a class's items spans."""
    widest = 0
    for match in _CLASS_RANGE.finditer(items):
        first, last = (_class_char(match.group(side)) for side in ("first", "last"))
        widest = max(widest, last - first)
    return widest


def _class_char(item: str) -> int:
    if not item.startswith("\\"):
        return ord(item)
    if item[1] in "xuU":
        return int(item[2:], 16)
    return ord(_ESCAPED.get(item[1], item[1]))


def _first_match(
    attempts: tuple[Attempt, ...], text: str, position: int, end: int
) -> tuple[re.Match[str], Rule, bool] | None:
    """The first rule that matches at `position`, its match, and whether that match is the rule's
    own (a rule tried alone) rather than the joined pattern's."""
    for attempt, markers, rule in attempts:
        match = attempt(text, position, end)
        if match is not None:
            alone = markers is None
            return match, rule if alone else markers[match.lastindex], alone  # type: ignore[index,return-value]
    return None


def _tokens(lexer: RegexLexer, text: str, stack: Iterable[str] = ("root",)) -> Iterator[tuple[int, Any, str]]:
    """`RegexLexer.get_tokens_unprocessed`, with a state's rules tried in fewer matches."""
    attempts_of = _attempts_of(lexer)
    position = 0
    state_stack = list(stack)
    state = state_stack[-1]
    joined = False
    while True:
        if not joined:
            attempts, joined = attempts_of.attempts(state)
        found = _first_match(attempts, text, position, len(text))
        if found is not None:
            match, (rule_match, action, new_state), alone = found
            if action is not None:
                if type(action) is _TokenType:
                    yield position, action, match.group()
                else:  # a callback reads the rule's own groups
                    yield from action(lexer, match if alone else rule_match(text, position))
            position = match.end()
            if new_state is not None:
                _enter(state_stack, new_state)
                state, joined = state_stack[-1], False
        elif position >= len(text):
            return
        else:
            if text[position] == "\n":  # a line's end that no rule takes: back to "root"
                state_stack = ["root"]
                state, joined = "root", False
                yield position, Whitespace, "\n"
            else:
                yield position, Error, text[position]
            position += 1


def _extended_tokens(
    lexer: ExtendedRegexLexer, text: str | None = None, context: LexerContext | None = None
) -> Iterator[tuple[int, Any, str]]:
    """`ExtendedRegexLexer.get_tokens_unprocessed`, with a state's rules tried in fewer matches.
    Its callbacks move the position and may change the stack: it is read where Pygments reads it."""
    attempts_of = _attempts_of(lexer)
    if not context:
        context = LexerContext(text, 0)
    else:
        text = context.text
    assert text is not None
    state = context.stack[-1]
    joined = False
    while True:
        if not joined:
            attempts, joined = attempts_of.attempts(state)
        found = _first_match(attempts, text, context.pos, context.end)
        if found is not None:
            match, (rule_match, action, new_state), alone = found
            if action is not None:
                if type(action) is _TokenType:
                    yield context.pos, action, match.group()
                    context.pos = match.end()
                else:  # it moves the position itself
                    own = match if alone else rule_match(text, context.pos, context.end)
                    yield from action(lexer, own, context)
                    if not new_state:
                        state, joined = context.stack[-1], False
            if new_state is not None:
                _enter(context.stack, new_state)
                state, joined = context.stack[-1], False
        elif context.pos >= context.end or context.pos >= len(text):
            return
        else:
            if text[context.pos] == "\n":  # a line's end that no rule takes: back to "root"
                context.stack = ["root"]
                state, joined = "root", False
                yield context.pos, Text, "\n"
            else:
                yield context.pos, Error, text[context.pos]
            context.pos += 1


def _enter(state_stack: list[str], new_state: tuple[str, ...] | int | str) -> None:
    """A rule's state change, as RegexLexer makes it."""
    if isinstance(new_state, tuple):
        for state in new_state:
            if state == "#pop":
                if len(state_stack) > 1:
                    state_stack.pop()
            elif state == "#push":
                state_stack.append(state_stack[-1])
            else:
                state_stack.append(state)
    elif isinstance(new_state, int):  # pop, keeping at least one state
        if abs(new_state) >= len(state_stack):
            del state_stack[1:]
        else:
            del state_stack[new_state:]
    elif new_state == "#push":
        state_stack.append(state_stack[-1])
    else:
        raise ValueError(f"wrong state definition: {new_state!r}")

"""Korean search: initial consonants (초성) stand for whole syllables, and the syllable an input
method is still composing matches whatever it can still become.

No dictionary is needed: a precomposed syllable is U+AC00 + (initial × 21 + medial) × 28 + final,
so the syllables that begin with one initial are one range of code points. A query is turned
into a sequence of character sets, each matching exactly one character of the text, so the
offsets of a match are those of the original text (counts and highlights need nothing else).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

SYLLABLES = 0xAC00  # 가, the first syllable; 힣 (U+D7A3) the last
PER_INITIAL, PER_MEDIAL = 21 * 28, 28
#: In the order of the syllable block (compatibility jamo, as Korean keyboards type them).
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"  # the first: no final
#: Conjoining initials (U+1100…), in the same order: NFD text and a lone one left by NFC.
CHOSEONG = 0x1100
#: The keys a compound vowel or final is typed with (the two-set layout every Korean input
#: method offers): a composing 오 may still become 와, a composing 달 닭 or 다라.
_KEYS = {
    "ㅘ": "ㅗㅏ", "ㅙ": "ㅗㅐ", "ㅚ": "ㅗㅣ", "ㅝ": "ㅜㅓ", "ㅞ": "ㅜㅔ", "ㅟ": "ㅜㅣ", "ㅢ": "ㅡㅣ",
    "ㄳ": "ㄱㅅ", "ㄵ": "ㄴㅈ", "ㄶ": "ㄴㅎ", "ㄺ": "ㄹㄱ", "ㄻ": "ㄹㅁ", "ㄼ": "ㄹㅂ", "ㄽ": "ㄹㅅ",
    "ㄾ": "ㄹㅌ", "ㄿ": "ㄹㅍ", "ㅀ": "ㄹㅎ", "ㅄ": "ㅂㅅ",
}  # fmt: skip
#: Consonant pairs Korean input methods (ibus-hangul, fcitx5-hangul) join when typed without a
#: vowel: a query ㄱㅅ typed for 감사 arrives as ㄳ.
_CLUSTERS = {cluster: keys for cluster, keys in _KEYS.items() if cluster in FINALS}
#: Clusters in one query read both ways (as themselves, and as two initials); past this many,
#: as two initials only (each doubles the alternatives).
MAX_CLUSTERS_BOTH_WAYS = 3
_BARE_JAMO = re.compile(f"[{INITIALS}{''.join(_CLUSTERS)}\u1100-\u1112]")
_HANGUL = re.compile("[\u3131-\u318e\uac00-\ud7a3\u1100-\u11ff]+")
_ANY_HANGUL = re.compile("[\u3131-\u318e\uac00-\ud7a3\u1100-\u11ff]")


def initial_of(char: str) -> str | None:
    """The initial consonant `char` begins with: a syllable's, or a bare one's own; else None."""
    code = ord(char)
    if SYLLABLES <= code <= 0xD7A3:
        return INITIALS[(code - SYLLABLES) // PER_INITIAL]
    if CHOSEONG <= code < CHOSEONG + len(INITIALS):
        return INITIALS[code - CHOSEONG]
    return char if char in INITIALS else None


@functools.cache
def _initials_table(names: str) -> dict[int, str]:
    table = {code: names[(code - SYLLABLES) // PER_INITIAL] for code in range(SYLLABLES, 0xD7A4)}
    table.update({CHOSEONG + number: name for number, name in enumerate(names)})
    table.update({ord(initial): name for initial, name in zip(INITIALS, names, strict=True)})
    return table


def initials(text: str, names: str = INITIALS) -> str:
    """`text` with every syllable and bare initial consonant replaced by its initial (written as
    the character of `names` in the same place as in `INITIALS`), the rest kept: as long as
    `text`, and initials are found in it by plain substring search."""
    return text.translate(_initials_table(names))


@dataclass(frozen=True)
class CharSet:
    """The characters one character of a query stands for: itself (`literal`) or a set of Hangul
    characters, all beginning with `initial`."""

    literal: str = ""
    #: A character class, written the same way for Python's `re` and for SQLite's GLOB.
    pattern: str = ""
    initial: str = ""
    #: The set is every character that begins with `initial` (a bare initial consonant's).
    whole_initial: bool = False


@dataclass(frozen=True)
class KoreanQuery:
    """A query with Korean matching: one of `bodies` (what is committed, read in each way it
    can be) followed by one of `tails` (what the composing syllable can still become; no tails
    when nothing is composed)."""

    bodies: tuple[tuple[CharSet, ...], ...]
    tails: tuple[tuple[CharSet, ...], ...] = ()

    def alternatives(self) -> list[tuple[CharSet, ...]]:
        """The query as sequences of character sets, any of which may match."""
        return [body + tail for body in self.bodies for tail in self.tails or [()]]


def korean_query(query: str, composing: str = "") -> KoreanQuery | None:
    """The Korean reading of `query` (NFC, already case-folded as the search wants it) with
    `composing`, the input method's uncommitted text; None when neither asks for one (no bare
    initial consonant in the query, nothing Korean being composed): ordinary search then."""
    if not is_korean_composition(composing):
        composing = ""
    if not composing and not _BARE_JAMO.search(query):
        return None
    # Some input methods keep a whole word uncommitted: all but its last syllable are typed.
    bodies: list[tuple[CharSet, ...]] = [()]
    clusters = 0
    for char in query + composing[:-1]:
        ways = _ways(char)
        clusters += len(ways) > 1
        if clusters > MAX_CLUSTERS_BOTH_WAYS:
            ways = ways[-1:]
        bodies = [body + way for body in bodies for way in ways]
    tails = tuple(_composing_tails(composing[-1])) if composing else ()
    return KoreanQuery(tuple(bodies), tails)


def has_hangul(text: str) -> bool:
    """Whether `text` holds a Hangul syllable or jamo (anything a Korean query can match)."""
    return _ANY_HANGUL.search(text) is not None


def is_korean_composition(composing: str) -> bool:
    """Whether an input method's uncommitted text is Korean (a Chinese or Japanese one holds the
    reading of words still to be converted: nothing to search for yet)."""
    return bool(composing) and _HANGUL.fullmatch(composing) is not None


def _ways(char: str) -> list[tuple[CharSet, ...]]:
    """What one query character may stand for: a consonant cluster itself, or its two initials."""
    if char in _CLUSTERS:
        return [(CharSet(literal=char),), tuple(_char_set(key) for key in _CLUSTERS[char])]
    return [(_char_set(char),)]


def _char_set(char: str) -> CharSet:
    if _BARE_JAMO.fullmatch(char) and char not in _CLUSTERS:
        initial = initial_of(char) or char
        return CharSet(pattern=_initial_class(initial), initial=initial, whole_initial=True)
    return CharSet(literal=char)


@functools.cache
def _initial_class(initial: str) -> str:
    first = SYLLABLES + INITIALS.index(initial) * PER_INITIAL
    return f"[{initial}{chr(CHOSEONG + INITIALS.index(initial))}{chr(first)}-{chr(first + PER_INITIAL - 1)}]"


def _keys(syllable: str) -> str:
    """The jamo `syllable` is typed with."""
    number = ord(syllable) - SYLLABLES
    initial, medial, final = number // PER_INITIAL, number % PER_INITIAL // PER_MEDIAL, number % PER_MEDIAL
    keys = INITIALS[initial] + _KEYS.get(MEDIALS[medial], MEDIALS[medial])
    return keys + (_KEYS.get(FINALS[final], FINALS[final]) if final else "")


@functools.cache
def _composing_tails(char: str) -> tuple[tuple[CharSet, ...], ...]:
    """What a syllable being composed may become, as text: a syllable whose keys begin with its
    keys (우 → 우, 운, 울, 워…; ㅇ → any syllable beginning with ㅇ), or, when more typing moves
    its last consonant on to the next syllable, the syllable without it and one beginning with
    it (욷 → 우드)."""
    initial = initial_of(char)
    if initial is None or not SYLLABLES <= ord(char) <= 0xD7A3:
        return tuple(_ways(char))  # a bare consonant is an initial; a bare vowel itself
    keys = _keys(char)
    first = SYLLABLES + INITIALS.index(initial) * PER_INITIAL
    codes = [code for code in range(first, first + PER_INITIAL) if _keys(chr(code)).startswith(keys)]
    tails: list[tuple[CharSet, ...]] = [(CharSet(pattern=_class(codes), initial=initial),)]
    # The last key, a consonant, may begin the next syllable (우+ㄷ+ㅡ → 우드, 닭+ㅏ → 달가).
    if keys[-1] in INITIALS and len(keys) > 2:
        before = next(
            (chr(code) for code in range(first, first + PER_INITIAL) if _keys(chr(code)) == keys[:-1]), None
        )
        if before is not None:
            tails.append((CharSet(literal=before), _char_set(keys[-1])))
    return tuple(tails)


def _class(codes: list[int]) -> str:
    """A character class of the code points (sorted), runs written as ranges."""
    parts: list[str] = []
    start = previous = codes[0]
    for code in [*codes[1:], -1]:
        if code != previous + 1:
            parts.append(chr(start) if start == previous else f"{chr(start)}-{chr(previous)}")
            start = code
        previous = code
    return f"[{''.join(parts)}]"

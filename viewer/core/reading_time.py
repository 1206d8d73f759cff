"""How long a post (or a branch of it) takes to read, and how much there is in it.

Korean is read by the character (about 500 a minute), English by the word (about 230 a
minute); a post mixing both is timed by adding the two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from viewer.core.outline import OutlineNode, walk

KOREAN_CHARACTERS_PER_MINUTE = 500
WORDS_PER_MINUTE = 230
#: Hangul (syllables, jamo) and the CJK characters Korean text also uses, read by the character.
_WIDE = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class TextCounts:
    """How much there is to read in a text, and how long it takes."""

    headings: int
    items: int
    words: int
    #: Hangul and CJK characters, read one by one.
    characters: int
    minutes: float

    @property
    def rounded_minutes(self) -> int:
        """Whole minutes, at least one for any text."""
        return max(1, round(self.minutes)) if self.words else 0


def text_counts(text: str) -> TextCounts:
    """Counts of `text` (what the reader sees); headings and items come from its outline
    (`with_outline`)."""
    words = text.split()
    # Hangul and CJK counted by removing them: one string made, not one per character.
    characters = len(text) - len(_WIDE.sub("", text))
    # A word holding Hangul is counted in characters; the others by the word.
    other_words = sum(1 for word in words if _WORD.search(word) and not _WIDE.search(word))
    minutes = characters / KOREAN_CHARACTERS_PER_MINUTE + other_words / WORDS_PER_MINUTE
    return TextCounts(0, 0, len(words), characters, minutes)


def with_outline(counts: TextCounts, outline: tuple[OutlineNode, ...]) -> TextCounts:
    """`counts` of a text, with the headings and items of `outline` (the text's own)."""
    kinds = [node.kind for _, node in walk(outline)]
    return replace(counts, headings=kinds.count("heading"), items=kinds.count("item"))

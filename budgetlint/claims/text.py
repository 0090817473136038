"""Normalised narrative text with a map back to the original offsets.

Claims are found in a folded copy of the paragraph: full-width forms become
ASCII (NFKC), and what carries no meaning for the numbers is dropped —
whitespace (wrapping, OCR spaces inside numbers: ``421. 29``), markdown bold
(``**0**``), HTML tags (``<sup>2</sup>``) and quotes (``“三公”经费``). Each
character of the folded text remembers its offset in the original, so a
claim can still ask ``Paragraph.provenance_at`` for its line.
"""

from __future__ import annotations

import re
import unicodedata
from msgspec import Struct

_TAG_RE = re.compile(r"</?[A-Za-z][^<>]{0,40}>")
_DROP = set("*“”\"'‘’「」『』`")


class Folded(Struct, frozen=True):
    """Text folded for matching, with where each character came from."""

    text: str
    offsets: list[int]  # offsets[i] = offset in the original text of folded char i

    def origin(self, i: int) -> int:
        """Original offset of folded position ``i`` (clamped)."""
        if not self.offsets:
            return 0
        return self.offsets[max(0, min(i, len(self.offsets) - 1))]


def fold_text(original: str) -> Folded:
    """Fold ``original`` for matching; see the module docstring."""
    out: list[str] = []
    offsets: list[int] = []
    i = 0
    n = len(original)
    while i < n:
        ch = original[i]
        if ch == "<":
            m = _TAG_RE.match(original, i)
            if m:
                i = m.end()
                continue
        if ch.isspace() or ch in _DROP:
            i += 1
            continue
        folded = unicodedata.normalize("NFKC", ch)
        for c in folded:
            if c.isspace() or c in _DROP:
                continue
            out.append(c)
            offsets.append(i)
        i += 1
    return Folded("".join(out), offsets)

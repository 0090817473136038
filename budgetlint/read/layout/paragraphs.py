"""Narrative of the layout export: printed lines joined back into paragraphs.

The export wraps the narrative at a fixed width (which varies by section), so a line
that is about as wide as its neighbours was wrapped and the next one continues it; a
clearly shorter line ends its paragraph; a heading (一、 / （二） / 1.) stands alone.
Each paragraph keeps a span per printed line (offset → source line).
"""

from __future__ import annotations

import re

from budgetlint.model import RawParagraph
from budgetlint.read.heuristics import BARE_PAGE_NUMBER_RE, CLAUSE_END, RUN_ON_END, display_width
from budgetlint.read.layout.lines import HEADING_RE, Context, Line, is_skippable

# The wrap width near a line is read from the lines around it, this many on either side …
WRAP_WINDOW_LINES = 8
# … when there are at least this many; with fewer, wrapped lines cannot be told from short ones.
WRAP_MIN_LINES = 5
# A full (wrapped) line is at least this share of the second-widest line nearby (the widest
# may be an outlier; a wrapped line stops short by a character or a punctuation mark).
FULL_LINE_SHARE = 0.88
# A line narrower than this share of a full line, ending without punctuation, is a title or a
# label (titles print in a larger font: fewer characters, yet they end their paragraph).
SHORT_LINE_SHARE = 0.6


def paragraphs(ctx: Context, lines: list[Line]) -> list[RawParagraph]:
    """The paragraphs of the lines between tables."""
    # Outside tables a line holding only a small integer is a page number ("16").
    content = [ln for ln in lines if not is_skippable(ln) and not BARE_PAGE_NUMBER_RE.fullmatch(ln.text)]
    if not content:
        return []
    widths = [display_width(ln.text) for ln in content]
    groups: list[list[Line]] = [[content[0]]]
    for k in range(1, len(content)):
        prev, cur = content[k - 1], content[k]
        if _continues(prev.text, cur.text, _full_width(widths, k - 1)):
            groups[-1].append(cur)
        else:
            groups.append([cur])
    out: list[RawParagraph] = []
    for g in groups:
        text, spans = "", []
        for ln in g:
            spans.append((len(text), ctx.prov(ln.no, ln.text)))
            text += ln.text
        out.append(
            RawParagraph(
                text=text,
                spans=spans,
                provenance=ctx.prov(g[0].no, None, end_line=g[-1].no if len(g) > 1 else None),
            )
        )
    return out


def _full_width(widths: list[int], k: int, window: int = WRAP_WINDOW_LINES) -> float:
    """What counts as a full (wrapped) line near line ``k``: the wrap width varies by section."""
    near = sorted(widths[max(0, k - window) : k + window + 1])
    if len(near) < WRAP_MIN_LINES:
        return float("inf")  # too little text to tell wrapped lines from short ones
    return near[-2] * FULL_LINE_SHARE


def _is_heading(text: str, full_width: float) -> bool:
    """A line that opens a section or item, is shorter than a full line and does not run on."""
    return bool(HEADING_RE.match(text)) and display_width(text) < full_width and text[-1] not in RUN_ON_END


def _continues(prev: str, cur: str, full_width: float) -> bool:
    """Does line ``cur`` continue the paragraph that ``prev`` belongs to?

    Wrapping happens only on full lines, so a clearly short line ends its
    paragraph (a heading, a title, a last line) unless it stops mid-sentence
    at nearly full width (titles print in a larger font: fewer characters).
    """
    if _is_heading(prev, full_width):
        return False
    if (
        prev[-1] not in CLAUSE_END
        and prev[-1] not in RUN_ON_END
        and display_width(prev) < SHORT_LINE_SHARE * full_width
    ):
        return False
    if HEADING_RE.match(cur):
        # An item marker starts a new paragraph unless prev stopped mid-number or mid-sentence
        # in a way that makes the marker a fragment ("决算数 5" + "6.94 万元" is not an item).
        if re.match(r"^\d", cur) and re.search(r"[\d.]$", prev):
            return True
        return prev[-1] not in CLAUSE_END and display_width(prev) >= full_width
    if prev[-1] not in CLAUSE_END:
        return True
    return display_width(prev) >= full_width

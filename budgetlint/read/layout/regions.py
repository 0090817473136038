"""Where the tables are: the line ranges of the layout export that hold a table.

A grid table (公开NN表) starts at its title, the line above its ``公开NN表`` marker (or
at the marker when the title is printed elsewhere); a vertical table (项目自评表, one
cell per line) at its title when a unit line follows. A table runs on through its
notes and stops at the next section, at prose, or where the next table starts.
"""

from __future__ import annotations

from budgetlint.read.heuristics import WRAPPED_NOTE_RE, display_width
from budgetlint.read.layout.lines import (
    HEADING_RE,
    SECTION_RE,
    TABLE_MARKER_RE,
    UNIT_LINE_RE,
    Line,
    is_code,
    is_number,
    is_skippable,
)

# How far (in lines, blank and page-number lines included) a title is looked for above its
# 公开NN表 marker.
TITLE_LOOKBACK_LINES = 4
# Longest line read as a table title: a title prints on one short line.
TITLE_MAX_CHARS = 40
# Longest title of a vertical table (…项目支出绩效自评表), and how near its unit line
# (单位：万元, at most UNIT_LINE_MAX_CHARS long) and a second title line above it must be.
VERTICAL_TITLE_MAX_CHARS = 30
VERTICAL_TITLE_LOOKAROUND_LINES = 2
UNIT_LINE_MAX_CHARS = 20
# A vertical table's first lines (title, unit, header) may look like headings; from the
# line after these on, a heading wider than HEADING_MIN_WIDTH ends the table.
VERTICAL_HEAD_LINES = 2
HEADING_MIN_WIDTH = 6
# A grid table's first lines (title, marker, caption, header) are never prose.
GRID_HEAD_LINES = 3
# A line at least this wide (display width) with sentence punctuation is prose, not a cell.
PROSE_MIN_WIDTH = 40


def prev_content(lines: list[Line], i: int, limit: int = TITLE_LOOKBACK_LINES) -> int | None:
    """Index of the nearest content line above ``i``, looking at most ``limit`` lines up."""
    j, seen = i - 1, 0
    while j >= 0 and seen < limit:
        if not is_skippable(lines[j]):
            return j
        j -= 1
        seen += 1
    return None


def next_content(lines: list[Line], i: int, limit: int = TITLE_LOOKBACK_LINES) -> int | None:
    """Index of the nearest content line below ``i``, looking at most ``limit`` lines down."""
    j, seen = i + 1, 0
    while j < len(lines) and seen < limit:
        if not is_skippable(lines[j]):
            return j
        j += 1
        seen += 1
    return None


def looks_like_title(text: str) -> bool:
    """A short line that does not end a sentence or clause and does not start with an amount.

    The layout reader asks this only of a line in a title's place (above a 公开NN表
    marker, first in a table region), so its shape is evidence enough."""
    return 0 < len(text) <= TITLE_MAX_CHARS and text[-1] not in "。，,；;" and not is_number(text.split()[0])


def is_trailing_title(text: str) -> bool:
    """A table title printed below its table (some exports do)."""
    return looks_like_title(text) and text.endswith("表") and not WRAPPED_NOTE_RE.match(text)


def is_prose(text: str) -> bool:
    """A narrative line: sentence punctuation, no trailing amounts, wider than any cell."""
    return (
        display_width(text) >= PROSE_MIN_WIDTH and any(p in text for p in "，。；") and not is_number(text.split()[-1])
    )


def find_table_regions(lines: list[Line]) -> list[tuple[int, int, str]]:
    """(start, end, kind) index ranges of tables: 'grid' (公开NN表) or 'vertical' (自评表)."""
    starts: list[tuple[int, str]] = []
    for i, ln in enumerate(lines):
        if TABLE_MARKER_RE.match(ln.text):
            t = prev_content(lines, i)
            if t is not None and looks_like_title(lines[t].text) and not TABLE_MARKER_RE.match(lines[t].text):
                starts.append((t, "grid"))
            else:
                starts.append((i, "grid-untitled"))  # the title may follow, even after the notes
        elif ln.text.endswith("自评表") and len(ln.text) <= VERTICAL_TITLE_MAX_CHARS:
            # A vertical table: its title is followed by a unit line (单位:万元), not by prose.
            n = next_content(lines, i, VERTICAL_TITLE_LOOKAROUND_LINES)
            if n is not None and UNIT_LINE_RE.search(lines[n].text) and len(lines[n].text) <= UNIT_LINE_MAX_CHARS:
                p = prev_content(lines, i, VERTICAL_TITLE_LOOKAROUND_LINES)
                first = p if p is not None and lines[p].text.endswith("自评表") else i
                if not starts or starts[-1][0] != first:
                    starts.append((first, "vertical"))
    regions: list[tuple[int, int, str]] = []
    for k, (s, kind) in enumerate(starts):
        limit = max(starts[k + 1][0], s + 1) if k + 1 < len(starts) else len(lines)
        end = _table_end(lines, s, limit, kind)
        if regions and s < regions[-1][1]:
            continue
        regions.append((s, end, "vertical" if kind == "vertical" else "grid"))
    return regions


def _table_end(lines: list[Line], start: int, limit: int, kind: str) -> int:
    """Index after the last line of a table: notes are included, prose after them is not."""
    i = start + 1
    in_note = False
    last_note_text = ""
    while i < limit:
        t = lines[i].text
        if is_skippable(lines[i]):
            i += 1
            continue
        if SECTION_RE.match(t):
            return i
        if (
            kind == "vertical"
            and i > start + VERTICAL_HEAD_LINES
            and HEADING_RE.match(t)
            and display_width(t) > HEADING_MIN_WIDTH
            and not is_code(t)
        ):
            return i
        if (
            not in_note
            and kind != "vertical"
            and i > start + GRID_HEAD_LINES
            and not WRAPPED_NOTE_RE.match(t)
            and is_prose(t)
        ):
            return i  # narrative right after a table that printed no note
        if WRAPPED_NOTE_RE.match(t):
            in_note, last_note_text = True, t
        elif in_note:
            if last_note_text and last_note_text[-1] in "。.":
                if kind == "grid-untitled" and is_trailing_title(t):
                    return i + 1  # some exports print the title after the table
                return i  # a complete note followed by something that is not a note
            last_note_text = t
        i += 1
    return limit

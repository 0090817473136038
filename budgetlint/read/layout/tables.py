"""A grid table region: its title, caption and notes, and which printed form its body has.

The ``栏次`` row (``栏次 1 2 3 …``) tells the form and the width: one run of column
numbers is a one-sided table (``one_sided``), two runs (``栏次 1 栏次 2 3``) a two-sided
summary (``two_sided``). Without a 栏次 row, a header naming 行次 twice that a header
layout fits is two-sided too; anything else is a list of items (``items``).
"""

from __future__ import annotations

import re

from budgetlint.model import RawTable
from budgetlint.read.heuristics import WRAPPED_NOTE_RE
from budgetlint.read.layout.headers import two_sided_values
from budgetlint.read.layout.items import parse_items_table
from budgetlint.read.layout.lines import (
    CAPTION_LABEL_RE,
    INT_TOKEN_RE,
    TABLE_MARKER_RE,
    Context,
    Line,
    is_skippable,
    squash,
)
from budgetlint.read.layout.one_sided import parse_one_sided
from budgetlint.read.layout.regions import TITLE_MAX_CHARS, is_trailing_title, looks_like_title
from budgetlint.read.layout.two_sided import parse_two_sided

# The title, the 公开NN表 marker and the 部门名称/单位 lines: at most this many lines open a table.
CAPTION_MAX_LINES = 4
# A column-number run without the word 栏次 must count at least 1 … this far to be one.
BARE_COUNT_MIN = 3


def _split_caption(lines: list[Line]) -> tuple[Line | None, list[Line], list[Line], list[Line]]:
    """(title line, caption lines, body lines, note lines) of a table region.

    The title is the first leading line that is neither the 公开NN表 marker nor a
    部门名称/单位 line (the marker can be printed above or below the title).
    """
    content = [ln for ln in lines if not is_skippable(ln)]
    title: Line | None = None
    caption: list[Line] = []
    i = 0
    while i < len(content) and i < CAPTION_MAX_LINES:
        t = content[i].text
        if TABLE_MARKER_RE.match(t) or CAPTION_LABEL_RE.search(t):
            caption.append(content[i])
        elif title is None and looks_like_title(t) and "表" in t and _column_count_line([content[i]]) is None:
            title = content[i]
        else:
            break
        i += 1
    body: list[Line] = []
    notes: list[Line] = []
    for ln in content[i:]:
        if notes or WRAPPED_NOTE_RE.match(ln.text):
            notes.append(ln)
        else:
            body.append(ln)
    if title is None and notes and is_trailing_title(notes[-1].text) and len(notes) > 1:
        title = notes.pop()  # printed below the table (see regions._table_end)
    return title, caption, body, notes


def _join_notes(notes: list[Line]) -> list[str]:
    out: list[str] = []
    for ln in notes:
        if WRAPPED_NOTE_RE.match(ln.text) or not out:
            out.append(ln.text)
        else:
            out[-1] += ln.text
    return out


def count_prefix(text: str) -> int:
    """How many leading tokens of a line form a 栏次 row (``栏次 1 栏次 2 3`` or ``1 2 3 … n``).

    0 when the line is not a 栏次 row. Some exports run the first data row onto
    the 栏次 line (``栏次 1 栏次 2 一、一般公共预算财政拨款收入 1 …``); the column
    numbers are counted while they go 1, 2, 3 … and the rest is data.
    """
    toks = text.split()
    if not toks:
        return 0
    labelled = toks[0].startswith("栏次")
    expected, i = 1, 0
    while i < len(toks):
        t = toks[i]
        if t.startswith("栏次") and labelled:
            rest = t[2:]
            if rest and INT_TOKEN_RE.match(rest) and int(rest) == expected:
                expected += 1
            elif rest:
                break
        elif INT_TOKEN_RE.match(t) and int(t) == expected:
            expected += 1
        else:
            break
        i += 1
    if expected == 1 or (not labelled and (i != len(toks) or expected < BARE_COUNT_MIN)):
        return 0  # no column numbers, or a bare run of numbers that is not just 1 … n
    return i


def _column_count_line(body: list[Line]) -> int | None:
    """Index of the 栏次 line (``栏次 1 2 3`` or a bare ``1 2 3 … n`` run)."""
    for i, ln in enumerate(body):
        if count_prefix(ln.text):
            return i
    return None


def parse_table(ctx: Context, lines: list[Line]) -> RawTable | None:
    """The raw table of a grid region, in whichever printed form its body has."""
    title_line, caption, body, notes = _split_caption(lines)
    first = caption[0] if caption and (title_line is None or title_line.no > caption[0].no) else title_line
    if first is None:
        return None
    title = title_line.text if title_line else ""
    table = RawTable(
        title=squash(title) if len(title) < TITLE_MAX_CHARS else title,
        caption=[ln.text for ln in caption],
        notes=_join_notes(notes),
        provenance=ctx.prov(first.no, first.text),
    )
    k = _column_count_line(body)
    if k is None:
        two = _two_sided_without_count(ctx, body)
        if two is not None:
            start, nl, nr = two
            return parse_two_sided(ctx, table, body[:start], nl, nr, body[start:])
        return parse_items_table(ctx, table, body)
    header, count_line, data = body[:k], body[k], body[k + 1 :]
    toks = count_line.text.split()
    cut = count_prefix(count_line.text)
    if cut < len(toks):
        # First data row printed on the 栏次 line: split it off (same line number).
        data = [Line(count_line.no, " ".join(toks[cut:]))] + data
        count_line = Line(count_line.no, " ".join(toks[:cut]))
        toks = toks[:cut]
    if sum(1 for t in toks if t.startswith("栏次")) >= 2:
        parts = re.split(r"栏次", count_line.text)[1:]
        nl = len([t for t in parts[0].split() if INT_TOKEN_RE.match(t)])
        nr = sum(len([t for t in p.split() if INT_TOKEN_RE.match(t)]) for p in parts[1:])
        return parse_two_sided(ctx, table, header, nl, nr, data)
    n_values = sum(1 for t in toks if INT_TOKEN_RE.match(t))
    return parse_one_sided(ctx, table, header, data, n_values)


def _two_sided_without_count(ctx: Context, body: list[Line]) -> tuple[int, int, int] | None:
    """(first data line, left values, right values) of a two-sided table printed without 栏次.

    Recognised by 行次 twice in the header; the value counts come from the
    header layout whose words the header holds (nothing is guessed without one).
    """
    start = next((i for i, ln in enumerate(body) if any(INT_TOKEN_RE.match(t) for t in ln.text.split())), None)
    if not start:
        return None
    header_text = "\n".join(ln.text for ln in body[:start])
    if squash(header_text).count("行次") < 2:
        return None
    values = two_sided_values(ctx, header_text)
    if values is None:
        return None
    return start, 1, values - 1

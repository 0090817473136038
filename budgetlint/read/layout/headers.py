"""Header layouts: rebuilding a table header the export shredded over many lines.

A layout export breaks header cells anywhere (``附属单位上缴收`` / ``入``), so the printed
header cannot be cut into cells. A ``HeaderLayout`` is the header grid of a standard
printed table, given by the caller (the reader knows no table kinds; see
``budgetlint.recognise.header_layouts``): when all its words occur in the printed header
text and its width fits the table, its grid replaces the printed header, and every cell
says so in its provenance note.
"""

from __future__ import annotations

from msgspec import Struct

from budgetlint.model import RawCell
from budgetlint.read.layout.lines import Context, Line, squash

STACKED_LEFT = "<"  # layout cell covered by the cell on its left (horizontal merge)
STACKED_ABOVE = "^"  # layout cell covered by the cell above (vertical merge)


class HeaderLayout(Struct, frozen=True):
    """A printed header layout: its words and the grid they form."""

    name: str  # what it describes, for provenance notes only
    labels: int  # label columns (科目代码, 科目名称 / 项目, 行次) before or between values
    values: int  # value columns, as counted by the 栏次 row
    two_sided: bool  # income items on the left, expense items on the right
    rows: tuple[tuple[str, ...], ...]  # the header grid; STACKED_LEFT / STACKED_ABOVE mark merged cells
    match: tuple[str, ...]  # words that must all occur in the printed header

    @staticmethod
    def words_of(rows: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
        """Every word of a header grid (the default ``match``)."""
        return tuple(c for r in rows for c in r if c and c not in (STACKED_LEFT, STACKED_ABOVE))


def _score(layout: HeaderLayout) -> int:
    """How much of the printed header a layout accounts for: the longer its words, the better."""
    return sum(len(squash(w)) for w in set(layout.match))


def fits(layout: HeaderLayout, header_text: str) -> bool:
    """Every word of the layout occurs in the printed header (spaces and line breaks removed)."""
    text = squash(header_text)
    return all(squash(w) in text for w in layout.match)


def choose_layout(ctx: Context, header_text: str, values: int, two_sided: bool) -> HeaderLayout | None:
    """The layout whose words all occur in the printed header and whose width fits."""
    best: tuple[int, HeaderLayout] | None = None
    for t in ctx.header_layouts:
        if t.values != values or t.two_sided != two_sided:
            continue
        if not fits(t, header_text):
            continue
        score = _score(t)
        if best is None or score > best[0]:
            best = (score, t)
    return best[1] if best else None


def two_sided_values(ctx: Context, header_text: str) -> int | None:
    """Value columns of the best two-sided layout whose words the header holds, else None."""
    found = [t for t in ctx.header_layouts if t.two_sided and fits(t, header_text)]
    if not found:
        return None
    return max(found, key=_score).values


def header_rows(
    ctx: Context, header: list[Line], values: int, two_sided: bool, labels_default: int
) -> tuple[list[list[RawCell]], int]:
    """Header rows (from a matching layout, else as printed) and the label-column count."""
    header_text = "\n".join(ln.text for ln in header)
    layout = choose_layout(ctx, header_text, values, two_sided) if header else None
    if layout is None:
        return [[ctx.cell(t, ln.no) for t in ln.text.split()] for ln in header], labels_default
    first, last = header[0].no, header[-1].no
    note = f"表头按版式模板“{layout.name}”重建：原文表头被拆成多行，模板各词均在原文中出现"
    rows: list[list[RawCell]] = []
    for r in layout.rows:
        cells: list[RawCell] = []
        for word in r:
            covered = word in (STACKED_LEFT, STACKED_ABOVE)
            cells.append(
                RawCell(
                    text="" if covered else word,
                    covered=covered,
                    provenance=ctx.prov(first, header_text, end_line=last, note=note),
                )
            )
        rows.append(cells)
    return rows, layout.labels

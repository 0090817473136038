"""The layout reader's building blocks: printed lines, tokens, and the context of one read.

A ``Line`` is one printed line (stripped, with its 1-based source line number); a ``Tok``
a word or number of it. ``Context`` makes the provenance of every cell and collects the
parse warnings, and carries the header layouts the caller passed in. The token tests
(amount, classification code) and the patterns every part of the reader uses are here.
"""

from __future__ import annotations

import re
from msgspec import Struct
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from budgetlint.lazy_regex import lazy_compile
from budgetlint.model import ParseWarning, Provenance, RawCell
from budgetlint.read.heuristics import FRAMED_PAGE_NUMBER_RE

if TYPE_CHECKING:  # headers.py builds on this module
    from budgetlint.read.layout.headers import HeaderLayout

TABLE_MARKER_RE = lazy_compile(r"^公开\s*0?(\d{1,2})\s*表$")
SECTION_RE = lazy_compile(r"^第[一二三四五六七八九十]+部分")
UNIT_LINE_RE = lazy_compile(r"单\s*位\s*[:：]")
# A caption line (部门名称 / 单位 / 编制单位 and a colon) anywhere in the line: the export prints
# them side by side ("部门名称：某局 2023 年度 单位：万元"); cf. heuristics.CAPTION_RE, line starts only.
CAPTION_LABEL_RE = lazy_compile(r"部门名称\s*[:：]|单\s*位\s*[:：]|编制单位\s*[:：]")
# Amounts as printed: 56.94, 0, 19,572.91 (thousands separators), and fragments of a
# number broken by a line break (449. / 76).
NUMBER_TOKEN_RE = lazy_compile(r"^-?(?:\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+\.?\d*|\.\d+)$")
INT_TOKEN_RE = lazy_compile(r"^\d+$")
FUNCTIONAL_CODE_RE = lazy_compile(r"^\d{3}(?:\d{2}){0,2}$")  # 201, 20103, 2010301 (also 301, 30101)
HEADING_RE = lazy_compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+[.．、](?!\d)|其中[:：]|[一二三四五六七八九十]是)"
)


def is_number(tok: str) -> bool:
    return bool(NUMBER_TOKEN_RE.match(tok))


def is_code(tok: str) -> bool:
    return bool(FUNCTIONAL_CODE_RE.match(tok))


def decimal(tok: str) -> Decimal | None:
    try:
        return Decimal(tok.rstrip(".").replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


class Line(Struct):
    """A line of the source text."""

    no: int  # 1-based line number in the source
    text: str  # stripped text


class Tok(Struct):
    """A word of a line."""

    text: str
    line: int
    raw: str | None = None  # printed form when it differs from text


def is_skippable(line: Line) -> bool:
    """A blank line or a page number: never content."""
    return not line.text or bool(FRAMED_PAGE_NUMBER_RE.match(line.text))


class Context:
    """One read: the file's path, the warnings so far and the header layouts to rebuild headers with."""

    def __init__(self, path: Path, header_layouts: Sequence[HeaderLayout] = ()):
        self.path = str(path)
        self.warnings: list[ParseWarning] = []
        self.header_layouts = tuple(header_layouts)

    def prov(self, line: int | None, raw: str | None = None, **kw) -> Provenance:
        return Provenance(path=self.path, line=line or None, raw=raw, **kw)

    def cell(self, text: str, line: int | None, raw: str | None = None, **kw) -> RawCell:
        return RawCell(text=text, provenance=self.prov(line, text if raw is None else raw, **kw))

    def warn(self, code: str, message: str, line: int | None) -> None:
        self.warnings.append(ParseWarning(code=code, message=message, provenance=self.prov(line)))

    def pad(self, cells: list[RawCell], width: int, line: int | None) -> list[RawCell]:
        """``cells`` filled up with empty cells to ``width``."""
        while len(cells) < width:
            cells.append(self.cell("", line, ""))
        return cells

"""Property: damage to one printed cell raises no alarm of its own.

A cell of a text export's table that OCR or a damaged byte left unreadable — its code cell
("XY30102"), its name ("绩#工资"), or one amount ("0.Z3") — must not make the linter report something the undamaged
document does not: the row's values are unused or unknown, never read as another kind of row,
a zero, or a code of another classification. Hypothesis picks table lines of every text
example (derandomized: CI draws the same lines on every run) and one of the two damages; the
damaged document's findings must all be findings of the undamaged one (same rule, same places).
What made this fail before it held: tests/recognise/test_unreadable_code_cell.py.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from budgetlint.checker import load_rules
from budgetlint.engine import check_document
from budgetlint.read.text import parse_text
from budgetlint.recognise import recognise_all
from budgetlint.recognise.header_layouts import header_layouts
from tests.cell_mutations import EXAMPLES, reproducible

_CODE_CELL = re.compile(r"\d{3,7}")
_AMOUNT_CELL = re.compile(r"[0-9., ]*\d\.\d\d")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _rules():
    return load_rules()


def _findings(text: str, name: str) -> set[tuple[str, frozenset]]:
    doc = recognise_all([parse_text(text, name, header_layouts())])
    report = check_document(doc, _rules())
    return {(f.rule_id, frozenset((loc.table, loc.row, loc.column) for loc in f.locations)) for f in report.findings}


@lru_cache(maxsize=None)
def _baseline(path: Path) -> tuple[list[str], set]:
    text = path.read_text(encoding="utf-8")
    return text.split("\n"), _findings(text, path.name)


def _table_lines(path: Path) -> list[int]:
    lines, _ = _baseline(path)
    return [i for i, line in enumerate(lines) if len(cells := line.split("\t")) >= 4 and _CODE_CELL.fullmatch(cells[0])]


def _damaged(line: str, damage: str) -> str | None:
    cells = line.split("\t")
    if damage == "code":
        cells[0] = "XY" + cells[0]
    elif damage == "name":
        k = next((j for j, cell in enumerate(cells) if _CHINESE.search(cell)), None)
        if k is None:
            return None
        cells[k] = cells[k][0] + "#" + cells[k][2:] if len(cells[k]) > 2 else "#"
    else:
        k = next((j for j in range(len(cells) - 1, 0, -1) if _AMOUNT_CELL.fullmatch(cells[j])), None)
        if k is None:
            return None
        cells[k] = cells[k][:-2] + "Z" + cells[k][-1]
    return "\t".join(cells)


DOCUMENTS = [p for p in EXAMPLES if _table_lines(p)]


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
@reproducible(6)
@given(data=st.data())
def test_one_damaged_cell_raises_no_alarm(path, data):
    lines, before = _baseline(path)
    at = data.draw(st.sampled_from(_table_lines(path)), label="line")
    damage = data.draw(st.sampled_from(["code", "name", "amount"]), label="damage")
    changed = _damaged(lines[at], damage)
    if changed is None:
        return
    note(f"line {at + 1}: {lines[at][:60]!r} -> {changed[:60]!r}")
    after = _findings("\n".join([*lines[:at], changed, *lines[at + 1 :]]), path.name)
    assert {f[0] for f in after - before} == set(), sorted(after - before)

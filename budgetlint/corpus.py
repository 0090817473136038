"""The shared corpus of real published PDFs (../shared/corpus/real) and its MANIFEST.

Used by the corpus tests and benchmarks; budgetlint itself never needs it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = _ROOT.parent / "shared" / "corpus" / "real"
_UNIT_LABELS = re.compile(r"单位：元 x(\d+), 单位：万元 x(\d+)")


@dataclass(frozen=True)
class CorpusEntry:
    path: Path
    doc_kind: str  # 预算 / 决算
    year: int
    region: str
    department: str
    table_unit: str  # 万元 / 元 / mixed / unknown
    pages: int | None
    narrative_only: bool
    unit_labels: int  # how many "单位：元/万元" captions the MANIFEST counted (≈ tables present)


def corpus_entries(root: Path = CORPUS_DIR) -> list[CorpusEntry]:
    manifest = root / "MANIFEST.csv"
    if not manifest.is_file():
        return []
    entries = []
    with manifest.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            notes = row["notes"]
            m = _UNIT_LABELS.search(notes)
            labels = int(m.group(1)) + int(m.group(2)) if m else 0
            pages = re.match(r"(\d+)p", row["pages_or_size"])
            entries.append(CorpusEntry(
                path=root / row["file"], doc_kind=row["doc_kind"], year=int(row["year"]), region=row["region"],
                department=row["department"], table_unit=row["table_unit"],
                pages=int(pages.group(1)) if pages else None,
                narrative_only="narrative-only" in notes, unit_labels=labels,
            ))
    return entries

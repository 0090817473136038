"""The shared corpus of real published PDFs (../shared/corpus/real, or $BUDGETLINT_CORPUS) and its MANIFEST.

Used by the corpus tests and benchmarks; budgetlint itself never needs it.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
# BUDGETLINT_CORPUS names another copy (tests and benchmarks skip the corpus when it is absent)
CORPUS_DIR = Path(os.environ.get("BUDGETLINT_CORPUS") or _ROOT.parent / "shared" / "corpus" / "real")
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
            entries.append(
                CorpusEntry(
                    path=root / row["file"],
                    doc_kind=row["doc_kind"],
                    year=int(row["year"]),
                    region=row["region"],
                    department=row["department"],
                    table_unit=row["table_unit"],
                    pages=int(pages.group(1)) if pages else None,
                    narrative_only="narrative-only" in notes,
                    unit_labels=labels,
                )
            )
    return entries


# ------------------------------------------------------------------ the hand review

# The project's copy of the hand review; ../shared/corpus/real/REVIEWED-FINDINGS.csv is kept equal to it.
REVIEW_CSV = _ROOT / "tests" / "corpus" / "reviewed_findings.csv"
REAL = frozenset({"T", "Tm", "Tw"})


@dataclass(frozen=True)
class Reviewed:
    rule: str
    severity: str
    file: str  # relative to the corpus folder
    page: int
    verdict: str  # T, Tm, Tw (real) or F (false alarm)
    reason: str

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.rule, self.file, self.page)


def reviewed_findings(path: Path = REVIEW_CSV) -> list[Reviewed]:
    with path.open(encoding="utf-8") as fh:
        return [
            Reviewed(r["rule"], r["severity"], r["file"], int(r["page"]), r["verdict"], r["reason"])
            for r in csv.DictReader(fh)
        ]


def rule_family(rule_id: str) -> str:
    """BL101 -> BL1: a printed error may be reported by a sibling rule of the same family."""
    return rule_id[:3]


@dataclass
class ReviewComparison:
    """A corpus run's error and warning findings set against the hand review."""

    verdicts: list[tuple[tuple[str, str, int], str, str]]  # (key, severity, verdict or "?" when unreviewed)
    lost_real: list[Reviewed]  # real findings no longer reported (same family, file, page)
    back_false: list[Reviewed]  # false alarms reported again (same rule, file, page)

    @property
    def unreviewed(self) -> list[tuple[str, str, int]]:
        return [k for k, _, v in self.verdicts if v == "?"]

    def precision(self, severity: str) -> tuple[int, int]:
        """(real, reported) for one severity."""
        mine = [v for _, s, v in self.verdicts if s == severity]
        return sum(1 for v in mine if v in REAL), len(mine)


def finding_key(finding: dict, root: Path = CORPUS_DIR) -> tuple[str, str, int]:
    """(rule, file relative to the corpus, page) of a JSON-report finding's first location."""
    loc = finding["locations"][0] if finding["locations"] else {}
    return (finding["rule_id"], _relative(loc.get("path") or "", root), loc.get("page") or 0)


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


_RULE_NOTE = re.compile(r"(BL\d{3})[：:]")


def compare_with_review(report: dict, review: list[Reviewed], root: Path = CORPUS_DIR) -> ReviewComparison:
    """Match every error/warning of a JSON report to its reviewed row(s).

    A finding takes the verdicts of the rows with its (rule, file, page) in order; a finding
    beyond those rows is unreviewed ("?"). A real row is kept when any finding of the same
    rule family stands on that file and page, as its first location, another of its locations
    or a related one (one
    printed error is one finding with its consequences as related locations); a false row is back when a finding of that very
    rule stands there again and no real row of that rule shares the place.
    """
    rows: dict[tuple[str, str, int], list[Reviewed]] = {}
    for r in review:
        rows.setdefault(r.key, []).append(r)
    verdicts = []
    seen: dict[tuple[str, str, int], int] = {}
    places: set[tuple[str, str, int]] = set()
    for doc in report["documents"]:
        for f in doc["findings"]:
            if f["severity"] == "info":
                continue
            key = finding_key(f, root)
            n = seen.get(key, 0)
            seen[key] = n + 1
            known = rows.get(key, [])
            verdicts.append((key, f["severity"], known[n].verdict if n < len(known) else "?"))
            places.add((rule_family(key[0]), key[1], key[2]))
            for loc in f["locations"][1:]:  # the finding points at that page too
                places.add((rule_family(key[0]), _relative(loc.get("path") or "", root), loc.get("page") or 0))
            for loc in f.get("related", []):  # the same printed error shown again (parent, twin table)
                page = loc.get("page") or 0
                places.add((rule_family(key[0]), _relative(loc.get("path") or "", root), page))
                # A folded finding of another rule ("BL304：…") is reported by this one, on both pages.
                folded = _RULE_NOTE.match(loc.get("note") or "")
                if folded:
                    places.add((rule_family(folded.group(1)), key[1], key[2]))
                    places.add((rule_family(folded.group(1)), _relative(loc.get("path") or "", root), page))
    lost = [r for r in review if r.verdict in REAL and (rule_family(r.rule), r.file, r.page) not in places]
    back = [r for r in review if r.verdict == "F" and r.key in seen and not any(x.verdict in REAL for x in rows[r.key])]
    return ReviewComparison(verdicts, lost, back)

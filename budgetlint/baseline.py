"""Accepted findings: a baseline the finance office explains.

``--write-baseline FILE`` records today's findings by fingerprint (rule id +
file name + fact addresses: it does not move when lines or pages do), each with
an empty ``说明`` to fill in — why the difference is accepted, as budgeting
systems require for 提示性 checks. ``--baseline FILE`` then leaves those
findings out of the report and the exit code, and says which entries still
have no 说明 and which no longer match any finding (fixed, or changed).
Rewriting a baseline keeps the 说明 already written for findings still there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from budgetlint.errors import UsageError
from budgetlint.i18n import _f
from budgetlint.model import DocumentReport

BASELINE_VERSION = 1
EXPLANATION = "说明"


@dataclass
class BaselineOutcome:
    suppressed: int = 0
    unexplained: list[dict] = field(default_factory=list)  # entries matched but without 说明
    stale: list[dict] = field(default_factory=list)  # entries whose finding is gone


def write_baseline(path: Path, reports: list[DocumentReport]) -> int:
    old = load_baseline(path) if path.is_file() else {}
    entries = []
    for report in reports:
        for f in report.findings:
            entries.append(
                {
                    "fingerprint": f.fingerprint,
                    "rule_id": f.rule_id,
                    "file": Path(report.path).name,
                    "message": f.message,
                    EXPLANATION: old.get(f.fingerprint, {}).get(EXPLANATION, ""),
                }
            )
    data = {"version": BASELINE_VERSION, "entries": entries}
    try:
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise UsageError(_f("{path}：无法写入基线文件（{reason}）", path=path, reason=exc.strerror or exc)) from None
    return len(entries)


def load_baseline(path: Path) -> dict[str, dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(_f("{path}：找不到基线文件", path=path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(_f("{path}：基线文件无法读取（{reason}）", path=path, reason=exc)) from None
    if (
        not isinstance(data, dict)
        or data.get("version") != BASELINE_VERSION
        or not isinstance(data.get("entries"), list)
    ):
        raise UsageError(
            _f(
                "{path}：不是 budgetlint 基线文件（缺少 version = {version} 或 entries）",
                path=path,
                version=BASELINE_VERSION,
            )
        )
    entries = {}
    for e in data["entries"]:
        if not isinstance(e, dict) or not isinstance(e.get("fingerprint"), str):
            raise UsageError(_f("{path}：基线条目缺少 fingerprint", path=path))
        entries[e["fingerprint"]] = e
    return entries


def apply_baseline(reports: list[DocumentReport], entries: dict[str, dict]) -> BaselineOutcome:
    """Drop baselined findings from ``reports`` (in place)."""
    applied = BaselineFilter(entries)
    for report in reports:
        applied.apply(report)
    return applied.outcome()


class BaselineFilter:
    """The baseline applied one report at a time, as a batch streams them."""

    def __init__(self, entries: dict[str, dict]):
        self.entries = entries
        self._outcome = BaselineOutcome()
        self._seen: set[str] = set()

    def apply(self, report: DocumentReport) -> DocumentReport:
        """Drop ``report``'s baselined findings (in place)."""
        kept = []
        for f in report.findings:
            entry = self.entries.get(f.fingerprint)
            if entry is None:
                kept.append(f)
                continue
            self._seen.add(f.fingerprint)
            self._outcome.suppressed += 1
            if not str(entry.get(EXPLANATION, "")).strip():
                self._outcome.unexplained.append(entry)
        report.findings = kept
        return report

    def outcome(self) -> BaselineOutcome:
        self._outcome.stale = [e for fp, e in self.entries.items() if fp not in self._seen]
        return self._outcome


def describe(outcome: BaselineOutcome, path: Path) -> list[str]:
    """Lines for the clerk (stderr), in Chinese."""
    lines = [_f("基线 {path}：已接受 {n} 条问题，不计入结果", path=path, n=outcome.suppressed)]
    if outcome.unexplained:
        lines.append("  " + _f("其中 {n} 条还没有填写“{field}”：", n=len(outcome.unexplained), field=EXPLANATION))
        lines += [
            f"    {e.get('rule_id', '')} {e.get('file', '')} {str(e.get('message', ''))[:60]}"
            for e in outcome.unexplained
        ]
    if outcome.stale:
        lines.append(
            "  " + _f("{n} 条基线条目已没有对应的问题（已改正或已变化），可从基线中删除：", n=len(outcome.stale))
        )
        lines += [
            f"    {e.get('rule_id', '')} {e.get('file', '')} {str(e.get('message', ''))[:60]}" for e in outcome.stale
        ]
    return lines

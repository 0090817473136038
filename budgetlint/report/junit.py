"""JUnit XML for CI servers (``check --format junit``).

One ``testsuite`` per document and one ``testcase`` per rule × document, as a
CI server lists tests: a rule with findings is a failure (one ``failure``
element carrying every finding's message and place), a rule that could not run
is skipped with its reason, an unreadable document is one errored test case.
Info findings do not fail a test case; they are listed in ``system-out``.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from budgetlint.model import DocumentReport
from budgetlint.i18n import _
from budgetlint.report.text import label, where

FAILING = ("error", "warning")
NOT_A_TEST = ("kind", "scope")
RAN = ("partial", "nothing")


def render_junit(reports: list[DocumentReport], rules: list | None = None, **_options) -> str:
    root = ET.Element("testsuites", name="budgetlint")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    titles = {r.id: r.title for r in rules or []}
    for report in reports:
        suite = _suite(report, titles)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
        root.append(suite)
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def _suite(report: DocumentReport, titles: dict[str, str]) -> ET.Element:
    suite = ET.Element("testsuite", name=report.path)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if report.error:
        case = ET.SubElement(suite, "testcase", classname=_classname(report.path), name=_("读取文件"))
        ET.SubElement(case, "error", message=_(report.error), type="unreadable").text = _(report.error)
        counts.update(tests=1, errors=1)
    else:
        by_rule: dict[str, list] = {}
        for f in report.findings:
            by_rule.setdefault(f.rule_id, []).append(f)
            titles.setdefault(f.rule_id, f.title)
        # Rules for another kind of document or other money are no tests of this one; a rule
        # that ran somewhere (partial) or found nothing to check passed.
        absent = {n.rule_id for n in report.not_evaluated if n.cause in NOT_A_TEST}
        skipped = {n.rule_id: n for n in report.not_evaluated if n.cause not in NOT_A_TEST + RAN}
        ran = sorted(set(titles) - absent - set(skipped) | set(by_rule))
        for rule_id in ran + sorted(set(skipped) - set(ran)):
            case = ET.SubElement(
                suite,
                "testcase",
                classname=_classname(report.path),
                name=f"{rule_id} {titles.get(rule_id, '')}".strip(),
            )
            counts["tests"] += 1
            findings = by_rule.get(rule_id, [])
            failing = [f for f in findings if f.severity in FAILING]
            if failing:
                text = "\n\n".join(_describe(f, report.path, report.table_titles) for f in failing)
                ET.SubElement(case, "failure", message=failing[0].message, type=failing[0].severity).text = text
                counts["failures"] += 1
            elif rule_id in skipped and not findings:
                ET.SubElement(case, "skipped", message=skipped[rule_id].reason)
                counts["skipped"] += 1
            infos = [f for f in findings if f.severity not in FAILING]
            if infos:
                ET.SubElement(case, "system-out").text = "\n\n".join(
                    _describe(f, report.path, report.table_titles) for f in infos
                )
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite


def _describe(f, document_path: str, titles: dict[str, str]) -> str:
    places = "\n".join(
        f"  {where(loc, document_path, titles, keys=False)}  “{loc.excerpt[:160]}”" for loc in f.locations
    )
    return f"{label(f.severity)} {f.rule_id} {f.message}\n{places}"


def _classname(path: str) -> str:
    return Path(path).name
